/* HMAC-SHA256 (RFC 2104, test vectors RFC 4231), incremental like
 * sha256.h. Pure code, built for the guest and for the host tests. */
#ifndef TESTAGENT_HMAC_H
#define TESTAGENT_HMAC_H

#include "sha256.h"

struct hmac {
	struct sha256 inner;
	uint8_t opad_key[SHA256_BLOCK];   /* key ^ 0x5c, for the outer hash */
};

/* hmac_init: start an HMAC with KEYLEN bytes of KEY (any length; keys
 * longer than a block are hashed first). */
void hmac_init(struct hmac *h, const void *key, size_t keylen);
/* hmac_update: add LEN bytes of DATA to the message. */
void hmac_update(struct hmac *h, const void *data, size_t len);
/* hmac_final: write the 32-byte tag to OUT. */
void hmac_final(struct hmac *h, uint8_t out[SHA256_DIGEST]);
/* hmac_sha256: the tag of DATA under KEY in one call. */
void hmac_sha256(const void *key, size_t keylen, const void *data,
    size_t len, uint8_t out[SHA256_DIGEST]);

#endif
