# Build rules for everything under os/: the kernel, the libraries, the
# programs, and the bootable image. Included by the top-level Makefile.

include os/mk/config.mk
include os/boot.mk

OBJ := $(BUILD)/obj

# ---- shared code (kernel and libc) --------------------------------------
COMMON_SRCS := os/lib/common/fmt.c os/lib/common/mem.c

# ---- kernel ---------------------------------------------------------------
KERNEL_SRCS := $(wildcard os/kernel/*.c) $(wildcard os/kernel/system/*.c) \
	os/kernel/boot.S os/kernel/vectors.S $(COMMON_SRCS)
KERNEL_CFLAGS := $(GUEST_CFLAGS) -Ios/include -Ios/lib/common -Ios/kernel
KERNEL_OBJS := $(patsubst %,$(OBJ)/kernel/%.o,$(KERNEL_SRCS))

$(OBJ)/kernel/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(OBJ)/kernel/%.S.o: %.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(CC) $(GUEST_ASFLAGS) -Ios/include -c $< -o $@

# Two link passes: the first without symbols, the second with the symbol
# table generated from the first (backtraces print function names).
$(BUILD)/kernel.pass1.elf: $(KERNEL_OBJS) os/kernel/linker.ld os/tools/mksyms.sh
	@echo "  LD      $@"
	$(Q)os/tools/mksyms.sh - $(OBJ)/ksyms-empty.S
	$(Q)$(CC) $(GUEST_ASFLAGS) -c $(OBJ)/ksyms-empty.S -o $(OBJ)/ksyms-empty.o
	$(Q)$(CC) $(GUEST_LDFLAGS) -T os/kernel/linker.ld -o $@ $(KERNEL_OBJS) \
		$(OBJ)/ksyms-empty.o -lgcc

$(BUILD)/kernel.elf: $(BUILD)/kernel.pass1.elf
	@echo "  LD      $@"
	$(Q)os/tools/mksyms.sh $< $(OBJ)/ksyms.S
	$(Q)$(CC) $(GUEST_ASFLAGS) -c $(OBJ)/ksyms.S -o $(OBJ)/ksyms.o
	$(Q)$(CC) $(GUEST_LDFLAGS) -T os/kernel/linker.ld -o $@ $(KERNEL_OBJS) \
		$(OBJ)/ksyms.o -lgcc
	$(Q)os/tools/mksyms.sh $@ $(OBJ)/ksyms-check.S
	$(Q)cmp -s $(OBJ)/ksyms.S $(OBJ)/ksyms-check.S || \
		{ echo "kernel symbols moved between link passes" >&2; exit 1; }

# ---- user libraries -------------------------------------------------------
# One archive, libc.a, holds everything ring-3 code links with: the C
# library (os/lib/libc, subfolders included), the IPC and kernel-call
# wrappers (os/lib/sys), the character-driver library (os/lib/chardriver),
# the service-manifest parser (os/lib/manifest), the event framework
# (os/lib/sef) and the data store's client calls (os/lib/ds).
USER_CFLAGS := $(GUEST_CFLAGS) -D__phoenix__ -Ios/include -Ios/lib/common \
	-Ios/lib/libc/include -Ios/lib/sys -Ios/lib/manifest -Isdk/include
LIBC_SRCS := $(shell find os/lib/libc os/lib/sys os/lib/chardriver os/lib/manifest \
	os/lib/sef os/lib/ds \
	-name '*.c' 2>/dev/null | sort) $(COMMON_SRCS)
LIBC_OBJS := $(patsubst %,$(OBJ)/user/%.o,$(LIBC_SRCS))
LIBC := $(BUILD)/lib/libc.a
CRT0 := $(OBJ)/user/os/lib/libc/crt0.S.o
USER_LD := os/lib/libc/user.ld
# Servers and drivers print on the kernel console (SYS_DIAGCTL), not on
# descriptor 1: this object replaces libc's stdio sink for them.
SERVER_STDIO := $(OBJ)/user/os/lib/server/stdio_sink.c.o
# The host manifest checker (its rule: see the root file system below).
MANIFEST_CHECK := $(BUILD)/host/manifest-check

$(OBJ)/user/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(OBJ)/user/%.S.o: %.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(CC) $(GUEST_ASFLAGS) -Ios/include -c $< -o $@

$(LIBC): $(LIBC_OBJS)
	@mkdir -p $(@D)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# ---- programs ---------------------------------------------------------------
# user_program NAME DIR [EXTRA_OBJS]: build $(BUILD)/bin/NAME from every .c
# and .S file in DIR.
define user_program
$(BUILD)/bin/$(1): $(patsubst %,$(OBJ)/user/%.o,$(wildcard $(2)/*.c $(2)/*.S)) $(3) $(CRT0) $(LIBC) $(USER_LD)
	@mkdir -p $$(@D)
	@echo "  LD      $$@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -T $(USER_LD) -o $$@ $(CRT0) \
		$(patsubst %,$(OBJ)/user/%.o,$(wildcard $(2)/*.c $(2)/*.S)) $(3) $(LIBC) -lgcc
PROGRAMS += $(BUILD)/bin/$(1)
endef

# Every folder under os/servers and os/drivers is a boot service, every
# folder under os/commands a command installed in the root file system
# (/bin, or /sbin for those in SBIN_COMMANDS).
SBIN_COMMANDS := init service
SERVERS := $(notdir $(patsubst %/,%,$(wildcard os/servers/*/ os/drivers/*/)))
COMMANDS := $(notdir $(patsubst %/,%,$(wildcard os/commands/*/)))
$(foreach d,$(wildcard os/servers/*/ os/drivers/*/),$(eval $(call \
	user_program,$(notdir $(patsubst %/,%,$(d))),$(patsubst %/,%,$(d)),$(SERVER_STDIO))))
$(foreach d,$(COMMANDS),$(eval $(call user_program,$(d),os/commands/$(d))))

# The test kit (os/tests/kit): the runner, the checks and the backends the
# in-guest suites link with. An archive: a program takes only what it uses.
KIT_SRCS := $(wildcard os/tests/kit/*.c)
KIT := $(BUILD)/lib/libkit.a
$(KIT): $(patsubst %,$(OBJ)/user/%.o,$(KIT_SRCS))
	@mkdir -p $(@D)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(eval $(call user_program,ktest,os/tests/ktest,$(KIT)))
# ktest embeds ktest-payload (its exec cases run it): os/tests/ktest/payload.S
# .incbin's the built program, so it depends on it.
$(eval $(call user_program,ktest-payload,os/tests/ktest/payload))
$(OBJ)/user/os/tests/ktest/payload.S.o: $(BUILD)/bin/ktest-payload
$(OBJ)/user/os/tests/ktest/payload.S.o: \
	GUEST_ASFLAGS += -DKTEST_PAYLOAD='"$(BUILD)/bin/ktest-payload"'
$(eval $(call user_program,ipcbench,os/tests/ipcbench))
# pmtest: PM and MM tests, booted with modules pm, mm and pmtest; a boot
# module, so it prints on the kernel console like a server.
$(eval $(call user_program,pmtest,os/tests/pmtest,$(SERVER_STDIO) $(KIT)))
# ttytest plays VFS and PM for the tty and memdev drivers (os/tests/test_tty.py).
$(eval $(call user_program,ttytest,os/tests/ttytest,$(KIT)))
# Drivers started from the file system (installed in /usr/drivers): the
# SDK's examples, each built like every SDK driver by its own Makefile
# (sdk/mk/driver.mk, the one definition of how a driver is built) against
# sdk/lib (`make sdk`, sdk/mk/sdk.mk). hello is built twice: hello, and
# hello.v2 from the same sources with -DHELLO_VERSION=2 (a distinguishable
# new version for live-update tests). The sub-make runs every time; the
# copy into $(BUILD)/bin changes only when the driver did.
include sdk/mk/sdk.mk
# sdk_driver NAME DIR [MAKE-ARGS]: $(BUILD)/bin/NAME from DIR/build/NAME.
define sdk_driver
$(BUILD)/bin/$(1): $(SDK_FILES) FORCE
	$(Q)$$(MAKE) --no-print-directory -C $(2) SDK_BUILT=1 $(3)
	$(Q)mkdir -p $$(@D) && { cmp -s $(2)/build/$(1) $$@ || cp $(2)/build/$(1) $$@; }
PROGRAMS += $(BUILD)/bin/$(1)
FS_DRIVERS += $(1)
endef
FS_DRIVERS :=
$(eval $(call sdk_driver,hello,sdk/examples/hello))
$(eval $(call sdk_driver,hello.v2,sdk/examples/hello,DRIVER=hello.v2 \
	MANIFEST=hello.conf CPPFLAGS=-DHELLO_VERSION=2))
$(eval $(call sdk_driver,printer,sdk/examples/printer))
$(eval $(call sdk_driver,rtc,sdk/examples/rtc))
# Services written for the tests (os/tests/services/*): system processes
# started with `service up /usr/tests/NAME`, printing on the console.
TEST_SERVICES := $(notdir $(patsubst %/,%,$(wildcard os/tests/services/*/)))
$(foreach d,$(TEST_SERVICES),$(eval $(call user_program,$(d),os/tests/services/$(d),$(SERVER_STDIO))))
TEST_PROGRAMS := $(notdir $(patsubst %/,%,$(wildcard os/tests/user/*/)))
$(foreach d,$(TEST_PROGRAMS),$(eval $(call user_program,$(d),os/tests/user/$(d),$(KIT))))

all: $(PROGRAMS)

# ---- root file system -------------------------------------------------------
# build/rootfs.cpio, a boot module the root file-system server unpacks: the
# tree described by os/rootfs/proto plus every command and test program.
# Service manifests: os/rootfs/etc/system.conf.d/<label> for the boot
# services, and each SDK example's <label>.conf, installed as
# /etc/system.conf.d/<label>.
MANIFESTS := $(wildcard os/rootfs/etc/system.conf.d/*) \
	$(wildcard sdk/examples/*/*.conf)
# Regenerated on every make (the lists of files can shrink), but rewritten
# only when its text changes, so the archive is rebuilt only then.
$(BUILD)/rootfs.proto: FORCE
	@mkdir -p $(@D)
	$(Q){ cat os/rootfs/proto; \
	  for c in $(COMMANDS); do \
	    case " $(SBIN_COMMANDS) " in *" $$c "*) d=sbin;; *) d=bin;; esac; \
	    echo "f /$$d/$$c 755 $(BUILD)/stripped/$$c"; done; \
	  for m in $(MANIFESTS); do \
	    echo "f /etc/system.conf.d/$$(basename $$m .conf) 644 $$m"; done; \
	  for t in $(TEST_PROGRAMS); do echo "f /bin/$$t 755 $(BUILD)/stripped/$$t"; done; \
	  for d in $(FS_DRIVERS); do echo "f /usr/drivers/$$d 755 $(BUILD)/stripped/$$d"; done; \
	  for d in $(TEST_SERVICES); do echo "f /usr/tests/$$d 755 $(BUILD)/stripped/$$d"; done; \
	  $(EXTRA_PROTO) \
	} > $@.new
	$(Q)if cmp -s $@.new $@; then rm $@.new; \
	else echo "  GEN     $@"; mv $@.new $@; fi
.PHONY: FORCE
FORCE:

# The root file system holds the programs without their debugging sections
# (build/bin keeps them, for gdb).
$(BUILD)/stripped/%: $(BUILD)/bin/%
	@mkdir -p $(@D)
	$(Q)strip --strip-debug -o $@ $<

# The build's check of the manifests: a host program built from the same
# parser as RS and `service` (os/lib/manifest); an error stops the build
# with "FILE:LINE: message".
$(MANIFEST_CHECK): os/tools/manifest_check.c $(wildcard os/lib/manifest/*.c \
		os/lib/manifest/*.h) $(wildcard os/include/abi/*.h)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)gcc -std=gnu11 -O2 -Wall -Wextra -Werror -Ios/include -Ios/lib/manifest \
		-o $@ os/tools/manifest_check.c $(wildcard os/lib/manifest/*.c)

$(BUILD)/manifests.ok: $(MANIFEST_CHECK) $(MANIFESTS)
	@echo "  CHECK   manifests"
	$(Q)$(MANIFEST_CHECK) $(MANIFESTS)
	$(Q)touch $@

# Drivers from outside the OS: make image EXTRA_DRIVERS="DIR ...".
include os/mk/extra_drivers.mk

$(BUILD)/rootfs.cpio: $(BUILD)/rootfs.proto os/tools/mkrootfs.py $(BUILD)/manifests.ok \
		$(patsubst %,$(BUILD)/stripped/%,$(COMMANDS) $(TEST_PROGRAMS) $(FS_DRIVERS) $(TEST_SERVICES)) \
		$(shell find os/rootfs -type f 2>/dev/null) $(EXTRA_FILES)
	@echo "  CPIO    $@"
	$(Q)/usr/bin/python3 os/tools/mkrootfs.py $(BUILD)/rootfs.proto $@

# ---- bootable image -------------------------------------------------------
BOOT_MODULE_FILES := $(patsubst %,$(BUILD)/stripped/%,$(BOOT_MODULES)) \
	$(patsubst %,$(BUILD)/%,$(BOOT_DATA))

$(BUILD)/os.iso: $(BUILD)/kernel.elf $(BOOT_MODULE_FILES) os/tools/mkiso.sh os/boot.mk
	@echo "  ISO     $@"
	$(Q)os/tools/mkiso.sh $@ $(BUILD)/kernel.elf "$(KERNEL_CMDLINE)" $(BOOT_MODULE_FILES)

$(BUILD)/bochsrc: os/tools/mkbochsrc.sh $(BUILD)/os.iso
	@echo "  GEN     $@"
	$(Q)os/tools/mkbochsrc.sh --iso $(BUILD)/os.iso --serial term:/dev/tty \
		--parport $(BUILD)/parallel.out > $@

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)

.PHONY: print-boot-modules
print-boot-modules:
	@echo $(BOOT_MODULE_FILES)
