# Toolchain and flags shared by every guest build (kernel, libraries,
# programs, SDK drivers): defined once in os/mk/guest.mk (the SDK links to it).

BUILD   ?= build
NM      := nm

include os/mk/guest.mk
include os/mk/driver_rules.mk
