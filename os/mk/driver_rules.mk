# driver_rules.mk: the one definition of how a driver is compiled and
# linked. Every driver uses it: the OS's own (os/drivers/tty, memdev; os/os.mk)
# and every driver built with the SDK (sdk/mk/driver.mk: the examples, the
# labs' drivers, EXTRA_DRIVERS, a scaffolded driver). Needs os/mk/guest.mk.
#
# driver_rules OUT OBJDIR SRCDIR SRCS P: rules that build the program OUT
# from SRCS (.c and .S names relative to SRCDIR, which is empty or ends in
# /), each compiled to OBJDIR/NAME.o, then linked as
#     $(P)_CRT0  objects  $(P)_CONSOLE  $(P)_LIB  -lgcc
# with the link script $(P)_LD. The compiler flags are $(P)_CFLAGS (C) and
# $(P)_ASFLAGS (assembler), read when the recipes run. What differs between
# two drivers is thus only what P names: the include folders and the
# library files (the OS's own, or the SDK's copies of them).
define driver_rules
$(2)/%.c.o: $(3)%.c
	@mkdir -p $$(@D)
	@echo "  CC      $$<"
	$$(Q)$$(CC) $$($(5)_CFLAGS) -c $$< -o $$@

$(2)/%.S.o: $(3)%.S
	@mkdir -p $$(@D)
	@echo "  AS      $$<"
	$$(Q)$$(CC) $$($(5)_ASFLAGS) -c $$< -o $$@

$(1): $(patsubst %,$(2)/%.o,$(4)) $$($(5)_CRT0) $$($(5)_CONSOLE) $$($(5)_LIB) $$($(5)_LD)
	@mkdir -p $$(@D)
	@echo "  LD      $$@"
	$$(Q)$$(CC) $$(GUEST_LDFLAGS) -T $$($(5)_LD) -o $$@ $$($(5)_CRT0) \
		$(patsubst %,$(2)/%.o,$(4)) $$($(5)_CONSOLE) $$($(5)_LIB) -lgcc
endef
