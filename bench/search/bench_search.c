/*
 * bench_search.c - latency of the search index over a generated corpus,
 * against a plain SQLite FTS5 table and PostgreSQL's Spanish full-text
 * search over the same texts.
 *
 * Usage: bench_search [-n SERVICES] [-r ROUNDS] [-v] [--pg CONNINFO]
 *                     [--queries-out FILE] [--fill-db DATA_DIR]
 *
 * It generates SERVICES services (tests/corpus/search_corpus.h, seed 311)
 * plus the bundled agencies, times a full build of the index, then runs
 * every benchmark query ROUNDS times (after one warm-up round) and prints
 * the 50th and 99th percentile latency of each engine. FTS5 runs in this
 * process on an in-memory database with the unicode61 tokenizer (accents
 * removed); PostgreSQL runs behind CONNINFO, so its figures include a
 * loopback round trip. --queries-out writes the query list, one a line,
 * for the HTTP benchmark; -v prints each query's first hit and mean
 * latency. --fill-db writes the SERVICES generated services, published,
 * into the store of a data directory made by `linea311 init --bundled`
 * and exits. Rows go straight into the SQLite tables, one published
 * version each, because taking 100,000 services through the content
 * workflow (four versions each) would take longer than the benchmark.
 */
#include "core/common.h"
#include "domain/text.h"
#include "search/index.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "corpus/search_docs.h"

/* What an operator types: Spanish and English, typos, missing accents,
 * acronyms, and half-typed last words. */
static const char *const queries[] = {
	"licencia de conducir", "lisencia conducir", "drivers license",
	"certificado de nacimiento", "certificdo nacimiento", "birth certificate",
	"antecedentes penales", "buena conducta", "marbete", "renovacion marbete",
	"multas transito", "pasaporte", "pasaprte", "passport",
	"seguro social", "social security card", "desempleo", "unemployment",
	"pension alimentaria", "asume", "cupones", "plan vital", "medicaid",
	"dtop", "cesco", "aee averia", "apagon", "salidero agua",
	"agua interrupcion", "factura luz", "querella consumidor", "daco",
	"permiso de uso", "permiso construccion", "ogpe", "crim propiedad",
	"planilla", "reintegro hacienda", "matricula escolar", "matricula escol",
	"transcripcion creditos", "licencia de pesca", "licensia caza",
	"inscripcion electoral", "fema asistencia", "vivienda publica",
	"seccion 8", "veteranos", "ciudadania", "green card", "recogido escombros",
	"basura reciclaje", "animales realengos", "patente municipal",
	"mayaguez", "penuelas", "311", "certif", "renovacion de lic",
	"tarjeta seguro socia",
};

#define NQUERIES (sizeof(queries) / sizeof(queries[0]))

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double percentile(double *v, size_t n, double p)
{
	size_t k;

	qsort(v, n, sizeof(*v), cmp_double);
	k = (size_t)(p / 100.0 * (double)(n - 1) + 0.5);
	return v[k < n ? k : n - 1];
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

struct figures {
	double p50, p99, max;
	double cpu_p50, cpu_p99; /* thread CPU time, for a shared machine */
	double build_s;
	double hits; /* average results returned */
};

static void report(const char *engine, const struct figures *f)
{
	printf("%-9s build %7.2f s   p50 %8.3f ms   p99 %8.3f ms   max %8.3f ms"
	       "   avg hits %.1f\n",
	       engine, f->build_s, f->p50, f->p99, f->max, f->hits);
	if (f->cpu_p50 > 0)
		printf("%-9s CPU time per query: p50 %.3f ms, p99 %.3f ms\n", engine,
		       f->cpu_p50, f->cpu_p99);
}

/* ---- linea311 index ------------------------------------------------------ */

static struct search_index *build_index(size_t n,
					const struct corpus_agencies *ag,
					struct figures *f)
{
	struct search_index *idx = search_index_new();
	struct corpus_service *svc = xcalloc(n, sizeof(*svc));
	struct corpus_doc d;
	struct search_builder *b;
	struct error err = { 0 };
	double t0;

	for (size_t i = 0; i < n; i++)
		corpus_service_make(311, i, &svc[i]);
	t0 = now_ms();
	b = search_index_build_begin(idx);
	for (size_t i = 0; i < n; i++) {
		corpus_service_doc(ag, &svc[i], &d);
		if (search_builder_add(b, &d.doc, &err) != RC_OK) {
			fprintf(stderr, "add %zu: %s\n", i, err.message_en);
			exit(1);
		}
	}
	for (size_t i = 0; i < ag->count; i++) {
		corpus_agency_doc(ag, i, &d);
		if (search_builder_add(b, &d.doc, &err) != RC_OK) {
			fprintf(stderr, "agency %zu: %s\n", i, err.message_en);
			exit(1);
		}
	}
	search_index_build_commit(b);
	f->build_s = (now_ms() - t0) / 1e3;
	for (size_t i = 0; i < n; i++)
		corpus_service_release(&svc[i]);
	free(svc);
	return idx;
}

static bool verbose;

static void die_sqlite(sqlite3 *db, const char *what)
{
	fprintf(stderr, "sqlite %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

/* Load the default synonym groups that a new store gets, by running the
 * synonym migrations on an in-memory database, so that the index is
 * queried with the expansions the server uses. Returns the group count. */
static size_t load_default_synonyms(struct search_index *idx)
{
	static const char *const files[] = {
		"src/store/migrations/0010_synonyms.sql",
		"src/store/migrations/0011_synonyms_defaults.sql",
	};
	struct search_synonym_group *groups = NULL;
	json_t *all = json_array();
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t n;

	sqlite3_open(":memory:", &db);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		FILE *f = fopen(files[i], "r");
		struct strbuf sql = STRBUF_INIT;
		char buf[4096];
		size_t k;

		if (!f) {
			perror(files[i]);
			exit(1);
		}
		while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
			strbuf_add(&sql, buf, k);
		fclose(f);
		if (sqlite3_exec(db, strbuf_str(&sql), NULL, NULL, NULL) != SQLITE_OK)
			die_sqlite(db, files[i]);
		strbuf_release(&sql);
	}
	sqlite3_prepare_v2(db, "SELECT phrases FROM synonyms ORDER BY id", -1, &st,
			   NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(all, json_loads((const char *)
							      sqlite3_column_text(st, 0),
						      0, NULL));
	sqlite3_finalize(st);
	sqlite3_close(db);
	n = json_array_size(all);
	groups = xcalloc(n + 1, sizeof(*groups));
	for (size_t i = 0; i < n; i++) {
		json_t *phrases = json_array_get(all, i);
		const char **list = xcalloc(json_array_size(phrases) + 1,
					    sizeof(char *));

		for (size_t j = 0; j < json_array_size(phrases); j++)
			list[j] = json_string_value(json_array_get(phrases, j));
		groups[i] = (struct search_synonym_group){ list,
							   json_array_size(phrases) };
	}
	search_index_set_synonyms(idx, groups, n);
	for (size_t i = 0; i < n; i++)
		free((void *)groups[i].phrases);
	free(groups);
	json_decref(all);
	return n;
}

static void bench_index(struct search_index *idx, int rounds, struct figures *f)
{
	size_t total = (size_t)rounds * NQUERIES, k = 0;
	double *lat = xmalloc(total * sizeof(double)), hits = 0;
	double *cpu = xmalloc(total * sizeof(double));
	double *per_query = xcalloc(NQUERIES, sizeof(double));

	for (int r = -1; r < rounds; r++) {
		for (size_t q = 0; q < NQUERIES; q++) {
			struct search_query sq = { .text = queries[q], .lang = -1 };
			struct search_result res;
			struct error err = { 0 };
			double c0 = cpu_ms(), t0 = now_ms(), t1, c1;

			if (search_index_query(idx, &sq, &res, &err) != RC_OK) {
				fprintf(stderr, "query %s: %s\n", queries[q],
					err.message_en);
				exit(1);
			}
			t1 = now_ms();
			c1 = cpu_ms();
			if (r >= 0) {
				cpu[k] = c1 - c0;
				lat[k++] = t1 - t0;
				hits += (double)res.count;
				per_query[q] += (t1 - t0) / rounds;
			}
			if (verbose && r == 0)
				printf("  %-28s %6zu matched  first: %s [%s]\n",
				       queries[q], res.total,
				       res.count ? res.hits[0].title : "-",
				       res.count ? res.hits[0].section : "-");
			search_result_free(&res);
		}
	}
	for (size_t q = 0; verbose && q < NQUERIES; q++)
		printf("  %-28s mean %.3f ms\n", queries[q], per_query[q]);
	free(per_query);
	f->hits = hits / (double)total;
	f->max = percentile(lat, total, 100.0);
	f->p50 = percentile(lat, total, 50.0);
	f->p99 = percentile(lat, total, 99.0);
	f->cpu_p50 = percentile(cpu, total, 50.0);
	f->cpu_p99 = percentile(cpu, total, 99.0);
	free(cpu);
	free(lat);
}

/* ---- SQLite FTS5 ---------------------------------------------------------- */

/* Body text of a service for the other engines: every section but the
 * name, in the index's field order. */
static void service_body(const struct corpus_service *s, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s %s %s %s %s %s %s %s %s", strbuf_str(&s->name_en),
		    strbuf_str(&s->description), s->topic->detail_en,
		    strbuf_str(&s->audience), strbuf_str(&s->considerations),
		    strbuf_str(&s->place), strbuf_str(&s->cost),
		    strbuf_str(&s->requirements), strbuf_str(&s->faq));
}

/* FTS5 query: the query's words, each quoted, all required. */
static void fts5_query(const char *q, char *out, size_t size)
{
	struct text_tokenizer tz;
	struct text_token tok;
	size_t n = 0;

	out[0] = '\0';
	text_tokenizer_init(&tz, q, strlen(q));
	while (text_next_token(&tz, &tok) && n + tok.len + 4 < size)
		n += (size_t)snprintf(out + n, size - n, "%s\"%s\"", n ? " " : "",
				      tok.word);
}

static void bench_fts5(size_t n, int rounds, struct figures *f)
{
	sqlite3 *db;
	sqlite3_stmt *ins, *sel;
	struct strbuf body = STRBUF_INIT;
	struct corpus_service s = { 0 };
	size_t total = (size_t)rounds * NQUERIES, k = 0;
	double *lat = xmalloc(total * sizeof(double)), hits = 0, t0;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		die_sqlite(db, "open");
	if (sqlite3_exec(db,
			 "CREATE VIRTUAL TABLE docs USING fts5(name, body, "
			 "tokenize = 'unicode61 remove_diacritics 2');",
			 NULL, NULL, NULL) != SQLITE_OK)
		die_sqlite(db, "create");
	if (sqlite3_prepare_v2(db, "INSERT INTO docs(rowid, name, body) "
				   "VALUES (?, ?, ?)",
			       -1, &ins, NULL) != SQLITE_OK)
		die_sqlite(db, "prepare insert");
	t0 = now_ms();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		corpus_service_make(311, i, &s);
		service_body(&s, &body);
		sqlite3_bind_int64(ins, 1, s.id);
		sqlite3_bind_text(ins, 2, strbuf_str(&s.name_es), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, strbuf_str(&body), -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			die_sqlite(db, "insert");
		sqlite3_reset(ins);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	f->build_s = (now_ms() - t0) / 1e3;
	sqlite3_finalize(ins);
	corpus_service_release(&s);
	strbuf_release(&body);

	if (sqlite3_prepare_v2(db, "SELECT rowid FROM docs WHERE docs MATCH ? "
				   "ORDER BY bm25(docs, 10.0, 1.0) LIMIT 10",
			       -1, &sel, NULL) != SQLITE_OK)
		die_sqlite(db, "prepare select");
	for (int r = -1; r < rounds; r++) {
		for (size_t q = 0; q < NQUERIES; q++) {
			char fq[512];
			int rows = 0;
			double t1;

			fts5_query(queries[q], fq, sizeof(fq));
			t0 = now_ms();
			sqlite3_bind_text(sel, 1, fq, -1, SQLITE_STATIC);
			while (sqlite3_step(sel) == SQLITE_ROW)
				rows++;
			sqlite3_reset(sel);
			t1 = now_ms();
			if (r >= 0) {
				lat[k++] = t1 - t0;
				hits += rows;
			}
		}
	}
	sqlite3_finalize(sel);
	sqlite3_close(db);
	f->hits = hits / (double)total;
	f->max = percentile(lat, total, 100.0);
	f->p50 = percentile(lat, total, 50.0);
	f->p99 = percentile(lat, total, 99.0);
	free(lat);
}

/* ---- PostgreSQL ------------------------------------------------------------ */

static void pg_exec(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "postgres: %s: %s", sql, PQerrorMessage(c));
		exit(1);
	}
	PQclear(r);
}

/* Append s to sb escaped for COPY's text format. */
static void copy_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '\t' || *s == '\n' || *s == '\r')
			strbuf_addch(sb, ' ');
		else
			strbuf_addch(sb, *s);
	}
}

static void bench_pg(const char *conninfo, size_t n, int rounds,
		     struct figures *f)
{
	PGconn *c = PQconnectdb(conninfo);
	struct strbuf body = STRBUF_INIT, line = STRBUF_INIT;
	struct corpus_service s = { 0 };
	size_t total = (size_t)rounds * NQUERIES, k = 0;
	double *lat = xmalloc(total * sizeof(double)), hits = 0, t0;
	PGresult *r;

	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "postgres: %s", PQerrorMessage(c));
		exit(1);
	}
	pg_exec(c, "DROP TABLE IF EXISTS docs");
	pg_exec(c, "CREATE TABLE docs (id bigint PRIMARY KEY, name text, "
		   "body text, tsv tsvector GENERATED ALWAYS AS ("
		   "setweight(to_tsvector('spanish', name), 'A') || "
		   "setweight(to_tsvector('spanish', body), 'B')) STORED)");
	t0 = now_ms();
	r = PQexec(c, "COPY docs (id, name, body) FROM STDIN");
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		fprintf(stderr, "postgres copy: %s", PQerrorMessage(c));
		exit(1);
	}
	PQclear(r);
	for (size_t i = 0; i < n; i++) {
		corpus_service_make(311, i, &s);
		service_body(&s, &body);
		strbuf_reset(&line);
		strbuf_addf(&line, "%lld\t", (long long)s.id);
		copy_escape(&line, strbuf_str(&s.name_es));
		strbuf_addch(&line, '\t');
		copy_escape(&line, strbuf_str(&body));
		strbuf_addch(&line, '\n');
		if (PQputCopyData(c, line.buf, (int)line.len) != 1) {
			fprintf(stderr, "postgres copy: %s", PQerrorMessage(c));
			exit(1);
		}
	}
	if (PQputCopyEnd(c, NULL) != 1) {
		fprintf(stderr, "postgres copy end: %s", PQerrorMessage(c));
		exit(1);
	}
	r = PQgetResult(c);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "postgres copy: %s", PQerrorMessage(c));
		exit(1);
	}
	PQclear(r);
	pg_exec(c, "CREATE INDEX docs_tsv ON docs USING gin (tsv)");
	pg_exec(c, "ANALYZE docs");
	f->build_s = (now_ms() - t0) / 1e3;
	corpus_service_release(&s);
	strbuf_release(&body);
	strbuf_release(&line);

	r = PQprepare(c, "q",
		      "SELECT id FROM docs, plainto_tsquery('spanish', $1) q "
		      "WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10",
		      1, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "postgres prepare: %s", PQerrorMessage(c));
		exit(1);
	}
	PQclear(r);
	for (int round = -1; round < rounds; round++) {
		for (size_t q = 0; q < NQUERIES; q++) {
			const char *params[1] = { queries[q] };
			double t1;

			t0 = now_ms();
			r = PQexecPrepared(c, "q", 1, params, NULL, NULL, 0);
			t1 = now_ms();
			if (PQresultStatus(r) != PGRES_TUPLES_OK) {
				fprintf(stderr, "postgres query: %s",
					PQerrorMessage(c));
				exit(1);
			}
			if (round >= 0) {
				lat[k++] = t1 - t0;
				hits += PQntuples(r);
			}
			PQclear(r);
		}
	}
	PQfinish(c);
	f->hits = hits / (double)total;
	f->max = percentile(lat, total, 100.0);
	f->p50 = percentile(lat, total, 50.0);
	f->p99 = percentile(lat, total, 99.0);
	free(lat);
}

/* ---- filling a data directory for the HTTP benchmark ---------------------- */

static long long lookup_agency(sqlite3 *db, const char *acronym)
{
	sqlite3_stmt *st;
	long long id = 0;

	sqlite3_prepare_v2(db,
			   acronym ? "SELECT id FROM agencies WHERE acronym = ?1"
				   : "SELECT id FROM agencies WHERE name_es = "
				     "'Municipio de San Juan'",
			   -1, &st, NULL);
	if (acronym)
		sqlite3_bind_text(st, 1, acronym, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!id) {
		fprintf(stderr, "bench_search: agency %s not found; run "
				"linea311 init --bundled first\n",
			acronym ? acronym : "Municipio de San Juan");
		exit(1);
	}
	return id;
}

static char *service_document(const struct corpus_service *s)
{
	const char *faq = strbuf_str(&s->faq), *dash = strstr(faq, " - ");
	char *question = dash ? xstrndup(faq, (size_t)(dash - faq)) : xstrdup(faq);
	json_t *doc = json_pack(
		"{s{ssss}s{s{ssss}s{ss}s{ss}s{ss}s{ss}s{ss}s[{s{ss}s{ss}}]}}",
		"name", "es", strbuf_str(&s->name_es), "en",
		strbuf_str(&s->name_en), "template", "description", "es",
		strbuf_str(&s->description), "en", s->topic->detail_en,
		"audience", "es", strbuf_str(&s->audience), "considerations",
		"es", strbuf_str(&s->considerations), "location_hours", "es",
		strbuf_str(&s->place), "cost_payment", "es", strbuf_str(&s->cost),
		"requirements", "es", strbuf_str(&s->requirements), "faq",
		"question", "es", question, "answer", "es", dash ? dash + 3 : "-");
	char *text = json_dumps(doc, JSON_COMPACT);

	json_decref(doc);
	free(question);
	return text;
}

static int fill_db(const char *data_dir, size_t n)
{
	static const char now[] = "2026-12-04T00:00:00Z";
	char path[4096];
	sqlite3 *db;
	sqlite3_stmt *svc, *ver;
	struct corpus_service s = { 0 };
	double t0 = now_ms();

	snprintf(path, sizeof(path), "%s/linea311.db", data_dir);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die_sqlite(db, path);
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO services (agency_id, status, version,"
			       " published_version, referrals_allowed, sla2_days,"
			       " last_reviewed_at, created_at, updated_at)"
			       " VALUES (?1, 'published', 1, 1, 0, 30, ?2, ?2, ?2)",
			       -1, &svc, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO service_versions (service_id, version,"
			       " status, document, changed_by, changed_at, change)"
			       " VALUES (?1, 1, 'published', ?2, 'bench', ?3, '{}')",
			       -1, &ver, NULL) != SQLITE_OK)
		die_sqlite(db, "prepare");
	for (size_t i = 0; i < n; i++) {
		char *doc;

		corpus_service_make(311, i, &s);
		sqlite3_bind_int64(svc, 1, lookup_agency(db, s.topic->agency));
		sqlite3_bind_text(svc, 2, now, -1, SQLITE_STATIC);
		if (sqlite3_step(svc) != SQLITE_DONE)
			die_sqlite(db, "insert service");
		sqlite3_reset(svc);
		doc = service_document(&s);
		sqlite3_bind_int64(ver, 1, sqlite3_last_insert_rowid(db));
		sqlite3_bind_text(ver, 2, doc, -1, free);
		sqlite3_bind_text(ver, 3, now, -1, SQLITE_STATIC);
		if (sqlite3_step(ver) != SQLITE_DONE)
			die_sqlite(db, "insert version");
		sqlite3_reset(ver);
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die_sqlite(db, "commit");
	sqlite3_finalize(svc);
	sqlite3_finalize(ver);
	sqlite3_close(db);
	corpus_service_release(&s);
	printf("filled %s with %zu published services in %.1f s\n", path, n,
	       (now_ms() - t0) / 1e3);
	return 0;
}

int main(int argc, char **argv)
{
	size_t n = 100000;
	int rounds = 20;
	const char *pg = NULL, *queries_out = NULL, *fill = NULL;
	struct corpus_agencies *ag = xcalloc(1, sizeof(*ag));
	struct figures mine = { 0 }, fts = { 0 }, pgf = { 0 };
	struct search_index *idx;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = (size_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			rounds = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--pg") == 0 && i + 1 < argc)
			pg = argv[++i];
		else if (strcmp(argv[i], "--fill-db") == 0 && i + 1 < argc)
			fill = argv[++i];
		else if (strcmp(argv[i], "-v") == 0)
			verbose = true;
		else if (strcmp(argv[i], "--queries-out") == 0 && i + 1 < argc)
			queries_out = argv[++i];
		else {
			fprintf(stderr, "usage: %s [-n SERVICES] [-r ROUNDS] [-v] "
					"[--pg CONNINFO] [--queries-out FILE] "
					"[--fill-db DATA_DIR]\n",
				argv[0]);
			return 2;
		}
	}
	if (n == 0 || rounds <= 0) {
		fprintf(stderr, "bench_search: -n and -r must be positive\n");
		return 2;
	}
	if (queries_out) {
		FILE *f = fopen(queries_out, "w");

		if (!f) {
			perror(queries_out);
			return 1;
		}
		for (size_t q = 0; q < NQUERIES; q++)
			fprintf(f, "%s\n", queries[q]);
		fclose(f);
	}
	if (fill)
		return fill_db(fill, n);
	if (corpus_agencies_load("data/bundled/agencias-pr.csv", ag) == 0) {
		fprintf(stderr, "bench_search: run from the repository root "
				"(data/bundled/agencias-pr.csv not found)\n");
		return 1;
	}

	printf("corpus: %zu generated services + %zu agencies, %zu queries x %d "
	       "rounds\n",
	       n, ag->count, NQUERIES, rounds);
	idx = build_index(n, ag, &mine);
	printf("synonym groups: %zu (the defaults of a new store)\n",
	       load_default_synonyms(idx));
	bench_index(idx, rounds, &mine);
	report("linea311", &mine);
	bench_fts5(n, rounds, &fts);
	report("fts5", &fts);
	if (pg) {
		bench_pg(pg, n, rounds, &pgf);
		report("postgres", &pgf);
	}
	printf("ratio p50: fts5/linea311 %.1f", fts.p50 / mine.p50);
	if (pg)
		printf(", postgres/linea311 %.1f", pgf.p50 / mine.p50);
	printf("\nratio p99: fts5/linea311 %.1f", fts.p99 / mine.p99);
	if (pg)
		printf(", postgres/linea311 %.1f", pgf.p99 / mine.p99);
	printf("\n");
	search_index_free(idx);
	free(ag);
	return 0;
}
