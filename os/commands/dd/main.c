/* dd: copy blocks: dd [if=FILE] [of=FILE] [bs=N] [ibs=N] [obs=N]
 * [count=N] [skip=N] [seek=N] [conv=notrunc,sync] [iflag=fullblock]
 * [status=none|noxfer|progress]. Sizes take GNU's suffixes (c w b K k
 * kB M MB G GB, KiB MiB GiB). of= is truncated to seek= blocks unless
 * conv=notrunc. At the end, on standard error, GNU's summary:
 * "F+P records in", "F+P records out" (F full blocks, P partial ones)
 * and "N bytes copied". Status 0, 1 when a file could not be opened,
 * read or written (the summary still says what was copied), 2 for a bad
 * operand. The copy: copy.c; the operands: args.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "dd.h"

/* summary: GNU's lines for C on standard error, as O's status= asks. */
static void summary(const struct dd_opts *o, const struct dd_counts *c)
{
	if (o->status == STATUS_NONE)
		return;
	fprintf(stderr, "%llu+%llu records in\n%llu+%llu records out\n",
	    c->in_full, c->in_part, c->out_full, c->out_part);
	if (o->status == STATUS_DEFAULT)
		fprintf(stderr, "%llu bytes copied\n", c->bytes);
}

/* open_output: the output of O (standard output when no of=), at seek=
 * blocks: of= is made (0666 less the umask) and, without conv=notrunc,
 * cut at that point. Returns the descriptor, or -1 after saying why. */
static int open_output(const struct dd_opts *o)
{
	int fd = 1;
	const char *name = o->out ? o->out : "standard output";
	unsigned long long at = o->seek * o->obs;
	off_t to = (off_t) at;
	if (o->seek && (o->seek > DD_ALL / o->obs ||
	    (unsigned long long) to != at || to < 0)) {
		fprintf(stderr, "dd: seek=%llu: too far\n", o->seek);
		return -1;
	}
	if (o->out) {
		int flags = O_WRONLY | O_CREAT;
		if (!o->notrunc && !o->seek)
			flags |= O_TRUNC;
		fd = open(o->out, flags, 0666);
		if (fd < 0)
			goto fail;
	}
	struct stat st;
	if (o->out && !o->notrunc && o->seek && fstat(fd, &st) == 0 &&
	    S_ISREG(st.st_mode) && truncate(o->out, to) < 0)
		goto fail;
	if (o->seek && lseek(fd, to, SEEK_SET) < 0)
		goto fail;
	return fd;
fail:
	fprintf(stderr, "dd: %s: %s\n", name, strerror(errno));
	return -1;
}

int main(int argc, char **argv)
{
	struct dd_opts o;
	struct dd_counts c;
	if (dd_parse(argc, argv, &o) < 0)
		return 2;
	int in = 0;
	if (o.in) {
		in = open(o.in, O_RDONLY);
		if (in < 0) {
			fprintf(stderr, "dd: %s: %s\n", o.in, strerror(errno));
			return 1;
		}
	}
	int out = open_output(&o);
	if (out < 0)
		return 1;
	int status = dd_copy(&o, in, out, o.in ? o.in : "standard input",
	    o.out ? o.out : "standard output", &c);
	if (o.out && close(out) < 0 && !status) {
		fprintf(stderr, "dd: %s: %s\n", o.out, strerror(errno));
		status = 1;
	}
	summary(&o, &c);
	return status;
}
