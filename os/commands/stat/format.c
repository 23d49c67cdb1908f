/* stat's directives: each turns a field of struct stat into text. */
#include <grp.h>
#include <limits.h>
#include <unistd.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include "stat.h"
#ifdef __phoenix__
#define dev_major(d) ((unsigned) DEV_MAJOR(d))
#define dev_minor(d) ((unsigned) DEV_MINOR(d))
#else
#include <sys/sysmacros.h>
#define dev_major(d) ((unsigned) major(d))
#define dev_minor(d) ((unsigned) minor(d))
#endif

/* file_type: GNU's words for the kind of file ST is. */
static const char *file_type(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG: return st->st_size == 0 ? "regular empty file" :
	    "regular file";
	case S_IFDIR: return "directory";
	case S_IFCHR: return "character special file";
	case S_IFBLK: return "block special file";
	case S_IFIFO: return "fifo";
	case S_IFLNK: return "symbolic link";
	default: return "unknown";
	}
}

/* mode_string: MODE as ls -l shows it ("-rwxr-xr-x", set-id s/S, sticky
 * t/T) into BUF (11 bytes). */
static void mode_string(unsigned mode, char buf[11])
{
	static const char rwx[] = "rwxrwxrwx";
	switch (mode & S_IFMT) {
	case S_IFDIR: buf[0] = 'd'; break;
	case S_IFCHR: buf[0] = 'c'; break;
	case S_IFBLK: buf[0] = 'b'; break;
	case S_IFIFO: buf[0] = 'p'; break;
	case S_IFLNK: buf[0] = 'l'; break;
	default: buf[0] = '-'; break;
	}
	for (int i = 0; i < 9; i++)
		buf[1 + i] = mode & (0400u >> i) ? rwx[i] : '-';
	if (mode & S_ISUID)
		buf[3] = buf[3] == 'x' ? 's' : 'S';
	if (mode & S_ISGID)
		buf[6] = buf[6] == 'x' ? 's' : 'S';
	if (mode & S_ISVTX)
		buf[9] = buf[9] == 'x' ? 't' : 'T';
	buf[10] = '\0';
}

/* owner_name: the name of user UID, UNKNOWN when it has none. */
static const char *owner_name(unsigned uid)
{
	struct passwd *pw = getpwuid((uid_t) uid);
	return pw ? pw->pw_name : "UNKNOWN";
}

/* group_name: the name of group GID, UNKNOWN when it has none. */
static const char *group_name(unsigned gid)
{
	struct group *gr = getgrgid((gid_t) gid);
	return gr ? gr->gr_name : "UNKNOWN";
}

/* directive: the text of directive C for NAME and ST into BUF (LEN
 * bytes), *NUMBER set when it is a number printed in decimal or octal
 * (then in *VALUE, *BASE). Returns 0, or -1 for an unknown directive. */
static int directive(char c, const char *name, const struct stat *st,
    char *buf, size_t len, int *number, unsigned long long *value,
    int *base)
{
	*number = 1;
	*base = 10;
	switch (c) {
	case 's': *value = (unsigned long long) st->st_size; return 0;
	case 'a': *value = st->st_mode & 07777; *base = 8; return 0;
	case 'u': *value = st->st_uid; return 0;
	case 'g': *value = st->st_gid; return 0;
	case 'h': *value = st->st_nlink; return 0;
	case 'i': *value = st->st_ino; return 0;
	case 'd': *value = st->st_dev; return 0;
	case 'X': *value = (unsigned long long) st->st_atime; return 0;
	case 'Y': *value = (unsigned long long) st->st_mtime; return 0;
	case 'Z': *value = (unsigned long long) st->st_ctime; return 0;
	case 'f': *value = st->st_mode; *base = 16; return 0;
	case 'D': *value = st->st_dev; *base = 16; return 0;
	case 't': *value = dev_major(st->st_rdev); *base = 16; return 0;
	case 'T': *value = dev_minor(st->st_rdev); *base = 16; return 0;
	}
	*number = 0;
	switch (c) {
	case 'n': snprintf(buf, len, "%s", name); return 0;
	case 'N':                           /* NAME, "-> TARGET" for a link */
		if (S_ISLNK(st->st_mode)) {
			char target[PATH_MAX];
			ssize_t n = readlink(name, target, sizeof(target) - 1);
			snprintf(buf, len, "%s -> %.*s", name, n < 0 ? 0 : (int) n,
			    target);
		} else {
			snprintf(buf, len, "%s", name);
		}
		return 0;
	case 'A': mode_string(st->st_mode, buf); return 0;
	case 'F': snprintf(buf, len, "%s", file_type(st)); return 0;
	case 'U': snprintf(buf, len, "%s", owner_name(st->st_uid)); return 0;
	case 'G': snprintf(buf, len, "%s", group_name(st->st_gid)); return 0;
	case 'M':
		snprintf(buf, len, "%u,%u", dev_major(st->st_dev),
		    dev_minor(st->st_dev));
		return 0;
	case 'R':
		buf[0] = '\0';
		if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
			snprintf(buf, len, "  Device type: %u,%u",
			    dev_major(st->st_rdev), dev_minor(st->st_rdev));
		return 0;
	}
	return -1;
}

/* stat_print: see stat.h. An unknown directive is printed as it is. */
void stat_print(const char *format, const char *name, const struct stat *st)
{
	for (const char *p = format; *p; p++) {
		if (*p != '%' || !p[1]) {
			putchar(*p);
			continue;
		}
		if (p[1] == '%') {
			putchar('%');
			p++;
			continue;
		}
		const char *start = p++;
		int left = 0, zero = 0, width = 0;
		for (; *p == '-' || *p == '0'; p++)
			*p == '-' ? (left = 1) : (zero = 1);
		for (; *p >= '0' && *p <= '9'; p++)
			width = width * 10 + (*p - '0');
		char buf[300];
		int number, base;
		unsigned long long v;
		if (!*p || directive(*p, name, st, buf, sizeof(buf), &number,
		    &v, &base) < 0) {
			printf("%.*s", (int) (p - start + (*p != 0)), start);
			if (!*p)
				break;
			continue;
		}
		if (number)
			snprintf(buf, sizeof(buf), base == 8 ? "%llo" :
			    base == 16 ? "%llx" : "%llu", v);
		int pad = width - (int) strlen(buf);
		if (!left && zero && number)
			for (; pad > 0; pad--)
				putchar('0');
		for (; !left && pad > 0; pad--)
			putchar(' ');
		fputs(buf, stdout);
		for (; pad > 0; pad--)
			putchar(' ');
	}
}
