#!/bin/sh
# deps.sh [--check]: install the Debian packages this project needs.
# Idempotent: installs only what is missing and says what it installs.
# --check: install nothing; exit 1 (listing them) if any are missing.
set -eu

PACKAGES="make gcc gcc-multilib binutils qemu-system-x86 bochs bochsbios vgabios
grub-pc-bin grub-common xorriso mtools python3 python3-pytest python3-pytest-xdist python3-pexpect
doxygen graphviz chromium"

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
if [ "${1:-}" = "--check" ]; then
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
