/* dd: what the operands ask (args.c) and the copy (copy.c). */
#ifndef DD_H
#define DD_H

#include <stddef.h>

#define DD_ALL (~0ull)          /* count=: no limit */

enum dd_status { STATUS_DEFAULT, STATUS_NOXFER, STATUS_NONE };

struct dd_opts {
	const char *in, *out;   /* NULL: standard input / output */
	size_t ibs, obs;        /* bytes of an input and an output block */
	size_t bs;              /* bs= (0: none): input blocks written as read */
	unsigned long long count, skip, seek;  /* in blocks */
	int notrunc, sync, fullblock;
	enum dd_status status;
};

/* The records and bytes moved, for the summary. */
struct dd_counts {
	unsigned long long in_full, in_part, out_full, out_part, bytes;
};

/* dd_parse: the operands ARGV[1..ARGC-1] into O. Returns 0, or -1 after
 * saying what is wrong on standard error. */
int dd_parse(int argc, char **argv, struct dd_opts *o);

/* dd_copy: copy as O says from descriptor IN to OUT (named IN_NAME,
 * OUT_NAME in messages), counting into C. Returns 0, or 1 after saying
 * what failed. */
int dd_copy(const struct dd_opts *o, int in, int out, const char *in_name,
    const char *out_name, struct dd_counts *c);

#endif
