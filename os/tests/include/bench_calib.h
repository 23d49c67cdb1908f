/* Instruction counting for guest benchmarks under QEMU -icount shift=0:
 * rdtsc, and the calibration that proves one TSC tick per guest instruction
 * (harness/bench.py checks the `bench: calib_insns_per_iter=` line). Used
 * by os/tests/ipcbench and os/tests/user/forkbench, sysbench; needs
 * printf. */
#ifndef BENCH_CALIB_H
#define BENCH_CALIB_H

#include <stdint.h>
#include <stdio.h>

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t) hi << 32) | lo;
}

/* ---- timed loops ------------------------------------------------------------ */

typedef int (*op_fn)(void);

/* time_loop: the TSC difference across N calls of OP. Stops at the first
 * call that returns non-zero and stores that value in *ERR (else 0).
 * noipa: the compiler must not specialise it per OP, so the empty function
 * and the measured ones run through identical machine code. */
static __attribute__((noipa, unused)) uint64_t time_loop(op_fn op,
    uint32_t n, int *err)
{
	int r = 0;
	uint64_t t0 = rdtsc();
	for (uint32_t i = 0; i < n; i++) {
		r = op();
		if (r != 0)
			break;
	}
	uint64_t t1 = rdtsc();
	*err = r;
	return t1 - t0;
}

/* ---- calibration ----------------------------------------------------------- */

#define CALIB_INSNS_PER_ITER 8
#define CALIB_SHORT   10000u     /* iterations of the two calibration runs */
#define CALIB_LONG    110000u
#define CALIB_TRIES   5          /* keep the least (a tick adds, never removes) */
#define CALIB_REP_SHORT 16u      /* words of the two rep stosl runs */
#define CALIB_REP_LONG  1040u

/* calib_loop: the TSC difference across ITERS iterations of a loop of
 * exactly CALIB_INSNS_PER_ITER instructions of several kinds (ALU, stack
 * memory, branch). Between the two rdtsc instructions there are also two
 * movs; how many of the rdtscs' own instructions a difference includes is
 * QEMU's business: it is the "fixed" part, reported but not checked. */
static uint64_t calib_loop(uint32_t iters)
{
	uint32_t lo0, hi0, lo1, hi1;
	__asm__ volatile(
	    "rdtsc\n\t"
	    "mov %%eax, %0\n\t"
	    "mov %%edx, %1\n"
	    "1:\n\t"
	    "nop\n\t"                          /* 1 */
	    "add $3, %%eax\n\t"                /* 2 */
	    "lea 1(%%eax,%%eax,2), %%edx\n\t"  /* 3 */
	    "xor %%edx, %%eax\n\t"             /* 4 */
	    "push %%eax\n\t"                   /* 5 */
	    "pop %%edx\n\t"                    /* 6 */
	    "dec %%ecx\n\t"                    /* 7 */
	    "jnz 1b\n\t"                       /* 8 */
	    "rdtsc"
	    : "=&r"(lo0), "=&r"(hi0), "=a"(lo1), "=d"(hi1), "+c"(iters)
	    :
	    : "cc", "memory");
	return (((uint64_t) hi1 << 32) | lo1) - (((uint64_t) hi0 << 32) | lo0);
}

/* min_of_tries: the smallest of CALIB_TRIES measurements FN(ARG). */
static uint64_t min_of_tries(uint64_t (*fn)(uint32_t), uint32_t arg)
{
	uint64_t best = fn(arg);
	for (int i = 1; i < CALIB_TRIES; i++) {
		uint64_t t = fn(arg);
		if (t < best)
			best = t;
	}
	return best;
}

/* calib_rep: the TSC difference across one `rep stosl` of COUNT words. */
static uint32_t rep_buf[CALIB_REP_LONG];

static uint64_t calib_rep(uint32_t count)
{
	uint32_t lo0, hi0, lo1, hi1;
	uint32_t *dst = rep_buf;
	__asm__ volatile(
	    "rdtsc\n\t"
	    "mov %%eax, %0\n\t"
	    "mov %%edx, %1\n\t"
	    "rep stosl\n\t"
	    "rdtsc"
	    : "=&r"(lo0), "=&r"(hi0), "=a"(lo1), "=d"(hi1), "+c"(count),
	      "+D"(dst)
	    :
	    : "cc", "memory");
	return (((uint64_t) hi1 << 32) | lo1) - (((uint64_t) hi0 << 32) | lo0);
}

/* print_ratio: "bench: NAME=X.XXX" for TICKS over SPAN, then REST. */
static void print_ratio(const char *name, uint64_t ticks, uint32_t span,
    const char *rest)
{
	uint64_t milli = (ticks * 1000 + span / 2) / span;
	printf("bench: %s=%llu.%03llu%s", name, milli / 1000, milli % 1000,
	    rest);
}

/* calibrate: print the TSC ticks per iteration of the calibration loop
 * (with three decimals) and the fixed part of a difference; then the ticks
 * per element of a rep-prefixed string instruction (informational). */
static void calibrate(void)
{
	uint64_t t_short = min_of_tries(calib_loop, CALIB_SHORT);
	uint64_t t_long = min_of_tries(calib_loop, CALIB_LONG);
	uint32_t span = CALIB_LONG - CALIB_SHORT;
	if (t_long <= t_short) {
		printf("bench: error: the TSC does not advance (%llu then %llu "
		    "ticks)\n", t_short, t_long);
		return;
	}
	long long fixed = (long long) t_short
	    - (long long) CALIB_SHORT * CALIB_INSNS_PER_ITER;
	print_ratio("calib_insns_per_iter", t_long - t_short, span, "");
	printf(" expected=%d fixed=%lld short=%llu long=%llu\n",
	    CALIB_INSNS_PER_ITER, fixed, t_short, t_long);

	t_short = min_of_tries(calib_rep, CALIB_REP_SHORT);
	t_long = min_of_tries(calib_rep, CALIB_REP_LONG);
	if (t_long < t_short)
		return;
	print_ratio("calib_rep_insns_per_elem", t_long - t_short,
	    CALIB_REP_LONG - CALIB_REP_SHORT, "");
	printf(" short=%llu long=%llu\n", t_short, t_long);
}

#endif
