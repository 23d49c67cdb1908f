#!/bin/sh
# mkiso.sh OUT.iso KERNEL.elf "CMDLINE" "MODULE [ARG...]"...
# Build a GRUB (BIOS, El Torito) CD image that boots KERNEL with CMDLINE via
# Multiboot and loads each MODULE as a boot module. A module's command line
# is its file name followed by its ARGs (they become its argv). The one
# place the boot is described: GRUB's configuration, and the same boot for
# QEMU's own Multiboot loader (-kernel, -initrd, -append), the fast path.
#
# Next to OUT.iso it writes the folder OUT.boot (OUT without .iso): the
# kernel and the modules as the ISO holds them, and multiboot.list, the
# boot list: its first line is "kernel.elf CMDLINE", then one line
# "NAME ARG..." per module, in order (the lines of grub.cfg without the
# /boot/ paths). Loading these files from that folder (QEMU's working
# directory) gives the kernel and every module the same command line as
# GRUB does. harness/bootlist.py and os/tools/multiboot.sh read it.
#
# On the ISO only, a module named *.cpio (the root file system's archive)
# is stored compressed with lzop: GRUB reads the CD through the BIOS, a
# few bytes per port read, so its boot time grows with the bytes it
# reads; its lzopio filter (loaded by grub.cfg) unpacks the file as it
# loads it, and the kernel gets the same bytes as on the fast path.
# Without lzop the archive is stored as it is.
set -eu
if [ $# -lt 3 ]; then
	echo "usage: mkiso.sh OUT.iso KERNEL.elf CMDLINE [MODULE...]" >&2
	exit 2
fi
out=$1 kernel=$2 cmdline=$3
shift 3
command -v grub-mkrescue >/dev/null || {
	echo "mkiso.sh: grub-mkrescue not found (run 'make deps')" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
bootdir=${out%.iso}.boot
tree=$(mktemp -d)
# The boot folder is made beside its final place, then renamed into it.
staging=$(mktemp -d "$bootdir.tmp.XXXXXX")
trap 'rm -rf "$tree" "$staging"' EXIT
mkdir -p "$tree/boot/grub"
lzo=
if command -v lzop >/dev/null; then lzo=lzop; fi
cp "$kernel" "$tree/boot/kernel.elf"
cp "$kernel" "$staging/kernel.elf"
echo "kernel.elf${cmdline:+ $cmdline}" > "$staging/multiboot.list"
{
	echo "set timeout=0"
	echo "set default=0"
	if [ -n "$lzo" ]; then echo "insmod lzopio"; fi
	echo "menuentry \"Phoenix\" {"
	echo "	multiboot /boot/kernel.elf $cmdline"
	for spec in "$@"; do
		file=${spec%% *}
		args=${spec#"$file"}
		name=$(basename "$file")
		case $lzo$name in
		lzop*.cpio) lzop -7 -q -c "$file" > "$tree/boot/$name" ;;
		*) cp "$file" "$tree/boot/$name" ;;
		esac
		cp "$file" "$staging/$name"
		echo "	module /boot/$name $name$args"
		echo "$name$args" >> "$staging/multiboot.list"
	done
	echo "	boot"
	echo "}"
} > "$tree/boot/grub/grub.cfg"

log=$(mktemp)
if ! grub-mkrescue --compress=no --install-modules="multiboot normal configfile${lzo:+ lzopio}" \
	--fonts= --locales= --themes= -o "$out.tmp" "$tree" >"$log" 2>&1; then
	cat "$log" >&2
	rm -f "$log" "$out.tmp"
	exit 1
fi
rm -f "$log"
chmod 755 "$staging"
rm -rf "$bootdir"
mv "$staging" "$bootdir"
mv "$out.tmp" "$out"
