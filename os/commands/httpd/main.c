/* httpd: a small HTTP/1.0 file server.
 *
 *   httpd PORT DIR
 *
 * Serves the files under DIR on PORT (any address): GET and HEAD, 200
 * with Content-Length and the file, 404 when it is not there, 403
 * outside DIR or not readable, 400/501 for other requests; a directory
 * serves its index.html. Each connection is served by a child process
 * (one request, then the connection closes). Prints "httpd: serving DIR
 * on port PORT" once listening and "httpd: METHOD PATH STATUS BYTES" per
 * request. Errors: "httpd: what: REASON", status 1 ("Network is down"
 * without a network server); bad arguments: status 2. */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "httpd.h"

/* fail: print "httpd: WHAT: strerror(errno)"; returns 1. */
static int fail(const char *what)
{
	fprintf(stderr, "httpd: %s: %s\n", what, strerror(errno));
	return 1;
}

/* reap: collect the children that ended (no zombies pile up). */
static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* listener: a socket listening on PORT, or -1 after a message. */
static int listener(int port)
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
	if (listen(l, SOMAXCONN) != 0)
		return fail("listen"), close(l), -1;
	return l;
}

int main(int argc, char *argv[])
{
	char *end;
	long port = argc == 3 ? strtol(argv[1], &end, 10) : 0;
	if (argc != 3 || *end || port <= 0 || port > 65535) {
		fprintf(stderr, "usage: httpd PORT DIR\n");
		return 2;
	}
	const char *root = argv[2];
	struct stat st;
	if (stat(root, &st) != 0)
		return fail(root);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return fail(root);
	}
	signal(SIGPIPE, SIG_IGN);
	int l = listener((int) port);
	if (l < 0)
		return 1;
	printf("httpd: serving %s on port %ld\n", root, port);
	fflush(stdout);
	for (;;) {
		reap();
		int c = accept(l, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			return fail("accept");
		}
		pid_t pid = fork();
		if (pid == 0) {
			close(l);
			httpd_serve(c, root);
			close(c);
			_exit(0);
		}
		if (pid < 0) {
			fail("fork");
			httpd_serve(c, root);  /* serve it here instead */
		}
		close(c);
	}
}
