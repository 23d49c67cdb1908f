/* Physical memory: a bitmap of 4 KiB frames, filled from the Multiboot
 * memory map. Only frames below USER_BASE are used, since the kernel reaches
 * physical memory through its identity mapping of that range.
 * A frame may have several holders (pmem_share): read-only program pages
 * shared by fork and by the text cache (textcache.c). pmem_free drops one
 * holder; the frame is free when the last one lets go. A frame the text
 * cache alone holds counts as free (pmem_free_count): the cache gives it
 * back when memory runs out (pmem_alloc). */
#include "kernel.h"
#include "multiboot.h"

#define MAX_FRAMES (USER_BASE / PAGE_SIZE)

static uint32_t used[MAX_FRAMES / 32];   /* 1 = in use or not RAM */
static uint32_t nframes;                 /* frames below the limit */
static uint32_t nfree;
static uint32_t hint;                    /* where the next search starts */
static uint16_t extra[MAX_FRAMES];       /* holders beyond the first */
static uint32_t cached[MAX_FRAMES / 32]; /* 1 = the text cache holds it */
static uint32_t nidle;                   /* cached frames nobody else holds */

extern char kernel_start[], kernel_end[];

static int is_used(uint32_t f)
{
	return (used[f / 32] >> (f % 32)) & 1;
}

static void set_used(uint32_t f, int on)
{
	if (on)
		used[f / 32] |= 1u << (f % 32);
	else
		used[f / 32] &= ~(1u << (f % 32));
}

/* Mark [start, end) free, shrunk inward to whole frames. */
static void release_range(uint64_t start, uint64_t end)
{
	uint64_t first = (start + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t last = end / PAGE_SIZE;
	if (last > MAX_FRAMES)
		last = MAX_FRAMES;
	for (uint64_t f = first; f < last; f++) {
		if (is_used((uint32_t) f)) {
			set_used((uint32_t) f, 0);
			nfree++;
		}
		if (f + 1 > nframes)
			nframes = (uint32_t) f + 1;
	}
}

/* pmem_reserve: take [START, END) (grown outward to whole frames) out of
 * the free pool. Used for the kernel, the boot modules and boot data. */
void pmem_reserve(phys_bytes start, phys_bytes end)
{
	for (uint32_t f = start / PAGE_SIZE;
	     f < (end + PAGE_SIZE - 1) / PAGE_SIZE && f < MAX_FRAMES; f++) {
		if (!is_used(f)) {
			set_used(f, 1);
			nfree--;
		}
	}
}

static void reserve_boot_data(const struct multiboot_info *mbi)
{
	pmem_reserve(0, 0x100000);                   /* BIOS, VGA, real mode */
	pmem_reserve((phys_bytes) kernel_start, (phys_bytes) kernel_end);
	pmem_reserve((phys_bytes) mbi, (phys_bytes) mbi + sizeof(*mbi));
	if (mbi->flags & MBI_FLAG_MMAP)
		pmem_reserve(mbi->mmap_addr, mbi->mmap_addr + mbi->mmap_length);
	if (mbi->flags & MBI_FLAG_CMDLINE)
		pmem_reserve(mbi->cmdline, mbi->cmdline + 256);
	if (!(mbi->flags & MBI_FLAG_MODS))
		return;
	const struct multiboot_module *mods =
	    (const struct multiboot_module *) mbi->mods_addr;
	pmem_reserve(mbi->mods_addr,
	    mbi->mods_addr + mbi->mods_count * sizeof(*mods));
	for (uint32_t i = 0; i < mbi->mods_count; i++) {
		pmem_reserve(mods[i].mod_start, mods[i].mod_end);
		if (mods[i].string)
			pmem_reserve(mods[i].string, mods[i].string + 256);
	}
}

/* pmem_init: build the free-frame bitmap from the boot loader's memory map
 * (or its lower/upper sizes when there is no map) and reserve everything the
 * boot left in memory. Panics when there is no usable memory at all. */
void pmem_init(const struct multiboot_info *mbi)
{
	for (uint32_t i = 0; i < ARRAY_SIZE(used); i++)
		used[i] = 0xffffffff;

	if (mbi->flags & MBI_FLAG_MMAP) {
		uint32_t p = mbi->mmap_addr;
		while (p < mbi->mmap_addr + mbi->mmap_length) {
			const struct multiboot_mmap_entry *e =
			    (const struct multiboot_mmap_entry *) p;
			if (e->type == MULTIBOOT_MEMORY_AVAILABLE)
				release_range(e->addr, e->addr + e->len);
			p += e->size + sizeof(e->size);
		}
	} else if (mbi->flags & MBI_FLAG_MEM) {
		release_range(0x100000, 0x100000 + (uint64_t) mbi->mem_upper * 1024);
	}
	reserve_boot_data(mbi);
	if (nfree == 0)
		panic("no usable memory in the boot loader's memory map");
}

static int is_cached(uint32_t f)
{
	return (cached[f / 32] >> (f % 32)) & 1;
}

/* take: a free frame's address, or 0. */
static phys_bytes take(void)
{
	for (uint32_t n = 0; n < nframes; n++) {
		uint32_t f = (hint + n) % nframes;
		if (!is_used(f)) {
			set_used(f, 1);
			nfree--;
			hint = f + 1;
			return f * PAGE_SIZE;
		}
	}
	return 0;
}

/* pmem_alloc: a free frame's physical address, or 0 when memory is full
 * (after the text cache gave back what it alone held). */
phys_bytes pmem_alloc(void)
{
	phys_bytes f = take();
	if (!f && nidle) {
		textcache_reclaim();
		f = take();
	}
	return f;
}

/* frame_index: the index of FRAME, an allocated frame (else a panic). */
static uint32_t frame_index(phys_bytes frame, const char *who)
{
	uint32_t f = frame / PAGE_SIZE;
	if ((frame & ~PAGE_MASK) || f >= nframes || !is_used(f))
		panic("%s: bad frame 0x%08x", who, frame);
	return f;
}

/* pmem_share: one more holder of FRAME (allocated). */
void pmem_share(phys_bytes frame)
{
	uint32_t f = frame_index(frame, "pmem_share");
	if (extra[f] == 0xffff)
		panic("pmem_share: frame 0x%08x has too many holders", frame);
	if (extra[f] == 0 && is_cached(f))
		nidle--;
	extra[f]++;
}

/* pmem_shared: whether FRAME (allocated) has more than one holder. */
int pmem_shared(phys_bytes frame)
{
	return extra[frame_index(frame, "pmem_shared")] != 0;
}

/* pmem_set_cached: the text cache holds FRAME (ON; it took a holder's
 * place with pmem_share first) or lets it go (off; pmem_free next). */
void pmem_set_cached(phys_bytes frame, int on)
{
	uint32_t f = frame_index(frame, "pmem_set_cached");
	if (on)
		cached[f / 32] |= 1u << (f % 32);
	else {
		cached[f / 32] &= ~(1u << (f % 32));
		if (extra[f] == 0)
			nidle--;
	}
}

/* pmem_alloc_contig: N physically contiguous free frames (for DMA), the
 * first one's address, or 0 when no free run is that long. First fit from
 * the bottom of managed memory. The frames are not zeroed. */
phys_bytes pmem_alloc_contig(uint32_t n)
{
	if (n == 0)
		return 0;
	uint32_t run = 0;
	for (uint32_t f = 0; f < nframes; f++) {
		run = is_used(f) ? 0 : run + 1;
		if (run == n) {
			uint32_t first = f + 1 - n;
			for (uint32_t g = first; g <= f; g++)
				set_used(g, 1);
			nfree -= n;
			return first * PAGE_SIZE;
		}
	}
	return 0;
}

/* pmem_free: one holder of FRAME (from pmem_alloc) lets go; the last one
 * gives it back. Freeing a free frame or a frame outside managed memory is
 * a kernel bug and panics. */
void pmem_free(phys_bytes frame)
{
	uint32_t f = frame_index(frame, "pmem_free");
	if (extra[f]) {
		if (--extra[f] == 0 && is_cached(f))
			nidle++;
		return;
	}
	set_used(f, 0);
	nfree++;
}

/* pmem_free_count: how many frames are free, or held by the text cache
 * alone (given back on demand). */
uint32_t pmem_free_count(void)
{
	return nfree + nidle;
}

/* pmem_limit: the end of managed physical memory (identity-mapped). */
phys_bytes pmem_limit(void)
{
	return nframes * PAGE_SIZE;
}
