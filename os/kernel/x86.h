/* Thin wrappers around i386 instructions the kernel needs. */
#ifndef X86_H
#define X86_H

#include <stdint.h>

/* EFLAGS bits. */
#define EFLAGS_CF   0x0001
#define EFLAGS_RSVD 0x0002     /* always 1 */
#define EFLAGS_PF   0x0004
#define EFLAGS_AF   0x0010
#define EFLAGS_ZF   0x0040
#define EFLAGS_SF   0x0080
#define EFLAGS_TF   0x0100
#define EFLAGS_IF   0x0200
#define EFLAGS_DF   0x0400
#define EFLAGS_OF   0x0800
/* What ring-3 code may change itself (no IOPL, IF, NT, VM, ...). */
#define EFLAGS_USER (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | \
	EFLAGS_SF | EFLAGS_TF | EFLAGS_DF | EFLAGS_OF)

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t read_cr2(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint32_t read_cr3(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint32_t read_cr0(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t read_ebp(void)
{
	uint32_t v;
	__asm__ volatile("mov %%ebp, %0" : "=r"(v));
	return v;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t) hi << 32) | lo;
}

static inline __attribute__((noreturn)) void cpu_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#endif
