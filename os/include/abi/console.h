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

#endif
