/* How the kernel leaves the emulator (kernel/power.c): the code it writes
 * to QEMU's isa-debug-exit device (port 0xf4), which makes QEMU exit with
 * status (code << 1) | 1. The harness and `make run` read the statuses
 * (harness/abi.py QEMU_EXIT_OK, QEMU_EXIT_PANIC). */
#ifndef ABI_POWER_H
#define ABI_POWER_H

#define POWER_OK    0x10     /* a clean power-off: QEMU exits with 33 */
#define POWER_PANIC 0x11     /* after a panic: QEMU exits with 35 */

/* QEMU's exit status for power-off CODE. */
#define QEMU_EXIT_STATUS(code) (((code) << 1) | 1)

#endif
