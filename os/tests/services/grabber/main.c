/* grabber: a hostile character driver for os/tests/test_magic_grants.py.
 * VFS hands a driver a magic grant on the reading process's own buffer
 * (abi/grant.h GRANT_MAGIC); on every read this driver tries to misuse
 * it and answers what the kernel said to each attempt:
 *   beyond  one byte just past the granted range
 *   over    the whole range plus one byte
 *   stale   the grant of its previous request (VFS revoked it when that
 *           request ended; "none" on the first read)
 *   forged  a magic grant of its own on the reader's memory (only VFS has
 *           PRIV_MAGIC_GRANT)
 * as "grabber: beyond=R over=R stale=R forged=R\n" (R: 0 or -errno),
 * copied within the range (from offset 0; a read at a later position
 * gets 0 bytes). Started in place of hello:
 *   service up /usr/tests/grabber -label hello -dev /dev/hello */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "chardriver.h"
#include "kcall.h"
#include "sef.h"

static uint32_t last_grant = GRANT_INVALID;
static char big[4097];

/* attempt: the text of result R ("none" for the first read's stale try). */
static const char *attempt(int r, char *buf, size_t len)
{
	snprintf(buf, len, "%d", r);
	return buf;
}

/* grabber_read: the read operation (above). */
static int grabber_read(const struct chardriver_req *req)
{
	char b[4][16], text[128];
	int beyond = chardriver_copyout(req->grant, req->size, "X", 1);
	int over = req->size < sizeof(big) ?
	    chardriver_copyout(req->grant, 0, big, req->size + 1) : -E2BIG;
	const char *stale = "none";
	if (last_grant != GRANT_INVALID)
		stale = attempt(chardriver_copyout(last_grant, 0, "X", 1), b[2],
		    sizeof(b[2]));
	last_grant = req->grant;
	/* The reader's text starts at the usual program base. */
	uint32_t forged_id = cpf_grant_magic(sys_self(), req->user, 0x40000000u,
	    16, GRANT_READ | GRANT_WRITE);
	char peek[16];
	int forged = forged_id == GRANT_INVALID ? -ENOMEM :
	    sys_safecopyfrom(sys_self(), forged_id, 0, peek, sizeof(peek));
	if (forged_id != GRANT_INVALID)
		cpf_revoke(forged_id);
	snprintf(text, sizeof(text),
	    "grabber: beyond=%s over=%s stale=%s forged=%s\n",
	    attempt(beyond, b[0], sizeof(b[0])), attempt(over, b[1],
	    sizeof(b[1])), stale, attempt(forged, b[3], sizeof(b[3])));
	size_t len = strlen(text);
	if (req->pos != 0)
		return 0;
	size_t n = len < req->size ? len : req->size;
	int r = chardriver_copyout(req->grant, 0, text, n);
	return r ? r : (int) n;
}

static const struct chardriver grabber_ops = {
	.read = grabber_read,
};

/* grabber_init: SEF init callback (every start): announce the driver. */
static int grabber_init(const struct sef_init_info *info)
{
	chardriver_announce(info);
	return 0;
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(grabber_init);
	sef_setcb_init_restart(grabber_init);
	sef_setcb_init_lu(grabber_init);
	sef_startup();
	chardriver_task(&grabber_ops);
}
