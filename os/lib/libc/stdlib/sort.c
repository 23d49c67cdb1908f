/* Sorting and searching arrays: qsort (quicksort: median of three, the
 * smaller part first, insertion sort for short runs) and bsearch. */
#include <stdlib.h>

#define SHORT_RUN 8

/* swap: exchange the SIZE bytes at A and B. */
static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* insertion_sort: sort N elements of SIZE bytes at BASE. */
static void insertion_sort(char *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp(base + (j - 1) * size,
		    base + j * size) > 0; j--)
			swap(base + (j - 1) * size, base + j * size, size);
}

/* qsort: sort the N elements of SIZE bytes at BASE into the order CMP
 * gives (<0, 0, >0 like strcmp). Not stable; O(n log n) on typical input,
 * stack depth O(log n) always. */
void qsort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	char *b = base;
	while (n > SHORT_RUN) {
		/* Median of first, middle and last goes to the front as pivot. */
		char *lo = b, *mid = b + (n / 2) * size, *hi = b + (n - 1) * size;
		if (cmp(mid, lo) < 0)
			swap(mid, lo, size);
		if (cmp(hi, mid) < 0) {
			swap(hi, mid, size);
			if (cmp(mid, lo) < 0)
				swap(mid, lo, size);
		}
		swap(lo, mid, size);
		/* Hoare partition around the pivot at b[0]. */
		size_t i = 0, j = n;
		for (;;) {
			do
				i++;
			while (i < n && cmp(b + i * size, b) < 0);
			do
				j--;
			while (cmp(b + j * size, b) > 0);
			if (i >= j)
				break;
			swap(b + i * size, b + j * size, size);
		}
		swap(b, b + j * size, size);
		/* b[j] is in place: recurse on the smaller side, loop on the
		 * larger. */
		size_t left = j, right = n - j - 1;
		if (left < right) {
			qsort(b, left, size, cmp);
			b += (j + 1) * size;
			n = right;
		} else {
			qsort(b + (j + 1) * size, right, size, cmp);
			n = left;
		}
	}
	insertion_sort(b, n, size, cmp);
}

/* bsearch: an element equal to KEY (by CMP(KEY, element)) in the N sorted
 * elements of SIZE bytes at BASE, or NULL. */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	const char *b = base;
	while (n > 0) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *) mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
