/* workers.c - the table of background workers (see workers.h). */
#include "core/common.h"
#include "app/workers.h"
#include "stats/delivery.h"
#include "outbox/sender.h"
#include "app/search_sync.h"
#include "app/case_workers.h"

const struct worker workers[] = {
	{ "search", search_worker_start, search_worker_stop },
	{ "case-writer", case_writer_start, case_writer_stop },
	{ "sla-sweep", sla_sweep_start, sla_sweep_stop },
	{ "outbox", outbox_sender_start, outbox_sender_stop },
	{ "stats-delivery", stats_delivery_start, stats_delivery_stop },
	{ NULL, NULL, NULL },
};
