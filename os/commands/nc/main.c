/* nc: a TCP connection between standard input/output and a peer.
 *
 *   nc [-v] HOST PORT       connect to HOST:PORT
 *   nc [-v] -l PORT         wait for one connection on PORT (any address)
 *
 * -v says on stderr "nc: listening on port PORT" once it listens and
 * "nc: connected to ADDR port PORT" once connected.
 * Bytes from standard input go to the peer, bytes from the peer to
 * standard output (poll on both). At the end of standard input the
 * sending side is shut down (the peer sees the end) and nc goes on
 * reading until the peer closes; then it exits 0. Errors: "nc: what:
 * REASON" on stderr, status 1 ("nc: socket: Network is down" without a
 * network server); bad arguments: status 2. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF 4096

static int verbose;

/* fail: print "nc: WHAT: strerror(errno)"; returns 1. */
static int fail(const char *what)
{
	fprintf(stderr, "nc: %s: %s\n", what, strerror(errno));
	return 1;
}

/* port_arg: S as a port (1..65535), or -1. */
static int port_arg(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	return *s && !*end && v > 0 && v < 65536 ? (int) v : -1;
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

/* shuttle: copy standard input to socket S and S to standard output
 * until the peer closes. 0, or 1 after a message. */
static int shuttle(int s)
{
	char buf[BUF];
	int in_open = 1;
	for (;;) {
		struct pollfd p[2] = { { s, POLLIN, 0 }, { 0, POLLIN, 0 } };
		if (poll(p, in_open ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return fail("poll");
		}
		/* Standard input first: input that is already there when the
		 * peer closes still goes out before we stop. */
		if (in_open && p[1].revents) {
			ssize_t n = read(0, buf, sizeof(buf));
			if (n < 0)
				return fail("standard input");
			if (n == 0) {
				in_open = 0;
				shutdown(s, SHUT_WR);
			} else if (write_all(s, buf, (size_t) n) != 0) {
				return fail("send");
			}
		}
		if (p[0].revents) {
			ssize_t n = read(s, buf, sizeof(buf));
			if (n < 0)
				return fail("read");
			if (n == 0)
				return 0;               /* the peer closed */
			if (write_all(1, buf, (size_t) n) != 0)
				return fail("write");
		}
	}
}

/* dial: a socket connected to HOST:PORT, or -1 after a message. */
static int dial(const char *host, int port)
{
	struct hostent *h = gethostbyname(host);
	if (!h) {
		fprintf(stderr, "nc: %s: %s\n", host, hstrerror(h_errno));
		return -1;
	}
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t) port);
	memcpy(&a.sin_addr, h->h_addr, 4);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return fail("socket"), -1;
	if (connect(s, (struct sockaddr *) &a, sizeof(a)) != 0) {
		fprintf(stderr, "nc: %s port %d: %s\n", host, port,
		    strerror(errno));
		close(s);
		return -1;
	}
	if (verbose)
		fprintf(stderr, "nc: connected to %s port %d\n",
		    inet_ntoa(a.sin_addr), port);
	return s;
}

/* answer: the first connection to PORT, or -1 after a message. */
static int answer(int port)
{
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0)
		return fail("socket"), -1;
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t) port);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(l, (struct sockaddr *) &a, sizeof(a)) != 0)
		return fail("bind"), close(l), -1;
	if (listen(l, 1) != 0)
		return fail("listen"), close(l), -1;
	if (verbose)
		fprintf(stderr, "nc: listening on port %d\n", port);
	socklen_t len = sizeof(a);
	int s = accept(l, (struct sockaddr *) &a, &len);
	if (s < 0)
		fail("accept");
	else if (verbose)
		fprintf(stderr, "nc: connected to %s port %d\n",
		    inet_ntoa(a.sin_addr), ntohs(a.sin_port));
	close(l);
	return s;
}

static int usage(void)
{
	fprintf(stderr, "usage: nc [-v] HOST PORT\n       nc [-v] -l PORT\n");
	return 2;
}

int main(int argc, char *argv[])
{
	int s;
	signal(SIGPIPE, SIG_IGN);
	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		verbose = 1;
		argc--;
		argv++;
	}
	if (argc == 3 && strcmp(argv[1], "-l") == 0) {
		int port = port_arg(argv[2]);
		if (port < 0)
			return usage();
		s = answer(port);
	} else if (argc == 3) {
		int port = port_arg(argv[2]);
		if (port < 0)
			return usage();
		s = dial(argv[1], port);
	} else {
		return usage();
	}
	if (s < 0)
		return 1;
	int r = shuttle(s);
	close(s);
	return r;
}
