/* Kernel entry: bring the machine up, start the boot modules, schedule. */
#include "kernel.h"
#include "multiboot.h"

/* Debugging aids selected by "panic=KIND" on the kernel command line, so the
 * test harness can check that a kernel failure is reported, not hung. */
static void forced_failure(const char *kind)
{
	if (!kind)
		return;
	if (strcmp(kind, "fault") == 0) {
		kprintf("kernel: forcing a page fault (panic=fault)\n");
		*(volatile uint32_t *) 0xdeadbeef = 1;
	} else if (strcmp(kind, "ud") == 0) {
		kprintf("kernel: forcing an invalid opcode (panic=ud)\n");
		__asm__ volatile("ud2");
	}
	panic("forced by the kernel command line (panic=%s)", kind);
}

/* kmain: called by _start with the boot loader's MAGIC and information.
 * Never returns. */
void kmain(uint32_t magic, const struct multiboot_info *mbi)
{
	console_init();
	kprintf("%s %s (i386 microkernel) booting\n", KERNEL_NAME, KERNEL_VERSION);
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a Multiboot boot loader (magic 0x%08x)", magic);

	cmdline_init(mbi->flags & MBI_FLAG_CMDLINE ? (const char *) mbi->cmdline
	    : NULL);
	if (*cmdline_text())
		kprintf("kernel: command line: %s\n", cmdline_text());
	gdt_init();
	idt_init();
	pic_init();
	pmem_init(mbi);
	vm_init();
	kprintf("kernel: %u MiB of memory managed, %u KiB free, paging on\n",
	    pmem_limit() >> 20, pmem_free_count() * (PAGE_SIZE / 1024));

	forced_failure(cmdline_get("panic"));

	proc_init();
	boot_load_modules(mbi);
	rtc_init();
	clock_init();
	sched_run();
}
