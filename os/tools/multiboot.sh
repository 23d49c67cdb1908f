#!/bin/sh
# multiboot.sh BOOTDIR COMMAND [ARG...]: run the emulator COMMAND ARG...
# with the boot of BOOTDIR (the folder os/tools/mkiso.sh writes next to an
# image: build/os.boot) on QEMU's own Multiboot loader: -kernel, -initrd
# with every module of its multiboot.list (a ',' in a module's line
# doubled, as QEMU wants), -append with the kernel's command line. QEMU
# runs in BOOTDIR, so that each module's command line is "NAME ARG...",
# as GRUB gives it; every path among the ARGs must be absolute.
set -eu
if [ $# -lt 2 ]; then
	echo "usage: multiboot.sh BOOTDIR COMMAND [ARG...]" >&2
	exit 2
fi
dir=$1
shift
list=$dir/multiboot.list
[ -f "$list" ] || {
	echo "multiboot.sh: $list not found (run 'make')" >&2; exit 1; }
first=$(head -n 1 "$list")
kernel=${first%% *}
append=${first#"$kernel"}
append=${append# }
initrd=$(tail -n +2 "$list" | sed 's/,/,,/g' | paste -sd, -)
cd "$dir"
exec "$@" -kernel "$kernel" -initrd "$initrd" -append "$append"
