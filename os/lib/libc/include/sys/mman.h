/* Anonymous memory mappings (MM_MMAP, MM_MUNMAP); PROT_* and MAP_* are
 * abi/mm.h's. Only MAP_PRIVATE | MAP_ANONYMOUS mappings exist. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>
#include <abi/mm.h>

/* abi/mm.h gives MAP_FAILED as an address (vir_bytes); here it is the
 * pointer mmap returns, with the same value. */
#undef MAP_FAILED
#define MAP_FAILED ((void *) -1)
#define MAP_ANON MAP_ANONYMOUS

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);

#endif
