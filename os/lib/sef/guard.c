/* The text guard: a service's code must stay the code it was started
 * with. sef_startup takes a checksum of the text segment (the linker
 * script's __text_start .. __text_end); sef_guard_check computes it again
 * and panics on a difference, so a mutated or corrupted instance stops
 * (RS restarts it from its pristine image) instead of serving wrong
 * results. Checked when SEF answers RS's heartbeat (receive.c). A change
 * made by another process (SYS_CODEPATCH) is caught sooner, by the kernel
 * (os/kernel/textguard.c: at the process's next trap); this checksum is
 * for changes the kernel did not make. */
#include <stdint.h>
#ifdef GUARD_MEASURE
#include <stdio.h>
#endif
#include "sef_priv.h"

extern const uint8_t __text_start[], __text_end[];

#define GUARD_MULT 0x01000193u      /* odd: each step is a bijection */

static uint32_t guard_sum;          /* the checksum taken at start-up */
static int guard_armed;             /* sef_guard_init ran */

/* guard_checksum: the checksum of the bytes in [START, END). Each 32-bit
 * word is mixed in as h = (h ^ w) * GUARD_MULT: every step is one-to-one
 * in h and in w, so a change confined to one word (any single bit flip,
 * any change of up to 4 aligned bytes) always changes the result; larger
 * changes escape with odds of about 2^-32. Eight words per iteration
 * keep the loop at under 3 instructions a word (xor from memory, imul). */
static uint32_t guard_checksum(const uint8_t *start, const uint8_t *end)
{
	uint32_t h = 0x811c9dc5u;
	const uint32_t *w = (const uint32_t *) (((uintptr_t) start + 3) & ~3u);
	const uint32_t *wend = (const uint32_t *) ((uintptr_t) end & ~3u);
	for (const uint8_t *b = start; b < (const uint8_t *) w && b < end; b++)
		h = (h ^ *b) * GUARD_MULT;
	while (wend - w >= 8) {
		h = (h ^ w[0]) * GUARD_MULT;
		h = (h ^ w[1]) * GUARD_MULT;
		h = (h ^ w[2]) * GUARD_MULT;
		h = (h ^ w[3]) * GUARD_MULT;
		h = (h ^ w[4]) * GUARD_MULT;
		h = (h ^ w[5]) * GUARD_MULT;
		h = (h ^ w[6]) * GUARD_MULT;
		h = (h ^ w[7]) * GUARD_MULT;
		w += 8;
	}
	while (w < wend)
		h = (h ^ *w++) * GUARD_MULT;
	for (const uint8_t *b = (const uint8_t *) w; b < end; b++)
		h = (h ^ *b) * GUARD_MULT;
	return h;
}

/* sef_guard_init (sef_priv.h): take the reference checksum; from now on
 * sef_guard_check compares against it. Built with -DGUARD_MEASURE, it
 * also prints what one check costs in TSC ticks: guest instructions when
 * booted under QEMU -icount shift=0 (pytest --deterministic). */
void sef_guard_init(void)
{
	guard_sum = guard_checksum(__text_start, __text_end);
	guard_armed = 1;
#ifdef GUARD_MEASURE
	uint32_t lo0, hi0, lo1, hi1;
	__asm__ volatile("rdtsc" : "=a"(lo0), "=d"(hi0));
	sef_guard_check();
	__asm__ volatile("rdtsc" : "=a"(lo1), "=d"(hi1));
	printf("guard: %u bytes, %u insns per check\n",
	    (unsigned) (__text_end - __text_start), (unsigned) (lo1 - lo0));
#endif
}

/* sef_guard_check: see sef.h. Before sef_guard_init it checks nothing. */
void sef_guard_check(void)
{
	if (guard_armed && guard_checksum(__text_start, __text_end) != guard_sum)
		sef_panic("text guard: code changed");
}
