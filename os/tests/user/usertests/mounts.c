/* usertests: mounts and file-system calls that need no disk: statfs of
 * the root file system, sync, getmnt's entry for "/", and VFS's refusals
 * of mount and umount (EPERM for anyone but root, ENOTBLK, an unknown
 * label, EINVAL/EBUSY for umount of what is not a mount). Mounting a real
 * ext2 disk is os/tests/test_mount.py. Phoenix only (Linux's calls
 * differ). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ut.h"
#ifdef __phoenix__
#include <sys/mount.h>
#include <sys/statfs.h>

/* statfs of rootfs: 4 KiB blocks, some used, type "rootfs"; a file made
 * takes blocks; statfs of a missing path is ENOENT. */
TEST(statfs_rootfs)
{
	struct statfs a, b;
	CHECK_SYS(statfs("/", &a));
	CHECK_STR(a.f_type, "rootfs");
	CHECK_EQ(a.f_bsize, 4096);
	CHECK(a.f_blocks > 0 && a.f_bfree < a.f_blocks);
	CHECK_EQ(a.f_bavail, a.f_bfree);
	CHECK_EQ(a.f_dev, 0);
	CHECK_EQ(a.f_flags, 0);
	int fd = (int) CHECK_SYS(open("big", O_WRONLY | O_CREAT, 0644));
	static char block[8192];
	ut_write_all(fd, block, sizeof(block));
	CHECK_SYS(close(fd));
	CHECK_SYS(statfs("big", &b));
	CHECK(b.f_bfree <= a.f_bfree - 2);
	CHECK_ERR(statfs("missing", &b), ENOENT);
	CHECK_ERR(statfs("/", NULL), EFAULT);
}

/* sync returns (rootfs has nothing to write back); getmnt's first entry
 * is the root file system, and there is an end. */
TEST(sync_and_getmnt)
{
	struct mnt_entry e;
	sync();
	CHECK_SYS(getmnt(0, &e));
	CHECK_STR(e.dir, "/");
	CHECK_STR(e.devname, "none");
	CHECK_EQ(e.dev, 0);
	CHECK_STR(e.label, "rootfs");
	int n = 1;
	while (getmnt(n, &e) == 0)
		n++;
	CHECK_ERR(getmnt(n, &e), ENOENT);
	CHECK_ERR(getmnt(-1, &e), ENOENT);
}

/* mount_student: every mount and umount is EPERM. */
static void mount_student(void)
{
	char label[MNT_LABEL_MAX];
	CHECK_ERR(mount("/dev/ram0", ".", "fs_ram0", 0), EPERM);
	CHECK_ERR(umount("/", label), EPERM);
	CHECK_ERR(umount(".", label), EPERM);
}

/* What VFS refuses before asking any file server. */
TEST(mount_refusals)
{
	char label[MNT_LABEL_MAX];
	CHECK_SYS(mkdir("mnt", 0755));
	CHECK_ERR(mount("/dev/null", "mnt", "fs_null", 0), ENOTBLK);
	CHECK_ERR(mount("/dev/none", "mnt", "fs_none", 0), ENOENT);
	CHECK_ERR(mount("/dev/ram0", "mnt", "no_such_label", 0), ENOENT);
	CHECK_ERR(mount("/dev/ram0", "mnt", "", 0), EINVAL);
	CHECK_ERR(mount("/dev/ram0", "mnt/none", "fs_ram0", 0), ENOENT);
	CHECK_ERR(mount("/dev/ram0", "/", "fs_ram0", 0), EBUSY);
	CHECK_ERR(mount("/dev/ram0", "mnt", "fs_ram0", 0x40), EINVAL);
	CHECK_ERR(mount("/dev/ram0", "mnt", (char *) 16, 0), EFAULT);
	CHECK_ERR(umount("mnt", label), EINVAL);
	CHECK_ERR(umount("/", label), EBUSY);
	CHECK_ERR(umount("missing", label), ENOENT);
	CHECK_SYS(chmod(".", 0755));
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setgid(1000));
		CHECK_SYS(setuid(1000));
		mount_student();
		exit(0);
	}
	EXPECT_EXIT(pid, 0);
}
#endif
