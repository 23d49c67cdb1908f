# debug.mk: what `make debug` gives GDB (docs/writing-a-driver.md,
# "Debugging a driver"). Included by os/os.mk after the lists of programs
# and os/mk/extra_drivers.mk.
#
# $(BUILD)/phoenix.gdb, the file `gdb -x` reads: the kernel's symbols,
# os/tools/phoenix-gdb.py (phoenix-break, phoenix-sync, ...) and one
# `phoenix-program NAME ELF` line per program: every server, driver,
# command and test program of $(BUILD)/bin, and every extra driver
# (EXTRA_DRIVERS), whose unstripped builds are copied to $(BUILD)/debug.
# Every program is linked at the same address, so only the symbols of the
# process that runs are loaded: a hook-stop switches them at each stop.

GDB_SCRIPT := $(BUILD)/phoenix.gdb
GDB_PY := os/tools/phoenix-gdb.py

# extra_debug DIR NAME: $(BUILD)/debug/NAME (and NAME.v2 when the driver
# has one), the unstripped builds of the extra driver NAME, copied once
# $(BUILD)/extra/NAME made them (os/mk/extra_drivers.mk).
define extra_debug
$(BUILD)/debug/$(2): $(BUILD)/extra/$(2)
	@mkdir -p $$(@D)
	$(Q)cp $(1)/build/$(2) $$@
	$(Q)rm -f $$@.v2; if [ -f $(1)/build/$(2).v2 ]; then \
		cp $(1)/build/$(2).v2 $$@.v2; fi
endef
$(foreach i,$(shell seq 1 $(words $(EXTRA_NAMES))),$(eval $(call \
	extra_debug,$(word $(i),$(EXTRA_DIRS)),$(word $(i),$(EXTRA_NAMES)))))
DEBUG_EXTRA := $(patsubst %,$(BUILD)/debug/%,$(EXTRA_NAMES))

# Regenerated on every make (the programs can change), rewritten only when
# its text changes. Absolute paths: gdb may start in any folder.
$(GDB_SCRIPT): $(BUILD)/kernel.elf $(PROGRAMS) $(DEBUG_EXTRA) FORCE
	@mkdir -p $(@D)
	$(Q){ echo "# $@: written by make (os/mk/debug.mk); gdb -x $@"; \
	  echo "set architecture i386"; \
	  echo "file $(abspath $(BUILD)/kernel.elf)"; \
	  echo "source $(abspath $(GDB_PY))"; \
	  for p in $(abspath $(PROGRAMS)); do \
	    echo "phoenix-program $$(basename $$p) $$p"; done; \
	  for p in $(abspath $(DEBUG_EXTRA)); do \
	    echo "phoenix-program $$(basename $$p) $$p"; \
	    if [ -f $$p.v2 ]; then \
	      echo "phoenix-program $$(basename $$p).v2 $$p.v2"; fi; done; \
	  echo "define hook-stop"; echo "phoenix-sync"; echo "end"; \
	  echo "echo Phoenix: kernel symbols loaded, and each program's when" \
	    "its process runs (phoenix-programs lists them).\\\\n"; \
	  echo "echo phoenix-break PROGRAM LOCATION stops in that program" \
	    "only (docs/writing-a-driver.md).\\\\n"; \
	} > $@.new
	$(Q)if cmp -s $@.new $@; then rm $@.new; \
	else echo "  GEN     $@"; mv $@.new $@; fi

all: $(GDB_SCRIPT)
