/* Case qsort: sorting and binary search. */
#include <stdlib.h>
#include <string.h>
#include "libctest.h"

#define N 2000

static int ints[N];

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *) a, y = *(const int *) b;
	return (x > y) - (x < y);
}

struct rec {
	int key;
	char tag[8];
};

static int cmp_rec(const void *a, const void *b)
{
	return cmp_int(&((const struct rec *) a)->key,
	    &((const struct rec *) b)->key);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* sorted: whether ints[0..n) is in order. */
static int sorted(int n)
{
	for (int i = 1; i < n; i++)
		if (ints[i - 1] > ints[i])
			return 0;
	return 1;
}

/* test_qsort: random, sorted, reversed, equal and tiny inputs; records;
 * strings; bsearch hits and misses. */
TEST(qsort)
{
	srand(7);
	long long sum = 0, sum2 = 0;
	for (int i = 0; i < N; i++) {
		ints[i] = rand() % 1000 - 500;
		sum += ints[i];
	}
	qsort(ints, N, sizeof(int), cmp_int);
	CHECK(sorted(N));
	for (int i = 0; i < N; i++)
		sum2 += ints[i];
	CHECK(sum == sum2);

	qsort(ints, N, sizeof(int), cmp_int);        /* already sorted */
	CHECK(sorted(N));
	for (int i = 0; i < N; i++)
		ints[i] = N - i;
	qsort(ints, N, sizeof(int), cmp_int);        /* reversed */
	CHECK(sorted(N) && ints[0] == 1 && ints[N - 1] == N);
	for (int i = 0; i < N; i++)
		ints[i] = 3;
	qsort(ints, N, sizeof(int), cmp_int);        /* all equal */
	CHECK(sorted(N));
	for (int n = 0; n < 12; n++) {               /* tiny */
		for (int i = 0; i < n; i++)
			ints[i] = (i * 7) % 5;
		qsort(ints, (size_t) n, sizeof(int), cmp_int);
		if (!sorted(n))
			FAIL("%d elements", n);
	}

	struct rec recs[5] = { { 5, "e" }, { 1, "a" }, { 4, "d" }, { 2, "b" },
	    { 3, "c" } };
	qsort(recs, 5, sizeof(recs[0]), cmp_rec);
	CHECK(recs[0].key == 1 && strcmp(recs[0].tag, "a") == 0);
	CHECK(recs[4].key == 5 && strcmp(recs[4].tag, "e") == 0);

	char *words[] = { "pear", "apple", "fig", "banana", "cherry" };
	qsort(words, 5, sizeof(words[0]), cmp_str);
	CHECK_STR(words[0], "apple");
	CHECK_STR(words[4], "pear");

	for (int i = 0; i < 100; i++)
		ints[i] = i * 2;
	for (int k = -1; k < 201; k++) {
		int *hit = bsearch(&k, ints, 100, sizeof(int), cmp_int);
		int want = k >= 0 && k < 200 && k % 2 == 0;
		if (want != (hit != NULL) || (hit && *hit != k))
			FAIL("bsearch %d", k);
	}
	int k = 5;
	CHECK(bsearch(&k, ints, 0, sizeof(int), cmp_int) == NULL);
}
