/* Kernel panic: print why, where we came from, and power off. */
#include "kernel.h"
#include "x86.h"

#define BACKTRACE_MAX 16

extern char kstack_bottom[], kstack_top[];

static int in_panic;

static void print_frame(int depth, uint32_t eip)
{
	uint32_t off;
	const char *name = ksym_lookup(eip, &off);
	if (name)
		kprintf("  #%d 0x%08x %s+0x%x\n", depth, eip, name, off);
	else
		kprintf("  #%d 0x%08x ?\n", depth, eip);
}

/* backtrace_from: print the call chain: EIP first (unless 0), then the
 * return addresses found by following frame pointers from EBP. Stops at a
 * null or out-of-stack frame pointer (the kernel is built with frame
 * pointers; _start sets %ebp to 0). */
void backtrace_from(uint32_t ebp, uint32_t eip)
{
	int depth = 0;
	kprintf("backtrace:\n");
	if (eip)
		print_frame(depth++, eip);
	for (; depth < BACKTRACE_MAX; depth++) {
		if (ebp < (uint32_t) kstack_bottom ||
		    ebp + 8 > (uint32_t) kstack_top || (ebp & 3))
			break;
		uint32_t *frame = (uint32_t *) ebp;
		if (frame[1] == 0)
			break;
		print_frame(depth, frame[1]);
		ebp = frame[0];
	}
}

static NORETURN void panic_common(uint32_t ebp, uint32_t eip, const char *fmt,
    va_list ap)
{
	__asm__ volatile("cli");
	if (in_panic++)
		power_off(POWER_PANIC);
	kprintf("\n" KERNEL_PANIC_PREFIX);
	kvprintf(fmt, ap);
	kprintf("\n");
	backtrace_from(ebp, eip);
	power_off(POWER_PANIC);
}

/* panic: the kernel cannot go on. Prints "kernel panic: MESSAGE" and a
 * backtrace of the caller, then powers off with the panic status. Never
 * returns; a panic inside a panic powers off at once. */
void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	panic_common(read_ebp(), 0, fmt, ap);
}

/* panic_at: as panic, with the backtrace taken from a trap frame's EBP and
 * EIP (a CPU exception in the kernel). */
void panic_at(uint32_t ebp, uint32_t eip, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	panic_common(ebp, eip, fmt, ap);
}
