# Toolchain and flags shared by every guest build (kernel, libraries,
# programs, SDK drivers): defined once in sdk/mk/guest.mk.

BUILD   ?= build
NM      := nm

include sdk/mk/guest.mk
