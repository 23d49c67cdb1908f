/* httpd: what its files share. */
#ifndef HTTPD_H
#define HTTPD_H

#include <stddef.h>

#define HTTPD_HEAD_MAX 4096          /* bytes of a request's head */

/* serve.c: answer the one request on connection FD from the files under
 * ROOT; logs "httpd: METHOD PATH STATUS BYTES" on standard output. */
void httpd_serve(int fd, const char *root);

/* request.c: parse the head's first line "METHOD TARGET HTTP/x.y" of
 * HEAD into METHOD (8 bytes) and PATH (LEN bytes, %XX decoded, query
 * cut). Returns 0, or the HTTP status of the error: 400 (malformed),
 * 414 (too long), 403 (a ".." component or not absolute). */
int httpd_parse(const char *head, char *method, char *path, size_t len);
/* httpd_type: the Content-Type of file NAME, by its extension. */
const char *httpd_type(const char *name);

#endif
