/* The worker: sends messages FIRST .. FIRST+COUNT-1 of a seed, telling the
 * supervisor on its progress pipe which one it is about to send. Its
 * stdin, stdout and stderr are /dev/null: its random writes never reach
 * the console. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <abi/ipc.h>
#include <abi/kcalls.h>
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
	case FZ_FILL_PATH: s = paths[fz_below(&r, N(paths))]; break;
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

/* send_one: send *M; returns what the kernel or server said. */
static int send_one(const struct fz_msg *m, message *msg)
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
		return fz_do_syscall(m);
	if (m->type == PM_KILL)               /* only ever ourselves */
		msg->u.pm_kill.pid = getpid();
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
		if (m->type == VFS_PIPE)
			close_pipe_end(msg, r, m->fill);
		return r;
	case FZ_CLS_KCALL:
		if (m->op == 0)
			return kcall_trap(where);
		return _ipc_trap(m->op == 1 ? IPC_SENDREC : IPC_SEND, SYSTEM,
		    (void *) where);
	default:
		r = _ipc_trap(m->op, m->ep, (void *) where);
		if (m->type == VFS_PIPE && m->op == IPC_SENDREC)
			close_pipe_end(msg, r, m->fill);
		return r;
	}
}

/* fz_worker: see the top of the file. Exits 0 after the last message. */
void fz_worker(uint32_t seed, uint32_t first, uint32_t count)
{
	uint8_t frame[FZ_BUF + 8];
	message msg;
	stack_buf = frame;
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	for (int fd = 3; fd < FZ_PROGRESS_FD; fd++)
		close(fd);
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
		int r = send_one(&m, &msg);
		if (m.cls == FZ_CLS_KCALL && r >= 0)
			record(i, FZ_REC_ACCEPTED, r);
	}
	record(first + count, FZ_REC_DONE, 0);
	_exit(0);
}
