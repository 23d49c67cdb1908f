/* Segment descriptors: flat kernel and user segments, and the TSS that
 * gives the CPU the kernel stack on a trap from ring 3. */
#include "kernel.h"

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

static uint64_t gdt[6];
static struct tss tss;

extern char kstack_top[];

static uint64_t descriptor(uint32_t base, uint32_t limit, uint8_t access,
    uint8_t flags)
{
	return (limit & 0xffffull)
	    | ((uint64_t) (base & 0xffffff) << 16)
	    | ((uint64_t) access << 40)
	    | ((uint64_t) ((limit >> 16) & 0xf) << 48)
	    | ((uint64_t) (flags & 0xf) << 52)
	    | ((uint64_t) (base >> 24) << 56);
}

_Static_assert(__builtin_offsetof(struct regs, cs) == 60,
    "vectors.S assumes REGS_CS == 60");

/* tss_set_kernel_stack: where the CPU pushes the frame of the next trap
 * from ring 3. Set to the end of the running process's struct regs, so the
 * trap saves its registers right into its process-table slot. */
void tss_set_kernel_stack(uint32_t esp0)
{
	tss.esp0 = esp0;
}

/* gdt_init: load the GDT, reload the segment registers and the task
 * register. Traps from ring 3 then land on kstack_top. */
void gdt_init(void)
{
	gdt[0] = 0;
	gdt[1] = descriptor(0, 0xfffff, 0x9a, 0xc);   /* kernel code */
	gdt[2] = descriptor(0, 0xfffff, 0x92, 0xc);   /* kernel data */
	gdt[3] = descriptor(0, 0xfffff, 0xfa, 0xc);   /* user code, DPL 3 */
	gdt[4] = descriptor(0, 0xfffff, 0xf2, 0xc);   /* user data, DPL 3 */
	tss.ss0 = SEL_KDATA;
	tss.esp0 = (uint32_t) kstack_top;
	tss.iomap_base = sizeof(tss);                 /* no I/O bitmap */
	gdt[5] = descriptor((uint32_t) &tss, sizeof(tss) - 1, 0x89, 0x0);

	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) gdtr = { sizeof(gdt) - 1, (uint32_t) gdt };

	__asm__ volatile(
	    "lgdt %0\n\t"
	    "ljmp %1, $1f\n"
	    "1:\n\t"
	    "mov %2, %%ax\n\t"
	    "mov %%ax, %%ds\n\t"
	    "mov %%ax, %%es\n\t"
	    "mov %%ax, %%fs\n\t"
	    "mov %%ax, %%gs\n\t"
	    "mov %%ax, %%ss\n\t"
	    "mov %3, %%ax\n\t"
	    "ltr %%ax"
	    : : "m"(gdtr), "i"(SEL_KCODE), "i"(SEL_KDATA), "i"(SEL_TSS)
	    : "eax", "memory");
}
