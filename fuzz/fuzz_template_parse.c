/*
 * fuzz_template_parse.c - libFuzzer target for template_parse.
 *
 * Beyond memory errors, it checks the parser's contract: an error leaves
 * both outputs NULL, and a parsed document passes template_validate_service
 * unless it breaks a size limit or lacks a name, which the parser does not
 * enforce. Build and run from the repository root with clang:
 *
 *   clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=undefined -Isrc \
 *     fuzz/fuzz_template_parse.c src/domain/template.c \
 *     src/domain/template_parse.c src/core/strbuf.c src/core/alloc.c \
 *     src/core/error.c -ljansson -o fuzz_template_parse
 *   mkdir -p corpus && cp -r tests/fixtures/plantilla-integracion-311.txt \
 *     tests/fixtures/fuzz/. corpus/
 *   ./fuzz_template_parse -dict=fuzz/template_parse.dict -max_len=16384 \
 *     -timeout=5 -max_total_time=180 corpus
 *
 * Save each crashing input under tests/fixtures/fuzz/, where
 * tests/unit/test_template_parse.c replays it.
 */
#include "core/common.h"
#include "domain/template.h"
#include "domain/template_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Validation errors that a parsed document may raise. */
static bool is_allowed_failure(const struct error *err)
{
	return strcmp(err->code, "too_long") == 0 ||
	       strcmp(err->code, "too_many") == 0 ||
	       strcmp(err->field, "name.es") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *service = NULL, *unplaced = NULL;
	struct error err = { 0 };
	int rc = template_parse((const char *)data, size, &service, &unplaced,
				&err);

	if (rc != RC_OK) {
		if (service || unplaced || err.code[0] == '\0')
			abort();
		return 0;
	}
	if (!json_is_object(service) || !json_is_array(unplaced))
		abort();
	rc = template_validate_service(service, &err);
	if (rc != RC_OK && !is_allowed_failure(&err)) {
		fprintf(stderr, "parsed document fails validation: %s: %s\n",
			err.field, err.message_en);
		abort();
	}
	json_decref(service);
	json_decref(unplaced);
	return 0;
}
