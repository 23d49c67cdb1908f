/* stat: a file's metadata: stat [-L] [-c FORMAT] FILE...
 * Without -c, GNU's layout:
 *     File: NAME                (a link: NAME -> TARGET)
 *     Size: BYTES      TYPE
 *   Device: MAJ,MIN    Inode: INO    Links: N    [Device type: MAJ,MIN]
 *   Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)
 *   Access: SECONDS
 *   Modify: SECONDS
 *   Change: SECONDS
 * (owner and group names from getpwuid/getgrgid, UNKNOWN when there is
 * none; times in seconds since 1970 UTC). -c FORMAT prints FORMAT
 * and a newline per file, with GNU's %n %N (unquoted) %s %a %A %f %F %u
 * %U %g %G %h %i %d %D %t %T %X %Y %Z %%. A symbolic link is described
 * itself unless -L. Status 1 when a file could not be read (after the others), 2 for a bad
 * use. Formats: format.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "stat.h"

static const char default_format[] =
	"  File: %N\n"
	"  Size: %-10s\t%F\n"
	"Device: %M\tInode: %-11i Links: %h%R\n"
	"Access: (%04a/%A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
	"Access: %X\n"
	"Modify: %Y\n"
	"Change: %Z";

int main(int argc, char **argv)
{
	const char *format = default_format;
	int follow = 0, i = 1, status = 0;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-L") == 0)
			follow = 1;
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			format = argv[++i];
		else
			goto usage;
	}
	if (i == argc)
		goto usage;
	for (; i < argc; i++) {
		struct stat st;
		if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) < 0) {
			fprintf(stderr, "stat: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
			continue;
		}
		stat_print(format, argv[i], &st);
		putchar('\n');
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "stat: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
usage:
	fprintf(stderr, "usage: stat [-L] [-c FORMAT] FILE...\n");
	return 2;
}
