/* The worker: sends messages FIRST .. FIRST+COUNT-1 of a seed, telling the
 * supervisor on its progress pipe which one it is about to send. Its
 * stdin, stdout and stderr are /dev/null: its random writes never reach
 * the console. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <abi/boot.h>
#include <abi/ipc.h>
#include <abi/kcalls.h>
#include <abi/rs.h>
#include "syslib.h"
#include "fuzz.h"

#define PAGE 4096
#define UNMAPPED_BASE 0xb0000000u    /* far above any heap, below stacks */
#define KERNEL_BASE   0x00100000u

static uint8_t data_buf[FZ_BUF + 8] __attribute__((aligned(PAGE)));
static uint8_t *heap_buf;
static uint8_t *edge_page;           /* one page; the next is unmapped */
static uint8_t *stack_buf;           /* set by fz_worker's frame */

static const char *const paths[] = {
	"/", "/bin", "/bin/sh", "/bin/ls", "/etc", "/etc/rc", "/etc/motd",
	"/dev", "/dev/null", "/dev/zero", "/dev/full", "/dev/hello",
	"/dev/rtc", "/tmp", "/usr/drivers", "/etc/system.conf.d",
	"/nonexistent", "/bin/sh/x", "//", "/./../.", "..", ".", "",
	"/dev/nothing", "/tmp/fz/a/b/c/d/e/f/g/h", "bin", "etc/../bin",
};
static const char *const scratch[] = {
	"/tmp/fz", "/tmp/fz/a", "/tmp/fz/b", "/tmp/fz/a/c", "/tmp/fz/n",
	"/tmp/fz/a/b/c", "/tmp/fzfile", "/tmp/fz/../fz2", "/tmp/fz/",
};
/* The paths an exec may name: none is a program, wherever the worker's
 * current directory is, so an exec never replaces the worker (README.md,
 * "Counted requests"). */
static const char *const exec_paths[] = {
	"/etc/motd", "/etc/passwd", "/dev/null", "/dev/zero", "/", "/tmp",
	"/etc/system.conf.d", "/nonexistent", "/bin/sh/x", "", "/dev/nothing",
	"/tmp/fz/a", "/tmp/fzfile", "/tmp/fz/",
};
#define N(a) ((uint32_t) (sizeof(a) / sizeof((a)[0])))

/* fz_pointer: the address KIND + OFF names in this worker. */
vir_bytes fz_pointer(int kind, uint32_t off)
{
	switch (kind) {
	case FZ_P_NULL: return off & 0xfff;
	case FZ_P_STACK: return (vir_bytes) stack_buf + off % FZ_BUF;
	case FZ_P_DATA: return (vir_bytes) data_buf + off % FZ_BUF;
	case FZ_P_HEAP: return (vir_bytes) heap_buf + off % FZ_BUF;
	case FZ_P_EDGE: return (vir_bytes) edge_page + PAGE - 1 - off % 64;
	case FZ_P_UNMAPPED: return UNMAPPED_BASE + off * 4097;
	case FZ_P_KERNEL: return KERNEL_BASE + off * 13;
	case FZ_P_MISALIGNED:
		return (vir_bytes) data_buf + (off % FZ_BUF | 1);
	}
	return 0;
}

/* Whether [ADDR, ADDR+LEN) lies inside one of the worker's own buffers
 * (the only memory it fills). */
static size_t room(int kind, vir_bytes addr)
{
	uint8_t *base;
	switch (kind) {
	case FZ_P_STACK: base = stack_buf; break;
	case FZ_P_DATA: case FZ_P_MISALIGNED: base = data_buf; break;
	case FZ_P_HEAP: base = heap_buf; break;
	case FZ_P_EDGE: return (size_t) (edge_page + PAGE - (uint8_t *) addr);
	default: return 0;
	}
	return (size_t) (base + FZ_BUF - (uint8_t *) addr);
}

/* fz_fill: write M's content (fill_kind) at the buffer KIND + OFF names,
 * when that is the worker's own memory. */
void fz_fill(const struct fz_msg *m, int kind, uint32_t off)
{
	vir_bytes addr = fz_pointer(kind, off);
	size_t n = room(kind, addr);
	if (n == 0)
		return;
	if (n > FZ_FILL)
		n = FZ_FILL;
	uint8_t *p = (uint8_t *) addr;
	struct fz_rng r;
	fz_rng_seed(&r, m->fill, off);
	const char *s = NULL;
	switch (m->fill_kind) {
	case FZ_FILL_PATH:
		s = m->type == PM_EXEC ? exec_paths[fz_below(&r, N(exec_paths))] :
		    paths[fz_below(&r, N(paths))];
		break;
	case FZ_FILL_SCRATCH: s = scratch[fz_below(&r, N(scratch))]; break;
	case FZ_FILL_ZERO: memset(p, 0, n); return;
	}
	if (s) {
		size_t len = strlen(s) + 1;
		memcpy(p, s, len < n ? len : n);
		return;
	}
	for (size_t i = 0; i + 4 <= n; i += 4) {
		uint32_t v = fz_below(&r, 4) ? fz_rand(&r) :
		    fz_interesting[fz_below(&r, fz_nr_interesting)];
		memcpy(p + i, &v, 4);
	}
}

/* fz_sane_fd: FD, or another one when FD is the progress pipe. */
int fz_sane_fd(int fd)
{
	return fd == FZ_PROGRESS_FD ? FZ_PROGRESS_FD - 1 : fd;
}

static void record(uint32_t index, uint32_t what, int32_t value)
{
	struct fz_record rec = { FZ_REC_MAGIC, index, what, value, 0 };
	rec.check = fz_record_check(&rec);
	write(FZ_PROGRESS_FD, &rec, sizeof(rec));
}

/* Close one end of every pipe a request just made, so that no read or
 * write of the worker can wait for a peer that never comes. */
static void close_pipe_end(const message *reply, int r, uint32_t pick)
{
	if (r != 0 || reply->m_type != 0)
		return;
	int fd = pick & 1 ? reply->u.vfs_fd.fd : reply->u.vfs_fd.fd2;
	if (fd >= 0 && fd != FZ_PROGRESS_FD)
		close(fd);
}

/* The kernel-call trap with an arbitrary message address. */
static int kcall_trap(vir_bytes addr)
{
	int r;
	__asm__ volatile("int %1" : "=a"(r) : "i"(KCALL_VECTOR), "c"(addr)
	    : "memory");
	return r;
}

/* A well-formed privileged RS request (fz_wellformed_label): the struct
 * rs_req.addr names. */
static union {
	struct rs_start start;
	struct rs_fi_patch patch;
} wellformed;

/* Make *MSG the well-formed version of privileged RS request *M naming
 * LABEL: the right struct, size and label (and for RS_UP a binary that is
 * not one, so that even a root worker starts nothing). */
static void well_form(const struct fz_msg *m, const char *label,
    message *msg)
{
	memset(&wellformed, 0, sizeof(wellformed));
	size_t len = sizeof(wellformed.start);
	if (m->type == RS_FI_PATCH) {
		struct rs_fi_patch *p = &wellformed.patch;
		strncpy(p->label, label, sizeof(p->label) - 1);
		p->addr = m->w[3];
		p->len = 1 + m->w[4] % RS_PATCH_MAX;
		memcpy(p->old_bytes, &m->w[5], 8);
		memcpy(p->new_bytes, &m->w[7], 8);
		len = sizeof(*p);
	} else {
		struct rs_start *s = &wellformed.start;
		strncpy(s->label, label, sizeof(s->label) - 1);
		s->dev_major = -1;
		s->period = -1;
		s->state = 1;
		s->maxtime = 200;
		if (m->type == RS_UP) {
			strcpy(s->binary, "/nonexistent/fz");
			s->image = (vir_bytes) heap_buf;
			s->image_len = FZ_BUF;
		}
	}
	msg->u.rs_req.addr = (vir_bytes) &wellformed;
	msg->u.rs_req.len = (uint32_t) len;
	msg->u.rs_req.arg = (int32_t) (1 + m->w[2] % 7);     /* FI_* kinds */
	memset(msg->u.rs_req.label, 0, sizeof(msg->u.rs_req.label));
	strncpy(msg->u.rs_req.label, label, sizeof(msg->u.rs_req.label) - 1);
}

/* send_one: send *M; returns what the kernel said and puts in *REPLY the
 * reply's m_type (or the kernel's error) for a server-class request. */
static int send_one(const struct fz_msg *m, message *msg, int32_t *reply)
{
	memset(msg, 0, sizeof(*msg));
	msg->m_type = m->type;
	for (int i = 0; i < FZ_WORDS; i++) {
		if (m->kind[i] == FZ_LIT) {
			msg->u.words[i] = m->w[i];
			continue;
		}
		msg->u.words[i] = fz_pointer(m->kind[i], m->w[i]);
		fz_fill(m, m->kind[i], m->w[i]);
	}
	if (m->cls == FZ_CLS_SYSCALL)
		return *reply = fz_do_syscall(m);
	if (m->type == PM_KILL)               /* only ever ourselves */
		msg->u.pm_kill.pid = getpid();
	const char *label = fz_wellformed_label(m);
	if (label)
		well_form(m, label, msg);
	vir_bytes where = (vir_bytes) msg;
	if (m->msg_kind != FZ_LIT) {
		where = fz_pointer(m->msg_kind, m->msg_off);
		size_t n = room(m->msg_kind, where);
		memcpy((void *) where, msg, n < sizeof(*msg) ? n : sizeof(*msg));
	}
	int r;
	switch (m->cls) {
	case FZ_CLS_SERVER:
		r = _ipc_trap(IPC_SENDREC, fz_targets[m->target].ep,
		    (void *) where);
		/* The reply is where the message was (the kernel wrote it
		 * there, so it is the worker's memory when r is 0). */
		*reply = r != 0 ? r : ((message *) where)->m_type;
		if (m->type == VFS_PIPE)
			close_pipe_end(msg, r, m->fill);
		return r;
	case FZ_CLS_KCALL:
		if (m->op == 0)
			return *reply = kcall_trap(where);
		return *reply = _ipc_trap(m->op == 1 ? IPC_SENDREC : IPC_SEND,
		    SYSTEM, (void *) where);
	default:
		r = *reply = _ipc_trap(m->op, m->ep, (void *) where);
		if (m->type == VFS_PIPE && m->op == IPC_SENDREC)
			close_pipe_end(msg, r, m->fill);
		return r;
	}
}

/* The SIGALRM handler around a PM_SIGSUSPEND: being caught is all it is
 * for (a caught signal ends the suspension with -EINTR). */
static void on_wakeup(int sig)
{
	(void) sig;
}

/* A PM_ALARM of TICKS clock ticks (0 cancels), sent directly: the C
 * library's alarm() counts whole seconds. */
static void alarm_ticks(uint32_t ticks)
{
	message a;
	memset(&a, 0, sizeof(a));
	a.m_type = PM_ALARM;
	a.u.pm_timer.ticks = ticks;
	ipc_sendrec(PM_EP, &a);
}

/* Before a PM_SIGSUSPEND: a SIGALRM caught by a handler that does
 * nothing, blocked until the suspension (whose mask never blocks it:
 * gen.c) and due at the next clock tick, so that the suspension always
 * ends and the alarm cannot come before it. Returns the mask to restore
 * in *OLD. */
static void arm_wakeup(sigset_t *old)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_wakeup;
	sigaction(SIGALRM, &sa, NULL);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, old);
	alarm_ticks(1);
}

/* After counted request *M answered REPLY: the worker goes on as it was.
 * A fork's child ends at once (its parent reaps it); a set-uid or set-gid
 * that changed the worker's identity ends the worker, so that every
 * message is sent by a worker of the identity it started with. */
static void after_counted(const struct fz_msg *m, int32_t reply,
    const uint32_t ids[4])
{
	int status;
	switch (m->type) {
	case PM_FORK:
		if (reply > 0)
			waitpid((pid_t) reply, &status, 0);
		break;
	case PM_SETUID: case PM_SETGID: {
		uint32_t now[4];
		if (reply >= 0 && (fz_getuid(now) != 0 ||
		    memcmp(now, ids, sizeof(now)) != 0))
			_exit(4);
		break;
	}
	}
}

/* fz_worker: see the top of the file. AS: the identity to take first
 * (NULL: stay root, a development run: -R). Exits 0 after the last
 * message, 3 when it could not take identity AS. */
void fz_worker(uint32_t seed, uint32_t first, uint32_t count,
    const struct fz_cred *as)
{
	uint8_t frame[FZ_BUF + 8];
	message msg;
	stack_buf = frame;
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	for (int fd = 3; fd < FZ_PROGRESS_FD; fd++)
		close(fd);
	int32_t why;
	int step = as ? fz_become(as, &why) : 0;
	if (step != 0) {
		record((uint32_t) step, FZ_REC_CREDFAIL, why);
		_exit(3);
	}
	uint32_t ids[4] = { (uint32_t) -1, (uint32_t) -1, (uint32_t) -1,
	    (uint32_t) -1 };
	fz_getuid(ids);          /* a root worker on a PM without it: -1 */
	record(ids[1], FZ_REC_CRED, (int32_t) ids[3]);
	heap_buf = malloc(FZ_BUF + 8);
	edge_page = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (edge_page == MAP_FAILED)
		edge_page = data_buf;
	else
		munmap(edge_page + PAGE, PAGE);
	mkdir("/tmp/fz", 0777);
	for (uint32_t i = first; i < first + count; i++) {
		struct fz_msg m;
		fz_generate(seed, i, &m);
		record(i, FZ_REC_SENDING, 0);
		int k = fz_request_of(&m);
		if (k >= 0 && !as &&
		    (fz_requests[k].flags & FZ_REQ_WITHHELD_AS_ROOT)) {
			record(i, FZ_REC_WITHHELD, 0);
			continue;
		}
		sigset_t old;
		if (k >= 0 && m.type == PM_SIGSUSPEND)
			arm_wakeup(&old);
		int32_t reply = 0;
		int r = send_one(&m, &msg, &reply);
		if (k >= 0 && m.type == PM_FORK && r == 0 && reply == 0)
			_exit(0);                 /* the child: nothing more */
		if (k >= 0 && m.type == PM_SIGSUSPEND) {
			alarm_ticks(0);
			sigprocmask(SIG_SETMASK, &old, NULL);
		}
		if (m.cls == FZ_CLS_KCALL && r >= 0)
			record(i, FZ_REC_ACCEPTED, r);
		if (k >= 0) {
			record(i, FZ_REC_REPLY, reply);
			after_counted(&m, reply, ids);
		}
	}
	record(first + count, FZ_REC_DONE, 0);
	_exit(0);
}
