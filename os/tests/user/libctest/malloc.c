/* Cases malloc and realloc: alignment, no overlap, splitting and merging
 * (checked with malloc_check and malloc_stats_get), reuse, errors. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "libctest.h"

#define MANY 400

static unsigned char *blocks[MANY];
static size_t sizes[MANY];

/* fill and intact: a pattern unique to block I, and whether it is still
 * there. */
static void fill(int i)
{
	memset(blocks[i], (unsigned char) (i * 7 + 1), sizes[i]);
}

static int intact(int i)
{
	for (size_t k = 0; k < sizes[i]; k++)
		if (blocks[i][k] != (unsigned char) (i * 7 + 1))
			return 0;
	return 1;
}

/* size_for: a size mixing small, medium and page-crossing requests. */
static size_t size_for(int i)
{
	static const size_t pattern[] = { 1, 8, 15, 16, 17, 24, 100, 255, 512,
	    1000, 4095, 4097, 9000, 0, 33, 64 };
	return pattern[i % 16] + (size_t) (rand() % 64);
}

/* round_trip: allocate MANY blocks, check them, free them in an order
 * mixing halves and strides. Returns the heap size seen at the peak. */
static size_t round_trip(void)
{
	srand(42);
	for (int i = 0; i < MANY; i++) {
		sizes[i] = size_for(i);
		blocks[i] = malloc(sizes[i]);
		CHECK(blocks[i] != NULL);
		if (!blocks[i])
			return 0;
		if ((uintptr_t) blocks[i] % 16)
			FAIL("block %d misaligned", i);
		CHECK(malloc_usable_size(blocks[i]) >= sizes[i]);
		fill(i);
	}
	for (int i = 0; i < MANY; i++)
		if (!intact(i))
			FAIL("block %d overwritten", i);
	CHECK_EQ(malloc_check(), 0);
	struct malloc_stats peak;
	malloc_stats_get(&peak);
	for (int i = 0; i < MANY; i += 2)
		free(blocks[i]);
	CHECK_EQ(malloc_check(), 0);
	for (int i = MANY - 1; i >= 0; i -= 4)
		free(blocks[i]);
	for (int i = 1; i < MANY; i += 4)
		if (!intact(i))
			FAIL("block %d overwritten", i);
	for (int i = 1; i < MANY; i += 4)
		free(blocks[i]);
	CHECK_EQ(malloc_check(), 0);
	return peak.heap_bytes;
}

/* test_malloc: see the top of the file. */
TEST(malloc)
{
	struct malloc_stats before, after;
	malloc_stats_get(&before);

	/* 0 bytes: a unique pointer */
	void *z1 = malloc(0), *z2 = malloc(0);
	CHECK(z1 && z2 && z1 != z2);
	free(z1);
	free(z2);
	free(NULL);

	/* many sizes, and everything merges back */
	size_t peak1 = round_trip();
	malloc_stats_get(&after);
	CHECK_EQ(after.used_blocks, before.used_blocks);
	CHECK(after.free_blocks <= before.free_blocks + 1);
	/* the same pattern again reuses the memory of the first round (up
	 * to one growth step of difference in where blocks land) */
	size_t peak2 = round_trip();
	CHECK(peak2 <= peak1 + 64 * 1024);

	/* merging with both neighbours: A B C G, free A and C, then B */
	char *a = malloc(200), *b = malloc(200), *c = malloc(200);
	char *g = malloc(16);
	struct malloc_stats s1, s2;
	free(a);
	free(c);
	malloc_stats_get(&s1);
	free(b);
	malloc_stats_get(&s2);
	CHECK_EQ(s2.free_blocks, s1.free_blocks - 1);
	CHECK_EQ(malloc_check(), 0);
	/* the merged space is used again for a request of its size */
	char *abc = malloc(600);
	CHECK(abc == a);
	free(abc);
	free(g);

	/* splitting: a small block carved from a free one leaves the rest */
	char *big = malloc(4096);
	free(big);
	char *small = malloc(32);
	CHECK(small == big);
	char *next = malloc(32);
	CHECK(next > small && next < big + 4096);
	free(small);
	free(next);
	CHECK_EQ(malloc_check(), 0);

	/* calloc zeroes, and refuses an overflowing product */
	unsigned *zeros = calloc(1000, sizeof(unsigned));
	CHECK(zeros != NULL);
	int nonzero = 0;
	for (int i = 0; zeros && i < 1000; i++)
		nonzero |= zeros[i] != 0;
	CHECK(!nonzero);
	free(zeros);
	errno = 0;
	CHECK(calloc(SIZE_MAX / 2, 4) == NULL);
	CHECK_EQ(errno, ENOMEM);

	/* impossible and too big requests */
	errno = 0;
	CHECK(malloc(SIZE_MAX - 8) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	char *huge = malloc(96u << 20);      /* more than MM gives a process */
	if (huge) {                          /* (on the host it may work) */
		huge[0] = huge[(96u << 20) - 1] = 1;
		free(huge);
	} else {
		CHECK_EQ(errno, ENOMEM);
	}
	CHECK_EQ(malloc_check(), 0);
}

/* test_realloc: growing and shrinking, in place when possible. */
TEST(realloc)
{
	char *p = realloc(NULL, 10);
	CHECK(p != NULL);
	strcpy(p, "123456789");
	char *guard = malloc(16);

	/* shrink in place */
	char *q = realloc(p, 4);
	CHECK(q == p);
	CHECK(memcmp(q, "1234", 4) == 0);

	/* grow by moving (the guard is in the way) keeps the contents */
	q = realloc(q, 5000);
	CHECK(q != NULL);
	CHECK(memcmp(q, "1234", 4) == 0);
	memset(q + 4, 'z', 4996);
	free(guard);

	/* grow in place into a free block after it */
	char *r = malloc(64), *s = malloc(256), *t = malloc(16);
	memset(r, 'r', 64);
	free(s);
	char *r2 = realloc(r, 200);
	CHECK(r2 == r);
	CHECK(r2[0] == 'r' && r2[63] == 'r');
	free(r2);
	free(t);

	/* a long series of growths (a string builder) */
	char *buf = NULL;
	size_t len = 0;
	for (int i = 0; i < 300; i++) {
		char *nb = realloc(buf, len + 11);
		CHECK(nb != NULL);
		if (!nb)
			break;
		buf = nb;
		memcpy(buf + len, "0123456789", 10);
		len += 10;
		buf[len] = '\0';
	}
	CHECK_EQ(strlen(buf), 3000);
	CHECK(buf[2990] == '0' && buf[2999] == '9');
	free(buf);

	/* 0 bytes: a minimal block, still valid */
	char *m = realloc(q, 0);
	CHECK(m != NULL);
	free(m);
	errno = 0;
	char *keep = malloc(8);
	CHECK(realloc(keep, SIZE_MAX - 4) == NULL && errno == ENOMEM);
	free(keep);
	CHECK_EQ(malloc_check(), 0);
}
