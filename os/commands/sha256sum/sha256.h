/* SHA-256 (FIPS 180-4, section 6.2): a 256-bit digest of a byte stream
 * fed in pieces of any size. */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST 32        /* bytes of a digest */
#define SHA256_BLOCK 64         /* bytes of a message block */

struct sha256 {
	uint32_t h[8];                   /* the hash value H(i) */
	unsigned char block[SHA256_BLOCK]; /* the block being filled */
	size_t used;                     /* its bytes so far */
	unsigned long long length;       /* bytes of the message so far */
};

/* sha256_init: S starts a new message (H(0), FIPS 180-4 5.3.3). */
void sha256_init(struct sha256 *s);

/* sha256_update: append LEN bytes at DATA to S's message. */
void sha256_update(struct sha256 *s, const void *data, size_t len);

/* sha256_final: pad S's message (5.1.1), hash the last blocks and store
 * the digest, big-endian, in OUT. S must be initialised again before it
 * is used for another message. */
void sha256_final(struct sha256 *s, unsigned char out[SHA256_DIGEST]);

#endif
