#!/bin/sh
# mkiso.sh OUT.iso KERNEL.elf "CMDLINE" "MODULE [ARG...]"...
# Build a GRUB (BIOS, El Torito) CD image that boots KERNEL with CMDLINE via
# Multiboot and loads each MODULE as a boot module. A module's command line
# is its file name followed by its ARGs (they become its argv). The one
# place the GRUB configuration is written.
set -eu
if [ $# -lt 3 ]; then
	echo "usage: mkiso.sh OUT.iso KERNEL.elf CMDLINE [MODULE...]" >&2
	exit 2
fi
out=$1 kernel=$2 cmdline=$3
shift 3
command -v grub-mkrescue >/dev/null || {
	echo "mkiso.sh: grub-mkrescue not found (run 'make deps')" >&2; exit 1; }

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/boot/grub"
cp "$kernel" "$tree/boot/kernel.elf"
{
	echo "set timeout=0"
	echo "set default=0"
	echo "menuentry \"Phoenix\" {"
	echo "	multiboot /boot/kernel.elf $cmdline"
	for spec in "$@"; do
		file=${spec%% *}
		args=${spec#"$file"}
		name=$(basename "$file")
		cp "$file" "$tree/boot/$name"
		echo "	module /boot/$name $name$args"
	done
	echo "	boot"
	echo "}"
} > "$tree/boot/grub/grub.cfg"

mkdir -p "$(dirname "$out")"
log=$(mktemp)
if ! grub-mkrescue --compress=no --install-modules="multiboot normal configfile" \
	--fonts= --locales= --themes= -o "$out.tmp" "$tree" >"$log" 2>&1; then
	cat "$log" >&2
	rm -f "$log" "$out.tmp"
	exit 1
fi
rm -f "$log"
mv "$out.tmp" "$out"
