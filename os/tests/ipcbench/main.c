/* ipcbench: guest instructions per IPC round trip and per null kernel call.
 * Booted as the only boot module by `make bench` (harness/bench.py), which
 * reads the "bench: NAME=VALUE ..." lines this program prints.
 *
 * Method: instructions from the TSC under QEMU's icount.
 *
 * harness/bench.py runs QEMU with `-icount shift=0,align=off,sleep=off`.
 * With icount, QEMU's virtual clock is not the host's clock: it is the
 * number of guest instructions executed so far times 2^shift ns, and the
 * TSC the guest reads with rdtsc is that clock. With shift=0 the TSC thus
 * advances by one for every guest instruction, in ring 3 and ring 0 alike
 * (a trap, an interrupt, an iret are instructions like any other), and a
 * TSC difference is an exact instruction count, independent of the host's
 * speed or load. (QEMU ends the translation block at an rdtsc under icount,
 * so the count is exact to the instruction, not to the block.) align=off:
 * the guest is never slowed down to real time; sleep=off: an idle guest
 * jumps to its next timer at once instead of waiting for it.
 *
 * The claim is checked on every run (calibrate(): a hand-written loop of
 * CALIB_INSNS_PER_ITER instructions per iteration, timed at two lengths; the
 * slope must be exactly that many TSC ticks per iteration) and printed as
 * `bench: calib_insns_per_iter=8.000 expected=8 fixed=F`; harness/bench.py
 * refuses figures from a run whose slope is not exact.
 *
 * What we found (QEMU 7.2.22, TCG):
 * - The slope is exactly 8.000, on every run, and fixed=3: a difference
 *   counts the instructions after the first rdtsc up to and including the
 *   second (here two movs and the rdtsc).
 * - Cross-check by hand with the GDB stub (stepi from a function's entry to
 *   its return; QEMU keeps interrupts off while stepping), on the kernel of
 *   commit fee0979: one sys_null() took 498 steps and one ipc_sendrec()
 *   1514, exactly what the TSC figures said once the wrappers are accounted
 *   for (op_null's jmp, op_sendrec's 8 instructions, minus op_nop's 2:
 *   497 = 1 + 498 - 2, 1520 = 8 + 1514 - 2). Again after commit 7952d6a:
 *   448 steps for sys_null(), 447 from the TSC.
 * - QEMU counts a rep-prefixed string instruction once per iteration plus
 *   once more (rep stosl of N words: N + 1), where a real CPU's
 *   instructions-retired counter counts it once. The figures are thus
 *   QEMU's instruction counts: a 64-byte message copied with rep movsl
 *   counts 17, not 1. calib_rep_insns_per_elem (1.000) reports it.
 *
 * Each metric is (T(op, N) - T(nop, N)) / N, rounded, where T(f, N) is the
 * TSC difference around time_loop() calling f N times through a function
 * pointer. The same machine code runs for the op and for the empty
 * function, so the rdtsc instructions, the loop and the indirect call cancel
 * out; what is left is the cost of the operation as a C caller sees it
 * (wrapper, message setup, trap, kernel, return). A warm-up of WARMUP calls
 * comes first (first-touch page faults, copy-on-write after fork).
 *
 * A clock tick (HZ = 100, i.e. one every 10^7 instructions at 1 ns each)
 * falling inside a timed loop adds its handler's instructions to that loop;
 * spread over N operations that is far below one instruction each.
 *
 * The IPC figure is one ipc_sendrec() to a server in its own address space
 * (a forked child looping ipc_replyrecv(): its answer and its next receive
 * in one trap, as every server's loop does): two traps, two message copies
 * (each straight from user to user) and two context switches,
 * address-space switches included.
 *
 * Errors are printed as `bench: error: ...` (the harness then reports the
 * run as failed, never a figure), oddities as `bench: warning: ...`, other
 * news as `bench: info: ...`. The program always powers off.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "syslib.h"
#include "../include/bench_calib.h"

#define N        10000     /* timed operations per metric */
#define WARMUP   100       /* untimed operations first */

static endpoint_t server;      /* the forked echo server */
static message msg;

static __attribute__((noipa)) int op_nop(void)
{
	return 0;
}

static __attribute__((noipa)) int op_sendrec(void)
{
	return ipc_sendrec(server, &msg);
}

static __attribute__((noipa)) int op_null(void)
{
	return sys_null();
}

/* measure: print "bench: NAME=INSNS n=N ..." for OP, or an error. */
static void measure(const char *name, const char *what, op_fn op)
{
	int err;
	time_loop(op, WARMUP, &err);
	if (err != 0) {
		printf("bench: error: %s: %s failed (%d)\n", name, what, err);
		return;
	}
	uint64_t empty = time_loop(op_nop, N, &err);
	uint64_t total = time_loop(op, N, &err);
	if (err != 0) {
		printf("bench: error: %s: %s failed during the timed loop "
		    "(%d)\n", name, what, err);
		return;
	}
	if (total <= empty) {
		printf("bench: error: %s: %llu ticks for the operations, %llu "
		    "for the empty loop\n", name, total, empty);
		return;
	}
	uint64_t per_op = (total - empty + N / 2) / N;
	printf("bench: %s=%llu n=%d total=%llu empty=%llu\n", name, per_op, N,
	    total, empty);
}

/* ---- the echo server ---------------------------------------------------------- */

static void __attribute__((noreturn)) serve(void)
{
	message m;
	int r = ipc_receive(ANY, &m);
	for (;;) {
		if (r != 0) {
			printf("bench: error: server: receive failed (%d)\n",
			    r);
			sys_exit(1);
		}
		int sent;
		r = ipc_replyrecv(m.m_source, &m, ANY, &m, &sent);
		if (sent != 0) {
			printf("bench: error: server: the answer to %d failed "
			    "(%d)\n", m.m_source, sent);
			sys_exit(1);
		}
	}
}

/* stop_server: kill the server, then (as its signal manager) wait for the
 * kernel's notification, collect the signal and free its slot. A clock
 * alarm keeps a missing notification from hanging the benchmark. */
static void stop_server(void)
{
	int r = sys_kill(server, SIGKILL);
	if (r != 0) {
		printf("bench: warning: sys_kill of the server failed (%d)\n", r);
		return;
	}
	int alarm = sys_setalarm(100, 0, NULL) == 0;    /* one second */
	if (!alarm) {
		printf("bench: warning: no alarm; not waiting for the kernel's "
		    "notification\n");
		return;
	}
	message m;
	r = ipc_receive(ANY, &m);
	if (r != 0 || m.m_source != SYSTEM) {
		printf("bench: warning: no SYSTEM notification after killing "
		    "the server (receive %d from %d)\n", r, m.m_source);
		return;
	}
	sys_setalarm(0, 0, NULL);
	endpoint_t ep;
	sigset_k sigs;
	int status;
	r = sys_getksig(&ep, &sigs, &status);
	if (r != 0 || ep != server || !(sigs & (1u << SIGKILL))) {
		printf("bench: warning: sys_getksig: %d (endpoint %d, signals "
		    "%#x)\n", r, ep, sigs);
		return;
	}
	r = sys_clear(ep);
	if (r != 0)
		printf("bench: warning: sys_clear of the server failed (%d)\n",
		    r);
	else
		printf("bench: info: server %d killed, its slot cleared\n", ep);
}

int main(void)
{
	printf("bench: ipcbench n=%d warmup=%d tsc=%llu\n", N, WARMUP, rdtsc());
	calibrate();
	measure("kcall_null_insns", "sys_null", op_null);

	endpoint_t child = 0;
	int r = sys_fork(&child);
	if (r != 0) {
		printf("bench: error: ipc_roundtrip_insns: sys_fork failed "
		    "(%d)\n", r);
	} else if (child == 0) {
		serve();
	} else {
		server = child;
		memset(&msg, 0, sizeof(msg));
		msg.m_type = 1;
		measure("ipc_roundtrip_insns", "ipc_sendrec", op_sendrec);
		stop_server();
	}

	printf("bench: done\n");
	r = sys_shutdown(SHUTDOWN_POWEROFF);
	printf("bench: error: sys_shutdown failed (%d)\n", r);
	exit(1);
}
