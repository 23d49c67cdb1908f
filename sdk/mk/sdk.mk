# `make sdk`: sdk/lib, what a driver links with, copied from the OS's build
# (included by os/os.mk through the project's IMAGE_DRIVERS_MK, once the
# originals are defined): the C library with the kernel-call wrappers, SEF,
# DS and the character-driver library (libphoenix.a: the very objects of
# build/lib/libc.a), the start-up code, the console stdio sink of servers
# and drivers, the user link script and the host manifest checker.

SDK_LIB := sdk/lib
SDK_FILES := $(SDK_LIB)/libphoenix.a $(SDK_LIB)/crt0.o $(SDK_LIB)/console.o \
	$(SDK_LIB)/driver.ld $(SDK_LIB)/manifest-check
# A driver given to `make image EXTRA_DRIVERS=` is built against sdk/lib.
EXTRA_DRIVER_DEPS += $(SDK_FILES)

.PHONY: sdk
sdk: $(SDK_FILES) ## build the driver SDK's libraries (sdk/lib)
	@:

$(SDK_LIB)/libphoenix.a: $(LIBC)
$(SDK_LIB)/crt0.o: $(CRT0)
$(SDK_LIB)/console.o: $(SERVER_STDIO)
$(SDK_LIB)/driver.ld: $(USER_LD)
$(SDK_LIB)/manifest-check: $(MANIFEST_CHECK)
$(SDK_FILES):
	@echo "  SDK     $@"
	$(Q)cp $< $@

# clean-sdk: remove sdk/lib's build output and the examples' build folders
# (`make clean` runs it).
.PHONY: clean-sdk
clean-sdk:
	rm -f $(SDK_FILES)
	rm -rf $(wildcard sdk/examples/*/build)
