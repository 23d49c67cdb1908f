/* RS's own recovery: the kernel restarts RS in place when it fails (its
 * memory, the service table, kept; os/kernel/rsrecover.c), with argv
 * "rs restart WHY". This file is RS's side of it: the record that
 * survives (rs_self), the start-up that tells a fresh start from a
 * restart, the request in flight (answered -EIO when RS failed while
 * handling it), and fault injection into RS itself (`service fi rs KIND`
 * and `fi rs patch`, with a text guard that catches the mutation). */
#include <stdio.h>
#include <string.h>
#include "rs.h"

struct rs_self rs_self;

extern const uint8_t __text_start[], __text_end[];

/* self_text_sum: the checksum of RS's code (the bytes the kernel reloads
 * on a restart): h = (h ^ word) * odd, so a change in one word shows. */
uint32_t self_text_sum(void)
{
	uint32_t h = 0x811c9dc5u;
	const uint32_t *w = (const uint32_t *) (((uintptr_t) __text_start + 3) &
	    ~3u);
	const uint32_t *end = (const uint32_t *) ((uintptr_t) __text_end & ~3u);
	while (w < end)
		h = (h ^ *w++) * 0x01000193u;
	return h;
}

/* self_fresh: RS starts for the first time (boot): the record is
 * initialised and the text guard armed. */
void self_fresh(void)
{
	memset(&rs_self, 0, sizeof(rs_self));
	rs_self.magic = RS_SELF_MAGIC;
	rs_self.inflight_src = NONE;
	rs_self.upd_caller = rs_self.upd_backup = NONE;
	rs_self.guard = self_text_sum();
	strlcpy(rs_self.binary, RS_SELF_LABEL, sizeof(rs_self.binary));
}

/* self_restarted: the kernel restarted RS in place after WHY (RS_WHY_*).
 * The kept table is checked (a table that fails the check is never used:
 * the system is halted), the request RS was handling is answered -EIO, a
 * live update of RS itself that was running is rolled back (its new
 * version failed), and the table is re-synced with the kernel's
 * process table (self_check.c). */
void self_restarted(const char *why)
{
	char err[96];
	if (rs_self.magic != RS_SELF_MAGIC || self_check_table(err,
	    sizeof(err)) != 0) {
		if (rs_self.magic != RS_SELF_MAGIC)
			strlcpy(err, "its record is not initialised", sizeof(err));
		printf("rs: kept state is inconsistent: %s; system halted\n", err);
		sys_shutdown(SHUTDOWN_PANIC);
		for (;;)
			ipc_receive(ANY, NULL);
	}
	rs_self.restarts++;
	strlcpy(rs_self.last_reason, why, sizeof(rs_self.last_reason));
	strlcpy(rs_self.binary, RS_SELF_LABEL, sizeof(rs_self.binary));
	rs_self.guard = self_text_sum();
	rs_self.fi_kind = 0;
	rs_self.guard_due = 0;
	printf("rs: restarted in place (%s, restarts %d): %d services kept\n",
	    why, rs_self.restarts, self_count());
	if (rs_self.upd_phase == SELF_UPD_INIT) {
		/* The new version of RS failed before its init was done. */
		rs_self.inflight_src = NONE;
		self_rollback(strcmp(why, RS_WHY_HANG) == 0 ? -EINTR : -ERESTART,
		    strcmp(why, RS_WHY_HANG) == 0 ? "new version hung in init" :
		    "new version crashed in init");
	}
	if (rs_self.inflight_src != NONE) {
		printf("rs: failed in the middle of request %d from %d: "
		    "answered %d\n", rs_self.inflight_type,
		    rs_self.inflight_src, -EIO);
		message m;
		memset(&m, 0, sizeof(m));
		rs_reply(rs_self.inflight_src, -EIO, &m);
		rs_self.inflight_src = NONE;
	}
	self_resync();
	timers_rearm();
}

/* self_inflight: RS starts handling request TYPE from SRC (NONE: it is
 * done with it). */
void self_inflight(endpoint_t src, int type)
{
	rs_self.inflight_src = src;
	rs_self.inflight_type = type;
}

/* Make fault KIND (FI_*) happen in RS itself, as the event framework
 * does it in a service (os/lib/sef/fi.c). A hang is a busy loop: RS
 * stays runnable without entering a receive, which the kernel's
 * watchdog catches. */
static void inject(int kind)
{
	printf("rs: fault injection: kind %d\n", kind);
	switch (kind) {
	case FI_CRASH:
		__asm__ volatile("ud2");
		break;
	case FI_PANIC:
		printf("rs: panic: fault injection\n");
		sys_exit(SEF_PANIC_STATUS);
		break;
	case FI_SEGV:
		*(volatile int *) 0 = 0;
		break;
	case FI_HANG:
		for (;;)
			__asm__ volatile("" ::: "memory");
	case FI_EXIT:
		sys_exit(0);
		break;
	case FI_BADIO: {
		uint32_t value;
		int r = sys_in(0x80, &value, 1);
		printf("rs: panic: fault injection: in from port 0x80 gave %d\n",
		    r);
		sys_exit(SEF_PANIC_STATUS);
		break;
	}
	case FI_BADIPC: {
		message m;
		memset(&m, 0, sizeof(m));
		m.m_type = -1;
		int r = ipc_sendnb(NONE, &m);
		printf("rs: panic: fault injection: send to %d gave %d\n", NONE,
		    r);
		sys_exit(SEF_PANIC_STATUS);
		break;
	}
	default:
		break;
	}
}

/* self_after_request: between two requests (the reply sent, nothing in
 * flight): an injected fault happens now, and after a code mutation of
 * RS the text guard runs. A changed text is a panic (the kernel restarts
 * RS from its pristine image). */
void self_after_request(void)
{
	if (rs_self.fi_kind || rs_self.guard_due)
		ipc_reply_flush();      /* the answer leaves before the fault */
	if (rs_self.fi_kind) {
		int kind = rs_self.fi_kind;
		rs_self.fi_kind = 0;
		inject(kind);
	}
	if (rs_self.guard_due) {
		rs_self.guard_due = 0;
		self_guard_check();
	}
}

/* self_guard_check: RS's code must be the code it was started with;
 * else RS panics (exit SEF_PANIC_STATUS) and the kernel restarts it. */
void self_guard_check(void)
{
	if (self_text_sum() != rs_self.guard) {
		printf("rs: panic: text guard: code changed\n");
		sys_exit(SEF_PANIC_STATUS);
	}
}

/* self_fi: `service fi rs KIND`: 0 (the fault happens after the reply),
 * -EINVAL for an unknown kind, -ENOSYS for a debug kind (FI_CORRUPT,
 * FI_MIDREQUEST: RS has no corrupt hook, and its requests are answered
 * by the kernel's restart, not SEF's). */
int self_fi(int kind)
{
	if (kind == FI_CORRUPT || kind == FI_MIDREQUEST) {
		printf("rs: fi rs %s refused: RS offers no debug fault kinds "
		    "(nothing done)\n", kind == FI_CORRUPT ? "corrupt" :
		    "midrequest");
		return -ENOSYS;
	}
	if (kind < FI_CRASH || kind > FI_BADIPC)
		return -EINVAL;
	rs_self.fi_kind = kind;
	return 0;
}

/* self_fi_patch: `service fi rs patch`: the bytes must lie in RS's
 * executable segment (its boot image); written with SYS_CODEPATCH into
 * RS itself. The guard runs after the reply: a changed text makes RS
 * panic and the kernel reloads its code. A mutation of the code that
 * prints or sends the answer makes RS fail inside this request: the
 * restarted RS answers it -EIO (fic counts that as the fault injected).
 * Returns as do_fi_patch. */
int self_fi_patch(const struct rs_fi_patch *p)
{
	if (p->len == 0 || p->len > RS_PATCH_MAX ||
	    !self_image_in_text(p->addr, p->len))
		return -EINVAL;
	int r = sys_codepatch(SELF, p->addr, p->old_bytes, p->new_bytes,
	    p->len);
	if (r != 0)
		return r == -EFAULT ? -EINVAL : r;
	printf(RS_PATCHED_FMT, RS_SELF_LABEL, (unsigned) p->addr,
	    (unsigned) p->len);
	rs_self.guard_due = 1;
	return 0;
}
