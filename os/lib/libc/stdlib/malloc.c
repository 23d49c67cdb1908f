/* malloc, free, calloc, realloc: a boundary-tag allocator over sbrk.
 *
 * The heap is one or more segments of memory obtained with sbrk (a new one
 * only when somebody else moved the break in between). A segment is a row
 * of blocks ended by an epilogue (a header of size 0 marked used):
 *
 *     segment | block | block | ... | block | epilogue
 *
 * Every block starts with a header (struct block: prev_size, size); the
 * payload follows, 16-byte aligned. Block sizes are multiples of 16, so the
 * low bits of `size` hold two flags: USED (this block is handed out) and
 * PREV_USED (the block before it is). A free block's size is also written
 * into the prev_size field of the block after it (its "footer"), so free()
 * finds the block before in O(1) and merges with it. Two free blocks never
 * touch: free() merges a block with its free neighbours at once.
 *
 * Free blocks sit on one doubly-linked list (links in their payload);
 * malloc takes the first that fits and splits off what it does not need.
 * When none fits, the heap grows by at least GROW_MIN bytes (merged into a
 * free block at its end). A free block of TRIM_MIN bytes or more at the end
 * of the heap is given back to MM. */
#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ALIGN      16
#define USED       ((size_t) 1)
#define PREV_USED  ((size_t) 2)
#define FLAGS      (USED | PREV_USED)
#define GROW_MIN   ((size_t) 64 * 1024)
#define TRIM_MIN   ((size_t) 256 * 1024)
#define TRIM_KEEP  ((size_t) 64 * 1024)
#define PAGE       ((size_t) 4096)

struct block {
	size_t prev_size;          /* size of the block before, when it is free */
	size_t size;               /* bytes of this block | USED | PREV_USED */
	struct block *next, *prev; /* free-list links (free blocks only) */
};

/* The start of each segment; its blocks follow (after alignment). */
struct segment {
	struct segment *next;
	struct block *epilogue;    /* the last header, size 0, USED */
};

#define HDR        offsetof(struct block, next)
#define ROUND(n)   (((n) + ALIGN - 1) & ~(size_t) (ALIGN - 1))
#define MIN_BLOCK  ROUND(sizeof(struct block))

static struct segment *segments, *last_segment;
static struct block *free_list;

/* size_of: the size of block B without its flags. */
static size_t size_of(const struct block *b)
{
	return b->size & ~FLAGS;
}

/* after: the block that follows B. */
static struct block *after(const struct block *b)
{
	return (struct block *) ((char *) b + size_of(b));
}

/* payload: the address malloc hands out for block B, and back. */
static void *payload(struct block *b)
{
	return (char *) b + HDR;
}

static struct block *block_of(void *p)
{
	return (struct block *) ((char *) p - HDR);
}

/* first_block: the first block of segment S: the first address past the
 * segment record whose payload is ALIGN-aligned. */
static struct block *first_block(struct segment *s)
{
	uintptr_t a = (uintptr_t) (s + 1) + HDR;
	a = (a + ALIGN - 1) & ~(uintptr_t) (ALIGN - 1);
	return (struct block *) (a - HDR);
}

/* list_insert and list_remove: put free block B on the free list or take
 * it off. */
static void list_insert(struct block *b)
{
	b->prev = NULL;
	b->next = free_list;
	if (free_list)
		free_list->prev = b;
	free_list = b;
}

static void list_remove(struct block *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		free_list = b->next;
	if (b->next)
		b->next->prev = b->prev;
}

/* release: turn block B (marked used, off the free list) into a free block,
 * merged with a free block before or after it, and put it on the free
 * list. */
static void release(struct block *b)
{
	size_t size = size_of(b);
	struct block *next = after(b);
	if (!(next->size & USED)) {
		list_remove(next);
		size += size_of(next);
	}
	if (!(b->size & PREV_USED)) {
		struct block *prev = (struct block *) ((char *) b - b->prev_size);
		list_remove(prev);
		size += size_of(prev);
		b = prev;
	}
	/* Whatever precedes B now is used: two free blocks never touch. */
	b->size = size | PREV_USED;
	next = after(b);
	next->prev_size = size;
	next->size &= ~PREV_USED;
	list_insert(b);
}

/* take: mark free block B used and take it off the free list. */
static void take(struct block *b)
{
	list_remove(b);
	b->size |= USED;
	after(b)->size |= PREV_USED;
}

/* split: shrink used block B to NEED bytes when the rest makes a block of
 * its own, which is freed. */
static void split(struct block *b, size_t need)
{
	size_t size = size_of(b);
	if (size - need < MIN_BLOCK)
		return;
	b->size = need | (b->size & FLAGS);
	struct block *rest = after(b);
	rest->size = (size - need) | USED | PREV_USED;
	release(rest);
}

/* find: the first free block of NEED bytes or more, or NULL. */
static struct block *find(size_t need)
{
	for (struct block *b = free_list; b; b = b->next)
		if (size_of(b) >= need)
			return b;
	return NULL;
}

/* more_core: sbrk(EXTRA + N), first trying N rounded up to GROW_MIN.
 * Returns the old break, or NULL; *GOT gets the N obtained (a multiple of
 * ALIGN when N is). */
static char *more_core(size_t extra, size_t n, size_t *got)
{
	size_t tries[2] = { (n + GROW_MIN - 1) & ~(GROW_MIN - 1), n };
	for (int i = 0; i < 2; i++) {
		if (tries[i] < n || tries[i] > INTPTR_MAX - extra)
			continue;
		void *p = sbrk((intptr_t) (extra + tries[i]));
		if (p != (void *) -1) {
			*got = tries[i];
			return p;
		}
	}
	return NULL;
}

/* grow: add a free block of at least NEED bytes (a multiple of ALIGN) to
 * the heap: at the end of the last segment when the break is still there,
 * else in a new segment. Returns 0, or -1 when sbrk fails. */
static int grow(size_t need)
{
	struct segment *s = last_segment;
	char *brk_now = sbrk(0);
	if (brk_now == (char *) -1)
		return -1;
	if (s && brk_now == (char *) s->epilogue + HDR) {
		/* Extend: the old epilogue becomes the header of the new block,
		 * which merges with a free block before it. */
		struct block *e = s->epilogue;
		size_t have = (e->size & PREV_USED) ? 0 : e->prev_size;
		size_t got;
		if (!more_core(0, need - have, &got))
			return -1;
		e->size = got | USED | (e->size & PREV_USED);
		s->epilogue = after(e);
		s->epilogue->size = USED | PREV_USED;
		release(e);
		return 0;
	}
	/* A new segment: its record, padding, the block, the epilogue. */
	uintptr_t start = ((uintptr_t) brk_now + sizeof(void *) - 1) &
	    ~(uintptr_t) (sizeof(void *) - 1);
	struct segment *seg = (struct segment *) start;
	struct block *first = first_block(seg);
	size_t lead = (size_t) ((char *) first - brk_now);
	size_t size;
	char *base = more_core(lead + HDR, need, &size);
	if (!base)
		return -1;
	if (base != brk_now) {               /* moved under us: give it back */
		sbrk(-(intptr_t) (lead + HDR + size));
		return -1;
	}
	seg->next = NULL;
	seg->epilogue = (struct block *) ((char *) first + size);
	seg->epilogue->size = USED | PREV_USED;
	first->size = size | USED | PREV_USED;
	if (last_segment)
		last_segment->next = seg;
	else
		segments = seg;
	last_segment = seg;
	release(first);
	return 0;
}

/* trim: give a large free block at the end of the heap back to MM,
 * keeping TRIM_KEEP bytes of it (whole pages go back). */
static void trim(void)
{
	struct segment *s = last_segment;
	if (!s || (s->epilogue->size & PREV_USED))
		return;
	struct block *e = s->epilogue;
	size_t free_size = e->prev_size;
	if (free_size < TRIM_MIN || sbrk(0) != (char *) e + HDR)
		return;
	size_t give = (free_size - TRIM_KEEP) & ~(PAGE - 1);
	struct block *last = (struct block *) ((char *) e - free_size);
	if (give == 0 || sbrk(-(intptr_t) give) == (void *) -1)
		return;
	last->size = (free_size - give) | PREV_USED;
	s->epilogue = after(last);
	s->epilogue->prev_size = free_size - give;
	s->epilogue->size = USED;
}

/* block_size: the block size that holds N bytes, or 0 when N is absurd. */
static size_t block_size(size_t n)
{
	if (n > SIZE_MAX / 2)
		return 0;
	size_t need = ROUND(n + HDR);
	return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* malloc: SIZE bytes, 16-byte aligned (a unique pointer for 0 bytes);
 * NULL with errno ENOMEM when MM gives no more memory. */
void *malloc(size_t size)
{
	size_t need = block_size(size);
	if (need == 0) {
		errno = ENOMEM;
		return NULL;
	}
	struct block *b = find(need);
	if (!b) {
		if (grow(need) < 0) {
			errno = ENOMEM;
			return NULL;
		}
		b = find(need);
	}
	take(b);
	split(b, need);
	return payload(b);
}

/* bad_pointer: report a free or realloc of P that malloc never handed out
 * (or a second free) and abort. */
static void bad_pointer(const char *who, void *p)
{
	fprintf(stderr, "%s(): invalid pointer %p (double free or heap "
	    "corruption)\n", who, p);
	abort();
}

/* free: give back P (from malloc, calloc or realloc); NULL is ignored. A
 * pointer not in use aborts with a message. */
void free(void *p)
{
	if (!p)
		return;
	struct block *b = block_of(p);
	if (((uintptr_t) p & (ALIGN - 1)) || !(b->size & USED))
		bad_pointer("free", p);
	release(b);
	trim();
}

/* calloc: N * SIZE bytes, zeroed; NULL with errno ENOMEM when the product
 * overflows or memory runs out. */
void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* realloc: resize P to SIZE bytes, keeping its contents up to the smaller
 * size: in place when the block or a free block after it is big enough,
 * else by moving it. realloc(NULL, SIZE) is malloc(SIZE); realloc(P, 0)
 * shrinks P to the minimum and returns it. On failure returns NULL with
 * errno ENOMEM and P is untouched. */
void *realloc(void *p, size_t size)
{
	if (!p)
		return malloc(size);
	struct block *b = block_of(p);
	if (((uintptr_t) p & (ALIGN - 1)) || !(b->size & USED))
		bad_pointer("realloc", p);
	size_t need = block_size(size);
	if (need == 0) {
		errno = ENOMEM;
		return NULL;
	}
	if (size_of(b) >= need) {
		split(b, need);
		return p;
	}
	struct block *next = after(b);
	if (!(next->size & USED) && size_of(b) + size_of(next) >= need) {
		list_remove(next);
		b->size += size_of(next);
		after(b)->size |= PREV_USED;
		split(b, need);
		return p;
	}
	void *q = malloc(size);
	if (!q)
		return NULL;
	memcpy(q, p, size_of(b) - HDR);
	free(p);
	return q;
}

/* malloc_usable_size: see malloc.h. */
size_t malloc_usable_size(void *p)
{
	return p ? size_of(block_of(p)) - HDR : 0;
}

/* malloc_stats_get: see malloc.h. */
void malloc_stats_get(struct malloc_stats *st)
{
	*st = (struct malloc_stats) { 0 };
	for (struct segment *s = segments; s; s = s->next) {
		st->heap_bytes += (size_t) ((char *) s->epilogue + HDR - (char *) s);
		for (struct block *b = first_block(s); b != s->epilogue; b = after(b)) {
			if (b->size & USED) {
				st->used_blocks++;
			} else {
				st->free_blocks++;
				st->free_bytes += size_of(b);
			}
		}
	}
}

/* malloc_check: see malloc.h. The rules, by return value: -1 a block size
 * not a multiple of ALIGN or too small, -2 a block running past its
 * segment, -3 a PREV_USED flag that disagrees with the block before, -4 a
 * free block whose footer is wrong, -5 two free blocks touching, -6 a
 * misaligned payload, -7 the free list not holding exactly the free blocks,
 * -8 broken free-list links. */
int malloc_check(void)
{
	size_t free_blocks = 0;
	for (struct segment *s = segments; s; s = s->next) {
		int prev_used = 1;
		for (struct block *b = first_block(s); b != s->epilogue; b = after(b)) {
			size_t size = size_of(b);
			if (size % ALIGN || size < MIN_BLOCK)
				return -1;
			if ((char *) b + size > (char *) s->epilogue)
				return -2;
			if (!!(b->size & PREV_USED) != prev_used)
				return -3;
			if ((uintptr_t) payload(b) % ALIGN)
				return -6;
			int used = !!(b->size & USED);
			if (!used) {
				if (after(b)->prev_size != size)
					return -4;
				if (!prev_used)
					return -5;
				free_blocks++;
			}
			prev_used = used;
		}
		if (!!(s->epilogue->size & PREV_USED) != prev_used)
			return -3;
	}
	size_t listed = 0;
	for (struct block *b = free_list; b; b = b->next) {
		if (b->size & USED || ++listed > free_blocks)
			return -7;
		if (b->next && b->next->prev != b)
			return -8;
	}
	if (free_list && free_list->prev)
		return -8;
	return listed == free_blocks ? 0 : -7;
}
