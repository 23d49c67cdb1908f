/* Cases string and strerror: <string.h> and <strings.h>. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "libctest.h"

/* test_string: copying, joining, searching, splitting and comparing. */
TEST(string)
{
	char buf[32];

	/* memory */
	memset(buf, 'x', sizeof(buf));
	CHECK(buf[0] == 'x' && buf[31] == 'x');
	strcpy(buf, "0123456789");
	memmove(buf + 2, buf, 5);
	CHECK_STR(buf, "0101234789");
	strcpy(buf, "0123456789");
	memmove(buf, buf + 3, 5);
	CHECK_STR(buf, "3456756789");
	CHECK(memcmp("abc", "abd", 3) < 0);
	CHECK(memcmp("\xff", "\x01", 1) > 0);
	const char *h = "hello";
	CHECK(memchr(h, 'l', 5) == h + 2);
	CHECK(memrchr(h, 'l', 5) == h + 3);
	CHECK(memchr(h, 'z', 5) == NULL);
	CHECK(memchr(h, 'o', 4) == NULL);

	/* copying */
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "ab", 5);
	CHECK(buf[0] == 'a' && buf[1] == 'b' && buf[2] == 0 && buf[4] == 0 &&
	    buf[5] == 'x');
	strncpy(buf, "abcdef", 3);
	CHECK(buf[2] == 'c' && buf[3] == 0);
	CHECK(stpcpy(buf, "xyz") == buf + 3);
	CHECK_EQ(strlcpy(buf, "truncated", 4), 9);
	CHECK_STR(buf, "tru");

	/* joining */
	strcpy(buf, "ab");
	CHECK_STR(strcat(buf, "cd"), "abcd");
	CHECK_STR(strncat(buf, "efgh", 2), "abcdef");
	CHECK_STR(strncat(buf, "", 5), "abcdef");
	char small[8] = "abc";
	CHECK_EQ(strlcat(small, "defghij", sizeof(small)), 10);
	CHECK_STR(small, "abcdefg");
	CHECK_EQ(strlcat(small, "x", 3), 4);    /* no NUL within 3 bytes */

	/* duplicates */
	char *d = strdup("copy me");
	CHECK_STR(d, "copy me");
	free(d);
	d = strndup("copy me", 4);
	CHECK_STR(d, "copy");
	free(d);
	d = strndup("ab", 10);
	CHECK_STR(d, "ab");
	free(d);

	/* searching */
	const char *s = "path/to/file.txt";
	CHECK(strchr(s, '/') == s + 4);
	CHECK(strrchr(s, '/') == s + 7);
	CHECK(strchr(s, '\0') == s + strlen(s));
	CHECK(strrchr(s, '\0') == s + strlen(s));
	CHECK(strchr(s, 'z') == NULL && strrchr(s, 'z') == NULL);
	CHECK(strstr(s, "file") == s + 8);
	CHECK(strstr(s, "") == s);
	CHECK(strstr(s, "files") == NULL);
	CHECK(strstr("aaab", "aab") != NULL);
	CHECK(strstr("", "a") == NULL);
	CHECK_EQ(strspn("  \tword", " \t"), 3);
	CHECK_EQ(strspn("abc", ""), 0);
	CHECK_EQ(strcspn("key=value", "=:"), 3);
	CHECK_EQ(strcspn("novalue", "=:"), 7);
	CHECK(strpbrk(s, "./") == s + 4);
	CHECK(strpbrk(s, "XYZ") == NULL);

	/* splitting */
	char line[] = "  ls -l\t/tmp  ";
	char *tok[4];
	int n = 0;
	for (char *t = strtok(line, " \t"); t && n < 4; t = strtok(NULL, " \t"))
		tok[n++] = t;
	CHECK_EQ(n, 3);
	CHECK_STR(tok[0], "ls");
	CHECK_STR(tok[1], "-l");
	CHECK_STR(tok[2], "/tmp");
	CHECK(strtok(NULL, " ") == NULL);
	char outer[] = "a=1;b=2", *so, *si;
	char *pair = strtok_r(outer, ";", &so);
	CHECK_STR(strtok_r(pair, "=", &si), "a");
	CHECK_STR(strtok_r(NULL, "=", &si), "1");
	pair = strtok_r(NULL, ";", &so);
	CHECK_STR(strtok_r(pair, "=", &si), "b");
	CHECK(strtok_r(NULL, ";", &so) == NULL);
	char fields[] = "a::b", *fp = fields;
	CHECK_STR(strsep(&fp, ":"), "a");
	CHECK_STR(strsep(&fp, ":"), "");
	CHECK_STR(strsep(&fp, ":"), "b");
	CHECK(fp == NULL && strsep(&fp, ":") == NULL);

	/* comparing */
	CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0);
	CHECK(strcmp("abc", "abc") == 0 && strcmp("ab", "abc") < 0);
	CHECK(strcmp("\xe9", "e") > 0);
	CHECK(strncmp("abcX", "abcY", 3) == 0);
	CHECK(strcasecmp("HeLLo", "hello") == 0);
	CHECK(strcasecmp("apple", "BANANA") < 0);
	CHECK(strncasecmp("ABCdef", "abcXYZ", 3) == 0);
	CHECK(strncasecmp("ABCdef", "abcXYZ", 4) < 0);
	CHECK(strcoll("a", "b") < 0);
	CHECK_EQ(strnlen("abcdef", 4), 4);
}

#define MEM_SPAN 80

/* Fill BUF (MEM_SPAN bytes) with a pattern that differs at every byte. */
static void mem_pattern(unsigned char *buf, int seed)
{
	for (int i = 0; i < MEM_SPAN; i++)
		buf[i] = (unsigned char) (i * 7 + seed);
}

/* test_mem_sizes: memcpy, memmove (both directions, overlapping) and
 * memset at every alignment of source and destination and every length
 * up to 40 give what a byte-by-byte loop gives, and touch nothing outside
 * (they move words, then the bytes left). */
TEST(mem_sizes)
{
	unsigned char got[MEM_SPAN], want[MEM_SPAN], src[MEM_SPAN];
	for (int d = 0; d < 4; d++)
		for (int sa = 0; sa < 4; sa++)
			for (int n = 0; n <= 40; n++) {
				mem_pattern(src, 3);
				mem_pattern(got, 100);
				mem_pattern(want, 100);
				for (int i = 0; i < n; i++)
					want[8 + d + i] = src[8 + sa + i];
				CHECK(memcpy(got + 8 + d, src + 8 + sa, (size_t) n) ==
				    got + 8 + d);
				CHECK(memcmp(got, want, MEM_SPAN) == 0);

				for (int shift = -9; shift <= 9; shift++) {
					int from = 20 + sa, to = from + shift;
					mem_pattern(got, 50);
					mem_pattern(want, 50);
					unsigned char tmp[MEM_SPAN];
					for (int i = 0; i < n; i++)
						tmp[i] = want[from + i];
					for (int i = 0; i < n; i++)
						want[to + i] = tmp[i];
					CHECK(memmove(got + to, got + from, (size_t) n) ==
					    got + to);
					if (memcmp(got, want, MEM_SPAN) != 0)
						FAIL("memmove of %d bytes from %d to %d",
						    n, from, to);
				}

				mem_pattern(got, 7);
				mem_pattern(want, 7);
				for (int i = 0; i < n; i++)
					want[8 + d + i] = 0xa5;
				CHECK(memset(got + 8 + d, 0x1a5, (size_t) n) ==
				    got + 8 + d);
				CHECK(memcmp(got, want, MEM_SPAN) == 0);
			}
}

/* test_strerror: a message for every error number of abi/errno.h, and the
 * signal descriptions. */
TEST(strerror)
{
	static const int numbers[] = {
		EPERM, ENOENT, ESRCH, EINTR, EIO, E2BIG, ENOEXEC, EBADF,
		ECHILD, EAGAIN, ENOMEM, EACCES, EFAULT, EBUSY, EEXIST, ENODEV,
		ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, ENOTTY, ENOSPC,
		ESPIPE, EPIPE, ERANGE, EDEADLK, ENAMETOOLONG, ENOSYS, ENOTEMPTY,
		ENOTBLK, EROFS, ELOOP,
		ELOCKED, EBADCALL, ECALLDENIED, EDEADSRCDST, ENOTREADY,
		ERESTART, EDONTREPLY,
	};
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		const char *m = strerror(numbers[i]);
		if (!m || !*m || strncmp(m, "Unknown", 7) == 0)
			FAIL("no message for %d",
			    numbers[i]);
	}
	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK_STR(strerror(9999), "Unknown error 9999");
	CHECK_STR(strerror(-3), "Unknown error -3");
	char small[8];
	CHECK_EQ(strerror_r(ENOENT, small, sizeof(small)), ERANGE);
	CHECK_STR(small, "No such");
	CHECK_STR(strsignal(SIGSEGV), "Segmentation fault");
	CHECK_STR(strsignal(SIGINT), "Interrupt");
	CHECK_STR(strsignal(SIGKILL), "Killed");
	CHECK_STR(strsignal(99), "Unknown signal 99");
}
