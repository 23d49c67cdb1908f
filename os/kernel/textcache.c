/* The text cache: read-only program pages shared by content. An exec
 * that loads a read-only page (text, constants) whose bytes equal a page
 * the cache holds maps that frame instead of filling a new one
 * (elf.c), so every instance of a program, and every program with the
 * same page, runs the same physical code: nothing is copied, and QEMU
 * keeps the code it translated for it. The cache holds each frame it
 * knows (pmem_share), so a program run again finds its pages after the
 * last instance exited; those frames count as free and are given back
 * when memory runs out (textcache_reclaim, from pmem_alloc).
 * A shared page is never written: the kernel gives a process its own copy
 * before writing into it (vm.c, own_page). Direct-mapped by a hash of the
 * page's bytes; a collision replaces the older page. */
#include "kernel.h"

#define TC_SLOTS 1024        /* pages the cache holds at most (4 MiB) */

struct tc_slot {
	phys_bytes frame;        /* 0: empty */
	uint32_t hash;
};

static struct tc_slot slots[TC_SLOTS];

/* page_hash: a hash of the 4 KiB at PAGE (every 8th word: a candidate is
 * compared whole anyway). */
static uint32_t page_hash(const void *page)
{
	const uint32_t *w = page;
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < PAGE_SIZE / 4; i += 8)
		h = (h ^ w[i]) * 16777619u;
	return h;
}

/* same_page: whether the 4 KiB at A and B are equal (one repe cmpsl). */
static int same_page(const void *a, const void *b)
{
	uint32_t left = PAGE_SIZE / 4;
	uint8_t differ;
	__asm__ volatile("repe cmpsl\n\tsetne %3"
	    : "+S"(a), "+D"(b), "+c"(left), "=q"(differ) : : "memory", "cc");
	return !differ;
}

/* evict: the cache lets go of slot S's frame. */
static void evict(struct tc_slot *s)
{
	pmem_set_cached(s->frame, 0);
	pmem_free(s->frame);
	s->frame = 0;
}

/* textcache_find: a frame holding the same 4 KiB as PAGE (a kernel
 * buffer), with one more holder for the caller, or 0 when the cache has
 * none. */
phys_bytes textcache_find(const void *page)
{
	uint32_t h = page_hash(page);
	struct tc_slot *s = &slots[h % TC_SLOTS];
	if (!s->frame || s->hash != h ||
	    !same_page((const void *) s->frame, page))
		return 0;
	pmem_share(s->frame);
	return s->frame;
}

/* textcache_add: remember FRAME (a read-only program page just filled,
 * never to be written again while shared) for later execs. */
void textcache_add(phys_bytes frame)
{
	uint32_t h = page_hash((const void *) frame);
	struct tc_slot *s = &slots[h % TC_SLOTS];
	if (s->frame == frame)
		return;
	if (s->frame)
		evict(s);
	pmem_share(frame);
	pmem_set_cached(frame, 1);
	s->frame = frame;
	s->hash = h;
}

/* textcache_reclaim: give back every frame only the cache holds. */
void textcache_reclaim(void)
{
	for (int i = 0; i < TC_SLOTS; i++)
		if (slots[i].frame && !pmem_shared(slots[i].frame))
			evict(&slots[i]);
}
