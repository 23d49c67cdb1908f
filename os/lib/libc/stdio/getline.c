/* Reading whole lines into a growing buffer: getdelim, getline. */
#include <errno.h>
#include <stdlib.h>
#include "file.h"

/* getdelim: read from F up to and including DELIM (or the end of the
 * file) into *LINE, a malloc'ed buffer of *CAP bytes that grows as needed
 * (*LINE may start NULL). The result is NUL-terminated. Returns its length,
 * or -1 at the end of the file with nothing read, on error, or with errno
 * EINVAL (LINE or CAP NULL) or ENOMEM. */
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	size_t n = 0;
	for (;;) {
		int c = fgetc(f);
		if (c == EOF && n == 0)
			return -1;
		if (n + 2 > *cap || !*line) {
			size_t want = *cap < 64 ? 128 : *cap * 2;
			char *p = realloc(*line, want);
			if (!p)
				return -1;
			*line = p;
			*cap = want;
		}
		if (c == EOF)
			break;
		(*line)[n++] = (char) c;
		if (c == delim)
			break;
	}
	(*line)[n] = '\0';
	return (ssize_t) n;
}

/* getline: getdelim up to a newline. */
ssize_t getline(char **line, size_t *cap, FILE *f)
{
	return getdelim(line, cap, '\n', f);
}
