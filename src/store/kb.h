/*
 * kb.h - storage of the knowledge base: agencies, offices and services.
 *
 * Objects in and out use the JSON API's member names. Lists return
 * {"items": [...], "total": N, "limit": L, "offset": O}. Getters of a
 * missing or archived row return RC_NOT_FOUND unless the filter asks for
 * archived rows. Writes must run inside store_begin/store_commit.
 */
#ifndef LINEA311_STORE_KB_H
#define LINEA311_STORE_KB_H

#include "store/store.h"

struct page {
	long long limit;  /* 1..500 */
	long long offset; /* >= 0 */
};

struct agency_filter {
	const char *level;              /* NULL: any */
	const char *integration_status; /* NULL: any */
	const char *municipio;          /* NULL: any */
	long long parent_id;            /* 0: any */
	const char *name;               /* substring of a name or the acronym */
	bool archived;                  /* list archived agencies instead */
};

int store_agency_create(struct store *store, json_t *agency, long long *id,
			struct error *err);
int store_agency_update(struct store *store, long long id, json_t *agency,
			struct error *err);
int store_agency_get(struct store *store, long long id, json_t **out,
		     struct error *err);
int store_agency_list(struct store *store, const struct agency_filter *f,
		      const struct page *page, json_t **out, struct error *err);
int store_agency_archive(struct store *store, long long id, struct error *err);
/* Find a live agency by acronym, or by its exact Spanish name when
 * acronym is NULL; RC_NOT_FOUND when none. */
int store_agency_find(struct store *store, const char *acronym,
		      const char *name_es, long long *id, struct error *err);

struct office_filter {
	long long agency_id;   /* 0: any */
	const char *municipio; /* NULL: any */
	bool archived;
};

int store_office_create(struct store *store, json_t *office, long long *id,
			struct error *err);
int store_office_update(struct store *store, long long id, json_t *office,
			struct error *err);
int store_office_get(struct store *store, long long id, json_t **out,
		     struct error *err);
int store_office_list(struct store *store, const struct office_filter *f,
		      const struct page *page, json_t **out, struct error *err);
int store_office_archive(struct store *store, long long id, struct error *err);

/* Which version of a service a read returns. */
enum service_view {
	SERVICE_PUBLISHED, /* the published version; RC_NOT_FOUND if none */
	SERVICE_LATEST,    /* the working version, whatever its status */
	SERVICE_VERSION,   /* the version given */
};

struct service_filter {
	long long agency_id;   /* 0: any */
	const char *status;    /* NULL: published services only */
	const char *level;     /* agency level, NULL: any */
	int referrals_allowed; /* -1: any, 0 or 1 */
};

/*
 * Create a service from a validated body (see service_validate) as
 * version 1 in status draft, recording actor as its author.
 */
int store_service_create(struct store *store, json_t *service,
			 const char *actor, long long *id, struct error *err);

/*
 * Store a new version with the validated body's document and settings;
 * the status returns to draft, the published version stays visible.
 * change is a JSON object describing what changed; it is stored as given.
 */
int store_service_update(struct store *store, long long id, json_t *service,
			 const char *actor, json_t *change, struct error *err);

/* Move the service to status (already checked by the caller), recording
 * a version. Publishing makes the working version the published one and
 * marks the content reviewed. */
int store_service_set_status(struct store *store, long long id,
			     const char *status, const char *actor,
			     struct error *err);

/* Mark the published content reviewed now, without changing it. */
int store_service_mark_reviewed(struct store *store, long long id,
				const char *actor, struct error *err);

/* Read a service. version is used only with SERVICE_VERSION. */
int store_service_get(struct store *store, long long id,
		      enum service_view view, long long version, json_t **out,
		      struct error *err);

/* List services (summaries without templates). */
int store_service_list(struct store *store, const struct service_filter *f,
		       const struct page *page, json_t **out, struct error *err);

/* List the versions of a service: number, status, who, when, change. */
int store_service_versions(struct store *store, long long id, json_t **out,
			   struct error *err);

/* Call fn for every published service with its full document, for
 * building the search index; stops at the first non-zero return. */
int store_service_each_published(struct store *store,
				 int (*fn)(json_t *service, void *ctx),
				 void *ctx, struct error *err);

/* Export the whole knowledge base as {"agencies", "offices", "services"}
 * with every service's versions; import it into an empty store. */
int store_kb_export(struct store *store, json_t **out, struct error *err);
int store_kb_import(struct store *store, json_t *kb, struct error *err);

#endif
