/* sleep: wait N seconds (decimals allowed, e.g. 0.25). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Parse "S[.F]" into whole seconds *SECS and microseconds *USECS. Returns
 * 0, or -1 when TEXT is not such a number. No floating point (the guest is
 * built without it). */
static int parse_duration(const char *text, unsigned long *secs,
    unsigned long *usecs)
{
	const char *p = text;
	unsigned long s = 0, us = 0, scale = 100000;
	int digits = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		s = s * 10 + (unsigned long) (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
			us += (unsigned long) (*p - '0') * scale;
			scale /= 10;
		}
	if (*p != '\0' || digits == 0)
		return -1;
	*secs = s;
	*usecs = us;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long secs, usecs;
	if (argc != 2 || parse_duration(argv[1], &secs, &usecs) < 0) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 2;
	}
	while (secs > 0)
		secs = sleep((unsigned) secs);
	if (usecs)
		usleep((useconds_t) usecs);
	return 0;
}
