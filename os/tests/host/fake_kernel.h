/* Fake kernel calls shared by the host tests of the servers (rootfs, VFS):
 * user memory is the host's own, except below BAD_END. */
#ifndef FAKE_KERNEL_H
#define FAKE_KERNEL_H

/* User addresses below this are "not mapped" (sys_vircopy: -EFAULT); so
 * is a range that wraps around. */
#define BAD_END 0x20000u

#endif
