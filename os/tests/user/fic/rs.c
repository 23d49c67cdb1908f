/* fic's requests to the reincarnation server: a service's status, fault
 * injection (RS_FI), code mutation (RS_FI_PATCH) and refresh. Each returns
 * RS's reply code (0 or a negative error number) unless it says
 * otherwise. */
#include <string.h>
#include <abi/boot.h>
#include "syslib.h"
#include "fic.h"

/* rs_call: sendrec request TYPE naming LABEL, with the struct at ADDR (LEN
 * bytes) and ARG. Returns RS's reply code (or the IPC error). */
static int rs_call(int type, const char *label, void *addr, uint32_t len,
    int arg)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.rs_req.addr = (vir_bytes) addr;
	m.u.rs_req.len = len;
	m.u.rs_req.arg = arg;
	strncpy(m.u.rs_req.label, label, sizeof(m.u.rs_req.label) - 1);
	int r = ipc_sendrec(RS_EP, &m);
	return r != 0 ? r : m.m_type;
}

/* rs_status_of: LABEL's status line into *ST. 0, or -ENOENT when RS does
 * not know it (or another error). */
int rs_status_of(const char *label, struct rs_status *st)
{
	memset(st, 0, sizeof(*st));
	int r = rs_call(RS_STATUS, label, st, sizeof(*st), 0);
	if (r == 1)
		return 0;
	return r < 0 ? r : -ENOENT;
}

/* start_for: an rs_start that names LABEL (what RS_FI and RS_REFRESH
 * read). */
static void start_for(struct rs_start *st, const char *label)
{
	memset(st, 0, sizeof(*st));
	strncpy(st->label, label, sizeof(st->label) - 1);
	st->dev_major = -1;
	st->period = -1;
}

/* rs_inject: `service fi LABEL KIND` (KIND: FI_*). */
int rs_inject(const char *label, int kind)
{
	struct rs_start st;
	start_for(&st, label);
	return rs_call(RS_FI, label, &st, sizeof(st), kind);
}

/* rs_patch: write NEW_BYTES over LEN bytes at ADDR in LABEL's running
 * text if they hold OLD_BYTES (RS_FI_PATCH). */
int rs_patch(const char *label, uint32_t addr, const uint8_t *old_bytes,
    const uint8_t *new_bytes, uint32_t len)
{
	struct rs_fi_patch p;
	memset(&p, 0, sizeof(p));
	strncpy(p.label, label, sizeof(p.label) - 1);
	p.addr = addr;
	p.len = len;
	memcpy(p.old_bytes, old_bytes, len);
	memcpy(p.new_bytes, new_bytes, len);
	return rs_call(RS_FI_PATCH, label, &p, sizeof(p), 0);
}

/* rs_refresh: `service refresh LABEL`; RS answers once the new instance
 * finished its init. */
int rs_refresh(const char *label)
{
	struct rs_start st;
	start_for(&st, label);
	return rs_call(RS_REFRESH, label, &st, sizeof(st), 0);
}

/* rs_status_all: RS_STATUS with an empty label: every service's status
 * into ST (MAX records); RS answers their count. */
int rs_status_all(struct rs_status *st, int max)
{
	memset(st, 0, sizeof(*st) * (size_t) max);
	int r = rs_call(RS_STATUS, "", st, sizeof(*st) * (uint32_t) max, 0);
	return r < 0 ? r : (r > max ? max : r);
}
