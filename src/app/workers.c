/* workers.c - the table of background workers (see workers.h). */
#include "core/common.h"
#include "app/workers.h"

const struct worker workers[] = {
	{ NULL, NULL, NULL },
};
