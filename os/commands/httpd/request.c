/* httpd: the request line and the content types. */
#include <string.h>
#include <strings.h>
#include "httpd.h"

/* hex: the value of hexadecimal digit C, or -1. */
static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* httpd_parse: see httpd.h. */
int httpd_parse(const char *head, char *method, char *path, size_t len)
{
	const char *sp = strchr(head, ' ');
	if (!sp || sp == head || (size_t) (sp - head) >= 8)
		return 400;
	memcpy(method, head, (size_t) (sp - head));
	method[sp - head] = '\0';
	const char *t = sp + 1, *end = strchr(t, ' ');
	const char *eol = strpbrk(t, "\r\n");
	if (!end || (eol && eol < end) || strncmp(end + 1, "HTTP/", 5) != 0)
		return 400;
	if (*t != '/')
		return 403;
	size_t n = 0;
	for (const char *c = t; c < end && *c != '?'; c++) {
		char ch = *c;
		if (ch == '%') {
			int hi = c + 2 < end ? hex(c[1]) : -1;
			int lo = hi >= 0 ? hex(c[2]) : -1;
			if (lo < 0)
				return 400;
			ch = (char) (hi * 16 + lo);
			c += 2;
		}
		if (ch == '\0')
			return 400;
		if (n + 1 >= len)
			return 414;
		path[n++] = ch;
	}
	path[n] = '\0';
	/* No ".." component: nothing outside the served folder. */
	for (const char *c = path; (c = strstr(c, "..")) != NULL; c += 2)
		if (c[-1] == '/' && (c[2] == '/' || c[2] == '\0'))
			return 403;
	return 0;
}

/* httpd_type: see httpd.h. */
const char *httpd_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html" }, { ".htm", "text/html" },
		{ ".txt", "text/plain" }, { ".c", "text/plain" },
		{ ".h", "text/plain" }, { ".md", "text/plain" },
		{ ".css", "text/css" }, { ".js", "text/javascript" },
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".gif", "image/gif" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}
