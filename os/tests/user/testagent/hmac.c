/* HMAC-SHA256: see hmac.h. H(K^opad || H(K^ipad || message)). */
#include "hmac.h"

void hmac_init(struct hmac *h, const void *key, size_t keylen)
{
	uint8_t k[SHA256_BLOCK] = { 0 };
	const uint8_t *kp = key;
	if (keylen > SHA256_BLOCK) {
		sha256(key, keylen, k);
	} else {
		for (size_t i = 0; i < keylen; i++)
			k[i] = kp[i];
	}
	uint8_t ipad[SHA256_BLOCK];
	for (int i = 0; i < SHA256_BLOCK; i++) {
		ipad[i] = k[i] ^ 0x36;
		h->opad_key[i] = k[i] ^ 0x5c;
	}
	sha256_init(&h->inner);
	sha256_update(&h->inner, ipad, sizeof(ipad));
}

void hmac_update(struct hmac *h, const void *data, size_t len)
{
	sha256_update(&h->inner, data, len);
}

void hmac_final(struct hmac *h, uint8_t out[SHA256_DIGEST])
{
	uint8_t inner[SHA256_DIGEST];
	sha256_final(&h->inner, inner);
	struct sha256 outer;
	sha256_init(&outer);
	sha256_update(&outer, h->opad_key, SHA256_BLOCK);
	sha256_update(&outer, inner, sizeof(inner));
	sha256_final(&outer, out);
}

void hmac_sha256(const void *key, size_t keylen, const void *data,
    size_t len, uint8_t out[SHA256_DIGEST])
{
	struct hmac h;
	hmac_init(&h, key, keylen);
	hmac_update(&h, data, len);
	hmac_final(&h, out);
}
