/* The memory manager's map: its per-process records and every function,
 * grouped by the file that defines it. */
#ifndef MM_MM_H
#define MM_MM_H

#include "syslib.h"
#include <abi/boot.h>

#define MM_PAGE       4096u
#define MM_MAX_MAPS   32            /* anonymous mappings per process */
#define MM_NR_PROCS   PRIV_SLOTS    /* one record per process slot */

/* Where mappings go: placed top-down in [MM_MAP_BASE, MM_MAP_TOP); MAP_FIXED
 * may use anything from the top of the heap up to MM_MAP_TOP. The stack
 * (and its guard page) live above MM_MAP_TOP. */
#define MM_MAP_BASE   0x80000000u
#define MM_MAP_TOP    0xBF000000u

/* mm_page_up / mm_page_down: ADDR rounded to a page boundary. */
#define mm_page_up(addr)   (((addr) + MM_PAGE - 1) & ~(MM_PAGE - 1))
#define mm_page_down(addr) ((addr) & ~(MM_PAGE - 1))

/* One anonymous mapping: pages [start, end). */
struct mm_region {
	vir_bytes start, end;
	int writable;                /* 0 read-only, 1 writable, MM_DEVICE */
};
/* mm_region.writable of device memory (MAP_PHYS): writable, and never
 * read by MM itself (a read of a device register may have effects). */
#define MM_DEVICE 2

/* What MM knows of one process. The record belongs to endpoint EP; a
 * record of another generation of the slot is stale and starts over. */
struct mm_proc {
	endpoint_t ep;               /* NONE: free */
	uint32_t as_id;              /* the address space it describes
	                              * (proc_info.as_id) */
	vir_bytes heap_start;        /* page-aligned end of the program image */
	vir_bytes brk;               /* the break (pages mapped up to it) */
	int nr_maps;
	struct mm_region maps[MM_MAX_MAPS];   /* sorted by address */
};

/* A set of mappings being edited before it is committed: room for the
 * temporary overflow a split or an insertion can cause. */
struct mm_plan {
	int nr_maps;
	struct mm_region maps[MM_MAX_MAPS + 2];
};

/* ---- main.c ---- */
/* mm_reply: send M back to DST without blocking (a caller that is not
 * waiting for the reply loses it). */
void mm_reply(endpoint_t dst, message *m);

/* ---- table.c ---- */
/* mm_dispatch: run the handler of request M; returns its reply code
 * (-ENOSYS for an unknown request). */
int mm_dispatch(message *m);

/* ---- proc.c ---- */
/* mm_proc_of: the record of live process EP's address space: the one in
 * its slot; or, when SYS_UPDATE swapped programs between two slots (live
 * update, stateful restart, rollback), the one that describes that address
 * space, moved into EP's slot; else a new one from the kernel's view of
 * EP. NULL when EP is not a live process. */
struct mm_proc *mm_proc_of(endpoint_t ep);
/* mm_proc_reset: start EP's record over from the kernel's proc_info.brk
 * (its program image just changed). Returns the record or NULL. */
struct mm_proc *mm_proc_reset(endpoint_t ep);
/* mm_proc_drop: forget EP (it exited). */
void mm_proc_drop(endpoint_t ep);
/* mm_proc_slot: the record of slot I (0 <= I < MM_NR_PROCS). */
struct mm_proc *mm_proc_slot(int i);
/* mm_proc_in_use: whether P describes a process (not free: ep NONE, nor
 * never used: all zero). */
int mm_proc_in_use(const struct mm_proc *p);
/* mm_heap_top: the page-aligned end of the pages mapped for P's heap. */
vir_bytes mm_heap_top(const struct mm_proc *p);
/* mm_used_bytes: P's heap plus mappings, in bytes (counted against
 * MM_DATA_MAX). */
uint32_t mm_used_bytes(const struct mm_proc *p);

/* ---- region.c ---- */
/* mm_plan_load: copy P's mappings into PLAN. */
void mm_plan_load(struct mm_plan *plan, const struct mm_proc *p);
/* mm_plan_commit: make PLAN P's mappings; -ENOMEM (P unchanged) when it
 * holds more than MM_MAX_MAPS. */
int mm_plan_commit(struct mm_plan *plan, struct mm_proc *p);
/* mm_plan_remove: take [START, END) out of PLAN's mappings, splitting or
 * trimming those that overlap it. */
void mm_plan_remove(struct mm_plan *plan, vir_bytes start, vir_bytes end);
/* mm_plan_add: put [START, END) into PLAN (it must not overlap anything),
 * merged with neighbours of the same protection. */
void mm_plan_add(struct mm_plan *plan, vir_bytes start, vir_bytes end,
    int writable);
/* mm_plan_bytes: the bytes PLAN maps. */
uint32_t mm_plan_bytes(const struct mm_plan *plan);
/* mm_plan_overlaps: whether any mapping of PLAN meets [START, END). */
int mm_plan_overlaps(const struct mm_plan *plan, vir_bytes start,
    vir_bytes end);
/* mm_plan_find_gap: the highest page-aligned start of LEN free bytes in
 * [LOW, MM_MAP_TOP) that meets no mapping of PLAN; 0 when none. */
vir_bytes mm_plan_find_gap(const struct mm_plan *plan, vir_bytes low,
    uint32_t len);
/* mm_unmap_overlap: unmap (sys_vmunmap) the parts of P's current mappings
 * inside [START, END). Returns 0 or the kernel's error. */
int mm_unmap_overlap(const struct mm_proc *p, vir_bytes start, vir_bytes end);

/* ---- check.c ---- */
/* mm_state_check: SEF's kept-state check (SEF_INIT_KEPT): every record's
 * invariants and its agreement with the kernel. Returns 0, or -EINVAL
 * with the first inconsistency said in WHY (LEN bytes). */
int mm_state_check(char *why, size_t len);
/* mm_count_records: how many records describe a process. */
int mm_count_records(void);

/* ---- do_brk.c ---- */
int do_brk(message *m);

/* ---- do_mmap.c ---- */
int do_mmap(message *m);
int do_munmap(message *m);

/* ---- do_info.c ---- */
int do_info(message *m);

/* ---- do_pm.c ---- */
int do_pm_fork(message *m);
int do_pm_exec(message *m);
int do_pm_exit(message *m);

#endif
