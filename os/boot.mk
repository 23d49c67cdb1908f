# The boot image: the programs GRUB loads as Multiboot modules, in the order
# the kernel starts them, and the default kernel command line. The boot
# services and their slots are declared in os/include/abi/boot.h; the data
# modules (BOOT_DATA, files under build/) are not started.
BOOT_MODULES := init
BOOT_DATA :=
KERNEL_CMDLINE ?=
