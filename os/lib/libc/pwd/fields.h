/* What the passwd and group readers share: lines of colon-separated
 * fields (libc-private). */
#ifndef LIBC_PWD_FIELDS_H
#define LIBC_PWD_FIELDS_H

#include <stdint.h>
#include <stdio.h>

/* The longest line read whole; longer lines are skipped. */
#define PWD_LINE_MAX 512

/* __pwd_split: the next entry of F with exactly N fields into LINE (of
 * PWD_LINE_MAX bytes), split in place: FIELDS[0..N-1] point into LINE.
 * Blank lines, comments (#), overlong lines and lines with another number
 * of fields are skipped. Returns 0, or -1 at the end of F. */
int __pwd_split(FILE *f, char *line, char **fields, int n);

/* __pwd_id: the decimal id S into *ID. Returns 0, or -1 when S is not a
 * number (empty, a sign, other characters, too big). */
int __pwd_id(const char *s, uint32_t *id);

#endif
