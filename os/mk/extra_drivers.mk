# make image EXTRA_DRIVERS="DIR ...": drivers written against the SDK
# (a directory with a Makefile that includes sdk/mk/driver.mk and one
# manifest NAME.conf) put into the image. For each DIR, in the order given:
# `make -C DIR` builds DIR/build/NAME; the root file system gets
# /usr/drivers/NAME (stripped), /etc/system.conf.d/NAME (DIR/NAME.conf,
# checked) and the character device /dev/NAME, major 32, 33, ... (minor
# 0). A second build of the driver, DIR/build/NAME.v2, goes in as
# /usr/drivers/NAME.v2, to try a live update (`service update
# /usr/drivers/NAME.v2 -label NAME`): `make -C DIR` rebuilds it when the
# Makefile sets V2_CPPFLAGS or V2_SRCS (sdk/mk/driver.mk) or builds it
# itself (labs/lab3-live-update); PHOENIX_SDK is given the project's sdk,
# so DIR may be anywhere. Included by os/os.mk after the lists
# of programs and manifests.

EXTRA_MAJOR_FIRST := 32
EXTRA_MAJOR_LAST := 63          # VFS's NR_MAJORS - 1

EXTRA_DIRS := $(abspath $(EXTRA_DRIVERS))

# extra_conf DIR: the manifests in DIR (exactly one is expected).
extra_conf = $(wildcard $(1)/*.conf)

# Every DIR is a driver directory: a Makefile and exactly one NAME.conf.
$(foreach d,$(EXTRA_DIRS),\
  $(if $(wildcard $(d)/.),,$(error EXTRA_DRIVERS: $(d): no such directory))\
  $(if $(wildcard $(d)/Makefile),,$(error EXTRA_DRIVERS: $(d) has no \
    Makefile (a driver directory holds a Makefile including sdk/mk/driver.mk, \
    the manifest NAME.conf and the sources)))\
  $(if $(call extra_conf,$(d)),,$(error EXTRA_DRIVERS: $(d) has no \
    manifest NAME.conf))\
  $(if $(word 2,$(call extra_conf,$(d))),$(error EXTRA_DRIVERS: $(d) has \
    several manifests ($(notdir $(call extra_conf,$(d)))): keep one NAME.conf)))

EXTRA_NAMES := $(foreach d,$(EXTRA_DIRS),$(basename $(notdir $(call extra_conf,$(d)))))

# The names must be new: not another extra driver, a boot service, a driver
# of the image or a test service; and there are majors for at most 32.
$(if $(filter-out $(words $(EXTRA_NAMES)),$(words $(sort $(EXTRA_NAMES)))),\
  $(error EXTRA_DRIVERS: two drivers are called the same: $(EXTRA_NAMES)))
EXTRA_TAKEN := $(filter $(EXTRA_NAMES),$(SERVERS) rs $(FS_DRIVERS) \
	$(TEST_SERVICES) $(basename $(notdir $(MANIFESTS))))
$(if $(EXTRA_TAKEN),$(error EXTRA_DRIVERS: $(EXTRA_TAKEN): the image has \
  a service of that name already))
$(if $(word $(shell expr $(EXTRA_MAJOR_LAST) - $(EXTRA_MAJOR_FIRST) + 2),\
  $(EXTRA_NAMES)),$(error EXTRA_DRIVERS: at most \
  $(shell expr $(EXTRA_MAJOR_LAST) - $(EXTRA_MAJOR_FIRST) + 1) drivers))

EXTRA_FILES := $(patsubst %,$(BUILD)/extra/%,$(EXTRA_NAMES)) \
	$(join $(addsuffix /,$(EXTRA_DIRS)),$(addsuffix .conf,$(EXTRA_NAMES)))

# extra_driver DIR NAME: build DIR with its own Makefile every time (it
# knows what is stale) once EXTRA_DRIVER_DEPS are up to date (the project
# sets them: sdk/lib, sdk/mk/sdk.mk; SDK_BUILT=1 tells driver.mk not to run
# `make sdk` itself), then check its
# manifest; the stripped copies
# (NAME, NAME.v2) are replaced, and NAME touched, only when one changed, so
# the archive is rebuilt only then.
define extra_driver
$(BUILD)/extra/$(2): $(MANIFEST_CHECK) $(EXTRA_DRIVER_DEPS) FORCE
	@echo "  MAKE    $(1)"
	$(Q)$$(MAKE) --no-print-directory -C $(1) SDK_BUILT=1 EXTRA_DRIVERS= \
		PHOENIX_SDK=$(CURDIR)/sdk
	$(Q)test -f $(1)/build/$(2) || { echo "EXTRA_DRIVERS: make -C $(1)" \
		"did not build $(1)/build/$(2)" >&2; exit 1; }
	$(Q)$(MANIFEST_CHECK) $(1)/$(2).conf
	@mkdir -p $$(@D)
	$(Q)changed=; for f in $(2).v2 $(2); do t=$$(@D)/$$$$f; \
	  if [ ! -f $(1)/build/$$$$f ]; then \
	    [ -f $$$$t ] && changed=1; rm -f $$$$t; continue; fi; \
	  strip --strip-debug -o $$$$t.new $(1)/build/$$$$f; \
	  if cmp -s $$$$t.new $$$$t; then rm $$$$t.new; \
	  else mv $$$$t.new $$$$t; changed=1; fi; done; \
	  if [ -n "$$$$changed" ]; then touch $$@; fi
endef
$(foreach i,$(shell seq 1 $(words $(EXTRA_NAMES))),$(eval $(call \
	extra_driver,$(word $(i),$(EXTRA_DIRS)),$(word $(i),$(EXTRA_NAMES)))))

# EXTRA_PROTO: shell commands printing the root file system's lines for
# the extra drivers (part of the recipe of build/rootfs.proto).
EXTRA_PROTO := $(if $(EXTRA_NAMES),set -- $(EXTRA_DIRS); \
	major=$(EXTRA_MAJOR_FIRST); for n in $(EXTRA_NAMES); do \
	  echo "f /usr/drivers/$$n 755 $(BUILD)/extra/$$n"; \
	  echo "f /etc/system.conf.d/$$n 644 $$1/$$n.conf"; \
	  echo "c /dev/$$n 666 $$major 0"; \
	  if [ -f $$1/build/$$n.v2 ]; then \
	    echo "f /usr/drivers/$$n.v2 755 $(BUILD)/extra/$$n.v2"; fi; \
	  major=$$((major + 1)); shift; done;)

# The proto looks for DIR/build/NAME.v2, which a driver's own Makefile may
# build (labs/lab3-live-update does): write it only after the drivers are
# built, or `make -j` races it against them.
$(BUILD)/rootfs.proto: | $(patsubst %,$(BUILD)/extra/%,$(EXTRA_NAMES))
