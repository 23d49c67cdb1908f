/* Cases for CPU exceptions in ring 3: each faulting instruction must stop
 * the process and reach its manager as the matching signal (the runner
 * checks the signal), and the kernel must carry on with the next case. */
#include "ktest.h"

/* A divide error (#DE) is SIGFPE. */
TEST_SIGNAL(exc_divide, SIGFPE)
{
	__asm__ volatile("xorl %%ecx, %%ecx\n\t"
	                 "movl $1, %%eax\n\t"
	                 "cltd\n\t"
	                 "idivl %%ecx"
	                 ::: "eax", "ecx", "edx");
}

/* An invalid opcode (#UD, ud2) is SIGILL. */
TEST_SIGNAL(exc_invalid_opcode, SIGILL)
{
	__asm__ volatile("ud2");
}

/* A write to page 0 (never mapped) is a page fault: SIGSEGV. */
TEST_SIGNAL(exc_write_low, SIGSEGV)
{
	__asm__ volatile("movl $1, 0x10" ::: "memory");
}

/* A write above user space (0xF0000000) is a page fault: SIGSEGV. */
TEST_SIGNAL(exc_write_high, SIGSEGV)
{
	__asm__ volatile("movl $1, 0xF0000000" ::: "memory");
}

/* A read of kernel memory (mapped, but supervisor only) is a page fault:
 * SIGSEGV. */
TEST_SIGNAL(exc_read_kernel, SIGSEGV)
{
	uint32_t v;
	__asm__ volatile("movl 0x00100000, %0" : "=r"(v) :: "memory");
}

/* A jump to an address with no code (page 0) is a page fault on the
 * instruction fetch: SIGSEGV. */
TEST_SIGNAL(exc_jump_null, SIGSEGV)
{
	__asm__ volatile("movl $0x20, %%eax\n\t"
	                 "call *%%eax" ::: "eax", "memory");
}

/* code_byte: a function whose code the next case tries to overwrite. */
static __attribute__((noinline, used)) void code_byte(void)
{
	__asm__ volatile("nop");
}

/* A write to the program's own code (mapped read-only) is a page fault:
 * SIGSEGV. */
TEST_SIGNAL(exc_write_code, SIGSEGV)
{
	*(volatile uint8_t *) (uintptr_t) code_byte = 0xc3;
}

/* cli in ring 3 (IOPL 0) is a general-protection fault: SIGSEGV. */
TEST_SIGNAL(exc_cli, SIGSEGV)
{
	__asm__ volatile("cli");
}

/* hlt in ring 3 is a general-protection fault: SIGSEGV. */
TEST_SIGNAL(exc_hlt, SIGSEGV)
{
	__asm__ volatile("hlt");
}

/* Loading a selector past the end of the GDT into a segment register is a
 * general-protection fault: SIGSEGV. */
TEST_SIGNAL(exc_bad_selector, SIGSEGV)
{
	__asm__ volatile("movw $0xfffb, %%ax\n\t"
	                 "movw %%ax, %%ds" ::: "eax", "memory");
}

/* Direct port I/O in ring 3 (no IOPL, no I/O bitmap) is a
 * general-protection fault: SIGSEGV. */
TEST_SIGNAL(exc_port_io, SIGSEGV)
{
	__asm__ volatile("inb $0x71, %%al" ::: "eax");
}

/* A software interrupt to a kernel-only gate (the page-fault vector) is a
 * general-protection fault: SIGSEGV. */
TEST_SIGNAL(exc_int_kernel_gate, SIGSEGV)
{
	__asm__ volatile("int $14");
}

/* A breakpoint (int3) is SIGTRAP. */
TEST_SIGNAL(exc_breakpoint, SIGTRAP)
{
	__asm__ volatile("int3");
}

/* Setting the trap flag makes the next instruction raise a debug trap
 * (#DB): SIGTRAP. */
TEST_SIGNAL(exc_single_step, SIGTRAP)
{
	__asm__ volatile("pushfl\n\t"
	                 "orl $0x100, (%%esp)\n\t"
	                 "popfl\n\t"
	                 "nop" ::: "memory", "cc");
}

/* Never 0 in practice: makes `recurse` look bounded to the compiler. */
static volatile int recursion_limit = -1;

/* recurse: use 4 KiB of stack per call, without end. */
static int recurse(int depth)
{
	volatile char frame[4096];
	frame[0] = (char) depth;
	frame[sizeof(frame) - 1] = (char) depth;
	if (depth == recursion_limit)
		return 0;
	return recurse(depth + 1) + frame[0] + frame[sizeof(frame) - 1];
}

/* Running off the end of the stack (into the unmapped page below it) is a
 * page fault: SIGSEGV. */
TEST_SIGNAL(exc_stack_overflow, SIGSEGV)
{
	recurse(0);
}

/* divide_by_zero: helper that faults with a divide error. */
static void divide_by_zero(void *arg)
{
	(void) arg;
	__asm__ volatile("xorl %%ecx, %%ecx\n\t"
	                 "movl $1, %%eax\n\t"
	                 "cltd\n\t"
	                 "idivl %%ecx"
	                 ::: "eax", "ecx", "edx");
}

/* An exception in a process whose manager is not the runner goes to that
 * manager (here the case process) the same way, and is not reported as an
 * exit. */
TEST(exc_in_helper)
{
	endpoint_t h = ktest_spawn(divide_by_zero, NULL);
	struct ktest_end end = ktest_reap(h);
	CHECK_EQ(end.sigs, SIGBIT(SIGFPE));
}
