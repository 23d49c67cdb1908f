/* Phoenix's malloc extensions: heap statistics and a consistency check
 * (for tests and the curious). malloc itself is declared in <stdlib.h>. */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stdlib.h>

struct malloc_stats {
	size_t heap_bytes;    /* obtained from sbrk, headers included */
	size_t free_bytes;    /* in free blocks */
	size_t free_blocks;   /* free blocks (1 after freeing everything) */
	size_t used_blocks;   /* blocks handed out and not freed */
};

/* malloc_stats_get: fill *S by walking the heap. */
void malloc_stats_get(struct malloc_stats *s);
/* malloc_check: 0 when the heap is consistent (block sizes and tags agree,
 * no two free blocks touch, the free list holds exactly the free blocks);
 * otherwise a negative number naming the first broken rule. */
int malloc_check(void);
/* malloc_usable_size: bytes usable at P (at least what was asked). */
size_t malloc_usable_size(void *p);

#endif
