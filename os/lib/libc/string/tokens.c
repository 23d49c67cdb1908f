/* Splitting strings into tokens: strtok, strtok_r, strsep. */
#include <string.h>

/* strtok_r: the next token of the string being split: call with S on the
 * first call and NULL afterwards, *SAVE keeping the place. Tokens are runs
 * of characters not in DELIM; the delimiter after each is overwritten with
 * a NUL. Returns NULL when no token is left. */
char *strtok_r(char *s, const char *delim, char **save)
{
	if (!s)
		s = *save;
	if (!s)
		return NULL;
	s += strspn(s, delim);
	if (!*s) {
		*save = NULL;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	else
		end = NULL;
	*save = end;
	return s;
}

/* strtok: strtok_r with a place kept in a static variable (not
 * reentrant). */
char *strtok(char *s, const char *delim)
{
	static char *save;
	return strtok_r(s, delim, &save);
}

/* strsep: the field of *SP up to the first character in DELIM, which is
 * overwritten with a NUL; *SP moves past it (to NULL after the last
 * field). Empty fields are returned as empty strings; NULL once *SP is
 * NULL. */
char *strsep(char **sp, const char *delim)
{
	char *s = *sp;
	if (!s)
		return NULL;
	char *end = s + strcspn(s, delim);
	if (*end) {
		*end = '\0';
		*sp = end + 1;
	} else {
		*sp = NULL;
	}
	return s;
}
