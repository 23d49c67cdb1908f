/* The environment: environ (set by crt0 from the initial stack) and the
 * calls that read and change it. Strings that setenv allocates are
 * remembered so that they are freed when replaced or removed; the array
 * moves to the heap the first time it must grow. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char **environ;

static char **own_array;          /* environ when it is ours (malloc'ed) */
static size_t own_capacity;       /* entries own_array has room for */
static char **own_strings;        /* strings setenv allocated */
static size_t own_count, own_strings_cap;

/* name_length: the length of NAME when it is a valid variable name
 * (non-empty, no '='), else 0. */
static size_t name_length(const char *name)
{
	if (!name || !*name || strchr(name, '='))
		return 0;
	return strlen(name);
}

/* find: the index in environ of the entry for the LEN-byte NAME, or -1. */
static int find(const char *name, size_t len)
{
	if (!environ)
		return -1;
	for (int i = 0; environ[i]; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return i;
	return -1;
}

/* count: the number of entries in environ. */
static size_t count(void)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	return n;
}

/* forget: free ENTRY if setenv allocated it. */
static void forget(char *entry)
{
	for (size_t i = 0; i < own_count; i++) {
		if (own_strings[i] == entry) {
			free(entry);
			own_strings[i] = own_strings[--own_count];
			return;
		}
	}
}

/* remember: note that ENTRY was allocated here. Returns 0 or -1 (ENOMEM). */
static int remember(char *entry)
{
	if (own_count == own_strings_cap) {
		size_t cap = own_strings_cap ? own_strings_cap * 2 : 16;
		char **p = realloc(own_strings, cap * sizeof(*p));
		if (!p)
			return -1;
		own_strings = p;
		own_strings_cap = cap;
	}
	own_strings[own_count++] = entry;
	return 0;
}

/* put: make ENTRY ("NAME=value", NAME LEN bytes) the entry for its name,
 * replacing the old one (freed if it was ours) or appending it. Returns 0
 * or -1 (ENOMEM). */
static int put(char *entry, size_t len)
{
	int i = find(entry, len);
	if (i >= 0) {
		char *old = environ[i];
		environ[i] = entry;
		forget(old);
		return 0;
	}
	size_t n = count();
	if (environ != own_array || n + 2 > own_capacity) {
		size_t cap = (n + 2) * 2;
		char **p = malloc(cap * sizeof(*p));
		if (!p)
			return -1;
		if (n)
			memcpy(p, environ, n * sizeof(*p));
		if (environ == own_array)
			free(own_array);
		own_array = environ = p;
		own_capacity = cap;
	}
	environ[n] = entry;
	environ[n + 1] = NULL;
	return 0;
}

/* getenv: the value of variable NAME, or NULL when it is not set. */
char *getenv(const char *name)
{
	size_t len = name_length(name);
	int i = len ? find(name, len) : -1;
	return i >= 0 ? environ[i] + len + 1 : NULL;
}

/* setenv: set NAME to a copy of VALUE, unless NAME is set and OVERWRITE is
 * 0. Returns 0, or -1 with errno EINVAL (NAME empty or with '=') or
 * ENOMEM. */
int setenv(const char *name, const char *value, int overwrite)
{
	size_t len = name_length(name);
	if (!len) {
		errno = EINVAL;
		return -1;
	}
	if (!overwrite && find(name, len) >= 0)
		return 0;
	size_t vlen = strlen(value);
	char *entry = malloc(len + vlen + 2);
	if (!entry)
		return -1;
	memcpy(entry, name, len);
	entry[len] = '=';
	memcpy(entry + len + 1, value, vlen + 1);
	if (remember(entry) < 0) {
		free(entry);
		return -1;
	}
	if (put(entry, len) < 0) {
		forget(entry);
		return -1;
	}
	return 0;
}

/* putenv: make STRING ("NAME=value") itself part of the environment (later
 * changes to it change the variable). Returns 0, or -1 with errno EINVAL
 * (no '=' or empty name) or ENOMEM. */
int putenv(char *string)
{
	char *eq = string ? strchr(string, '=') : NULL;
	if (!eq || eq == string) {
		errno = EINVAL;
		return -1;
	}
	return put(string, (size_t) (eq - string));
}

/* unsetenv: remove variable NAME (not being set is fine). Returns 0, or -1
 * with errno EINVAL for an empty name or one with '='. */
int unsetenv(const char *name)
{
	size_t len = name_length(name);
	if (!len) {
		errno = EINVAL;
		return -1;
	}
	int i;
	while ((i = find(name, len)) >= 0) {
		char *old = environ[i];
		for (; environ[i]; i++)
			environ[i] = environ[i + 1];
		forget(old);
	}
	return 0;
}

/* clearenv: remove every variable. Returns 0. */
int clearenv(void)
{
	while (own_count)
		forget(own_strings[0]);
	if (environ == own_array)
		free(own_array);
	own_array = environ = NULL;
	own_capacity = 0;
	return 0;
}
