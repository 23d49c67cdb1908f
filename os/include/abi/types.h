/* Fixed-width types shared by the kernel and ring-3 code (freestanding). */
#ifndef ABI_TYPES_H
#define ABI_TYPES_H

#include <stdint.h>
#include <stddef.h>

typedef int32_t endpoint_t;   /* slot plus generation; see abi/endpoint.h */
typedef uint32_t vir_bytes;   /* a virtual address in some address space */
typedef uint32_t phys_bytes;  /* a physical address */
typedef uint32_t clock_t_;    /* clock ticks since boot */

#endif
