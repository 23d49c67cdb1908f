/* Pseudo-random numbers: a 64-bit linear congruential generator (Knuth's
 * MMIX constants) whose top 31 bits are the result. */
#include <stdint.h>
#include <stdlib.h>

static uint64_t state = 1;

/* rand: the next number in 0..RAND_MAX of the sequence srand chose (seed 1
 * when srand was never called). */
int rand(void)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int) (state >> 33);
}

/* srand: restart the sequence from SEED. */
void srand(unsigned seed)
{
	state = seed;
}
