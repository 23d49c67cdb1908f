/* SHA-256 (FIPS 180-4), incremental: init, update as often as needed,
 * final. Pure code (no I/O, no libc beyond <stddef.h>/<stdint.h>), so the
 * same file builds for the guest and for the host tests
 * (os/tests/test_testagent_host.py). */
#ifndef TESTAGENT_SHA256_H
#define TESTAGENT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_BLOCK  64   /* bytes per compression block */
#define SHA256_DIGEST 32   /* bytes of a digest */

struct sha256 {
	uint32_t h[8];          /* the chaining state */
	uint64_t bytes;         /* message length so far */
	uint8_t block[SHA256_BLOCK];
	size_t used;            /* bytes waiting in block */
};

/* sha256_init: start a new digest in S. */
void sha256_init(struct sha256 *s);
/* sha256_update: add LEN bytes of DATA to the message. */
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* sha256_final: finish the message and write its digest to OUT; S must be
 * initialised again before reuse. */
void sha256_final(struct sha256 *s, uint8_t out[SHA256_DIGEST]);
/* sha256: the digest of LEN bytes of DATA in one call. */
void sha256(const void *data, size_t len, uint8_t out[SHA256_DIGEST]);

#endif
