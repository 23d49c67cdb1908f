/* RS recovers from its own failure: RS is every other service's signal
 * manager, but nobody manages RS. When RS faults, exits, panics, or hangs
 * (RS_WATCHDOG_S seconds of CPU time without entering a receive), the
 * kernel starts RS again in place: the same slot, endpoint and privileges,
 * its writable memory (the service table) kept, its code reloaded from
 * its boot module (which stays in memory: pmem.c reserves the modules for
 * good), a fresh stack with argv "rs restart WHY" (abi/rs.h). The
 * processes waiting to send to RS stay queued, those waiting for its
 * answer keep waiting: the restarted RS answers them from its kept table.
 * A failure before RS entered a receive again counts as "in a row"; more
 * than RS_IN_A_ROW_MAX of those is a kernel panic (RS cannot start). */
#include "kernel.h"
#include <abi/boot.h>
#include <abi/errno.h>
#include <abi/rs.h>

#define RS_IN_A_ROW_MAX 4
#define RS_WATCHDOG_TICKS (RS_WATCHDOG_S * HZ)

static uint32_t restarts;         /* RS's restarts since boot */
static uint32_t in_a_row;         /* failures since RS last received */
static uint32_t alive_cpu;        /* RS's CPU ticks when it last received */
static int armed = -1;            /* -1 unknown, 0 no RS module, 1 yes */
static char frame[EXEC_FRAME_MAX];

/* Whether P is RS, started from its boot module (armed). */
static int is_rs(const struct proc *p)
{
	if (armed < 0) {
		const uint8_t *start;
		uint32_t size;
		const char *cmdline;
		armed = boot_rs_module(&start, &size, &cmdline) == 0;
	}
	return armed && p == &proc_table[RS_SLOT] && p->in_use &&
	    p->endpoint == RS_EP;
}

/* rs_recover: RS (P) failed, WHY (RS_WHY_*). Restarts it in place as the
 * file comment says and returns 0; -EINVAL when P is not RS or its memory
 * is gone (it exited already), and the caller goes on as for any other
 * process. A restart that cannot be done, or the RS_IN_A_ROW_MAX-th
 * failure in a row, is a panic. */
int rs_recover(struct proc *p, const char *why)
{
	if (!is_rs(p) || (p->rts & RTS_EXITED) || !p->pgdir)
		return -EINVAL;
	if (++in_a_row > RS_IN_A_ROW_MAX)
		panic("rs failed (%s) %u times in a row before it could serve",
		    why, in_a_row);
	const uint8_t *start;
	uint32_t size;
	const char *cmdline;
	char line[160];
	struct exec_args args;
	boot_rs_module(&start, &size, &cmdline);
	fmt_snprintf(line, sizeof(line), "%s %s %s", cmdline, RS_ARGV_RESTART,
	    why);
	int r = args_from_cmdline(line, frame, sizeof(frame), &args);
	if (p->rts & (RTS_SENDING | RTS_RECEIVING))
		ipc_cancel(p);
	struct elf_source src = { .kaddr = start, .size = size };
	if (r == 0)
		r = elf_restart(p, &src, &args);
	if (r != 0)
		panic("rs failed (%s) and cannot be restarted in place (%d)",
		    why, r);
	p->sig_pending = 0;
	proc_unblock(p, RTS_SIGNALED | RTS_STOPPED);
	restarts++;
	alive_cpu = p->user_ticks + p->sys_ticks;
	kprintf(RS_SELF_RESTART_FMT, why, (unsigned) restarts);
	return 0;
}

/* rs_watchdog_alive: P enters a receive (or a program was just swapped
 * into P's slot); when P is RS it is alive (and no longer failing in a
 * row), and the watchdog counts its CPU time from now. */
void rs_watchdog_alive(const struct proc *p)
{
	if (p->slot == RS_SLOT) {
		alive_cpu = p->user_ticks + p->sys_ticks;
		in_a_row = 0;
	}
}

/* rs_watchdog_tick: called on every clock tick: RS that used
 * RS_WATCHDOG_TICKS of CPU time since it last entered a receive has hung
 * (a loop), and is restarted (rs_recover "hang"). CPU time, not time: an
 * RS that waits for the CPU (others are busy) or is blocked (a sendrec,
 * stopped) is not hung. */
void rs_watchdog_tick(void)
{
	struct proc *p = &proc_table[RS_SLOT];
	if (!armed || !p->in_use || p->rts != 0)
		return;
	uint32_t cpu = p->user_ticks + p->sys_ticks;
	if (cpu < alive_cpu)              /* another program (SYS_UPDATE) */
		alive_cpu = cpu;
	if (cpu - alive_cpu > RS_WATCHDOG_TICKS && is_rs(p)) {
		kprintf("kernel: rs ran %u s without entering a receive\n",
		    (unsigned) RS_WATCHDOG_S);
		rs_recover(p, RS_WHY_HANG);
	}
}
