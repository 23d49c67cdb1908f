/* Endpoints: how every process is named in IPC.
 *
 * An endpoint encodes a process-table slot and a generation number. Each time
 * a slot is reused its generation goes up, so a message aimed at a process
 * that has died fails ("dead endpoint") instead of reaching the new occupant.
 * Kernel pseudo-processes have small negative endpoints. */
#ifndef ABI_ENDPOINT_H
#define ABI_ENDPOINT_H

#include <abi/types.h>

#define EP_SLOT_BITS   8                 /* up to 256 process slots */
#define EP_NR_SLOTS    (1 << EP_SLOT_BITS)
#define EP_GEN_MAX     0x3fffff          /* generations wrap after this */

/* Kernel pseudo-processes (no ring-3 code, never scheduled). */
#define HARDWARE   ((endpoint_t) -1)   /* source of interrupt notifications */
#define SYSTEM     ((endpoint_t) -2)   /* the kernel-call handler */
#define CLOCK      ((endpoint_t) -3)   /* source of alarm notifications */
#define IDLE       ((endpoint_t) -4)   /* runs when nothing else can */

/* Special values for IPC arguments. */
#define ANY        ((endpoint_t) 0x7ffffffe)  /* receive from anybody */
#define NONE       ((endpoint_t) 0x7ffffffd)  /* no process */
#define SELF       ((endpoint_t) 0x7ffffffc)  /* the caller itself */

/* ep_make: the endpoint of slot SLOT in generation GEN. */
static inline endpoint_t ep_make(int slot, int gen)
{
	return (endpoint_t) (((uint32_t) gen << EP_SLOT_BITS) | (uint32_t) slot);
}

/* ep_slot: the slot of a process endpoint (meaningless for pseudo ones). */
static inline int ep_slot(endpoint_t ep)
{
	return (int) ((uint32_t) ep & (EP_NR_SLOTS - 1));
}

/* ep_gen: the generation of a process endpoint. */
static inline int ep_gen(endpoint_t ep)
{
	return (int) ((uint32_t) ep >> EP_SLOT_BITS);
}

#endif
