# The boot image: the programs GRUB loads as Multiboot modules and the
# default kernel command line. Every server and driver folder (os/servers/*,
# os/drivers/*) is a boot service; the kernel puts each in the slot
# os/include/abi/boot.h gives it. The data modules (BOOT_DATA, files under
# build/) are not started: rootfs.cpio is the root file system's contents.
BOOT_MODULES = $(SERVERS)
BOOT_DATA = rootfs.cpio
KERNEL_CMDLINE ?=
