/* The fuzzer's PRNG: one stream per (seed, message index), so any message
 * can be regenerated on its own (replay, restarting a worker midway). */
#include "fuzz.h"

/* fz_rng_seed: start R's stream for message INDEX of SEED (splitmix64 of
 * both, so neighbouring indices give unrelated streams). */
void fz_rng_seed(struct fz_rng *r, uint32_t seed, uint32_t index)
{
	uint64_t z = ((uint64_t) seed << 32 | index) + 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	z ^= z >> 31;
	r->s = z ? z : 1;
}

/* fz_rand: the next 32 random bits of R (xorshift64*). */
uint32_t fz_rand(struct fz_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t) ((r->s * 0x2545f4914f6cdd1dull) >> 32);
}

/* fz_below: a random number in [0, N); N > 0. */
uint32_t fz_below(struct fz_rng *r, uint32_t n)
{
	return (uint32_t) (((uint64_t) fz_rand(r) * n) >> 32);
}
