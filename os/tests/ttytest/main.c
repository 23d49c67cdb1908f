/* ttytest: plays VFS and PM for the terminal and memory-device drivers
 * (boot modules "tty vfs=ttytest pm=ttytest" and "memdev vfs=ttytest"),
 * runs each case with the test kit (os/tests/kit, in this process), which
 * prints "test NAME: OK" or "test NAME: FAILED (why)" and a summary, then
 * powers off. The typed cases wait for os/tests/test_tty.py
 * to type on the serial console.
 *
 *   ttytest           run every case
 *   ttytest NAME...   run only the named cases, in the order given */
#include "ttytest.h"

endpoint_t tt_tty, tt_memdev;

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

/* drivers_found: the kit's before hook: a case needs both drivers. */
static int drivers_found(const struct kit_case *c)
{
	(void) c;
	if (tt_tty != NONE && tt_memdev != NONE)
		return 0;
	printf("ttytest: boot modules tty and memdev are needed\n");
	return -1;
}

/* The cases run in this process (it is VFS for the drivers: a forked
 * child would not be); a failed check jumps back to the runner. */
static const struct kit_suite suite = {
	.name = "ttytest", .backend = &kit_inproc, .before = drivers_found,
};

int main(int argc, char *argv[])
{
	tt_tty = chardriver_boot_endpoint("tty");
	tt_memdev = chardriver_boot_endpoint("memdev");
	printf("ttytest: tty is %d, memdev is %d\n", tt_tty, tt_memdev);
	kit_main(&suite, argc, argv);
	sys_shutdown(SHUTDOWN_POWEROFF);
	return 1;
}
