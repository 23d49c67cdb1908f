/* dd's copy: skip input blocks, seek output blocks, then read input
 * blocks (ibs bytes, or less: a pipe or a terminal gives what it has,
 * which is a partial record, not the end; only a read of 0 bytes ends
 * the input) and write them as output blocks: with bs= each input block
 * as it came, else gathered into obs-byte blocks (the rest at the end). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dd.h"

/* read_block: one input block of up to LEN bytes from FD into BUF (with
 * FULL: read again until LEN bytes or the end). Returns the bytes read
 * (0: the end), or -1 with errno. */
static ssize_t read_block(int fd, char *buf, size_t len, int full)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return got ? (ssize_t) got : -1;
		if (n == 0)
			break;
		got += (size_t) n;
		if (!full)
			break;
	}
	return (ssize_t) got;
}

/* write_all: LEN bytes at BUF to FD, through short writes. Returns 0, or
 * -1 with errno. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t) n;
	}
	return 0;
}

/* skip_input: pass the first BYTES bytes of FD: lseek when it can, else
 * by reading them into BUF (LEN bytes). Returns 0, 1 when the input ended
 * first (said), -1 with errno on a read error. */
static int skip_input(int fd, unsigned long long bytes, char *buf,
    size_t len, const char *name)
{
	off_t to = (off_t) bytes;
	if ((unsigned long long) to == bytes && to >= 0 &&
	    lseek(fd, to, SEEK_CUR) >= 0)
		return 0;
	while (bytes > 0) {
		size_t want = bytes < len ? (size_t) bytes : len;
		ssize_t n = read_block(fd, buf, want, 0);
		if (n < 0)
			return -1;
		if (n == 0) {
			fprintf(stderr, "dd: %s: cannot skip to specified "
			    "offset\n", name);
			return 1;
		}
		bytes -= (unsigned long long) n;
	}
	return 0;
}

/* put: one output record of LEN bytes (OBS: a full one's size) to OUT,
 * counted in C. Returns 0, or 1 after saying why it failed. */
static int put(int out, const char *buf, size_t len, size_t obs,
    const char *name, struct dd_counts *c)
{
	if (write_all(out, buf, len) < 0) {
		fprintf(stderr, "dd: error writing %s: %s\n", name,
		    strerror(errno));
		return 1;
	}
	if (len == obs)
		c->out_full++;
	else
		c->out_part++;
	c->bytes += len;
	return 0;
}

/* dd_copy: see dd.h. */
int dd_copy(const struct dd_opts *o, int in, int out, const char *in_name,
    const char *out_name, struct dd_counts *c)
{
	char *ibuf = malloc(o->ibs);
	char *obuf = o->bs ? ibuf : malloc(o->obs);
	size_t held = 0;        /* bytes waiting in obuf (not bs=) */
	int status = 0;
	memset(c, 0, sizeof(*c));
	if (!ibuf || !obuf) {
		fprintf(stderr, "dd: %s\n", strerror(ENOMEM));
		return 1;
	}
	if (o->skip && o->skip > DD_ALL / o->ibs) {
		fprintf(stderr, "dd: skip=%llu: too far\n", o->skip);
		return 1;
	}
	int r = o->skip ? skip_input(in, o->skip * o->ibs, ibuf, o->ibs,
	    in_name) : 0;
	if (r < 0) {
		fprintf(stderr, "dd: error reading %s: %s\n", in_name,
		    strerror(errno));
		return 1;
	}
	for (unsigned long long blocks = 0; r == 0 && blocks < o->count;
	    blocks++) {
		ssize_t n = read_block(in, ibuf, o->ibs, o->fullblock);
		if (n < 0) {
			fprintf(stderr, "dd: error reading %s: %s\n", in_name,
			    strerror(errno));
			status = 1;
			break;
		}
		if (n == 0)
			break;
		if ((size_t) n == o->ibs)
			c->in_full++;
		else
			c->in_part++;
		if (o->sync && (size_t) n < o->ibs) {
			memset(ibuf + n, 0, o->ibs - (size_t) n);
			n = (ssize_t) o->ibs;
		}
		if (o->bs) {
			status = put(out, ibuf, (size_t) n, o->obs, out_name,
			    c);
			if (status)
				break;
			continue;
		}
		for (size_t used = 0; used < (size_t) n; ) {
			size_t take = o->obs - held;
			if (take > (size_t) n - used)
				take = (size_t) n - used;
			memcpy(obuf + held, ibuf + used, take);
			held += take;
			used += take;
			if (held == o->obs) {
				status = put(out, obuf, held, o->obs, out_name,
				    c);
				held = 0;
				if (status)
					break;
			}
		}
		if (status)
			break;
	}
	if (!status && held)
		status = put(out, obuf, held, o->obs, out_name, c);
	return status;
}
