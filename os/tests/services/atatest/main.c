/* atatest: the ata driver's hardware layer (os/drivers/ata/ata_io.c,
 * ata_rw.c) tested in the guest without the block library, on a disk the
 * test made (os/tests/test_ata.py): every sector of its regions holds
 * harness/disk.py's sector_pattern. Started in place of the driver, with
 * its manifest (its ports and IRQs):
 *   service up /usr/tests/atatest -label ata -args "SECTORS"
 * SECTORS is the disk's size the test expects IDENTIFY to report. The kit
 * cases run after sef_startup (their interrupts come through sef_receive),
 * then it prints
 *   atatest: all N checks passed      or      atatest: FAILED
 * and waits. Writes use write_pattern (below); the test checks them in the
 * image file on the host after the guest powered off. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/endpoint.h>
#include "sef.h"
#include "kcall.h"
#include "../../../drivers/ata/ata.h"
#include "../../kit/kit.h"

#define DISK 0                      /* c0d0, the primary master */
#define LBA48_BASE ATA_LBA28_LIMIT  /* first sector LBA28 cannot reach */

static uint64_t expected;           /* argv[1]: the disk's sectors */
static uint8_t buf[256 * ATA_SECTOR];
static uint8_t want[ATA_SECTOR];

/* ata_irq_wait: see ata.h. The service's own receive: a HARDWARE
 * notification for the channel's line, or the alarm (timeout). */
int ata_irq_wait(struct ata_channel *ch, uint32_t limit_ms)
{
	int r = -EINTR;
	sys_setalarm(ata_ticks(limit_ms), 0, NULL);
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			break;
		if (m.m_source == CLOCK)
			break;
		if (m.m_source == HARDWARE && (m.u.notify.irqs & (1u << ch->irq))) {
			r = 0;
			break;
		}
	}
	sys_setalarm(0, 0, NULL);
	return r;
}

/* pattern: harness/disk.py's sector_pattern(LBA) (XOR 0x50484E58) or the
 * written pattern (XOR 0x57524954, "WRIT") into OUT. */
static void pattern(uint64_t lba, uint32_t xor, uint8_t *out)
{
	for (uint32_t i = 0; i < ATA_SECTOR / 8; i++) {
		uint32_t a = (uint32_t) lba, b = i ^ xor;
		memcpy(out + 8 * i, &a, 4);
		memcpy(out + 8 * i + 4, &b, 4);
	}
}

/* check_read: read COUNT sectors from LBA and compare each with the
 * sector pattern (XOR). */
static void check_read(uint64_t lba, unsigned count, uint32_t xor)
{
	CHECK_EQ(ata_pio(DISK, 0, lba, count, buf), 0);
	for (unsigned i = 0; i < count; i++) {
		pattern(lba + i, xor, want);
		if (memcmp(buf + (size_t) i * ATA_SECTOR, want, ATA_SECTOR) != 0)
			FAIL("sector %llu: wrong data", (unsigned long long) (lba + i));
	}
}

/* check_write: write the written pattern to COUNT sectors from LBA, then
 * read them back. */
static void check_write(uint64_t lba, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		pattern(lba + i, 0x57524954, buf + (size_t) i * ATA_SECTOR);
	CHECK_EQ(ata_pio(DISK, 1, lba, count, buf), 0);
	memset(buf, 0, sizeof(buf));
	check_read(lba, count, 0x57524954);
}

/* The drives: the disk with its size, the CD-ROM (secondary master) seen
 * as ATAPI and left alone, the IRQs taken. */
TEST(identify)
{
	CHECK(ata_probe() >= 1);
	CHECK(ata_drives[DISK].present);
	CHECK_EQ((long long) ata_drives[DISK].sectors, (long long) expected);
	CHECK(ata_drives[2].atapi && !ata_drives[2].present);
	CHECK_EQ(ata_irq_setup(), 0);
	printf("atatest: c0d0 %llu sectors, %s, model \"%s\"\n",
	    (unsigned long long) ata_drives[DISK].sectors,
	    ata_drives[DISK].lba48 ? "LBA48" : "LBA28", ata_drives[DISK].model);
}

TEST(read_first)  { check_read(0, 1, 0x50484E58); }
TEST(read_middle) { check_read(expected > LBA48_BASE ? 1000 :
    expected / 2, 3, 0x50484E58); }
TEST(read_many)   { check_read(100, 256, 0x50484E58); }

TEST(read_last)
{
	if (expected > LBA48_BASE)
		return;                 /* the big sparse disk: no pattern there */
	check_read(expected - 1, 1, 0x50484E58);
}

/* A sector past the end: the drive refuses it (IDNF or ABRT): -EIO. */
TEST(read_beyond)
{
	CHECK_EQ(ata_pio(DISK, 0, expected, 1, buf), -EIO);
	check_read(0, 1, 0x50484E58);   /* and the drive still works */
}

TEST(write_back) { check_write(1000, 3); CHECK_EQ(ata_flush(DISK), 0); }

/* Sectors at and above 2^28 (LBA48 commands), and a read across the
 * boundary; only on a disk that big. */
TEST(lba48)
{
	if (expected <= LBA48_BASE + 64)
		return;
	CHECK(ata_drives[DISK].lba48);
	check_read(LBA48_BASE + 16, 2, 0x50484E58);
	check_read(LBA48_BASE - 2, 4, 0x50484E58);
	check_write(LBA48_BASE + 32, 2);
	CHECK_EQ(ata_flush(DISK), 0);
}

static const struct kit_suite suite = {
	.name = "atatest", .backend = &kit_inproc, .timeout = 30,
};

/* number: the decimal number S (0 for anything else). */
static uint64_t number(const char *s)
{
	uint64_t n = 0;
	for (; s && *s >= '0' && *s <= '9'; s++)
		n = n * 10 + (uint64_t) (*s - '0');
	return n;
}

int main(int argc, char **argv)
{
	expected = argc > 1 ? number(argv[1]) : 0;
	sef_startup();
	char *cases[] = { "atatest", "identify", "read_first", "read_middle",
		"read_many", "read_last", "read_beyond", "write_back", "lba48" };
	int n = (int) (sizeof(cases) / sizeof(cases[0]));
	if (kit_main(&suite, n, cases) == 0)
		printf("atatest: all %d checks passed\n", n - 1);
	else
		printf("atatest: FAILED\n");
	for (;;) {
		message m;
		sef_receive(ANY, &m);
	}
}
