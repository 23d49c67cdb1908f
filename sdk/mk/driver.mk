# driver.mk: how a Phoenix driver is built. A driver's Makefile is
#
#     DRIVER = dice
#     SRCS   = dice.c
#     PHOENIX_SDK ?= ../phoenix/sdk
#     include $(PHOENIX_SDK)/mk/driver.mk
#
# and `make` builds build/DRIVER (a static i386 ELF for /usr/drivers) after
# checking the manifest DRIVER.conf (errors as FILE:LINE: message). Targets:
#   all    (the default) the driver, its manifest checked (and its
#          version 2, build/DRIVER.v2, when V2_CPPFLAGS or V2_SRCS is set)
#   check  the manifest only
#   clean  remove build/
# Variables a Makefile (or the command line) may set:
#   CPPFLAGS  extra preprocessor flags (-DNAME=VALUE)
#   MANIFEST  the manifest to check (default DRIVER.conf)
#   OUT       where the output goes (default build)
#   SDK_BUILT 1: do not bring sdk/lib up to date first (the OS build sets
#             it, having built sdk/lib itself)
#   V2_CPPFLAGS, V2_SRCS  either set: `make` also builds OUT/DRIVER.v2, a
#             second version for a live update, from V2_SRCS (default
#             SRCS) with CPPFLAGS and V2_CPPFLAGS (e.g. -DDICE_VERSION=2),
#             its objects apart; `make image EXTRA_DRIVERS=DIR` rebuilds it
#             with the driver and installs it as /usr/drivers/DRIVER.v2
#   PHOENIX_SDK  where the SDK is (the Makefile's own default, a relative
#             path; `make image EXTRA_DRIVERS=` passes the project's sdk)
#   GRADER_CFLAGS  compiler flags the course kit's grader adds (labs/tools:
#             -MD -save-temps=obj, so that it can check every file the
#             compiler read and every assembler directive it emitted)
# The SDK is found from this file's own location, so the driver's folder
# can be anywhere. When the SDK sits in a Phoenix source tree (its parent
# holds os/os.mk), `make -C <tree> sdk` brings sdk/lib up to date first;
# otherwise sdk/lib must have been built.

ifndef DRIVER
$(error DRIVER is not set: the Makefile says DRIVER = name before including driver.mk)
endif
ifndef SRCS
$(error SRCS is not set: the Makefile lists the driver's sources, SRCS = a.c b.c)
endif

SDK := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
SDK_PROJECT := $(abspath $(SDK)/..)
SDK_LIB := $(SDK)/lib

# The guest flags and the rules that compile and link a driver are the OS's
# own (os/mk/guest.mk, os/mk/driver_rules.mk; linked here): the SDK is
# assembled from the OS, never the other way round.
include $(SDK)/mk/guest.mk
include $(SDK)/mk/driver_rules.mk

OUT ?= build
MANIFEST ?= $(DRIVER).conf
DRIVER_OBJDIR := $(OUT)/$(DRIVER).obj
DRIVER_OBJS := $(patsubst %,$(DRIVER_OBJDIR)/%.o,$(SRCS))
DRIVER_CFLAGS := $(GUEST_CFLAGS) -D__phoenix__ -I$(SDK)/include \
	-I$(SDK)/include/libc $(CPPFLAGS) $(GRADER_CFLAGS)
DRIVER_LIBS := $(SDK_LIB)/crt0.o $(SDK_LIB)/console.o $(SDK_LIB)/libphoenix.a \
	$(SDK_LIB)/driver.ld $(SDK_LIB)/manifest-check

.DEFAULT_GOAL := all
.PHONY: all check clean sdk-update

all: $(OUT)/$(DRIVER) $(OUT)/$(DRIVER).checked
	@:

check: $(OUT)/$(DRIVER).checked
	@:

clean:
	rm -rf $(OUT)

# The SDK's files: brought up to date by the project's `make sdk` when the
# SDK is in a source tree (make then relinks only if one changed).
ifeq ($(SDK_BUILT)$(wildcard $(SDK_PROJECT)/os/os.mk),$(SDK_PROJECT)/os/os.mk)
$(DRIVER_LIBS): sdk-update ;
sdk-update:
	$(Q)$(MAKE) --no-print-directory -C $(SDK_PROJECT) sdk
else
$(DRIVER_LIBS):
	@echo "$@ is missing: build the SDK first (make sdk in the Phoenix tree)" >&2
	@exit 1
endif

# Compiled and linked by driver_rules (os/mk/driver_rules.mk), with the
# SDK's headers and the SDK's copies of the OS's libraries.
DRIVER_ASFLAGS = $(GUEST_ASFLAGS) -I$(SDK)/include $(CPPFLAGS)
DRIVER_CRT0 := $(SDK_LIB)/crt0.o
DRIVER_CONSOLE := $(SDK_LIB)/console.o
DRIVER_LIB := $(SDK_LIB)/libphoenix.a
DRIVER_LD := $(SDK_LIB)/driver.ld
$(eval $(call driver_rules,$(OUT)/$(DRIVER),$(DRIVER_OBJDIR),,$(SRCS),DRIVER))

# Version 2 (V2_CPPFLAGS, V2_SRCS): the same Makefile again, for
# DRIVER.v2, with the version 2 settings and without V2_* (no version 3).
ifneq ($(strip $(V2_CPPFLAGS)$(V2_SRCS)),)
.PHONY: v2
all: v2
v2: $(OUT)/$(DRIVER)
	$(Q)$(MAKE) --no-print-directory DRIVER=$(DRIVER).v2 \
		MANIFEST=$(MANIFEST) SRCS="$(or $(V2_SRCS),$(SRCS))" \
		CPPFLAGS="$(CPPFLAGS) $(V2_CPPFLAGS)" V2_CPPFLAGS= V2_SRCS=
endif

$(OUT)/$(DRIVER).checked: $(MANIFEST) $(SDK_LIB)/manifest-check
	@mkdir -p $(@D)
	@echo "  CHECK   $(MANIFEST)"
	$(Q)$(SDK_LIB)/manifest-check $(MANIFEST)
	$(Q)touch $@

-include $(DRIVER_OBJS:.o=.d)
