/* Memory grants: a process lets another read and/or write a byte range of
 * its memory. The table lives in the granter's own memory (registered with
 * SYS_SETGRANT); the kernel reads it on every safecopy, so revoking is just
 * clearing GRANT_VALID. A grant id is (sequence << 16) | index; the kernel
 * checks the sequence, so a revoked id stays dead when its entry is reused.
 *
 * A magic grant (GRANT_MAGIC, the reference system's indirect grant) names
 * a range of ANOTHER process's memory (.owner): VFS makes one on a user's
 * buffer for the character driver of the user's read or write, so the
 * driver copies straight to or from the user. The kernel honours it only
 * when the granter has PRIV_MAGIC_GRANT (abi/priv.h: VFS's slot, given at
 * boot, never by SYS_PRIVCTL) and .owner is still the same live process
 * (endpoint and generation); the grantee, access and bounds rules are
 * those of every grant. */
#ifndef ABI_GRANT_H
#define ABI_GRANT_H

#include <abi/types.h>

#define GRANT_VALID  0x1     /* the entry is in use */
#define GRANT_READ   0x2     /* the grantee may copy from the range */
#define GRANT_WRITE  0x4     /* the grantee may copy into the range */
#define GRANT_MAGIC  0x8     /* the range is in .owner's memory */
#define GRANT_SEQ_SHIFT 16   /* flags bits 16-31: the entry's sequence */

#define GRANT_INVALID ((uint32_t) -1)

struct grant_entry {
	uint32_t flags;          /* GRANT_* | sequence << GRANT_SEQ_SHIFT */
	endpoint_t grantee;      /* who may use it (ANY: everyone) */
	vir_bytes addr;          /* start of the range in the granter */
	uint32_t size;           /* its length in bytes */
	endpoint_t owner;        /* GRANT_MAGIC: whose memory the range is */
};

#endif
