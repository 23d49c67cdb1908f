/* wget: URLs. */
#include <stdlib.h>
#include <string.h>
#include "wget.h"

/* url_parse: see wget.h. */
int url_parse(const char *s, struct url *u)
{
	if (strncmp(s, "http://", 7) == 0)
		s += 7;
	else if (strstr(s, "://"))
		return -1;
	size_t hl = strcspn(s, ":/");
	if (hl == 0 || hl >= sizeof(u->host))
		return -1;
	memcpy(u->host, s, hl);
	u->host[hl] = '\0';
	s += hl;
	u->port = 80;
	if (*s == ':') {
		char *end;
		long p = strtol(s + 1, &end, 10);
		if (end == s + 1 || p <= 0 || p > 65535 || (*end && *end != '/'))
			return -1;
		u->port = (int) p;
		s = end;
	}
	if (*s == '\0')
		s = "/";
	if (strlen(s) >= sizeof(u->path))
		return -1;
	strcpy(u->path, s);
	return 0;
}

/* url_file: see wget.h. */
const char *url_file(const struct url *u)
{
	static char name[WGET_PATH_MAX];
	const char *p = u->path;
	size_t n = strcspn(p, "?#");
	while (n > 0 && p[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && p[start - 1] != '/')
		start--;
	if (start == n)
		return "index.html";
	memcpy(name, p + start, n - start);
	name[n - start] = '\0';
	return name;
}
