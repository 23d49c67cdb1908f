#!/bin/sh
# deps.sh [--check] [--grading]: install the Debian packages this project
# needs. Idempotent: installs only what is missing and says what it
# installs (apt-get update runs only then).
# --check: install nothing; exit 1 (listing them) if any are missing.
# --grading: only what grading a lab needs (the autograder's setup.sh on
# Gradescope's Ubuntu images): the build tools, QEMU, the ISO tools,
# pytest and pexpect, util-linux (setpriv, unshare); no Bochs, no
# documentation tools, no browser, no debugger (gdb: `make debug`,
# os/tests/test_debug.py), no progress bars (without python3-tqdm
# progress is a counter line, harness/progress.py); e2fsprogs because lab
# 6's tests make its file system with mke2fs and check it with e2fsck and
# debugfs (the ext2 host test, os/tests/test_ext2_host.py, and make disk,
# os/tools/mkdisk.sh, use it too). Every name exists in
# Debian 12 and in Ubuntu 22.04 and 24.04 (main or universe).
set -eu

GRADING="make gcc gcc-multilib binutils qemu-system-x86 grub-pc-bin grub-common
xorriso mtools lzop python3 python3-pytest python3-pexpect util-linux e2fsprogs"
PACKAGES="$GRADING bochs bochsbios vgabios python3-pytest-xdist
doxygen graphviz chromium python3-tqdm gdb python3-yaml"

check=
for arg in "$@"; do
	case $arg in
	--check) check=1 ;;
	--grading) PACKAGES=$GRADING ;;
	*) echo "usage: deps.sh [--check] [--grading]" >&2; exit 2 ;;
	esac
done

missing=
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $status in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	echo "deps: all packages present"
	exit 0
fi
if [ -n "$check" ]; then
	echo "deps: missing:$missing"
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages:$missing" >&2
	echo "deps: installing them needs root; run 'sudo make deps' (or as root: make deps)" >&2
	exit 1
fi
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
echo "deps: done"
