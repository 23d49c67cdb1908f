/* Reading the user and group databases: lines of colon-separated fields
 * (see fields.h). */
#include <string.h>
#include "fields.h"

/* line_ends: fgets filled the whole buffer without a newline: whether the
 * line ends right there (at a newline, consumed, or the end of F). When
 * it does not, the rest of it is read and dropped. */
static int line_ends(FILE *f)
{
	int c = fgetc(f);
	if (c == EOF || c == '\n')
		return 1;
	while ((c = fgetc(f)) != EOF && c != '\n')
		;
	return 0;
}

/* split: cut LINE (without its newline) at every ':' into FIELDS. Returns
 * 0 when there are exactly N fields, -1 otherwise. */
static int split(char *line, char **fields, int n)
{
	int i = 0;
	char *p = line;
	for (;;) {
		if (i == n)
			return -1;
		fields[i++] = p;
		char *colon = strchr(p, ':');
		if (!colon)
			break;
		*colon = '\0';
		p = colon + 1;
	}
	return i == n ? 0 : -1;
}

/* __pwd_split: see fields.h. */
int __pwd_split(FILE *f, char *line, char **fields, int n)
{
	while (fgets(line, PWD_LINE_MAX, f)) {
		size_t len = strlen(line);
		if (len > 0 && line[len - 1] == '\n') {
			line[--len] = '\0';
		} else if (len == PWD_LINE_MAX - 1 && !line_ends(f)) {
			continue;            /* too long: skipped whole */
		}
		if (len == 0 || line[0] == '#')
			continue;
		if (split(line, fields, n) == 0)
			return 0;
	}
	return -1;
}

/* __pwd_id: see fields.h. */
int __pwd_id(const char *s, uint32_t *id)
{
	uint32_t v = 0;
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		uint32_t d = (uint32_t) (*s - '0');
		if (v > (UINT32_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*id = v;
	return 0;
}
