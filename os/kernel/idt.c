/* The interrupt descriptor table: exceptions, IRQs and the two system-call
 * vectors (IPC and kernel calls), the latter callable from ring 3. */
#include "kernel.h"
#include <abi/kcalls.h>

#define GATE_INTR 0x8e        /* present, DPL 0, 32-bit interrupt gate */
/* System calls enter through DPL-3 interrupt gates: the CPU clears IF, so
 * no IRQ can arrive while the trap frame is being saved into the process
 * slot (TSS esp0 points there; an IRQ in that window would push its frame
 * into the process table). */
#define GATE_INTR_USER 0xee   /* present, DPL 3, 32-bit interrupt gate */

struct gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t zero;
	uint8_t type;
	uint16_t off_hi;
} __attribute__((packed));

static struct gate idt[256];

/* The stubs in vectors.S. */
#define VEC(n) extern void vec##n(void);
VEC(0) VEC(1) VEC(2) VEC(3) VEC(4) VEC(5) VEC(6) VEC(7) VEC(8) VEC(9)
VEC(10) VEC(11) VEC(12) VEC(13) VEC(14) VEC(15) VEC(16) VEC(17) VEC(18)
VEC(19) VEC(20) VEC(21) VEC(22) VEC(23) VEC(24) VEC(25) VEC(26) VEC(27)
VEC(28) VEC(29) VEC(30) VEC(31) VEC(32) VEC(33) VEC(34) VEC(35) VEC(36)
VEC(37) VEC(38) VEC(39) VEC(40) VEC(41) VEC(42) VEC(43) VEC(44) VEC(45)
VEC(46) VEC(47) VEC(128) VEC(129)
#undef VEC

_Static_assert(IPC_VECTOR == 128 && KCALL_VECTOR == 129,
    "vec128/vec129 must match the system-call vectors");

static void (*const stubs[48])(void) = {
	vec0, vec1, vec2, vec3, vec4, vec5, vec6, vec7, vec8, vec9, vec10,
	vec11, vec12, vec13, vec14, vec15, vec16, vec17, vec18, vec19, vec20,
	vec21, vec22, vec23, vec24, vec25, vec26, vec27, vec28, vec29, vec30,
	vec31, vec32, vec33, vec34, vec35, vec36, vec37, vec38, vec39, vec40,
	vec41, vec42, vec43, vec44, vec45, vec46, vec47,
};

static void set_gate(int n, void (*fn)(void), uint8_t type)
{
	uint32_t off = (uint32_t) fn;
	idt[n] = (struct gate) {
		.off_lo = off & 0xffff,
		.sel = SEL_KCODE,
		.type = type,
		.off_hi = off >> 16,
	};
}

/* idt_init: install every gate and load the IDT. Interrupts stay off. */
void idt_init(void)
{
	for (int n = 0; n < 48; n++)
		set_gate(n, stubs[n], GATE_INTR);
	/* int3 and into are meant to be used from ring 3 (debuggers): they
	 * raise SIGTRAP and overflow, not a general protection fault. */
	set_gate(3, vec3, GATE_INTR_USER);
	set_gate(4, vec4, GATE_INTR_USER);
	set_gate(IPC_VECTOR, vec128, GATE_INTR_USER);
	set_gate(KCALL_VECTOR, vec129, GATE_INTR_USER);

	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint32_t) idt };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}
