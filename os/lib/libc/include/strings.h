/* BSD string functions: case-insensitive comparison. */
#ifndef _STRINGS_H
#define _STRINGS_H

#include <stddef.h>

/* strcasecmp: compare two strings ignoring ASCII case; <0, 0 or >0. */
int strcasecmp(const char *a, const char *b);
/* strncasecmp: as strcasecmp, at most N characters. */
int strncasecmp(const char *a, const char *b, size_t n);

#endif
