/* Generating a message: a struct fz_msg from (seed, index) alone. What
 * would block the worker for good or wreck the system the harness drives
 * (its console, the shell's files) is ruled out here, so that the
 * descriptor, and its hash, is exactly what the worker sends. */
#include <string.h>
#include <abi/boot.h>
#include <abi/fcntl.h>
#include <abi/stat.h>
#include <abi/kcalls.h>
#include <abi/ipc.h>
#include <abi/devices.h>
#include <abi/signal.h>
#include "fuzz.h"

/* A uid and gid worth trying in PM_SETUID and PM_SETGID besides 0: the
 * student's of os/rootfs/etc/passwd (only a value to try: the worker
 * reads the real one from /etc/passwd). */
#define LIKELY_ID 1000

/* The printer's major (os/rootfs/proto): its writes reach the host. */
#define PRINTER_MAJOR_PROTO 11

/* Integers at the edges: limits, one past them, sign and size changes. */
const uint32_t fz_interesting[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128,
	129, 255, 256, 257, 511, 512, 4095, 4096, 4097, 8191, 8192, 65535,
	65536, 0x7fffffff, 0x80000000u, 0x80000001u, 0xffffffffu, 0xfffffffeu,
	0xffff8000u, 0xfffff000u, 0x7ffffffeu, 0x7ffffffdu, 0x7ffffffcu,
	0x40000000u, 0xc0000000u, 0xbffff000u, 0x00100000u, 0xffffff00u,
	(uint32_t) PATH_LEN_NUL, PATH_MAX, PATH_MAX + 1, 4096 + 1,
	64 * 1024 * 1024 + 1, 16, 17, 0x1000,
};
const int fz_nr_interesting =
    (int) (sizeof(fz_interesting) / sizeof(fz_interesting[0]));

/* Endpoint-looking values for payload fields that name a process. */
static const int32_t ep_values[] = {
	PM_EP, MM_EP, VFS_EP, ROOTFS_EP, TTY_EP, MEMDEV_EP, RS_EP, DS_EP,
	SELF, NONE, ANY, HARDWARE, SYSTEM, CLOCK, IDLE, 0,
	(int32_t) (1 << EP_SLOT_BITS | 9), (int32_t) (2 << EP_SLOT_BITS | 1),
	(int32_t) (1 << EP_SLOT_BITS | 63), (int32_t) (1 << EP_SLOT_BITS | 64),
	(int32_t) (1 << EP_SLOT_BITS | 255),
};
#define NR_EP_VALUES ((int) (sizeof(ep_values) / sizeof(ep_values[0])))

static uint32_t pick_word(struct fz_rng *r, uint8_t *kind)
{
	uint32_t p = fz_below(r, 100);
	*kind = FZ_LIT;
	if (p < 30)
		return fz_interesting[fz_below(r, fz_nr_interesting)];
	if (p < 55) {
		*kind = (uint8_t) (1 + fz_below(r, FZ_NR_PTR - 1));
		return fz_below(r, 2) ? fz_below(r, 64) : fz_below(r, FZ_BUF);
	}
	if (p < 65)
		return (uint32_t) ep_values[fz_below(r, NR_EP_VALUES)];
	if (p < 85)
		return fz_below(r, 64);
	return fz_rand(r);
}

/* A message address the kernel must refuse (so a receive never blocks). */
static void bad_message(struct fz_rng *r, struct fz_msg *m)
{
	/* Not the edge page or unmapped user space: the worker's own
	 * mmap requests may have put memory there. */
	m->msg_kind = fz_below(r, 2) ? FZ_P_NULL : FZ_P_KERNEL;
	m->msg_off = fz_below(r, 4096);
}

/* A request number: mostly one of T's, sometimes anything. The ipc class
 * (which may send without receiving) never sends a counted request: those
 * go by sendrec only, where the worker reads and counts the reply. */
static int32_t pick_type(struct fz_rng *r, const struct fz_target *t,
    int cls)
{
	int32_t type;
	uint32_t p = fz_below(r, 100);
	if (p < 80)
		type = t->reqs[fz_below(r, t->nr_reqs)];
	else if (p < 90)
		type = t->reqs[0] - 8 + (int32_t) fz_below(r, 80);
	else
		type = (int32_t) fz_rand(r);
	if (cls == FZ_CLS_IPC && fz_skipped(type))
		type += 0x10000;      /* a request number nobody knows */
	return type;
}

/* Keep the worker away from what it must not touch: its progress pipe,
 * blocking for good, the console, and the files the system runs on. */
static void sanitize(struct fz_msg *m)
{
	if (m->cls != FZ_CLS_SERVER && m->cls != FZ_CLS_IPC)
		return;
	for (int i = 0; i < 3; i++)         /* fd, fd2 */
		if (m->kind[i] == FZ_LIT && m->w[i] == (uint32_t) FZ_PROGRESS_FD)
			m->w[i] = FZ_PROGRESS_FD - 1;
	if (m->type == VFS_PIPE) {
		/* The worker must learn both descriptors (to close one). */
		if (m->cls == FZ_CLS_IPC && m->op != IPC_SENDREC)
			m->type += 0x10000;
		else
			m->msg_kind = FZ_LIT;
	}
	switch (m->type) {
	case PM_SETUID:                     /* pm_cred.ruid: 0 half the time */
	case PM_SETGID: {                   /* pm_cred.rgid */
		int at = m->type == PM_SETUID ? 0 : 2;
		uint32_t pick = m->fill % 4;
		m->kind[at] = FZ_LIT;
		if (pick < 2)
			m->w[at] = 0;
		else if (pick == 2)
			m->w[at] = LIKELY_ID;
		break;
	}
	case PM_SIGSUSPEND:                 /* the worker's alarm ends it */
		m->kind[1] = FZ_LIT;
		m->w[1] &= ~(1u << SIGALRM);
		m->kind[3] = FZ_LIT;        /* .set_addr 0: the mask is .set */
		m->w[3] = 0;
		break;
	case PM_REBOOT:                     /* a real how half the time */
		if (m->fill & 1) {
			m->kind[0] = FZ_LIT;
			m->w[0] = (m->fill >> 1) & 1 ? SHUTDOWN_REBOOT :
			    SHUTDOWN_POWEROFF;
		}
		break;
	case PM_SLEEP:                      /* a few ticks at most */
		m->kind[0] = FZ_LIT;
		m->w[0] &= 3;
		break;
	case VFS_MKNOD:                     /* no terminal or printer nodes */
		if (DEV_MAJOR(m->w[7]) == TTY_MAJOR ||
		    DEV_MAJOR(m->w[7]) == PRINTER_MAJOR_PROTO)
			m->w[7] = DEV_MAKE(MEMORY_MAJOR, MEMORY_MINOR_NULL);
		/* fall through */
	case VFS_OPEN: case VFS_MKDIR: case VFS_RMDIR: case VFS_UNLINK:
	case VFS_RENAME: case VFS_TRUNCATE:
		/* Changes only under /tmp/fz; real paths are opened read-only. */
		if (m->fill_kind == FZ_FILL_PATH) {
			if (m->type == VFS_OPEN)
				m->w[2] &= ~(uint32_t) (O_ACCMODE | O_CREAT |
				    O_TRUNC | O_APPEND);
			else
				m->fill_kind = FZ_FILL_SCRATCH;
		}
		break;
	}
}

/* fz_generate: message INDEX of SEED into *M (no side effects). */
void fz_generate(uint32_t seed, uint32_t index, struct fz_msg *m)
{
	struct fz_rng r;
	fz_rng_seed(&r, seed, index);
	memset(m, 0, sizeof(*m));
	uint32_t c = fz_below(&r, 100);
	m->cls = c < 55 ? FZ_CLS_SERVER : c < 70 ? FZ_CLS_KCALL :
	    c < 82 ? FZ_CLS_IPC : FZ_CLS_SYSCALL;
	for (int i = 0; i < FZ_WORDS; i++)
		m->w[i] = pick_word(&r, &m->kind[i]);
	uint32_t shape = fz_below(&r, 4);
	if (shape >= 2) {              /* the common shapes: (fd,) ptr, len */
		int at = shape == 3;
		if (at) {
			m->kind[0] = FZ_LIT;
			m->w[0] = fz_below(&r, 12);
		}
		m->kind[at] = (uint8_t) (FZ_P_STACK + fz_below(&r, 3));
		m->w[at] = fz_below(&r, 128);
		m->kind[at + 1] = FZ_LIT;
		m->w[at + 1] = fz_interesting[fz_below(&r, fz_nr_interesting)];
	}
	m->fill_kind = (uint8_t) fz_below(&r, 4);
	m->fill = fz_rand(&r);
	if (fz_below(&r, 100) < 5)
		bad_message(&r, m);
	/* Most requests go where the kernel lets a user process send. */
	const struct fz_target *t = fz_below(&r, 100) < 60 ?
	    &fz_targets[fz_reachable[fz_below(&r, FZ_NR_REACHABLE)]] :
	    &fz_targets[fz_below(&r, fz_nr_targets)];
	switch (m->cls) {
	case FZ_CLS_SERVER:
		m->target = (uint16_t) (t - fz_targets);
		m->type = pick_type(&r, t, m->cls);
		break;
	case FZ_CLS_KCALL:
		m->op = (uint8_t) fz_below(&r, 3);   /* trap, sendrec, send */
		m->type = fz_below(&r, 100) < 85 ?
		    KCALL_BASE - 3 + (int32_t) fz_below(&r, NR_KCALLS + 6) :
		    (int32_t) fz_rand(&r);
		break;
	case FZ_CLS_IPC: {
		static const int32_t odd_ops[] = { 0, 6, 7, -1, 0x100 };
		m->op = fz_below(&r, 100) < 75 ? (uint8_t) (1 + fz_below(&r, 5)) :
		    (uint8_t) odd_ops[fz_below(&r, 5)];
		uint32_t e = fz_below(&r, 100);
		m->ep = e < 60 ? t->ep : e < 80 ?
		    ep_values[fz_below(&r, NR_EP_VALUES)] : (int32_t) fz_rand(&r);
		m->type = pick_type(&r, t, m->cls);
		if (m->op == IPC_RECEIVE && m->ep != SELF && m->ep != NONE)
			bad_message(&r, m);
		break;
	}
	default:
		m->target = (uint16_t) fz_below(&r, FZ_NR_SYSCALLS);
		break;
	}
	sanitize(m);
}

/* fz_hash: H updated with the bytes of *M (FNV-1a). */
uint32_t fz_hash(uint32_t h, const struct fz_msg *m)
{
	const uint8_t *p = (const uint8_t *) m;
	for (size_t i = 0; i < sizeof(*m); i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}
