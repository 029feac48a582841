/*
 * kb_export_csv.c - agencies and offices as CSV, with the same columns
 * that kb_import_csv reads, so a spreadsheet edit can go back in. The
 * file starts with a UTF-8 byte-order mark so that spreadsheets keep the
 * accents.
 */
#include "core/common.h"
#include "app/kb_import.h"
#include "domain/csv.h"
#include "store/kb.h"

#define PAGE 500

static const char *text_of(json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void add_row(struct strbuf *out, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(out, ',');
		csv_write_field(out, cells[i]);
	}
	strbuf_adds(out, "\r\n");
}

/* Map the API's level and status codes back to the Spanish words of the
 * bundled agencies file. */
static const char *level_word(const char *level)
{
	return level && !strcmp(level, "state") ? "estatal" : level;
}

static int export_agencies(struct app *app, struct strbuf *out, struct error *err)
{
	static const char *const header[] = {
		"siglas", "nombre", "name_en", "nivel", "agencia_madre", "municipio",
		"sitio_web", "telefono", "correo", "estado_integracion", "licencias",
		/* the onboarding steps of domain/kb.h, in order */
		"liaison_named", "content_meetings", "templates_approved",
		"operator_orientation", "test_calls", "licences_acquired",
		"liaison_training", "agreement_signed",
	};
	struct agency_filter f = { 0 };
	struct page page = { PAGE, 0 };
	json_t *all = json_array(), *list, *a;
	size_t i;
	int rc = RC_OK;

	add_row(out, header, ARRAY_SIZE(header));
	/* Read every page first: parents are named by acronym. */
	for (;;) {
		rc = store_agency_list(app->store, &f, &page, &list, err);
		if (rc)
			break;
		size_t n = json_array_size(json_object_get(list, "items"));
		json_array_extend(all, json_object_get(list, "items"));
		json_decref(list);
		if (n < PAGE)
			break;
		page.offset += PAGE;
	}
	json_array_foreach(all, i, a) {
		const char *parent = NULL;
		char licences[24];
		json_t *p;
		size_t k;

		if (rc)
			break;
		json_array_foreach(all, k, p)
			if (json_equal(json_object_get(p, "id"), json_object_get(a, "parent_id")))
				parent = text_of(json_object_get(p, "acronym"));
		snprintf(licences, sizeof(licences), "%lld",
			 (long long)json_integer_value(json_object_get(a, "licences")));
		json_t *ob = json_object_get(a, "onboarding");
		const char *cells[] = {
			text_of(json_object_get(a, "acronym")),
			text_of(json_object_get(json_object_get(a, "name"), "es")),
			text_of(json_object_get(json_object_get(a, "name"), "en")),
			level_word(text_of(json_object_get(a, "level"))),
			parent,
			text_of(json_object_get(a, "municipio")),
			text_of(json_object_get(a, "website")),
			text_of(json_object_get(a, "phone")),
			text_of(json_object_get(a, "email")),
			text_of(json_object_get(a, "integration_status")),
			licences,
			text_of(json_object_get(ob, "liaison_named")),
			text_of(json_object_get(ob, "content_meetings")),
			text_of(json_object_get(ob, "templates_approved")),
			text_of(json_object_get(ob, "operator_orientation")),
			text_of(json_object_get(ob, "test_calls")),
			text_of(json_object_get(ob, "licences_acquired")),
			text_of(json_object_get(ob, "liaison_training")),
			text_of(json_object_get(ob, "agreement_signed")),
		};
		add_row(out, cells, ARRAY_SIZE(cells));
	}
	json_decref(all);
	return rc;
}

/* Write an office's hours as "mon 08:00-12:00,13:00-16:30; tue ...". */
static void hours_text(json_t *hours, struct strbuf *sb)
{
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

	for (size_t d = 0; d < ARRAY_SIZE(days); d++) {
		json_t *ranges = json_object_get(hours, days[d]), *r;
		size_t i;

		if (!json_array_size(ranges))
			continue;
		strbuf_addf(sb, "%s%s ", sb->len ? "; " : "", days[d]);
		json_array_foreach(ranges, i, r)
			strbuf_addf(sb, "%s%s-%s", i ? "," : "",
				    json_string_value(json_object_get(r, "open")),
				    json_string_value(json_object_get(r, "close")));
	}
}

static int export_offices(struct app *app, struct strbuf *out, struct error *err)
{
	static const char *const header[] = {
		"agencia", "oficina", "name_en", "direccion", "municipio", "telefonos",
		"fax", "correo", "latitud", "longitud", "horario", "notas",
	};
	struct office_filter f = { 0 };
	struct page page = { PAGE, 0 };
	int rc;

	add_row(out, header, ARRAY_SIZE(header));
	for (;;) {
		json_t *list, *o;
		size_t i, n;

		rc = store_office_list(app->store, &f, &page, &list, err);
		if (rc)
			return rc;
		n = json_array_size(json_object_get(list, "items"));
		json_array_foreach(json_object_get(list, "items"), i, o) {
			struct strbuf phones = STRBUF_INIT, hours = STRBUF_INIT;
			char agency[24], lat[32] = "", lon[32] = "";
			json_t *p;
			size_t k;

			/* The acronym, which survives a move to another store; the
			 * id for an agency without one. */
			json_t *owner = NULL;
			long long agency_id = json_integer_value(json_object_get(o, "agency_id"));

			if (!store_agency_get(app->store, agency_id, &owner, NULL) &&
			    json_is_string(json_object_get(owner, "acronym")))
				snprintf(agency, sizeof(agency), "%s",
					 json_string_value(json_object_get(owner, "acronym")));
			else
				snprintf(agency, sizeof(agency), "%lld", agency_id);
			json_decref(owner);
			json_array_foreach(json_object_get(o, "phones"), k, p)
				strbuf_addf(&phones, "%s%s", k ? ";" : "", json_string_value(p));
			hours_text(json_object_get(o, "hours"), &hours);
			if (json_is_number(json_object_get(o, "latitude")))
				snprintf(lat, sizeof(lat), "%.6f", json_number_value(json_object_get(o, "latitude")));
			if (json_is_number(json_object_get(o, "longitude")))
				snprintf(lon, sizeof(lon), "%.6f", json_number_value(json_object_get(o, "longitude")));
			const char *cells[] = {
				agency,
				text_of(json_object_get(json_object_get(o, "name"), "es")),
				text_of(json_object_get(json_object_get(o, "name"), "en")),
				text_of(json_object_get(o, "address")),
				text_of(json_object_get(o, "municipio")),
				strbuf_str(&phones),
				text_of(json_object_get(o, "fax")),
				text_of(json_object_get(o, "email")),
				lat, lon, strbuf_str(&hours),
				text_of(json_object_get(o, "notes")),
			};
			add_row(out, cells, ARRAY_SIZE(cells));
			strbuf_release(&phones);
			strbuf_release(&hours);
		}
		json_decref(list);
		if (n < PAGE)
			return RC_OK;
		page.offset += PAGE;
	}
}

int kb_export_csv(struct app *app, const char *kind, struct strbuf *out,
		  struct error *err)
{
	strbuf_adds(out, "\xEF\xBB\xBF");
	if (!strcmp(kind, "agencies"))
		return export_agencies(app, out, err);
	return export_offices(app, out, err);
}
