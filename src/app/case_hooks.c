/* case_hooks.c - the case-change hook (see case_hooks.h). */
#include "core/common.h"
#include "app/case_hooks.h"

#include <stdatomic.h>

static _Atomic(case_change_hook) hook;

void case_hooks_set(case_change_hook fn)
{
	atomic_store(&hook, fn);
}

int case_hooks_run(struct store *store, const struct case_change *change,
		   struct error *err)
{
	case_change_hook fn = atomic_load(&hook);

	return fn ? fn(store, change, err) : RC_OK;
}
