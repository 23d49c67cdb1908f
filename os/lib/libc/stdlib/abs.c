/* Integer arithmetic helpers: abs, labs, llabs, div, ldiv. */
#include <stdlib.h>

/* abs, labs, llabs: the magnitude of V (undefined for the type's
 * minimum, as in C). */
int abs(int v)
{
	return v < 0 ? -v : v;
}

long labs(long v)
{
	return v < 0 ? -v : v;
}

long long llabs(long long v)
{
	return v < 0 ? -v : v;
}

/* div, ldiv: quotient (rounded toward zero) and remainder of NUM / DEN;
 * DEN must not be 0. */
div_t div(int num, int den)
{
	return (div_t) { num / den, num % den };
}

ldiv_t ldiv(long num, long den)
{
	return (ldiv_t) { num / den, num % den };
}
