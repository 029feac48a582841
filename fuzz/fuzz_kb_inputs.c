/*
 * fuzz_kb_inputs.c - libFuzzer target for the inputs that reach the
 * knowledge base from outside: CSV files, JSON request bodies for
 * agencies, offices and services, spreadsheet opening hours and request
 * paths. The first byte picks the parser; the rest is its input.
 *
 * Beyond memory errors and undefined behaviour, it checks contracts: a
 * validator either succeeds with an object or fails with a field and
 * messages in both languages, and a CSV row never has zero fields.
 *
 *   make fuzz                      # builds build-fuzz/fuzz_kb_inputs
 *   build-fuzz/fuzz_kb_inputs -max_total_time=120 fuzz/corpus-kb
 */
#include "core/common.h"
#include "domain/csv.h"
#include "domain/kb.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_validator(int (*fn)(json_t *, json_t *, json_t **, struct error *),
			    json_t *body)
{
	json_t *out = NULL;
	struct error err;

	error_clear(&err);
	if (fn(body, NULL, &out, &err) == RC_OK) {
		BUG_ON(!json_is_object(out));
		json_decref(out);
	} else {
		BUG_ON(out != NULL);
		BUG_ON(!err.message_es[0] || !err.message_en[0]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data + 1;
	size_t len = size ? size - 1 : 0;
	char *copy;

	if (!size)
		return 0;
	copy = xstrndup(text, len);
	switch (data[0] % 4) {
	case 0: {
		struct csv_reader r;
		struct csv_row row = { 0 };
		struct error err;

		csv_reader_init(&r, text, len);
		while (csv_next(&r, &row, &err) == RC_OK && row.count)
			BUG_ON(!row.fields[0]);
		csv_row_release(&row);
		break;
	}
	case 1: {
		json_t *body = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);

		if (body) {
			check_validator(agency_validate, body);
			check_validator(office_validate, body);
			check_validator(service_validate, body);
			json_decref(body);
		}
		break;
	}
	case 2: {
		json_t *hours = NULL;
		struct error err;

		if (office_hours_parse(copy, &hours, &err) == RC_OK)
			json_decref(hours);
		break;
	}
	default: {
		struct request req;
		char buf[1024], allow[128];
		size_t index;

		memset(&req, 0, sizeof(req));
		router_match("GET", copy, buf, sizeof(buf), &req, &index, allow, sizeof(allow));
		break;
	}
	}
	free(copy);
	return 0;
}
