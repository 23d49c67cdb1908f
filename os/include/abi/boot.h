/* The boot services: servers and drivers the boot loader loads as modules,
 * each in a fixed process slot so that everyone knows its endpoint without
 * asking. Declared once here; the kernel places the modules by name
 * (kernel/boot.c) and the build lists them (os/boot.mk must agree, which
 * `make` checks). Data modules (the root file-system archive) are not
 * started; their bytes are read with SYS_GETINFO GET_MODULE. */
#ifndef ABI_BOOT_H
#define ABI_BOOT_H

#include <abi/endpoint.h>

/* X(NAME, "module name", slot). Slot 0 stays unused on purpose. */
#define BOOT_SERVICE_LIST(X) \
	X(PM,     "pm",     1) \
	X(MM,     "mm",     2) \
	X(VFS,    "vfs",    3) \
	X(ROOTFS, "rootfs", 4) \
	X(TTY,    "tty",    5) \
	X(MEMDEV, "memdev", 6) \
	X(RS,     "rs",     7) \
	X(DS,     "ds",     8)

#define BOOT_FIRST_FREE_SLOT 10   /* slot 9 is kept free */

/* The order in which RS lets the boot services initialise (each waits in
 * sef_startup until RS answers): a service may use those before it. PM
 * comes last: its init starts /sbin/init and so /etc/rc. */
#define BOOT_INIT_ORDER { "mm", "ds", "rootfs", "vfs", "memdev", "tty", "pm" }

/* A boot service's endpoint: its slot in generation 1 (the first process a
 * slot ever holds has generation 1). */
#define BOOT_EP(slot) ((endpoint_t) ((1 << EP_SLOT_BITS) | (slot)))

#define BOOT_SLOT_ENUM(name, str, slot) name##_SLOT = slot,
enum boot_slot { BOOT_SERVICE_LIST(BOOT_SLOT_ENUM) };
#undef BOOT_SLOT_ENUM

#define PM_EP     BOOT_EP(PM_SLOT)
#define MM_EP     BOOT_EP(MM_SLOT)
#define VFS_EP    BOOT_EP(VFS_SLOT)
#define ROOTFS_EP BOOT_EP(ROOTFS_SLOT)
#define TTY_EP    BOOT_EP(TTY_SLOT)
#define MEMDEV_EP BOOT_EP(MEMDEV_SLOT)
#define RS_EP     BOOT_EP(RS_SLOT)
#define DS_EP     BOOT_EP(DS_SLOT)

/* The module name of the root file-system archive (a cpio "newc" archive
 * built by os/tools/mkrootfs.py from os/rootfs/proto). */
#define BOOT_ROOT_ARCHIVE "rootfs.cpio"

#endif
