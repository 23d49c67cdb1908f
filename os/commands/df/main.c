/* df: df [PATH...]: the size and use of mounted file systems, GNU's
 * layout in 1 KiB blocks:
 *     Filesystem     1K-blocks      Used Available Use% Mounted on
 *     none               65536        12     65524   1% /
 *     /dev/c0d0p0         8000      1200      6800  15% /mnt
 * One line per mount (getmnt, statfs of its directory) with no PATH; else
 * one line for the file system holding each PATH. The root file system
 * (in memory) shows as "none", its size the memory its files may take.
 * Use% is used / (used + available), rounded up ("-" for an empty file
 * system). Status 1 when a PATH cannot be asked (after the others). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#ifdef __phoenix__
#include <stdint.h>
#include <sys/mount.h>
#include <sys/statfs.h>

/* kib: N blocks of BSIZE bytes in KiB. */
static unsigned long long kib(uint32_t n, uint32_t bsize)
{
	return (unsigned long long) n * bsize / 1024;
}

/* line: print the line of the file system described by SF, mounted from
 * DEV on DIR. */
static void line(const char *dev, const char *dir, const struct statfs *sf)
{
	unsigned long long total = kib(sf->f_blocks, sf->f_bsize);
	uint32_t free = sf->f_bfree <= sf->f_blocks ? sf->f_bfree : sf->f_blocks;
	unsigned long long used = kib(sf->f_blocks - free, sf->f_bsize);
	unsigned long long avail = kib(sf->f_bavail, sf->f_bsize);
	char pct[8] = "-";
	if (used + avail > 0)
		snprintf(pct, sizeof(pct), "%llu%%",
		    (used * 100 + used + avail - 1) / (used + avail));
	printf("%-14s %9llu %9llu %9llu %4s %s\n", dev, total, used, avail,
	    pct, dir);
}

/* mount_of: the mount entry of the file system with device DEV (getmnt)
 * into *E. 0, or -1 when none is. */
static int mount_of(uint32_t dev, struct mnt_entry *e)
{
	for (int i = 0; getmnt(i, e) == 0; i++)
		if (e->dev == dev)
			return 0;
	return -1;
}

int main(int argc, char **argv)
{
	struct mnt_entry e;
	struct statfs sf;
	int status = 0;
	printf("%-14s %9s %9s %9s %4s %s\n", "Filesystem", "1K-blocks", "Used",
	    "Available", "Use%", "Mounted on");
	if (argc == 1) {
		for (int i = 0; getmnt(i, &e) == 0; i++) {
			if (statfs(e.dir, &sf) != 0) {
				fprintf(stderr, "df: %s: %s\n", e.dir, strerror(errno));
				status = 1;
				continue;
			}
			line(e.devname, e.dir, &sf);
		}
		return status;
	}
	for (int i = 1; i < argc; i++) {
		if (statfs(argv[i], &sf) != 0) {
			fprintf(stderr, "df: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (mount_of(sf.f_dev, &e) != 0)
			line("?", "?", &sf);
		else
			line(e.devname, e.dir, &sf);
	}
	return status;
}
#else
int main(void)
{
	fprintf(stderr, "df: %s (Phoenix only)\n", strerror(ENOSYS));
	return 1;
}
#endif
