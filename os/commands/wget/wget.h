/* wget: what its files share. */
#ifndef WGET_H
#define WGET_H

#define WGET_HOST_MAX 128
#define WGET_PATH_MAX 1024

struct url {
	char host[WGET_HOST_MAX];
	int port;                     /* 80 when not given */
	char path[WGET_PATH_MAX];     /* from the first '/', "/" when none */
};

/* url.c: parse "http://HOST[:PORT][/PATH]" (the scheme may be left out)
 * into *U. 0, or -1 (another scheme, no host, a bad port, too long). */
int url_parse(const char *s, struct url *u);
/* url_file: the file name a download of U is saved as: the last
 * component of its path, or "index.html". */
const char *url_file(const struct url *u);

/* response.c: parse the head of a response (NUL-terminated): the status
 * code into *STATUS, its text into REASON (64 bytes), Content-Length into
 * *LENGTH (-1 when absent). 0, or -1 when it is not HTTP. */
int response_parse(const char *head, int *status, char *reason,
    long *length);

#endif
