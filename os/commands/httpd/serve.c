/* httpd: one request, one answer (HTTP/1.0): the file, or an error. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "httpd.h"

#define CHUNK 8192

/* send_all: LEN bytes of BUF to FD (no SIGPIPE). 0, or -1. */
static int send_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
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

/* read_head: the request's head (up to the blank line) from FD into
 * BUF of LEN bytes, NUL-terminated. 0, or the HTTP status of the error
 * (400: the peer closed or failed first, 431: too long). */
static int read_head(int fd, char *buf, size_t len)
{
	size_t n = 0;
	for (;;) {
		ssize_t r = recv(fd, buf + n, len - 1 - n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 400;
		n += (size_t) r;
		buf[n] = '\0';
		if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
			return 0;
		if (n == len - 1)
			return 431;
	}
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 501: return "Not Implemented";
	default:  return "Internal Server Error";
	}
}

/* error: answer STATUS with a short text body (none for HEAD). */
static void error(int fd, int status, int head_only)
{
	char body[64], hdr[256];
	int blen = snprintf(body, sizeof(body), "%d %s\n", status,
	    reason(status));
	int hlen = snprintf(hdr, sizeof(hdr), "HTTP/1.0 %d %s\r\n"
	    "Content-Type: text/plain\r\nContent-Length: %d\r\n"
	    "Connection: close\r\n\r\n", status, reason(status), blen);
	if (send_all(fd, hdr, (size_t) hlen) == 0 && !head_only)
		send_all(fd, body, (size_t) blen);
}

/* open_file: the file PATH names under ROOT (a directory: its
 * index.html) for reading, its size in *SIZE. The descriptor, or -404,
 * -403 (not readable, not a regular file). */
static int open_file(const char *root, const char *path, char *full,
    size_t len, long *size)
{
	struct stat st;
	if ((size_t) snprintf(full, len, "%s%s", root, path) >= len)
		return -404;
	if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t l = strlen(full);
		if (snprintf(full + l, len - l, "%sindex.html",
		    l && full[l - 1] == '/' ? "" : "/") >= (int) (len - l))
			return -404;
	}
	int fd = open(full, O_RDONLY);
	if (fd < 0)
		return errno == EACCES ? -403 : -404;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -403;
	}
	*size = (long) st.st_size;
	return fd;
}

/* httpd_serve: see httpd.h. */
void httpd_serve(int fd, const char *root)
{
	char head[HTTPD_HEAD_MAX], method[8] = "?", path[PATH_MAX] = "?";
	char full[PATH_MAX + 64], buf[CHUNK];
	long size = 0, sent = 0;
	int status = read_head(fd, head, sizeof(head));
	if (status == 0)
		status = httpd_parse(head, method, path, sizeof(path));
	int head_only = strcmp(method, "HEAD") == 0;
	if (status == 0 && !head_only && strcmp(method, "GET") != 0)
		status = 501;
	int file = -1;
	if (status == 0) {
		file = open_file(root, path, full, sizeof(full), &size);
		status = file < 0 ? -file : 200;
	}
	if (status != 200) {
		error(fd, status, head_only);
	} else {
		int n = snprintf(buf, sizeof(buf), "HTTP/1.0 200 OK\r\n"
		    "Content-Type: %s\r\nContent-Length: %ld\r\n"
		    "Connection: close\r\n\r\n", httpd_type(full), size);
		int ok = send_all(fd, buf, (size_t) n) == 0;
		while (ok && !head_only) {
			ssize_t r = read(file, buf, sizeof(buf));
			if (r <= 0)
				break;
			ok = send_all(fd, buf, (size_t) r) == 0;
			if (ok)
				sent += r;
		}
		close(file);
	}
	printf("httpd: %s %s %d %ld\n", method, path, status, sent);
	fflush(stdout);
}
