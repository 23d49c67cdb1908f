/* ds_state_save, ds_state_restore, ds_state_delete, ds_state_error: see
 * dsstate.h. A state is the chunks NAME.0 .. NAME.N-1 (DS memory blobs of
 * DS_STATE_CHUNK bytes, the last one shorter) and the header NAME, a
 * struct state_header, published after the chunks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "ds.h"
#include "dsstate.h"
#include "sef.h"

#define STATE_MAGIC  0x54534850u     /* "PHST" */
#define STATE_FORMAT 1u              /* this header's own layout */

/* The header blob. hdr_crc covers the fields before it. */
struct state_header {
	uint32_t magic;
	uint32_t format;
	uint32_t version;                /* the driver's layout version */
	uint32_t size;                   /* bytes of state */
	uint32_t chunks;                 /* NAME.0 .. NAME.chunks-1 */
	uint32_t crc;                    /* CRC-32 of the state's bytes */
	uint32_t hdr_crc;
};

static char why[192];                /* ds_state_error() */

/* A chunk key's buffer: the name (checked: at most DS_KEY_MAX - 4
 * characters, so that "NAME.15" fits a DS key) and room for any "%u". */
#define CHUNK_KEY_BUF (DS_KEY_MAX + 12)

/* The saved state while it is checked (and migrated): static, because a
 * new version's init after a live update must not depend on the heap. */
static uint32_t saved[DS_STATE_MAX / sizeof(uint32_t)];

/* fail: remember the sentence FMT... for ds_state_error(); returns ERR. */
static int fail(int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return err;
}

const char *ds_state_error(void)
{
	return why;
}

/* state_name: ST's key prefix into BUF (DS_KEY_MAX): st->name, or
 * "LABEL.state". 0, or -EINVAL (no name and no label, or too long for a
 * chunk key "NAME.15"). */
static int state_name(const struct ds_state *st, char *buf)
{
	int n;
	if (st->name)
		n = snprintf(buf, DS_KEY_MAX, "%s", st->name);
	else if (sef_label()[0])
		n = snprintf(buf, DS_KEY_MAX, "%s.state", sef_label());
	else
		return fail(-EINVAL, "no state name and no service label");
	if (n <= 0 || n + 4 > DS_KEY_MAX)
		return fail(-EINVAL, "state name \"%s\" is empty or longer "
		    "than %d characters", buf, DS_KEY_MAX - 4);
	return 0;
}

/* chunk_key: the key of chunk I of the state NAME into KEY
 * (CHUNK_KEY_BUF bytes). */
static void chunk_key(char *key, const char *name, uint32_t i)
{
	snprintf(key, CHUNK_KEY_BUF, "%s.%u", name, (unsigned) i);
}

/* header_crc: the checksum of H's fields before hdr_crc. */
static uint32_t header_crc(const struct state_header *h)
{
	return ds_state_crc32(h, offsetof(struct state_header, hdr_crc));
}

/* nchunks: how many chunks SIZE bytes take. */
static uint32_t nchunks(size_t size)
{
	return (uint32_t) ((size + DS_STATE_CHUNK - 1) / DS_STATE_CHUNK);
}

int ds_state_save(const struct ds_state *st)
{
	char name[DS_KEY_MAX], key[CHUNK_KEY_BUF];
	why[0] = '\0';
	int r = state_name(st, name);
	if (r != 0)
		return r;
	if (st->size > DS_STATE_MAX)
		return fail(-E2BIG, "state %s is %u bytes, more than the %u "
		    "bytes DS_STATE_MAX allows", name, (unsigned) st->size,
		    (unsigned) DS_STATE_MAX);
	struct state_header h = {
		.magic = STATE_MAGIC, .format = STATE_FORMAT,
		.version = st->version, .size = (uint32_t) st->size,
		.chunks = nchunks(st->size),
		.crc = ds_state_crc32(st->data, st->size),
	};
	h.hdr_crc = header_crc(&h);
	const char *bytes = st->data;
	for (uint32_t i = 0; i < h.chunks; i++) {
		size_t off = (size_t) i * DS_STATE_CHUNK;
		size_t len = st->size - off < DS_STATE_CHUNK ?
		    st->size - off : DS_STATE_CHUNK;
		chunk_key(key, name, i);
		r = ds_publish_mem(key, bytes + off, len, DSF_OVERWRITE);
		if (r != 0)
			return fail(r, "chunk %u of %u (%s): DS refused it "
			    "(error %d)", (unsigned) i, (unsigned) h.chunks,
			    key, -r);
	}
	r = ds_publish_mem(name, &h, sizeof(h), DSF_OVERWRITE);
	if (r != 0)
		return fail(r, "header %s: DS refused it (error %d)", name, -r);
	return 0;
}

/* read_header: the header of the state NAME into H, checked. 0 or the
 * error (see ds_state_restore). */
static int read_header(const char *name, struct state_header *h)
{
	size_t len = 0;
	int r = ds_retrieve_mem(name, h, sizeof(*h), &len);
	if (r == -ENOENT)
		return fail(r, "nothing saved under %s", name);
	if (r == -E2BIG || (r == 0 && len != sizeof(*h)))
		return fail(-EINVAL, "%s is not a state header (%u bytes)",
		    name, (unsigned) len);
	if (r != 0)
		return fail(r, "header %s: DS error %d", name, -r);
	if (h->magic != STATE_MAGIC || h->format != STATE_FORMAT ||
	    h->hdr_crc != header_crc(h))
		return fail(-EINVAL, "%s is not a state header (bad magic, "
		    "format or checksum)", name);
	if (h->size > DS_STATE_MAX)
		return fail(-E2BIG, "state %s is %u bytes, more than "
		    "DS_STATE_MAX (%u)", name, (unsigned) h->size,
		    (unsigned) DS_STATE_MAX);
	if (h->chunks != nchunks(h->size))
		return fail(-EINVAL, "%s: %u chunks for %u bytes", name,
		    (unsigned) h->chunks, (unsigned) h->size);
	return 0;
}

/* read_chunks: the state NAME that H describes into BUF (h->size bytes),
 * checked against its checksum. 0 or -EIO (or DS's error). */
static int read_chunks(const char *name, const struct state_header *h,
    char *buf)
{
	char key[CHUNK_KEY_BUF];
	for (uint32_t i = 0; i < h->chunks; i++) {
		size_t off = (size_t) i * DS_STATE_CHUNK;
		size_t want = h->size - off < DS_STATE_CHUNK ?
		    h->size - off : DS_STATE_CHUNK;
		size_t len = 0;
		chunk_key(key, name, i);
		int r = ds_retrieve_mem(key, buf + off, want, &len);
		if (r == -ENOENT)
			return fail(-EIO, "chunk %u of %u (%s) is missing: the "
			    "state is incomplete", (unsigned) i,
			    (unsigned) h->chunks, key);
		if (r == -E2BIG || (r == 0 && len != want))
			return fail(-EIO, "chunk %u of %u (%s) is %u bytes, not "
			    "%u: the state is incomplete", (unsigned) i,
			    (unsigned) h->chunks, key, (unsigned) len,
			    (unsigned) want);
		if (r != 0)
			return fail(r, "chunk %s: DS error %d", key, -r);
	}
	if (ds_state_crc32(buf, h->size) != h->crc)
		return fail(-EIO, "state %s has a wrong checksum: it is "
		    "corrupt, or a save was cut short", name);
	return 0;
}

/* convert: ST's state from the OLD bytes that H describes (another
 * layout version) through st->migrate, into st->data, zeroed first (and
 * again when the migration fails). */
static int convert(const struct ds_state *st, const char *name,
    const struct state_header *h, const char *old)
{
	if (!st->migrate)
		return fail(-ENOSYS, "state %s has layout version %u, this "
		    "build has %u and no migration", name,
		    (unsigned) h->version, (unsigned) st->version);
	memset(st->data, 0, st->size);
	int r = st->migrate(h->version, old, h->size, st->data, st->size);
	if (r == 0)
		return 0;
	memset(st->data, 0, st->size);
	if (r == -ENOSYS)
		return fail(r, "state %s has layout version %u: this build "
		    "(version %u) has no migration from it", name,
		    (unsigned) h->version, (unsigned) st->version);
	return fail(r, "migrating %s from layout version %u to %u failed "
	    "(error %d)", name, (unsigned) h->version,
	    (unsigned) st->version, -r);
}

int ds_state_restore(const struct ds_state *st, uint32_t *old_version)
{
	char name[DS_KEY_MAX];
	struct state_header h;
	why[0] = '\0';
	int r = state_name(st, name);
	if (r == 0)
		r = read_header(name, &h);
	if (r != 0)
		return r;
	if (old_version)
		*old_version = h.version;
	if (h.version == st->version && h.size != st->size)
		return fail(-EINVAL, "state %s is %u bytes but this build's "
		    "is %u, both layout version %u: the layout changed without "
		    "a new version number", name, (unsigned) h.size,
		    (unsigned) st->size, (unsigned) h.version);
	if (h.version != st->version && !st->migrate)
		return convert(st, name, &h, NULL);
	r = read_chunks(name, &h, (char *) saved);
	if (r != 0)
		return r;
	if (h.version != st->version)
		return convert(st, name, &h, (const char *) saved);
	memcpy(st->data, saved, h.size);
	return 0;
}

int ds_state_delete(const struct ds_state *st)
{
	char name[DS_KEY_MAX], key[CHUNK_KEY_BUF];
	why[0] = '\0';
	int r = state_name(st, name);
	if (r != 0)
		return r;
	r = ds_delete(name, DS_TYPE_MEM);
	if (r != 0 && r != -ENOENT)
		return fail(r, "header %s: DS refused to delete it (error %d)",
		    name, -r);
	for (uint32_t i = 0; i < DS_STATE_CHUNKS_MAX; i++) {
		chunk_key(key, name, i);
		r = ds_delete(key, DS_TYPE_MEM);
		if (r != 0 && r != -ENOENT)
			return fail(r, "chunk %s: DS refused to delete it "
			    "(error %d)", key, -r);
	}
	return 0;
}
