/* SHA-256 as FIPS 180-4 describes it: the functions of 4.1.2, the
 * constants of 4.2.2 and 5.3.3, the padding of 5.1.1 and the hash
 * computation of 6.2.2, one 512-bit block at a time. */
#include <string.h>
#include "sha256.h"

/* K: the first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes (4.2.2). */
static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* H0: the first 32 bits of the fractional parts of the square roots of
 * the first 8 primes (5.3.3). */
static const uint32_t H0[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

/* rotr: X rotated right by N bits (0 < N < 32). */
static uint32_t rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

/* The six logical functions of 4.1.2. */
static uint32_t ch(uint32_t x, uint32_t y, uint32_t z)
{
	return (x & y) ^ (~x & z);
}

static uint32_t maj(uint32_t x, uint32_t y, uint32_t z)
{
	return (x & y) ^ (x & z) ^ (y & z);
}

static uint32_t big_sigma0(uint32_t x)
{
	return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
}

static uint32_t big_sigma1(uint32_t x)
{
	return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
}

static uint32_t small_sigma0(uint32_t x)
{
	return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3);
}

static uint32_t small_sigma1(uint32_t x)
{
	return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10);
}

/* compress: hash one message block M (64 bytes, big-endian words) into
 * S's hash value (6.2.2, steps 1 to 4). */
static void compress(struct sha256 *s, const unsigned char *m)
{
	uint32_t w[64];
	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t) m[4 * t] << 24 |
		    (uint32_t) m[4 * t + 1] << 16 |
		    (uint32_t) m[4 * t + 2] << 8 | m[4 * t + 3];
	for (int t = 16; t < 64; t++)
		w[t] = small_sigma1(w[t - 2]) + w[t - 7] +
		    small_sigma0(w[t - 15]) + w[t - 16];
	uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
	uint32_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
	for (int t = 0; t < 64; t++) {
		uint32_t t1 = h + big_sigma1(e) + ch(e, f, g) + K[t] + w[t];
		uint32_t t2 = big_sigma0(a) + maj(a, b, c);
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
	s->h[5] += f;
	s->h[6] += g;
	s->h[7] += h;
}

/* sha256_init: see sha256.h. */
void sha256_init(struct sha256 *s)
{
	memcpy(s->h, H0, sizeof(s->h));
	s->used = 0;
	s->length = 0;
}

/* sha256_update: see sha256.h. */
void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->length += len;
	while (len > 0) {
		if (s->used == 0 && len >= SHA256_BLOCK) {
			compress(s, p);
			p += SHA256_BLOCK;
			len -= SHA256_BLOCK;
			continue;
		}
		size_t n = SHA256_BLOCK - s->used;
		if (n > len)
			n = len;
		memcpy(s->block + s->used, p, n);
		s->used += n;
		p += n;
		len -= n;
		if (s->used == SHA256_BLOCK) {
			compress(s, s->block);
			s->used = 0;
		}
	}
}

/* sha256_final: see sha256.h. The padding: a 1 bit, zeros up to 448 bits
 * modulo 512, then the message length in bits as a 64-bit big-endian
 * number. */
void sha256_final(struct sha256 *s, unsigned char out[SHA256_DIGEST])
{
	unsigned long long bits = s->length * 8;
	s->block[s->used++] = 0x80;
	if (s->used > SHA256_BLOCK - 8) {
		memset(s->block + s->used, 0, SHA256_BLOCK - s->used);
		compress(s, s->block);
		s->used = 0;
	}
	memset(s->block + s->used, 0, SHA256_BLOCK - 8 - s->used);
	for (int i = 0; i < 8; i++)
		s->block[SHA256_BLOCK - 1 - i] =
		    (unsigned char) (bits >> (8 * i));
	compress(s, s->block);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char) (s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char) (s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char) (s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char) s->h[i];
	}
}
