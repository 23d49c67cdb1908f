/* CPU exceptions: reported on the console. In the kernel they are fatal;
 * in a ring-3 process they become a signal to its signal manager (or end
 * the process when it has none), and the kernel goes on. */
#include "kernel.h"
#include "x86.h"

#define VEC_PAGE_FAULT 14
#define PF_PRESENT 0x1      /* page-fault error: the page was there */

static const char *const names[32] = {
	"divide error", "debug", "non-maskable interrupt", "breakpoint",
	"overflow", "bound range exceeded", "invalid opcode",
	"device not available", "double fault", "coprocessor segment overrun",
	"invalid TSS", "segment not present", "stack-segment fault",
	"general protection", "page fault", "reserved 15",
	"x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point error", "virtualization exception",
	"control protection", "reserved 22", "reserved 23", "reserved 24",
	"reserved 25", "reserved 26", "reserved 27", "reserved 28",
	"reserved 29", "security exception", "reserved 31",
};

/* exception_name: a readable name for exception VECTOR (0-31). */
const char *exception_name(uint32_t vector)
{
	return vector < 32 ? names[vector] : "not an exception";
}

static void report(const struct regs *tf, const char *where)
{
	kprintf("exception %u (%s) in %s: error=0x%x eip=0x%08x cr2=0x%08x\n",
	    tf->vector, exception_name(tf->vector), where, tf->error, tf->eip,
	    tf->vector == VEC_PAGE_FAULT ? read_cr2() : 0);
	trap_dump(tf);
}

/* exception_handle: report exception TF. From the kernel: backtrace and
 * panic. From a process: a page fault on a missing page of its stack area
 * above the guard page maps a zeroed page (vm_stack_grow) and the process
 * retries the access, quietly; any other exception is reported and its
 * signal goes to the process's signal manager (signal_raise). NULL is
 * returned. */
struct proc *exception_handle(struct regs *tf)
{
	if ((tf->cs & 3) == 0) {
		report(tf, "kernel");
		panic_at(tf->ebp, tf->eip, "%s in kernel mode",
		    exception_name(tf->vector));
	}
	char where[64];
	struct proc *p = proc_current;
	if (tf->vector == VEC_PAGE_FAULT && !(tf->error & PF_PRESENT) &&
	    vm_stack_grow(p->pgdir, read_cr2()))
		return NULL;
	fmt_snprintf(where, sizeof(where), "process %s (endpoint %d)",
	    p->name, p->endpoint);
	report(tf, where);
	signal_raise(p, signal_of_exception(tf->vector));
	return NULL;
}
