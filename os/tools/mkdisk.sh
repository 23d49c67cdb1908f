#!/bin/sh
# mkdisk.sh OUT SRC [SIZE]: make the disk image OUT (ext2, revision 1,
# 4 KiB blocks, SIZE bytes with mke2fs's suffixes, default 64M) holding
# the tree SRC (os/disk: its README.md is left out), root's but for
# SRC/student, which belongs to the user student (uid and gid from
# os/rootfs/etc/passwd); directories 0755, files 0644. OUT is replaced
# only once the new image is complete and e2fsck finds it clean.
# os/disk/README.md says why these choices.
set -eu

[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: mkdisk.sh OUT SRC [SIZE]" >&2; exit 2; }
out=$1
src=$2
size=${3:-64M}
passwd=$(dirname "$0")/../rootfs/etc/passwd
PATH=$PATH:/sbin:/usr/sbin
for tool in mke2fs debugfs e2fsck; do
	command -v $tool >/dev/null || {
		echo "mkdisk.sh: $tool not found (Debian package e2fsprogs: make deps)" >&2
		exit 1
	}
done
[ -d "$src" ] || { echo "mkdisk.sh: $src: no such folder" >&2; exit 1; }
owner=$(awk -F: '$1 == "student" { print $3 " " $4 }' "$passwd")
[ -n "$owner" ] || { echo "mkdisk.sh: no user student in $passwd" >&2; exit 1; }
set -- $owner
uid=$1
gid=$2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/tree"
cp -R "$src/." "$tmp/tree/"
rm -f "$tmp/tree/README.md"
find "$tmp/tree" -type d -exec chmod 755 {} +
find "$tmp/tree" -type f -exec chmod 644 {} +

mke2fs -q -F -t ext2 -r 1 -b 4096 -m 0 -L home -E root_owner=0:0 \
	-d "$tmp/tree" "$tmp/disk.img" "$size" > "$tmp/mke2fs.log" 2>&1 || {
	cat "$tmp/mke2fs.log" >&2
	echo "mkdisk.sh: mke2fs failed" >&2
	exit 1
}

# Owners: mke2fs -d copied the host's; every inode gets root's, or
# student's under /student.
(cd "$tmp/tree" && find . -mindepth 1) | sed 's|^\./||' | while IFS= read -r p; do
	case $p in
	student|student/*) u=$uid; g=$gid ;;
	*) u=0; g=0 ;;
	esac
	printf 'sif "/%s" uid %s\nsif "/%s" gid %s\n' "$p" "$u" "$p" "$g"
done > "$tmp/owners"
printf 'sif /lost+found uid 0\nsif /lost+found gid 0\n' >> "$tmp/owners"
debugfs -w -f "$tmp/owners" "$tmp/disk.img" > "$tmp/debugfs.log" 2>&1
if grep -v '^debugfs' "$tmp/debugfs.log" | grep -q .; then
	cat "$tmp/debugfs.log" >&2
	echo "mkdisk.sh: debugfs could not set the owners" >&2
	exit 1
fi
e2fsck -fn "$tmp/disk.img" > "$tmp/e2fsck.log" 2>&1 || {
	cat "$tmp/e2fsck.log" >&2
	echo "mkdisk.sh: e2fsck finds the new image broken" >&2
	exit 1
}
mv -f "$tmp/disk.img" "$out"
echo "$out: ext2, $size, from $src (the guest's /home; make run keeps it)"
