/* maps.c - the hash maps of the search index (see internal.h). */
#include "core/common.h"
#include "search/internal.h"

/* FNV-1a followed by a 64-bit finaliser (from MurmurHash3's fmix64) so
 * that the low bits used for slots are well mixed. */
uint64_t search_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

static size_t slot_of(uint64_t key, size_t size)
{
	return (size_t)(key ^ (key >> 29)) & (size - 1);
}

void u64map_free(struct u64map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

uint32_t u64map_get(const struct u64map *m, uint64_t key)
{
	if (m->size == 0)
		return NO_ID;
	for (size_t i = slot_of(key, m->size);; i = (i + 1) & (m->size - 1)) {
		if (m->vals[i] == NO_ID)
			return NO_ID;
		if (m->keys[i] == key)
			return m->vals[i];
	}
}

static void grow(struct u64map *m)
{
	struct u64map bigger = { 0 };

	bigger.size = m->size ? m->size * 2 : 64;
	bigger.keys = xmalloc(bigger.size * sizeof(*bigger.keys));
	bigger.vals = xmalloc(bigger.size * sizeof(*bigger.vals));
	for (size_t i = 0; i < bigger.size; i++)
		bigger.vals[i] = NO_ID;
	for (size_t i = 0; i < m->size; i++)
		if (m->vals[i] != NO_ID)
			u64map_put(&bigger, m->keys[i], m->vals[i]);
	u64map_free(m);
	*m = bigger;
}

void u64map_put(struct u64map *m, uint64_t key, uint32_t val)
{
	BUG_ON(val == NO_ID);
	if ((m->count + 1) * 4 > m->size * 3)
		grow(m);
	for (size_t i = slot_of(key, m->size);; i = (i + 1) & (m->size - 1)) {
		if (m->vals[i] == NO_ID) {
			m->keys[i] = key;
			m->vals[i] = val;
			m->count++;
			return;
		}
		if (m->keys[i] == key) {
			m->vals[i] = val;
			return;
		}
	}
}

/* Linear probing deletion by backward shift, so no tombstones remain. */
void u64map_del(struct u64map *m, uint64_t key)
{
	size_t mask = m->size - 1, i, j;

	if (m->size == 0)
		return;
	for (i = slot_of(key, m->size);; i = (i + 1) & mask) {
		if (m->vals[i] == NO_ID)
			return;
		if (m->keys[i] == key)
			break;
	}
	m->vals[i] = NO_ID;
	m->count--;
	for (j = (i + 1) & mask; m->vals[j] != NO_ID; j = (j + 1) & mask) {
		size_t home = slot_of(m->keys[j], m->size);

		/* Move j back to i unless its home lies cyclically in (i, j]. */
		bool stays = i <= j ? (home > i && home <= j)
				    : (home > i || home <= j);
		if (stays)
			continue;
		m->keys[i] = m->keys[j];
		m->vals[i] = m->vals[j];
		m->vals[j] = NO_ID;
		i = j;
	}
}

void strmap_free(struct strmap *m)
{
	for (uint32_t i = 0; i < m->count; i++)
		free(m->strs[i]);
	free(m->strs);
	free(m->next);
	u64map_free(&m->index);
	memset(m, 0, sizeof(*m));
}

uint32_t strmap_find(const struct strmap *m, const char *s, size_t len)
{
	uint32_t id = u64map_get(&m->index, search_hash(s, len));

	for (; id != NO_ID; id = m->next[id])
		if (strncmp(m->strs[id], s, len) == 0 && m->strs[id][len] == '\0')
			return id;
	return NO_ID;
}

uint32_t strmap_intern(struct strmap *m, const char *s, size_t len,
		       bool *added)
{
	uint64_t h = search_hash(s, len);
	uint32_t first = u64map_get(&m->index, h), id;

	for (id = first; id != NO_ID; id = m->next[id]) {
		if (strncmp(m->strs[id], s, len) == 0 && m->strs[id][len] == '\0') {
			*added = false;
			return id;
		}
	}
	if (m->count == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->strs = xrealloc(m->strs, m->cap * sizeof(*m->strs));
		m->next = xrealloc(m->next, m->cap * sizeof(*m->next));
	}
	id = m->count++;
	m->strs[id] = xstrndup(s, len);
	m->next[id] = first;
	u64map_put(&m->index, h, id);
	*added = true;
	return id;
}

void id_list_push(struct id_list *l, uint32_t id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->ids = xrealloc(l->ids, l->cap * sizeof(*l->ids));
	}
	l->ids[l->n++] = id;
}
