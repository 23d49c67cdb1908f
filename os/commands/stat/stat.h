/* stat: the formats (format.c). */
#ifndef STAT_H
#define STAT_H

#include <sys/stat.h>

/* stat_print: print FORMAT for the file NAME with status ST on standard
 * output (no newline added). Directives: GNU stat's (main.c), a flag '-'
 * or '0' and a width allowed, and two of the default format's own: %M
 * (the device as MAJOR,MINOR) and %R ("  Device type: MAJOR,MINOR" for a
 * device file, nothing otherwise). */
void stat_print(const char *format, const char *name, const struct stat *st);

#endif
