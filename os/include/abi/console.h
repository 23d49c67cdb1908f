/* Kernel console lines the harness parses: declared once here, printed by
 * the kernel with these formats, and read by the harness from
 * harness/abi.py (generated from this file). Change one only together
 * with the tests that read it. */
#ifndef ABI_CONSOLE_H
#define ABI_CONSOLE_H

/* kernel/panic.c: then the message and a newline (a backtrace follows). */
#define KERNEL_PANIC_PREFIX "kernel panic: "

/* kernel/boot.c: a boot service started (module name, endpoint, size). */
#define BOOT_STARTED_FMT "boot: started %s (endpoint %d, %u KiB)\n"

/* kernel/power.c: the last line; "ok" or "panic". */
#define POWER_OFF_FMT "kernel: power off (%s)\n"

/* kernel/hangdump.c: the process table printed on an NMI (a hang) or on
 * request: the head line with what asked ("NMI" or "request"), the tick,
 * the current process, its eip and ring; one line per process; the end
 * line. */
#define PROCTABLE_HEAD_FMT \
	"kernel: process table (%s) tick=%u current=%s eip=0x%08x ring=%u\n"
#define PROCTABLE_END "kernel: end of process table\n"

#endif
