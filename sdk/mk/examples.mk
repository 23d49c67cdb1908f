# examples.mk: the SDK's example drivers in the image (installed in
# /usr/drivers, their manifests in /etc/system.conf.d). Included by os/os.mk
# through the project's IMAGE_DRIVERS_MK, after sdk/mk/sdk.mk. Each example
# is built like every SDK driver, by its own Makefile (sdk/mk/driver.mk)
# against sdk/lib. hello is built twice: hello, and hello.v2 from the same
# sources with -DHELLO_VERSION=2 (a distinguishable new version for
# live-update tests). The sub-make runs every time; the copy into
# $(BUILD)/bin changes only when the driver did.

# sdk_driver NAME DIR [MAKE-ARGS]: $(BUILD)/bin/NAME from DIR/build/NAME.
define sdk_driver
$(BUILD)/bin/$(1): $(SDK_FILES) FORCE
	$(Q)$$(MAKE) --no-print-directory -C $(2) SDK_BUILT=1 $(3)
	$(Q)mkdir -p $$(@D) && { cmp -s $(2)/build/$(1) $$@ || cp $(2)/build/$(1) $$@; }
PROGRAMS += $(BUILD)/bin/$(1)
FS_DRIVERS += $(1)
endef
$(eval $(call sdk_driver,hello,sdk/examples/hello))
$(eval $(call sdk_driver,hello.v2,sdk/examples/hello,DRIVER=hello.v2 \
	MANIFEST=hello.conf CPPFLAGS=-DHELLO_VERSION=2))
$(eval $(call sdk_driver,printer,sdk/examples/printer))
$(eval $(call sdk_driver,rtc,sdk/examples/rtc))
$(eval $(call sdk_driver,ramdisk,sdk/examples/ramdisk))
FS_MANIFESTS += $(wildcard sdk/examples/*/*.conf)
