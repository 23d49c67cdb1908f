/* mount: mount [-r] DEV DIR: start a file server for the block device DEV
 * and mount it on the directory DIR (root only); mount with no argument
 * lists the mounted file systems, `DEV on DIR type TYPE (rw|ro)` each.
 * The file server is one ext2 server process per mount:
 *     /sbin/service up /sbin/ext2 -label fs_<basename of DEV>
 *                     -config /etc/system.conf.d/ext2
 * then mount(DEV, DIR, label, flags) (a DEV that is missing or no block
 * device is refused before any server starts); when VFS refuses, `service down
 * LABEL` stops the server again and `mount: DEV on DIR: <strerror>` is
 * printed (status 1). Success prints nothing. Bad use: status 2. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __phoenix__
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>

#define SERVICE "/sbin/service"
#define EXT2_BINARY "/sbin/ext2"
#define EXT2_CONFIG "/etc/system.conf.d/ext2"

/* run: run the program ARGV[0] with ARGV and wait for it. Returns its exit
 * status, or -1 when it could not run or was killed. */
static int run(char *const argv[])
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(argv[0], argv);
		fprintf(stderr, "mount: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* list: one line per mount (getmnt): `DEV on DIR type TYPE (rw|ro)`,
 * TYPE from statfs of DIR ("?" when it cannot be asked); ro when mounted
 * so, or when the file server mounted read-only by itself (statfs). */
static int list(void)
{
	struct mnt_entry e;
	for (int i = 0; getmnt(i, &e) == 0; i++) {
		struct statfs sf;
		int ok = statfs(e.dir, &sf) == 0;
		int ro = (e.flags & MNT_RDONLY) || (ok && (sf.f_flags & MNT_RDONLY));
		printf("%s on %s type %s (%s)\n", e.devname, e.dir,
		    ok ? sf.f_type : "?", ro ? "ro" : "rw");
	}
	return 0;
}

/* mounted: whether the block device DEV is mounted already (getmnt). */
static int mounted(const char *dev)
{
	struct stat st;
	struct mnt_entry e;
	if (stat(dev, &st) != 0 || !S_ISBLK(st.st_mode))
		return 0;
	for (int i = 1; getmnt(i, &e) == 0; i++)
		if (e.dev == st.st_rdev)
			return 1;
	return 0;
}

/* label_for: "fs_" and the last component of DEV into LABEL (cut to
 * MNT_LABEL_MAX - 1 bytes). */
static void label_for(const char *dev, char *label)
{
	const char *base = strrchr(dev, '/');
	base = base ? base + 1 : dev;
	snprintf(label, MNT_LABEL_MAX, "fs_%s", base);
}

int main(int argc, char **argv)
{
	int flags = 0, i = 1;
	if (argc == 1)
		return list();
	if (strcmp(argv[i], "-r") == 0) {
		flags |= MNT_RDONLY;
		i++;
	}
	if (argc - i != 2 || argv[i][0] == '-') {
		fprintf(stderr, "usage: mount [-r] DEV DIR\n");
		return 2;
	}
	const char *dev = argv[i], *dir = argv[i + 1];
	if (geteuid() != 0) {
		fprintf(stderr, "mount: %s on %s: %s\n", dev, dir, strerror(EPERM));
		return 1;
	}
	struct stat st;             /* no server started for a wrong DEV */
	int bad = stat(dev, &st) != 0 ? errno :
	    !S_ISBLK(st.st_mode) ? ENOTBLK : 0;
	if (bad) {
		fprintf(stderr, "mount: %s on %s: %s\n", dev, dir,
		    strerror(bad));
		return 1;
	}
	if (mounted(dev)) {         /* its server's label is taken: say why */
		fprintf(stderr, "mount: %s on %s: %s\n", dev, dir, strerror(EBUSY));
		return 1;
	}
	char label[MNT_LABEL_MAX];
	label_for(dev, label);
	char *up[] = { SERVICE, "up", EXT2_BINARY, "-label", label, "-config",
	    EXT2_CONFIG, NULL };
	int s = run(up);
	if (s != 0) {
		fprintf(stderr, "mount: %s on %s: cannot start %s (service: %d)\n",
		    dev, dir, EXT2_BINARY, s);
		return 1;
	}
	if (mount(dev, dir, label, flags) != 0) {
		int err = errno;
		char *down[] = { SERVICE, "down", label, NULL };
		run(down);
		fprintf(stderr, "mount: %s on %s: %s\n", dev, dir, strerror(err));
		return 1;
	}
	return 0;
}
#else
int main(void)
{
	fprintf(stderr, "mount: %s (Phoenix only)\n", strerror(ENOSYS));
	return 1;
}
#endif
