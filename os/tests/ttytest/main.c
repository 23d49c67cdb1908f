/* ttytest: plays VFS and PM for the terminal and memory-device drivers
 * (boot modules "tty vfs=ttytest pm=ttytest" and "memdev vfs=ttytest"),
 * runs each case, prints "test NAME: OK" or "test NAME: FAILED (why)" and
 * a summary, then powers off. The typed cases wait for os/tests/test_tty.py
 * to type on the serial console.
 *
 *   ttytest           run every case
 *   ttytest NAME...   run only the named cases, in the order given */
#include "ttytest.h"

endpoint_t tt_tty, tt_memdev;
int tt_failed;
static const char *current;

/* tt_fail: see ttytest.h. Only the first failure of a case is shown. */
void tt_fail(const char *file, int line, const char *what)
{
	if (!tt_failed)
		printf("ttytest: %s: %s:%d: %s\n", current, file, line, what);
	tt_failed = 1;
}

/* tt_show: see ttytest.h. Long results show their start and end. */
void tt_show(const char *name, int n, const char *buf)
{
	char text[160];
	size_t len = 0;
	for (int i = 0; i < n && len + 8 < sizeof(text); i++) {
		if (n > 48 && i == 32) {
			len += (size_t) snprintf(text + len, sizeof(text) - len,
			    "...");
			i = n - 8;
		}
		unsigned char c = (unsigned char) buf[i];
		if (c == '\n')
			len += (size_t) snprintf(text + len, sizeof(text) - len, "\\n");
		else if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			len += (size_t) snprintf(text + len, sizeof(text) - len,
			    "\\x%02x", c);
		else
			text[len++] = (char) c;
	}
	text[len] = '\0';
	printf("ttytest: %s -> %d \"%s\"\n", name, n, text);
}

static const struct tt_case *const groups[] = {
	tt_memdev_cases, tt_tty_cases, tt_typed_cases,
};
#define NR_GROUPS (sizeof(groups) / sizeof(groups[0]))

/* find: the case called NAME, or NULL. */
static const struct tt_case *find(const char *name)
{
	for (size_t g = 0; g < NR_GROUPS; g++)
		for (const struct tt_case *c = groups[g]; c->name; c++)
			if (strcmp(c->name, name) == 0)
				return c;
	return NULL;
}

/* run: run case C and print its result line. Returns 1 when it passed. */
static int run(const struct tt_case *c)
{
	current = c->name;
	tt_failed = 0;
	c->run();
	printf("test %s: %s\n", c->name, tt_failed ? "FAILED" : "OK");
	return !tt_failed;
}

int main(int argc, char *argv[])
{
	tt_tty = chardriver_boot_endpoint("tty");
	tt_memdev = chardriver_boot_endpoint("memdev");
	printf("ttytest: tty is %d, memdev is %d\n", tt_tty, tt_memdev);
	int total = 0, passed = 0;
	if (tt_tty == NONE || tt_memdev == NONE) {
		printf("ttytest: boot modules tty and memdev are needed\n");
		total = 1;
	} else if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			const struct tt_case *c = find(argv[i]);
			total++;
			if (!c)
				printf("ttytest: no test named %s\n", argv[i]);
			else
				passed += run(c);
		}
	} else {
		for (size_t g = 0; g < NR_GROUPS; g++)
			for (const struct tt_case *c = groups[g]; c->name; c++) {
				total++;
				passed += run(c);
			}
	}
	if (passed == total)
		printf("ALL TESTS PASSED\n");
	else
		printf("SOME TESTS FAILED (%d of %d)\n", total - passed, total);
	sys_shutdown(SHUTDOWN_POWEROFF);
	return 1;
}
