/* Cases pwd and grp: the user and group databases, first from files
 * written here (every field, skipped lines), then the system's own
 * /etc/passwd and /etc/group (root is uid and gid 0 on Phoenix and on a
 * Linux host alike). */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include "libctest.h"

/* write_file: NAME in libctest_dir with TEXT; returns the file open for
 * reading (NULL after a failed check). */
static FILE *write_file(const char *name, const char *text, char *path,
    size_t len)
{
	snprintf(path, len, "%s/%s", libctest_dir, name);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	f = fopen(path, "r");
	CHECK(f != NULL);
	return f;
}

/* test_pwd: fgetpwent's fields and the lines it skips; getpwnam and
 * getpwuid on /etc/passwd; getpwent walks it. */
TEST(pwd)
{
	char path[256], longline[700];
	memset(longline, 'a', sizeof(longline) - 2);
	longline[sizeof(longline) - 2] = '\n';
	longline[sizeof(longline) - 1] = '\0';
	static char text[2048];
	snprintf(text, sizeof(text),
	    "# users\n"
	    "root:x:0:0:root:/root:/bin/sh\n"
	    "\n"
	    "short:x:1:1\n"                          /* too few fields */
	    "bad:x:12a:1:g:/h:/s\n"                  /* not a number */
	    "neg:x:-1:1:g:/h:/s\n"
	    "%s"                                     /* overlong line */
	    "student:x:1000:1000:A Student:/home/student:\n"
	    "big:x:4294967295:7::/:/bin/sh\n"
	    "huge:x:4294967296:7::/:/bin/sh\n"
	    "last:*:5:6:g:/d:/bin/sh", longline);    /* no newline at the end */
	FILE *f = write_file("libctest.passwd", text, path, sizeof(path));
	if (!f)
		return;
	struct passwd *p = fgetpwent(f);
	CHECK(p != NULL);
	if (p) {
		CHECK_STR(p->pw_name, "root");
		CHECK_STR(p->pw_passwd, "x");
		CHECK_EQ(p->pw_uid, 0);
		CHECK_EQ(p->pw_gid, 0);
		CHECK_STR(p->pw_gecos, "root");
		CHECK_STR(p->pw_dir, "/root");
		CHECK_STR(p->pw_shell, "/bin/sh");
	}
	p = fgetpwent(f);
	CHECK(p != NULL);
	if (p) {
		CHECK_STR(p->pw_name, "student");
		CHECK_EQ(p->pw_uid, 1000);
		CHECK_EQ(p->pw_gid, 1000);
		CHECK_STR(p->pw_gecos, "A Student");
		CHECK_STR(p->pw_dir, "/home/student");
		CHECK_STR(p->pw_shell, "");
	}
	p = fgetpwent(f);
	CHECK(p != NULL && strcmp(p->pw_name, "big") == 0 &&
	    p->pw_uid == 4294967295u);
	p = fgetpwent(f);
	CHECK(p != NULL && strcmp(p->pw_name, "last") == 0 && p->pw_uid == 5);
	CHECK(fgetpwent(f) == NULL);
	CHECK(fgetpwent(f) == NULL);
	fclose(f);
	CHECK_EQ(remove(path), 0);

	p = getpwnam("root");
	CHECK(p != NULL && p->pw_uid == 0 && strcmp(p->pw_dir, "/root") == 0);
	p = getpwuid(0);
	CHECK(p != NULL && strcmp(p->pw_name, "root") == 0);
	CHECK(getpwnam("libctest-nobody") == NULL);
	CHECK(getpwnam(NULL) == NULL);
#ifdef __phoenix__
	p = getpwnam("student");
	CHECK(p != NULL && p->pw_uid == 1000 && p->pw_gid == 1000);
	CHECK(p != NULL && strcmp(p->pw_dir, "/home/student") == 0);
	p = getpwuid(1000);
	CHECK(p != NULL && strcmp(p->pw_name, "student") == 0);
#endif
	int n = 0, root = 0;
	setpwent();
	while ((p = getpwent()) != NULL) {
		n++;
		root += p->pw_uid == 0 && strcmp(p->pw_name, "root") == 0;
	}
	CHECK(n >= 1);
	CHECK_EQ(root, 1);
	setpwent();
	p = getpwent();
	CHECK(p != NULL);
	endpwent();
}

/* test_grp: fgetgrent's fields and member lists; getgrnam and getgrgid
 * on /etc/group. */
TEST(grp)
{
	char path[256];
	FILE *f = write_file("libctest.group",
	    "root:x:0:root\n"
	    "nobody:x:1:\n"
	    "bad:x:x:a\n"
	    "short:x:2\n"
	    "many:*:300:a,b,,c\n", path, sizeof(path));
	if (!f)
		return;
	struct group *g = fgetgrent(f);
	CHECK(g != NULL);
	if (g) {
		CHECK_STR(g->gr_name, "root");
		CHECK_STR(g->gr_passwd, "x");
		CHECK_EQ(g->gr_gid, 0);
		CHECK_STR(g->gr_mem[0], "root");
		CHECK(g->gr_mem[1] == NULL);
	}
	g = fgetgrent(f);
	CHECK(g != NULL && strcmp(g->gr_name, "nobody") == 0 &&
	    g->gr_gid == 1 && g->gr_mem[0] == NULL);
	g = fgetgrent(f);
	CHECK(g != NULL);
	if (g) {
		CHECK_STR(g->gr_name, "many");
		CHECK_EQ(g->gr_gid, 300);
		CHECK_STR(g->gr_mem[0], "a");
		CHECK_STR(g->gr_mem[1], "b");
		CHECK_STR(g->gr_mem[2], "");
		CHECK_STR(g->gr_mem[3], "c");
		CHECK(g->gr_mem[4] == NULL);
	}
	CHECK(fgetgrent(f) == NULL);
	fclose(f);
	CHECK_EQ(remove(path), 0);

	g = getgrgid(0);
	CHECK(g != NULL && strcmp(g->gr_name, "root") == 0);
	g = getgrnam("root");
	CHECK(g != NULL && g->gr_gid == 0);
	CHECK(getgrnam("libctest-nogroup") == NULL);
#ifdef __phoenix__
	g = getgrnam("student");
	CHECK(g != NULL && g->gr_gid == 1000);
	CHECK(g != NULL && g->gr_mem[0] && strcmp(g->gr_mem[0], "student") == 0);
#endif
	int root = 0;
	while ((g = getgrent()) != NULL)
		root += g->gr_gid == 0;
	CHECK_EQ(root, 1);
	endgrent();
}
