/* wget: download a file over HTTP/1.0.
 *
 *   wget [-q] [-O FILE] URL
 *
 * URL is http://HOST[:PORT]/PATH (HOST a dotted quad, localhost or a
 * name of /etc/hosts). Saves the body in FILE (- : standard output), by
 * default the last component of PATH (index.html for none), and prints
 * "wget: saved FILE (N bytes)" on stderr unless -q. Status 0; 1 for an
 * error: the connection ("wget: HOST:PORT: Connection refused", "Network
 * is down" without a network server), an answer other than 200 ("wget:
 * URL: 404 Not Found"; nothing is saved), a body shorter than its
 * Content-Length (the partial file is removed); 2 for bad arguments. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "wget.h"

#define HEAD_MAX 8192
#define CHUNK 8192

/* dial: a socket connected to U's host and port, or -1 after a message. */
static int dial(const struct url *u)
{
	struct hostent *h = gethostbyname(u->host);
	if (!h) {
		fprintf(stderr, "wget: %s: %s\n", u->host, hstrerror(h_errno));
		return -1;
	}
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t) u->port);
	memcpy(&a.sin_addr, h->h_addr, 4);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0) {
		fprintf(stderr, "wget: socket: %s\n", strerror(errno));
		return -1;
	}
	if (connect(s, (struct sockaddr *) &a, sizeof(a)) != 0) {
		fprintf(stderr, "wget: %s:%d: %s\n", u->host, u->port,
		    strerror(errno));
		close(s);
		return -1;
	}
	return s;
}

/* write_all: LEN bytes of BUF to FD. 0, or -1 with errno. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t) n;
	}
	return 0;
}

/* read_head: the response head from S into HEAD (HEAD_MAX bytes,
 * NUL-terminated at the blank line); what came after it is moved to the
 * start of BODY, its length in *EXTRA. 0, or -1 (closed early, too long,
 * an error). */
static int read_head(int s, char *head, char *body, size_t *extra)
{
	size_t n = 0;
	for (;;) {
		ssize_t r = read(s, head + n, HEAD_MAX - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		n += (size_t) r;
		head[n] = '\0';
		char *end = strstr(head, "\r\n\r\n");
		size_t skip = 4;
		if (!end) {
			end = strstr(head, "\n\n");
			skip = 2;
		}
		if (end) {
			*extra = n - (size_t) (end + skip - head);
			memcpy(body, end + skip, *extra);
			end[skip / 2] = '\0';
			return 0;
		}
		if (n == HEAD_MAX - 1)
			return -1;
	}
}

/* fetch: download URL (parsed: U) into OUT ("-": standard output). */
static int fetch(const char *url, const struct url *u, const char *out,
    int quiet)
{
	static char head[HEAD_MAX], buf[CHUNK > HEAD_MAX ? CHUNK : HEAD_MAX];
	int s = dial(u);
	if (s < 0)
		return 1;
	int n = snprintf(buf, sizeof(buf), "GET %s HTTP/1.0\r\nHost: %s\r\n"
	    "User-Agent: phoenix-wget\r\nConnection: close\r\n\r\n", u->path,
	    u->host);
	size_t extra = 0;
	int status;
	char reason[64];
	long length;
	if (write_all(s, buf, (size_t) n) != 0 ||
	    read_head(s, head, buf, &extra) != 0 ||
	    response_parse(head, &status, reason, &length) != 0) {
		fprintf(stderr, "wget: %s: no HTTP answer%s%s\n", url,
		    errno ? ": " : "", errno ? strerror(errno) : "");
		close(s);
		return 1;
	}
	if (status != 200) {
		fprintf(stderr, "wget: %s: %d %s\n", url, status, reason);
		close(s);
		return 1;
	}
	int to_stdout = strcmp(out, "-") == 0;
	int fd = to_stdout ? 1 : open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "wget: %s: %s\n", out, strerror(errno));
		close(s);
		return 1;
	}
	long got = 0;
	int err = 0;
	ssize_t r = (ssize_t) extra;     /* the body's start came with the head */
	for (;;) {
		if (r > 0 && write_all(fd, buf, (size_t) r) != 0) {
			fprintf(stderr, "wget: %s: %s\n", out, strerror(errno));
			err = 1;
			break;
		}
		got += r;
		do
			r = read(s, buf, CHUNK);
		while (r < 0 && errno == EINTR);
		if (r <= 0)
			break;
	}
	if (!err && r < 0) {
		fprintf(stderr, "wget: %s: %s\n", url, strerror(errno));
		err = 1;
	}
	if (!err && length >= 0 && got != length) {
		fprintf(stderr, "wget: %s: %ld of %ld bytes\n", url, got, length);
		err = 1;
	}
	close(s);
	if (!to_stdout && close(fd) != 0 && !err) {
		fprintf(stderr, "wget: %s: %s\n", out, strerror(errno));
		err = 1;
	}
	if (err) {
		if (!to_stdout)
			unlink(out);
		return 1;
	}
	if (!quiet)
		fprintf(stderr, "wget: saved %s (%ld bytes)\n", out, got);
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: wget [-q] [-O FILE] URL\n");
	return 2;
}

int main(int argc, char *argv[])
{
	const char *out = NULL;
	int quiet = 0, opt;
	while ((opt = getopt(argc, argv, "qO:")) != -1) {
		if (opt == 'O')
			out = optarg;
		else if (opt == 'q')
			quiet = 1;
		else
			return usage();
	}
	if (optind != argc - 1)
		return usage();
	struct url u;
	if (url_parse(argv[optind], &u) != 0) {
		fprintf(stderr, "wget: %s: not an http:// URL\n", argv[optind]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	return fetch(argv[optind], &u, out ? out : url_file(&u), quiet);
}
