/* usertests: memory. sbrk and malloc, anonymous mmap and munmap, faults
 * that kill with SIGSEGV, memory given back after many fork/exit cycles,
 * and running out of memory without dying. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "ut.h"

#define PAGE 4096
#define KIB 1024
#define MIB (1024 * 1024)

/* sbrk grows the heap by what is asked; the new memory is zero and
 * usable; a negative increment gives it back, and pages grown again are
 * zero again. (The break is first moved to a page boundary: the rest of
 * the page it is in may hold the runner's old data.) */
TEST(sbrk)
{
	char *start = sbrk(0);
	CHECK(start != (char *) -1);
	if ((uintptr_t) start % PAGE)
		CHECK(sbrk((intptr_t) (PAGE - (uintptr_t) start % PAGE)) == start);
	start = sbrk(0);
	CHECK(((uintptr_t) start & (PAGE - 1)) == 0);
	char *p = sbrk(64 * KIB);
	CHECK(p == start);
	CHECK(sbrk(0) == start + 64 * KIB);
	for (int i = 0; i < 64 * KIB; i++)
		if (p[i] != 0)
			FAIL("new heap byte %d is %d", i, p[i]);
	for (int i = 0; i < 64 * KIB; i++)
		p[i] = (char) (i % 251);
	for (int i = 0; i < 64 * KIB; i++)
		CHECK(p[i] == (char) (i % 251));
	CHECK(sbrk(-64 * KIB) == start + 64 * KIB);
	CHECK(sbrk(0) == start);
	/* Grown again, the memory is zero again. */
	p = sbrk(2 * PAGE);
	CHECK(p == start);
	for (int i = 0; i < 2 * PAGE; i++)
		if (p[i] != 0)
			FAIL("heap byte %d grown again is %d",
			    i, p[i]);
}

#define BLOCKS 1000

/* Many malloc'd blocks of many sizes keep their contents while others are
 * freed and allocated; realloc keeps the contents. */
TEST(malloc)
{
	static unsigned char *blocks[BLOCKS];
	static size_t sizes[BLOCKS];
	for (int i = 0; i < BLOCKS; i++) {
		sizes[i] = (size_t) (i * 37) % 2000 + 1;
		blocks[i] = malloc(sizes[i]);
		CHECK(blocks[i] != NULL);
		memset(blocks[i], i & 0xff, sizes[i]);
	}
	for (int i = 1; i < BLOCKS; i += 2) {
		free(blocks[i]);
		blocks[i] = NULL;
	}
	for (int i = 1; i < BLOCKS; i += 2) {
		sizes[i] = (size_t) (i * 53) % 3000 + 1;
		blocks[i] = malloc(sizes[i]);
		CHECK(blocks[i] != NULL);
		memset(blocks[i], i & 0xff, sizes[i]);
	}
	for (int i = 0; i < BLOCKS; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			if (blocks[i][k] != (unsigned char) (i & 0xff))
				FAIL("block %d byte %u changed",
				    i, (unsigned) k);
	unsigned char *r = realloc(blocks[0], 100 * KIB);
	CHECK(r != NULL);
	for (size_t k = 0; k < sizes[0]; k++)
		CHECK(r[k] == 0);
	blocks[0] = r;
	for (int i = 0; i < BLOCKS; i++)
		free(blocks[i]);
	unsigned char *big = malloc(MIB);
	CHECK(big != NULL);
	memset(big, 0x5a, MIB);
	CHECK(big[MIB - 1] == 0x5a);
	free(big);
}

#define MAP_PAGES 16

/* An anonymous mapping is zero and usable on every page; munmap removes
 * it, and touching it afterwards kills with SIGSEGV. */
TEST(mmap)
{
	size_t len = MAP_PAGES * PAGE;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	CHECK(((uintptr_t) m & (PAGE - 1)) == 0);
	for (size_t i = 0; i < len; i++)
		if (m[i] != 0)
			FAIL("mapped byte %u is %d",
			    (unsigned) i, m[i]);
	for (size_t p = 0; p < MAP_PAGES; p++)
		memset(m + p * PAGE, (int) p + 1, PAGE);
	for (size_t p = 0; p < MAP_PAGES; p++)
		CHECK(m[p * PAGE] == p + 1 && m[p * PAGE + PAGE - 1] == p + 1);
	/* Two mappings do not overlap. */
	unsigned char *m2 = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m2 != MAP_FAILED);
	CHECK(m2 + PAGE <= m || m2 >= m + len);
	CHECK_SYS(munmap(m2, PAGE));
	CHECK_SYS(munmap(m, len));

	pid_t pid = ut_fork();
	if (pid == 0) {
		unsigned char *c = mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (c == MAP_FAILED)
			_exit(2);
		c[PAGE] = 1;
		if (munmap(c, len) < 0)
			_exit(3);
		((volatile unsigned char *) c)[PAGE] = 2;
		_exit(0);
	}
	EXPECT_SIGNAL(pid, SIGSEGV);
}

/* Reading or writing through a null pointer kills with SIGSEGV. */
TEST(null_deref)
{
	pid_t pid = ut_fork();
	if (pid == 0) {
		volatile int *volatile p = NULL;
		_exit(*p == 0 ? 10 : 11);
	}
	EXPECT_SIGNAL(pid, SIGSEGV);
	pid = ut_fork();
	if (pid == 0) {
		volatile int *volatile p = NULL;
		*p = 1;
		_exit(0);
	}
	EXPECT_SIGNAL(pid, SIGSEGV);
}

/* A function whose code the test tries to overwrite. */
static int code_target(int x)
{
	return x * 3 + 1;
}

/* Writing to the program's code kills with SIGSEGV (the code is
 * read-only) and the code is unchanged for the parent. */
TEST(code_write)
{
	int (*volatile fn)(int) = code_target;
	pid_t pid = ut_fork();
	if (pid == 0) {
		volatile unsigned char *code = (volatile unsigned char *) (uintptr_t) fn;
		code[0] = 0xc3;                /* ret */
		_exit(0);
	}
	EXPECT_SIGNAL(pid, SIGSEGV);
	CHECK_EQ(fn(4), 13);
}

/* Recurse DEPTH levels deeper, each level with a 4 KiB frame marked
 * with its depth; returns how many frames found their marks changed on
 * the way back (0: every stack page held its bytes). */
static int __attribute__((noinline)) deep(int depth)
{
	volatile unsigned char frame[4 * KIB];
	for (int i = 0; i < (int) sizeof(frame); i += 64)
		frame[i] = (unsigned char) (depth * 3 + i / 64);
	int bad = depth > 0 ? deep(depth - 1) : 0;
	for (int i = 0; i < (int) sizeof(frame); i += 64)
		if (frame[i] != (unsigned char) (depth * 3 + i / 64))
			return bad + 1;
	return bad;
}

/* The stack grows on demand: recursing 160 levels of 4 KiB (over 160
 * pages) works and every frame keeps its bytes; a child forked after
 * that (it gets the grown stack) does it again. */
TEST(stack_grow)
{
	CHECK_EQ(deep(160), 0);
	pid_t pid = ut_fork();
	if (pid == 0)
		_exit(deep(160) == 0 ? 0 : 1);
	EXPECT_EXIT(pid, 0);
}

#ifdef __phoenix__
/* Recursing past the stack limit (1016 KiB on Phoenix: 4 MiB here) kills
 * with SIGSEGV: the guard page below the limit is never mapped. The
 * parent is unharmed. */
TEST(stack_overflow)
{
	pid_t pid = ut_fork();
	if (pid == 0)
		_exit(deep(1024) == 0 ? 0 : 1);
	EXPECT_SIGNAL(pid, SIGSEGV);
	CHECK_EQ(deep(8), 0);
}
#endif

#define CYCLES 100
#define LEAK_SLACK_KIB 32       /* "a few pages" of bookkeeping */

/* One fork/exit cycle whose child uses heap, a mapping and its stack. */
static void cycle(void)
{
	pid_t pid = ut_fork();
	if (pid == 0) {
		char *h = sbrk(64 * KIB);
		if (h == (char *) -1)
			_exit(2);
		memset(h, 1, 64 * KIB);
		char *m = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			_exit(3);
		memset(m, 2, 8 * PAGE);
		volatile char stack[16 * KIB];
		for (int i = 0; i < (int) sizeof(stack); i += PAGE)
			stack[i] = 3;
		_exit(0);
	}
	EXPECT_EXIT(pid, 0);
}

/* After CYCLES fork/exit cycles, free memory is back to where it was
 * (within a few pages; Phoenix only: the host has no such number). */
TEST_TIMEOUT(mem_leak, 60)
{
	for (int i = 0; i < 3; i++)
		cycle();                       /* warm up (first-use allocations) */
#ifdef __phoenix__
	unsigned before = ut_free_kib();
#endif
	for (int i = 0; i < CYCLES; i++)
		cycle();
#ifdef __phoenix__
	unsigned after = ut_free_kib();
	if (after + LEAK_SLACK_KIB < before)
		FAIL("free memory went from %u KiB to %u KiB "
		    "after %d fork/exit cycles", before, after, CYCLES);
#endif
}

#ifdef __phoenix__
/* Growing the heap 1 MiB at a time ends with ENOMEM, not a crash; every
 * MiB granted is usable; given back, the process carries on (malloc,
 * fork). */
TEST_TIMEOUT(full_memory, 60)
{
	char *start = sbrk(0);
	int mibs = 0;
	for (;;) {
		errno = 0;
		char *p = sbrk(MIB);
		if (p == (char *) -1) {
			CHECK_EQ(errno, ENOMEM);
			break;
		}
		p[0] = 1;
		p[MIB - 1] = 2;
		mibs++;
	}
	if (mibs < 4)
		FAIL("only %d MiB of heap", mibs);
	for (int i = 0; i < mibs; i++)
		CHECK(start[i * MIB] == 1 && start[i * MIB + MIB - 1] == 2);
	CHECK(sbrk(-(intptr_t) mibs * MIB) != (void *) -1);
	CHECK(sbrk(0) == start);
	char *m = malloc(MIB);
	CHECK(m != NULL);
	memset(m, 7, MIB);
	free(m);
	pid_t pid = ut_fork();
	if (pid == 0)
		_exit(0);
	EXPECT_EXIT(pid, 0);
}
#endif
