/* Cases for what the kernel keeps from boot: the boot image list with its
 * data modules, GET_MODULE, the kernel log (GET_KLOG), and the slots boot
 * services and other processes get. */
#include <string.h>
#include "ktest.h"

/* The data module os/tests/test_ktest.py boots ktest with. */
#define DATA_NAME "ktest-data"
#define DATA_SIZE 12345u

/* data_byte: byte I of the data module (the same formula as the test). */
static uint8_t data_byte(uint32_t i)
{
	return (uint8_t) ((i * 31u + (i >> 8)) & 0xff);
}

/* find_text: where NEEDLE first occurs in the NUL-terminated HAY, or NULL
 * (this libc has no strstr yet). */
static const char *find_text(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* find_module: the boot image index of module NAME, or -1. Copies its
 * entry into *OUT. */
static int find_module(const char *name, struct boot_image_info *out)
{
	static struct boot_image_info img[PRIV_SLOTS];
	int r = sys_getinfo(GET_BOOTIMAGE, SELF, img, sizeof(img));
	CHECK(r > 0);
	for (int i = 0; i < r / (int) sizeof(img[0]); i++) {
		if (strcmp(img[i].name, name) == 0) {
			*out = img[i];
			return i;
		}
	}
	return -1;
}

/* A non-ELF boot module is a data module: listed with endpoint NONE and
 * its size, never started; GET_MODULE reads its bytes from any offset and
 * returns 0 at or after its end. (Needs ktest booted with the data module,
 * as os/tests/test_ktest.py does.) */
TEST(module_data)
{
	struct boot_image_info info;
	int index = find_module(DATA_NAME, &info);
	if (index < 0)
		FAIL("no boot module named " DATA_NAME
		    " (boot ktest with it: see os/tests/test_ktest.py)");
	CHECK_EQ(info.endpoint, NONE);
	CHECK_EQ(info.size, DATA_SIZE);

	/* Read it all in odd-sized pieces. */
	static uint8_t buf[1000];
	uint32_t offset = 0;
	for (;;) {
		int n = sys_getmodule(index, offset, buf, 777);
		CHECK(n >= 0 && n <= 777);
		if (n == 0)
			break;
		for (int i = 0; i < n; i++)
			if (buf[i] != data_byte(offset + (uint32_t) i))
				FAIL("byte %u is 0x%x, expected 0x%x",
				    (unsigned) (offset + (uint32_t) i), buf[i],
				    data_byte(offset + (uint32_t) i));
		offset += (uint32_t) n;
	}
	CHECK_EQ(offset, DATA_SIZE);
	CHECK_EQ(sys_getmodule(index, DATA_SIZE - 5, buf, sizeof(buf)), 5);
	CHECK_EQ(buf[4], data_byte(DATA_SIZE - 1));
	CHECK_EQ(sys_getmodule(index, DATA_SIZE + 100, buf, sizeof(buf)), 0);
	CHECK_EQ(sys_getmodule(index, 0, buf, 0), 0);
}

/* GET_MODULE reads program modules too (ktest's own ELF image, which
 * embeds ktest-payload), and refuses a bad index (-EINVAL) or buffer
 * (-EFAULT). */
TEST(module_program)
{
	struct boot_image_info info;
	int index = find_module("ktest", &info);
	CHECK(index >= 0);
	CHECK_EQ(info.endpoint, ktest_runner);
	static char buf[64];
	CHECK_EQ(sys_getmodule(index, 0, buf, sizeof(buf)), (int) sizeof(buf));
	CHECK(memcmp(buf, "\177ELF", 4) == 0);
	CHECK_EQ(sys_getmodule(index, info.size - 10, buf, sizeof(buf)), 10);

	static struct boot_image_info img[PRIV_SLOTS];
	int n = sys_getinfo(GET_BOOTIMAGE, SELF, img, sizeof(img));
	CHECK(n > 0);
	n /= (int) sizeof(img[0]);
	CHECK_EQ(sys_getmodule(n, 0, buf, sizeof(buf)), -EINVAL);
	CHECK_EQ(sys_getmodule(-1, 0, buf, sizeof(buf)), -EINVAL);
	CHECK_EQ(sys_getmodule(index, 0, (void *) 0x10, sizeof(buf)), -EFAULT);
}

/* GET_MODULE_MAP maps a data module read-only into the caller, in place
 * (the same bytes GET_MODULE copies); it refuses a program module, a
 * range that is not page-aligned, longer than the module or outside the
 * user area (-EINVAL), and a range mapped already (-EEXIST). */
TEST(module_map)
{
	enum { AT = 0x70000000 };
	struct boot_image_info info;
	int index = find_module(DATA_NAME, &info);
	if (index < 0)
		FAIL("no boot module named " DATA_NAME
		    " (boot ktest with it: see os/tests/test_ktest.py)");
	uint32_t len = (DATA_SIZE + 4095) & ~4095u;
	CHECK_EQ(sys_getmodule_map(index, AT, len + 4096), -EINVAL);
	CHECK_EQ(sys_getmodule_map(index, AT + 1, len), -EINVAL);
	CHECK_EQ(sys_getmodule_map(index, AT, len - 1), -EINVAL);
	CHECK_EQ(sys_getmodule_map(index, AT, 0), -EINVAL);
	CHECK_EQ(sys_getmodule_map(index, 0x1000, 4096), -EINVAL);
	CHECK_EQ(sys_getmodule_map(find_module("ktest", &info), AT, 4096),
	    -EINVAL);
	CHECK_EQ(sys_getmodule_map(-1, AT, 4096), -EINVAL);
	CHECK_EQ(sys_getmodule_map(index, AT, len), 0);
	const uint8_t *p = (const uint8_t *) AT;
	for (uint32_t i = 0; i < DATA_SIZE; i++)
		if (p[i] != data_byte(i))
			FAIL("mapped byte %u is 0x%x, expected 0x%x",
			    (unsigned) i, p[i], data_byte(i));
	CHECK_EQ(sys_getmodule_map(index, AT, 4096), -EEXIST);
}

/* GET_KLOG returns the newest bytes of the kernel log, oldest first, and
 * the count of bytes ever logged: it holds the boot banner (while the log
 * has not wrapped) and what we just printed, at its end. */
TEST(klog_contents)
{
	static char log[KTEST_KLOG_SIZE + 100];
	uint32_t total = 0;
	int n = sys_getklog(log, sizeof(log), &total);
	CHECK(n > 0 && n <= KTEST_KLOG_SIZE);
	CHECK(total >= (uint32_t) n);
	if (total <= KTEST_KLOG_SIZE) {
		CHECK_EQ((uint32_t) n, total);
		log[n] = '\0';
		CHECK(find_text(log, "Phoenix 0.1 (i386 microkernel) booting\n")
		    == log);
		CHECK(find_text(log, "boot: started ktest (endpoint ") != NULL);
		CHECK(find_text(log, "boot: data module " DATA_NAME " (13 KiB)")
		    != NULL);
	}

	static const char marker[] = "ktest: klog marker 12345\n";
	CHECK_OK(sys_diagctl(marker, sizeof(marker) - 1));
	uint32_t total2 = 0;
	char tail[sizeof(marker) - 1];
	CHECK_EQ(sys_getklog(tail, sizeof(tail), &total2), (int) sizeof(tail));
	CHECK_EQ(total2, total + sizeof(marker) - 1);
	CHECK(memcmp(tail, marker, sizeof(tail)) == 0);

	CHECK_EQ(sys_getklog(tail, 0, &total2), 0);
	CHECK_EQ(total2, total + sizeof(marker) - 1);
	CHECK_EQ(sys_getklog((void *) 0x10, 16, NULL), -EFAULT);
}

/* The boot-service slots (below BOOT_FIRST_FREE_SLOT) are never handed to
 * other processes: not to the boot module ktest, not to forked ones. */
TEST(slots_reserved)
{
	CHECK(ep_slot(ktest_runner) >= BOOT_FIRST_FREE_SLOT);
	CHECK(ep_slot(ktest_self()) >= BOOT_FIRST_FREE_SLOT);
	endpoint_t kids[8];
	for (int i = 0; i < 8; i++) {
		kids[i] = ktest_fork();
		if (kids[i] == 0)
			sys_exit(0);
		CHECK(ep_slot(kids[i]) >= BOOT_FIRST_FREE_SLOT);
	}
	for (int i = 0; i < 8; i++)
		CHECK_EQ(ktest_reap_exit(kids[i]), 0);
}

/* A boot service gets its fixed slot in generation 1 (BOOT_EP) whatever
 * its place on the command line. os/tests/test_ktest.py boots a copy of
 * ktest-payload named "tty" after ktest; it says hello and exits at once. */
TEST(boot_service_slot)
{
	struct boot_image_info info;
	if (find_module("tty", &info) < 0)
		FAIL("no boot module named tty (boot ktest with one: see "
		    "os/tests/test_ktest.py)");
	CHECK_EQ(info.endpoint, TTY_EP);
	CHECK_EQ(ep_slot(info.endpoint), TTY_SLOT);
	CHECK_EQ(find_module("ktest", &info), 0);     /* command-line order */
}
