/*
 * synonyms.c - /api/v1/synonyms: the synonym and acronym groups that the
 * content office edits for operator search. Every write reloads the
 * groups into the search index before the response is sent.
 */
#include "core/common.h"
#include "api/api.h"
#include "api/crud.h"
#include "domain/text.h"
#include "domain/validate.h"
#include "store/synonym.h"

#define MAX_PHRASES 50
#define MAX_PHRASE_BYTES 200
#define MAX_NOTE_BYTES 500

/* Check that member i of phrases is a string with a word in it that no
 * earlier phrase repeats (compared folded: "Peñuelas" == "PENUELAS"). */
static int check_phrase(json_t *phrases, size_t i, struct error *err)
{
	char field[32], folded[MAX_PHRASE_BYTES * 2 + 1];
	const char *s = json_string_value(json_array_get(phrases, i));

	snprintf(field, sizeof(field), "phrases[%zu]", i);
	if (!s || !*s || strlen(s) > MAX_PHRASE_BYTES)
		return error_set(err, RC_INVALID, "invalid_field", field,
				 "Cada frase debe ser un texto de 1 a %d bytes.",
				 "Each phrase must be a text of 1 to %d bytes.",
				 MAX_PHRASE_BYTES);
	if (!text_fold(s, strlen(s), folded, sizeof(folded)))
		return error_set(err, RC_INVALID, "invalid_field", field,
				 "La frase «%s» no tiene letras ni números.",
				 "The phrase \"%s\" has no letters or digits.", s);
	for (size_t j = 0; j < i; j++) {
		const char *other = json_string_value(json_array_get(phrases, j));
		char other_folded[MAX_PHRASE_BYTES * 2 + 1];

		text_fold(other, strlen(other), other_folded, sizeof(other_folded));
		if (!strcmp(folded, other_folded))
			return error_set(err, RC_INVALID, "duplicate", field,
					 "La frase «%s» repite «%s».",
					 "The phrase \"%s\" repeats \"%s\".", s,
					 other);
	}
	return RC_OK;
}

/* Check a group body {"phrases": [...], "note": ...} and return a clean
 * copy in *out. */
static int synonym_validate(json_t *body, json_t **out, struct error *err)
{
	static const char *const allowed[] = { "phrases", "note", NULL };
	json_t *phrases;
	size_t n;
	int rc;

	json_trim_strings(body);
	rc = check_known_members(body, "", allowed, err);
	if (!rc)
		rc = check_string(body, "note", "", false, MAX_NOTE_BYTES, err);
	if (rc)
		return rc;
	phrases = json_object_get(body, "phrases");
	n = json_array_size(phrases);
	if (!json_is_array(phrases) || n < 2 || n > MAX_PHRASES)
		return error_set(err, RC_INVALID, "invalid_field", "phrases",
				 "«phrases» debe ser una lista de 2 a %d frases equivalentes.",
				 "\"phrases\" must be a list of 2 to %d equivalent phrases.",
				 MAX_PHRASES);
	for (size_t i = 0; i < n; i++) {
		rc = check_phrase(phrases, i, err);
		if (rc)
			return rc;
	}
	*out = json_pack("{sOsO}", "phrases", phrases, "note",
			 json_object_get(body, "note") ? json_object_get(body, "note")
						       : json_null());
	return RC_OK;
}

struct synonym_write {
	json_t *group;
	long long id;
	enum { SYN_CREATE, SYN_UPDATE, SYN_DELETE } op;
};

static int do_write(struct store *store, void *ctx, struct error *err)
{
	struct synonym_write *w = ctx;

	switch (w->op) {
	case SYN_CREATE:
		return store_synonym_create(store, w->group, &w->id, err);
	case SYN_UPDATE:
		return store_synonym_update(store, w->id, w->group, err);
	case SYN_DELETE:
		return store_synonym_delete(store, w->id, err);
	}
	return RC_INTERNAL;
}

/* Validate the body (unless deleting), write, reload the index. */
static int write_group(struct request *req, struct response *res,
		       struct synonym_write *w)
{
	struct error err;
	json_t *body = NULL;
	int rc = RC_OK;

	if (w->op != SYN_DELETE) {
		if (req_json(req, res, &body))
			return RC_BAD_REQUEST;
		rc = synonym_validate(body, &w->group, &err);
		json_decref(body);
	}
	if (!rc)
		rc = crud_in_transaction(req->app->store, do_write, w, &err);
	json_decref(w->group);
	if (rc) {
		reply_error(req, res, &err);
		return rc;
	}
	app_kb_changed(req->app, "synonym", w->id);
	return RC_OK;
}

static void reply_group(struct request *req, struct response *res,
			long long id, unsigned status)
{
	struct error err;
	json_t *row;

	if (store_synonym_get(req->app->store, id, &row, &err)) {
		reply_error(req, res, &err);
		return;
	}
	if (status == 201) {
		char location[64];

		snprintf(location, sizeof(location), "/api/v1/synonyms/%lld", id);
		reply_header(res, "Location", location);
	}
	reply_json(res, status, row);
}

void synonyms_list(struct request *req, struct response *res)
{
	struct page page;
	const char *q;
	struct error err;
	json_t *out;

	if (req_page(req, res, &page) || req_query_text(req, res, "q", 200, &q))
		return;
	if (store_synonym_list(req->app->store, q, &page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, out);
}

void synonyms_create(struct request *req, struct response *res)
{
	struct synonym_write w = { .op = SYN_CREATE };

	if (write_group(req, res, &w) == RC_OK)
		reply_group(req, res, w.id, 201);
}

void synonyms_get(struct request *req, struct response *res)
{
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	reply_group(req, res, id, 200);
}

void synonyms_update(struct request *req, struct response *res)
{
	struct synonym_write w = { .op = SYN_UPDATE };

	if (req_id(req, res, 0, &w.id))
		return;
	if (write_group(req, res, &w) == RC_OK)
		reply_group(req, res, w.id, 200);
}

void synonyms_delete(struct request *req, struct response *res)
{
	struct synonym_write w = { .op = SYN_DELETE };

	if (req_id(req, res, 0, &w.id))
		return;
	if (write_group(req, res, &w) == RC_OK)
		reply_empty(res);
}
