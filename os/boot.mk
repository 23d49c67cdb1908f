# The boot image: the programs GRUB loads as Multiboot modules, in the order
# the kernel starts them, and the default kernel command line.
BOOT_MODULES := init
KERNEL_CMDLINE ?=
