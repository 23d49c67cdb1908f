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
# the block-driver library (os/lib/blockdriver), the network-driver
# library (os/lib/netdriver), the file servers' block
# client (os/lib/bdev),
# the service-manifest parser (os/lib/manifest), the event framework
# (os/lib/sef) and the data store's client calls (os/lib/ds).
# USER_INCLUDES: the include folders of ring-3 code (make
# print-user-includes: os/tests/host/libc builds libc with them).
USER_INCLUDES := -Ios/include -Ios/lib/common -Ios/lib/libc/include \
	-Ios/lib/sys -Ios/lib/manifest -Ios/include/driver -Ios/lib/bdev
USER_CFLAGS := $(GUEST_CFLAGS) -D__phoenix__ $(USER_INCLUDES)
# Host builds of OS code (the manifest checker below, the host tests
# through harness/hostbuild.py, which reads `make -s print-host-flags`):
# the include folders of ring-3 code but the C library's own headers and
# the code it shares with the kernel (a host build links with the host's
# C library), and its defines (none: not __phoenix__).
HOST_OS_DEFINES :=
HOST_OS_CFLAGS := $(HOST_OS_DEFINES) $(filter-out -Ios/lib/common \
	-Ios/lib/libc/include,$(USER_INCLUDES))
LIBC_SRCS := $(shell find os/lib/libc os/lib/sys os/lib/chardriver os/lib/blockdriver os/lib/netdriver os/lib/bdev os/lib/manifest \
	os/lib/sef os/lib/ds \
	-name '*.c' 2>/dev/null | sort) $(COMMON_SRCS)
# The PCI server's client calls (os/lib/pci, sdk/include/pci.h).
LIBC_SRCS += $(sort $(wildcard os/lib/pci/*.c))
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
# Folders under os/servers that are not boot services and not built.
# os/servers/inet is built once it has its receive loop (main.c); until
# then only its TCP engine is there (compiled by os/tests/test_tcp_host.py).
NOT_SERVERS := $(if $(wildcard os/servers/inet/main.c),,inet)
# A folder under os/servers with a manifest of its own (NAME.conf) is not
# a boot service but a server started from the file system, installed as
# /sbin/NAME (os/servers/ext2: one instance per mount, started by mount).
OS_FS_SERVERS := $(notdir $(patsubst %/,%,$(dir $(wildcard os/servers/*/*.conf))))
# A folder under os/drivers with a manifest of its own (NAME.conf) is not
# a boot service but a driver started from the file system, installed as
# /usr/drivers/NAME (os/drivers/ata, started by /etc/rc).
OS_FS_DRIVERS := $(notdir $(patsubst %/,%,$(dir $(wildcard os/drivers/*/*.conf))))
SERVERS := $(filter-out $(NOT_SERVERS) $(OS_FS_DRIVERS) $(OS_FS_SERVERS),$(notdir $(patsubst \
	%/,%,$(wildcard os/servers/*/ os/drivers/*/))))
COMMANDS := $(notdir $(patsubst %/,%,$(wildcard os/commands/*/)))
$(foreach d,$(filter-out $(NOT_SERVERS:%=os/servers/%/),$(wildcard os/servers/*/)),$(eval $(call \
	user_program,$(notdir $(patsubst %/,%,$(d))),$(patsubst %/,%,$(d)),$(SERVER_STDIO))))
# The OS's drivers (tty, memdev) are built like every driver, by
# driver_rules (os/mk/driver_rules.mk, which sdk/mk/driver.mk uses too),
# with the OS's include folders (they may use the OS-internal syslib.h)
# and the OS's own libraries instead of the SDK's copies of them.
OS_DRIVER_CFLAGS = $(USER_CFLAGS)
OS_DRIVER_ASFLAGS = $(GUEST_ASFLAGS) -Ios/include
OS_DRIVER_CRT0 := $(CRT0)
OS_DRIVER_CONSOLE := $(SERVER_STDIO)
OS_DRIVER_LIB := $(LIBC)
OS_DRIVER_LD := $(USER_LD)
$(foreach d,$(patsubst os/drivers/%/,%,$(wildcard os/drivers/*/)),$(eval $(call \
	driver_rules,$(BUILD)/bin/$(d),$(OBJ)/drivers/$(d),os/drivers/$(d)/,$(notdir \
	$(wildcard os/drivers/$(d)/*.c os/drivers/$(d)/*.S)),OS_DRIVER))$(eval \
	PROGRAMS += $(BUILD)/bin/$(d)))
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
# Drivers from outside os/ started from the file system (installed in
# /usr/drivers): os/ does not know where they come from. The project's
# Makefile names, in IMAGE_DRIVERS_MK, the make files that build them and
# the SDK (sdk/mk/sdk.mk, sdk/mk/examples.mk), included here: each adds its
# programs to PROGRAMS and FS_DRIVERS, its manifests to FS_MANIFESTS and
# what an EXTRA_DRIVERS build needs first to EXTRA_DRIVER_DEPS.
FS_DRIVERS :=
FS_MANIFESTS :=
EXTRA_DRIVER_DEPS :=
include $(IMAGE_DRIVERS_MK)
FS_DRIVERS += $(OS_FS_DRIVERS)
FS_MANIFESTS += $(wildcard os/drivers/*/*.conf)
FS_MANIFESTS += $(wildcard os/servers/*/*.conf)
# Test services' own manifests (os/tests/services/NAME/LABEL.conf).
FS_MANIFESTS += $(wildcard os/tests/services/*/*.conf)
# Services written for the tests (os/tests/services/*): system processes
# started with `service up /usr/tests/NAME`, printing on the console.
TEST_SERVICES := $(notdir $(patsubst %/,%,$(wildcard os/tests/services/*/)))
# TEST_SERVICE_OBJS_<name>: objects of OS code a test service links with
# (atatest: the ata driver's hardware layer, tested without the library).
TEST_SERVICE_OBJS_atatest := $(OBJ)/drivers/ata/ata_io.c.o $(OBJ)/drivers/ata/ata_rw.c.o
$(foreach d,$(TEST_SERVICES),$(eval $(call user_program,$(d),os/tests/services/$(d),$(SERVER_STDIO) $(KIT) $(TEST_SERVICE_OBJS_$(d)))))
TEST_PROGRAMS := $(notdir $(patsubst %/,%,$(wildcard os/tests/user/*/)))
$(foreach d,$(TEST_PROGRAMS),$(eval $(call user_program,$(d),os/tests/user/$(d),$(KIT))))

all: $(PROGRAMS)

# ---- root file system -------------------------------------------------------
# build/rootfs.cpio, a boot module the root file-system server unpacks: the
# tree described by os/rootfs/proto plus every command and test program.
# Service manifests: os/rootfs/etc/system.conf.d/<label> for the boot
# services, and each FS_MANIFESTS file <label>.conf (the SDK's examples),
# installed as /etc/system.conf.d/<label>.
MANIFESTS := $(wildcard os/rootfs/etc/system.conf.d/*) $(FS_MANIFESTS)
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
	  for d in $(OS_FS_SERVERS); do echo "f /sbin/$$d 755 $(BUILD)/stripped/$$d"; done; \
	  for d in $(TEST_SERVICES); do echo "f /usr/tests/$$d 755 $(BUILD)/stripped/$$d"; done; \
	  for d in $(BOOT_MODULES); do echo "f /usr/boot/$$d 755 $(BUILD)/stripped/$$d"; done; \
	  $(EXTRA_PROTO) \
	} > $@.new
	$(Q)if cmp -s $@.new $@; then rm $@.new; \
	else echo "  GEN     $@"; mv $@.new $@; fi
.PHONY: FORCE
FORCE:

# The root file system holds the programs without their debugging sections
# and symbol tables (build/bin keeps them, for gdb and objdump): a seventh
# less for GRUB to read from the CD and for rootfs to unpack.
$(BUILD)/stripped/%: $(BUILD)/bin/%
	@mkdir -p $(@D)
	$(Q)strip --strip-all -o $@ $<

# The build's check of the manifests: a host program built from the same
# parser as RS and `service` (os/lib/manifest); an error stops the build
# with "FILE:LINE: message".
$(MANIFEST_CHECK): os/tools/manifest_check.c $(wildcard os/lib/manifest/*.c \
		os/lib/manifest/*.h) $(wildcard os/include/abi/*.h)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)gcc -std=gnu11 -O2 -Wall -Wextra -Werror $(HOST_OS_CFLAGS) \
		-o $@ os/tools/manifest_check.c $(wildcard os/lib/manifest/*.c)

$(BUILD)/manifests.ok: $(MANIFEST_CHECK) $(MANIFESTS)
	@echo "  CHECK   manifests"
	$(Q)$(MANIFEST_CHECK) $(MANIFESTS)
	$(Q)touch $@

# Drivers from outside the OS: make image EXTRA_DRIVERS="DIR ...".
include os/mk/extra_drivers.mk
# What `make debug` gives GDB: build/phoenix.gdb (os/mk/debug.mk).
include os/mk/debug.mk

$(BUILD)/rootfs.cpio: $(BUILD)/rootfs.proto os/tools/mkrootfs.py $(BUILD)/manifests.ok \
		$(patsubst %,$(BUILD)/stripped/%,$(COMMANDS) $(TEST_PROGRAMS) $(FS_DRIVERS) $(OS_FS_SERVERS) $(TEST_SERVICES) $(BOOT_MODULES)) \
		$(shell find os/rootfs -type f 2>/dev/null) $(EXTRA_FILES)
	@echo "  CPIO    $@"
	$(Q)/usr/bin/python3 os/tools/mkrootfs.py $(BUILD)/rootfs.proto $@

# ---- bootable image -------------------------------------------------------
BOOT_MODULE_FILES := $(patsubst %,$(BUILD)/stripped/%,$(BOOT_MODULES)) \
	$(patsubst %,$(BUILD)/%,$(BOOT_DATA))

# The image's kernel without its debugging sections (build/kernel.elf keeps
# them, for gdb): GRUB reads every section of the kernel from the CD, and
# the kernel has its own symbol table (.ksyms).
$(BUILD)/stripped/kernel.elf: $(BUILD)/kernel.elf
	@mkdir -p $(@D)
	$(Q)strip --strip-debug -o $@ $<

$(BUILD)/os.iso: $(BUILD)/stripped/kernel.elf $(BOOT_MODULE_FILES) os/tools/mkiso.sh os/boot.mk
	@echo "  ISO     $@"
	$(Q)os/tools/mkiso.sh $@ $(BUILD)/stripped/kernel.elf "$(KERNEL_CMDLINE)" $(BOOT_MODULE_FILES)

$(BUILD)/bochsrc: os/tools/mkbochsrc.sh $(BUILD)/os.iso
	@echo "  GEN     $@"
	$(Q)os/tools/mkbochsrc.sh --iso $(BUILD)/os.iso --serial term:/dev/tty \
		--parport $(BUILD)/parallel.out > $@

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)

.PHONY: print-boot-modules
print-boot-modules:
	@echo $(BOOT_MODULE_FILES)

# The flags of a host build of OS code (HOST_OS_CFLAGS), one line, paths
# relative to the top of the tree: harness/hostbuild.py reads them.
.PHONY: print-host-flags print-user-includes
print-host-flags:
	@echo $(HOST_OS_CFLAGS)

# The include folders of ring-3 code (USER_INCLUDES), paths relative to
# the top of the tree: os/tests/host/libc/Makefile reads them.
print-user-includes:
	@echo $(USER_INCLUDES)
