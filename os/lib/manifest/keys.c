/* The manifest's keys: one handler per key, called for each value word;
 * the table says which keys take a list and which exactly one value. */
#include <string.h>
#include <abi/errno.h>
#include <abi/kcalls.h>
#include "manifest_priv.h"

/* A key: its name, whether it takes several values, and the handler that
 * checks one value word W and stores it in M (0, or -EINVAL with the
 * message set on LX). */
struct mf_key {
	const char *name;
	int list;
	int (*value)(struct mf_lexer *lx, struct rs_manifest *m, const char *w);
};

/* ipc LABEL...|ALL: the labels the service may send to. */
static int mf_ipc(struct mf_lexer *lx, struct rs_manifest *m, const char *w)
{
	if (strcmp(w, "ALL") == 0) {
		m->flags |= MF_IPC_ALL;
		return 0;
	}
	size_t n = strlen(w);
	if (n >= RS_LABEL_MAX)
		return mf_error(lx, "bad ipc label '%s' (at most %d characters)",
		    w, RS_LABEL_MAX - 1);
	for (uint32_t i = 0; i < m->nr_ipc; i++)
		if (strcmp(m->ipc[i], w) == 0)
			return 0;
	if (m->nr_ipc >= RS_IPC_MAX)
		return mf_error(lx, "too many ipc labels (at most %d)",
		    RS_IPC_MAX);
	memcpy(m->ipc[m->nr_ipc++], w, n + 1);
	return 0;
}

/* system NAME...|ALL: kernel calls beyond the basic ones. */
static int mf_system(struct mf_lexer *lx, struct rs_manifest *m,
    const char *w)
{
	if (strcmp(w, "ALL") == 0) {
		m->flags |= MF_KCALL_ALL;
		return 0;
	}
	int nr = manifest_kcall_lookup(w);
	if (nr < 0)
		return mf_error(lx, "unknown kernel call '%s'", w);
	int bit = nr - KCALL_BASE;
	m->kcalls[bit / 32] |= 1u << (bit % 32);
	return 0;
}

/* Parses hex digits at *S (at least one) into *V, at most 0xffffffff;
 * advances *S. Returns 0 or -1. */
static int mf_hex(const char **s, uint32_t *v)
{
	uint32_t x = 0;
	const char *p = *s;
	for (; *p != '\0'; p++) {
		uint32_t d;
		if (*p >= '0' && *p <= '9')
			d = (uint32_t) (*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (uint32_t) (*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			d = (uint32_t) (*p - 'A' + 10);
		else
			break;
		if (x > 0x0fffffff)
			return -1;
		x = x << 4 | d;
	}
	if (p == *s)
		return -1;
	*s = p;
	*v = x;
	return 0;
}

/* io BASE[:COUNT][/r]...: port ranges, both hex; COUNT >= 1 (default 1)
 * and the range ends at port ffff at the latest; "/r": read-only (the
 * kernel refuses out to it: least privilege for a driver that only
 * reads a device). */
static int mf_io(struct mf_lexer *lx, struct rs_manifest *m, const char *w)
{
	const char *p = w;
	uint32_t base, count = 1, flags = 0;
	int ok = mf_hex(&p, &base) == 0;
	if (ok && *p == ':') {
		p++;
		ok = mf_hex(&p, &count) == 0;
	}
	if (ok && p[0] == '/' && p[1] == 'r') {
		flags = IO_READ_ONLY;
		p += 2;
	}
	if (!ok || *p != '\0' || count == 0 || base > 0xffff ||
	    count - 1 > 0xffff - base)
		return mf_error(lx, "bad io range '%s' (hex base[:count][/r], "
		    "count >= 1, ports up to ffff)", w);
	if (m->nr_io >= PRIV_IO_RANGES)
		return mf_error(lx, "too many io ranges (at most %d)",
		    PRIV_IO_RANGES);
	m->io[m->nr_io].base = (uint16_t) base;
	m->io[m->nr_io].last = (uint16_t) (base + count - 1);
	m->io[m->nr_io].flags = flags;
	m->nr_io++;
	return 0;
}

/* irq N...: IRQ lines 1 and 3-15 (0 is the clock, 2 the cascade). */
static int mf_irq(struct mf_lexer *lx, struct rs_manifest *m, const char *w)
{
	int n = -1;
	if (w[0] >= '0' && w[0] <= '9' && w[1] == '\0')
		n = w[0] - '0';
	else if (w[0] == '1' && w[1] >= '0' && w[1] <= '5' && w[2] == '\0')
		n = 10 + (w[1] - '0');
	if (n < 0 || n == 0 || n == 2)
		return mf_error(lx, "bad irq '%s' (0-15, not 0 or 2)", w);
	m->irqs |= 1u << n;
	return 0;
}

/* period TIME: the heartbeat period, ticks or NHZ; 0 = none. */
static int mf_period(struct mf_lexer *lx, struct rs_manifest *m,
    const char *w)
{
	if (manifest_parse_time(w, &m->period) < 0)
		return mf_error(lx, "bad period '%s' (ticks, or NHZ seconds)", w);
	return 0;
}

/* restart stateful|reset|never|inplace. */
static int mf_restart(struct mf_lexer *lx, struct rs_manifest *m,
    const char *w)
{
	for (int p = RS_RESTART_STATEFUL; p <= RS_RESTART_INPLACE; p++)
		if (strcmp(w, manifest_restart_name(p)) == 0) {
			m->restart = p;
			return 0;
		}
	return mf_error(lx, "bad restart policy '%s' (stateful, reset, "
	    "never or inplace)", w);
}

/* core CMD...|ALL: the commands RS refuses for this core service (down,
 * refresh, restart, fi, update; ALL = every one). */
static int mf_core(struct mf_lexer *lx, struct rs_manifest *m, const char *w)
{
	if (strcmp(w, "ALL") == 0) {
		m->core |= RS_CORE_ALL;
		return 0;
	}
	uint32_t bit = manifest_core_lookup(w);
	if (bit == 0)
		return mf_error(lx, "bad core command '%s' (down, refresh, "
		    "restart, fi, update or ALL)", w);
	m->core |= bit;
	return 0;
}

/* pci device VVVV:DDDD...: the PCI devices (hex vendor and device ids)
 * the service may reserve from the PCI server; the first value is the
 * word "device". */
static int mf_pci(struct mf_lexer *lx, struct rs_manifest *m, const char *w)
{
	if (!(m->flags & MF_PCI_DEVICE)) {
		if (strcmp(w, "device") != 0)
			return mf_error(lx, "bad pci '%s' (pci device "
			    "VVVV:DDDD ...)", w);
		m->flags |= MF_PCI_DEVICE;
		return 0;
	}
	const char *p = w;
	uint32_t vendor, device;
	int ok = mf_hex(&p, &vendor) == 0 && p - w == 4 && *p == ':';
	const char *d = ok ? ++p : p;
	ok = ok && mf_hex(&p, &device) == 0 && p - d == 4 && *p == '\0';
	if (!ok)
		return mf_error(lx, "bad pci device '%s' (hex VVVV:DDDD)", w);
	uint32_t id = vendor << 16 | device;
	for (uint32_t i = 0; i < m->nr_pci; i++)
		if (m->pci[i] == id)
			return 0;
	if (m->nr_pci >= RS_PCI_MAX)
		return mf_error(lx, "too many pci devices (at most %d)",
		    RS_PCI_MAX);
	m->pci[m->nr_pci++] = id;
	return 0;
}

static const struct mf_key mf_keys[] = {
	{ "ipc",     1, mf_ipc },
	{ "system",  1, mf_system },
	{ "io",      1, mf_io },
	{ "irq",     1, mf_irq },
	{ "period",  0, mf_period },
	{ "restart", 0, mf_restart },
	{ "core",    1, mf_core },
	{ "pci",     1, mf_pci },
};
#define MF_NR_KEYS (sizeof(mf_keys) / sizeof(mf_keys[0]))

/* Returns the index of key NAME in mf_keys, or -1. */
static int mf_key_index(const char *name)
{
	for (size_t i = 0; i < MF_NR_KEYS; i++)
		if (strcmp(mf_keys[i].name, name) == 0)
			return (int) i;
	return -1;
}

/* Whether the current word, the name of a key, is an ipc label here:
 * "pci" is both a key and the PCI server's label; in an ipc list, on the
 * line of the value before it, it is the label ("ipc vfs pci;"). On a
 * line of its own it starts the key "pci" (a forgotten ';'). */
static int mf_label_not_key(const struct mf_key *key, const struct mf_lexer *lx,
    int last_line)
{
	return key->value == mf_ipc && strcmp(lx->word, "pci") == 0 &&
	    lx->tok_line == last_line;
}

/* Parses one statement whose key is the current word: its values up to
 * and including the ';'. SEEN holds a bit per key already given (a key
 * may appear once). Returns 0 or -EINVAL (message set). */
int mf_parse_key(struct mf_lexer *lx, struct rs_manifest *m, uint32_t *seen)
{
	int k = mf_key_index(lx->word);
	if (k < 0)
		return mf_error(lx, "unknown key '%s'", lx->word);
	const struct mf_key *key = &mf_keys[k];
	if (*seen & (1u << k))
		return mf_error(lx, "key '%s' given twice", key->name);
	*seen |= 1u << k;

	int values = 0, last_line = lx->tok_line, r;
	for (;;) {
		if ((r = mf_next(lx)) < 0)
			return r;
		if (lx->tok != MF_WORD)
			break;
		if ((mf_key_index(lx->word) >= 0 &&
		    !mf_label_not_key(key, lx, last_line)) ||
		    (!key->list && values == 1)) {
			lx->tok_line = last_line;
			return mf_error(lx, "missing ';' after '%s'", key->name);
		}
		if ((r = key->value(lx, m, lx->word)) < 0)
			return r;
		values++;
		last_line = lx->tok_line;
	}
	if (lx->tok != MF_SEMI) {
		lx->tok_line = last_line;
		return mf_error(lx, "missing ';' after '%s'", key->name);
	}
	if (values == 0)
		return mf_error(lx, "'%s' needs a value", key->name);
	if (key->value == mf_pci && m->nr_pci == 0)
		return mf_error(lx, "'pci device' needs a device (VVVV:DDDD)");
	return 0;
}
