/* Powering the (emulated) machine off with a status the host can read.
 *
 * QEMU: the isa-debug-exit device at port 0xf4 makes QEMU exit with status
 * (value << 1) | 1, so POWER_OK gives 33 and POWER_PANIC gives 35.
 * Bochs: the string "Shutdown" written to port 0x8900 ends the simulation.
 * Otherwise: ACPI power-off on QEMU's PIIX4, then halt for good. */
#include "kernel.h"
#include "x86.h"

#define DEBUG_EXIT_PORT  0xf4
#define BOCHS_SHUTDOWN   0x8900
#define QEMU_ACPI_PM1A   0x604
#define ACPI_SLP_EN_S5   0x2000

/* power_off: print the final console line and leave the emulator. CODE is
 * POWER_OK for a clean shutdown and POWER_PANIC after a panic. */
void power_off(uint32_t code)
{
	__asm__ volatile("cli");
	kprintf(POWER_OFF_FMT, code == POWER_OK ? "ok" : "panic");
	outl(DEBUG_EXIT_PORT, code);
	for (const char *s = "Shutdown"; *s; s++)
		outb(BOCHS_SHUTDOWN, (uint8_t) *s);
	outw(QEMU_ACPI_PM1A, ACPI_SLP_EN_S5);
	cpu_halt_forever();
}
