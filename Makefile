# Phoenix: an educational i386 microkernel OS, its driver SDK, labs and
# test harness. `make help` lists the targets.

.DEFAULT_GOAL := all
BUILD ?= build
PYTHON := /usr/bin/python3
EMU ?= qemu
QEMU := qemu-system-i386
# The parallel port LPT1 (/dev/lp in the guest) prints into this file.
PARALLEL_OUT := $(BUILD)/parallel.out
QEMU_FLAGS := -m 256 -display none -serial stdio -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-parallel file:$(PARALLEL_OUT)
# make run: the same machine, but ^C on the terminal goes to the guest (the
# shell's foreground program), and Ctrl-A X quits QEMU.
QEMU_RUN_FLAGS := -m 256 -display none -chardev stdio,id=con,mux=on,signal=off \
	-serial chardev:con -monitor none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-parallel file:$(PARALLEL_OUT)
# The disk: build/disk.img, an ext2 image of os/disk/ (os/disk/README.md)
# that /etc/rc mounts on /home. make run attaches it (made once when
# missing, then kept: what the guest writes there persists); make disk
# makes it again.
DISK_IMG := $(BUILD)/disk.img
DISK_SIZE ?= 64M
# make run DISK=IMG: the raw disk image IMG instead (DISK=none: no disk)
# as the primary master (the guest's /dev/c0d0; the CD-ROM stays the
# secondary master, and the one the BIOS boots, even when the disk has a
# partition table).
RUN_DISK := $(if $(filter none,$(DISK)),,$(or $(DISK),$(DISK_IMG)))
comma := ,
RUN_DISK_FLAGS := $(if $(RUN_DISK),-drive file=$(RUN_DISK)$(comma)format=raw$(comma)if=ide$(comma)index=0 \
	-boot order=d)
# make run NET=1: an e1000 on user networking (the guest 10.0.2.15, the
# host 10.0.2.2) with a free port of the host's 127.0.0.1 forwarded to the
# guest's port NET_GUEST_PORT (80), printed first; without NET, QEMU's
# default card (no port forwarded) and none on Bochs, as always.
NET_GUEST_PORT ?= 80
# How QEMU boots (make run, make debug): by default its own Multiboot
# loader with the kernel and modules of build/os.boot, the boot list
# os/tools/mkiso.sh writes beside the ISO (os/tools/multiboot.sh; QEMU
# runs in that folder, so every path given to it is absolute); BOOT=iso:
# the BIOS boots the ISO and GRUB loads them from it (Bochs always does).
# The CD is attached either way.
QEMU_BOOT = $(if $(filter iso,$(BOOT)),,os/tools/multiboot.sh $(BUILD)/os.boot)
QEMU_RUN_ABS_FLAGS = $(subst file:$(PARALLEL_OUT),file:$(abspath $(PARALLEL_OUT)),$(QEMU_RUN_FLAGS)) \
	-cdrom $(abspath $(BUILD)/os.iso)

# os/ builds the OS and knows nothing of sdk/; the SDK is assembled from
# the OS (its headers and make rules are links into os/, sdk/lib is copied
# from the OS's build by `make sdk`). Here the project puts the two
# together: os/os.mk includes these make files, which build sdk/lib and
# the SDK's example drivers for the image (docs/architecture.md).
IMAGE_DRIVERS_MK := sdk/mk/sdk.mk sdk/mk/examples.mk
include os/os.mk

.PHONY: all abi image disk help run debug test test-host bench campaign fuzz demo clean deps check-deps docs \
	grade handout autograder check-labs
.PHONY: test-scale campaign-merge fuzz-merge

all: $(BUILD)/os.iso $(BUILD)/bochsrc abi ## build the kernel, programs and image

# The facts the harness shares with the OS (harness/abi.py), generated from
# os/include/abi; committed, so that pytest runs in a fresh clone, and
# rewritten only when it changes (os/tests/test_abi_host.py checks it).
ABI_GEN := harness/_abi_gen.py
$(ABI_GEN): $(wildcard os/include/abi/*.h) harness/genabi.py
	$(Q)$(PYTHON) harness/genabi.py $@
	@touch $@

abi: $(ABI_GEN) ## regenerate harness/_abi_gen.py from os/include/abi

image: all ## the image; EXTRA_DRIVERS="DIR ..." adds your drivers (os/mk/extra_drivers.mk)

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{ printf "  %-12s %s\n", $$1, $$2 }'

deps: ## install the Debian packages the project needs (root)
	@os/tools/deps.sh

check-deps:
	@os/tools/deps.sh --check >/dev/null 2>&1 || os/tools/deps.sh
	@$(PYTHON) harness/python.py make pytest pexpect

disk: ## (re)make build/disk.img, the guest's /home: ext2 from os/disk/ [DISK_SIZE=64M] (what the guest wrote there is lost)
	@mkdir -p $(BUILD)
	@os/tools/mkdisk.sh $(DISK_IMG) os/disk $(DISK_SIZE)

$(DISK_IMG):
	@mkdir -p $(BUILD)
	@os/tools/mkdisk.sh $@ os/disk $(DISK_SIZE)

run: check-deps all $(if $(DISK),,$(DISK_IMG)) ## boot on QEMU (EMU=bochs for Bochs), console on this terminal, build/disk.img as /home [DISK=raw image, or none] [NET=1: network, a host port forwarded] [BOOT=iso: from the ISO, not QEMU's Multiboot loader]
	@$(if $(RUN_DISK),test -f $(RUN_DISK) || { echo "make run: DISK=$(RUN_DISK): no such file" >&2; exit 2; })
	@echo "The disk: $(if $(RUN_DISK),$(RUN_DISK) is /dev/c0d0$(if $(DISK),, (make disk makes it again)),none (DISK=none): /home is in memory)."
ifeq ($(EMU),bochs)
	@echo "Bochs: the console is this terminal; the VGA screen is on VNC (:5900)."
	@echo "Bochs' own messages go to $(BUILD)/bochs-run.log."
	@echo "The printer (/dev/lp) prints into $(PARALLEL_OUT)."
	$(if $(NET),@port=$$($(PYTHON) os/tools/freeport.py) || exit 1; \
		$(PYTHON) -c 'import sys; from harness.machine import bochs_slirp_conf as c; \
		sys.stdout.write(c(int(sys.argv[1]), int(sys.argv[2])))' $$port $(NET_GUEST_PORT) \
		> $(BUILD)/slirp.conf && echo "net: host port $$port -> guest port $(NET_GUEST_PORT)")
	$(if $(or $(RUN_DISK),$(NET)),@os/tools/mkbochsrc.sh --iso $(BUILD)/os.iso --serial term:/dev/tty \
		--parport $(PARALLEL_OUT) $(if $(RUN_DISK),$$($(PYTHON) -c 'import sys; from harness.machine import \
		bochs_disk_args as a; print(" ".join(a(sys.argv[1])))' $(RUN_DISK))) \
		$(if $(NET),--net $(BUILD)/slirp.conf) > $(BUILD)/bochsrc-run)
	@bochs -q -f $(BUILD)/bochsrc$(if $(or $(RUN_DISK),$(NET)),-run) -rc os/tools/bochs-continue.rc \
		< /dev/null > $(BUILD)/bochs-run.log 2>&1; stty sane 2>/dev/null; \
		echo; grep -h "Bochs is exiting" -A1 $(BUILD)/bochs-run.log | tail -1
else ifeq ($(EMU),qemu)
	@echo "QEMU: the console is this terminal; press Ctrl-A X to quit."
	@echo "The printer (/dev/lp) prints into $(PARALLEL_OUT)."
	@$(if $(NET),port=$$($(PYTHON) os/tools/freeport.py) || exit 1; \
		echo "net: host port $$port -> guest port $(NET_GUEST_PORT)";) \
	$(QEMU_BOOT) $(QEMU) $(QEMU_RUN_ABS_FLAGS) $(subst file=$(RUN_DISK),file=$(abspath $(RUN_DISK)),$(RUN_DISK_FLAGS)) \
		$(if $(NET),-nic user$(comma)model=e1000$(comma)hostfwd=tcp:127.0.0.1:$$port-:$(NET_GUEST_PORT)); \
		status=$$?; [ $$status -eq 33 ] || [ $$status -eq 0 ] || \
		{ echo "QEMU exited with status $$status (35 = kernel panic)"; exit 1; }
else
	@echo "EMU must be qemu or bochs, not '$(EMU)'" >&2; exit 2
endif

# make debug: QEMU halted, its GDB stub on a free port of 127.0.0.1 (or
# GDB_PORT=N), and the gdb command to paste (os/mk/debug.mk writes the
# script: every program's symbols, phoenix-break).
debug: check-deps all ## boot on QEMU halted for GDB; prints the gdb command (free port, GDB_PORT=N)
	@port=$${GDB_PORT:-$$($(PYTHON) os/tools/freeport.py)} || exit 1; \
	echo "QEMU waits for GDB on 127.0.0.1:$$port; the console is this terminal (Ctrl-A X quits)."; \
	echo "In another terminal:"; \
	echo "    gdb -x $(abspath $(GDB_SCRIPT)) -ex 'target remote 127.0.0.1:$$port'"; \
	echo "then, for example: phoenix-break hello hello_read, continue" \
		"(docs/writing-a-driver.md)."; \
	$(QEMU_BOOT) $(QEMU) $(QEMU_RUN_ABS_FLAGS) -gdb tcp:127.0.0.1:$$port -S; \
		status=$$?; [ $$status -eq 33 ] || [ $$status -eq 0 ] || \
		{ echo "QEMU exited with status $$status (35 = kernel panic)"; exit 1; }

# ARGS go to pytest: make test ARGS="-k hello -x", make test ARGS=--lf
# (pytest's cache is build/.pytest_cache). Reports: build/reports/.
# JOBS: pytest-xdist workers, one test file each at a time (--dist
# loadfile: a file's tests share its machines); JOBS=0 runs everything in
# pytest's own process (one after the other; for --pdb).
JOBS ?= 2
# Tests marked `scale` (long sharded-vs-unsharded campaigns) are left to
# make test-scale; an ARGS="-m ..." of your own replaces the selection.
test: check-deps all ## the whole test suite (both emulators); ARGS="pytest args", JOBS=N workers (2; 0: none)
	$(PYTHON) -m pytest -n $(JOBS) --dist loadfile -m "not scale" $(ARGS)

test-scale: check-deps all ## the long sharding tests (pytest -m scale: a 200-fault campaign as 4 shards vs unsharded); ARGS="pytest args"
	$(PYTHON) -m pytest -n $(JOBS) --dist loadfile -m scale $(ARGS)

# The host-only tests: os/tests/*_host.py and harness/tests (the harness
# against fake emulators); nothing boots, nothing needs QEMU or the image
# (those that build host programs build them). ARGS as for make test.
HOST_TESTS = $(wildcard os/tests/test_*_host.py) harness/tests
test-host: ## the host-only tests (no emulator, no image); ARGS="pytest args"
	$(PYTHON) -m pytest -p harness.hostonly -n $(JOBS) --dist loadfile $(HOST_TESTS) $(ARGS)

bench: check-deps all ## benchmarks under QEMU icount: table + build/bench.json (BENCH_ARGS="--runs 9")
	$(PYTHON) -m harness.bench $(BENCH_ARGS)

campaign: check-deps all ## fault injection: FAULTS=N [DRIVERS="hello rtc printer"|"pm,vfs,ds"|core|net|all] [CORE=1: + pm mm vfs rootfs ds tty memdev rs; net: e1000 inet pci; all: every service] [SEED=S] [JOBS=J] [REPLAY=TRIALSEED] [PERIOD=ticks] (docs/campaigns.md)
	@test -n "$(FAULTS)$(REPLAY)" || { echo "campaign: error: say how many faults: make campaign FAULTS=1000 (or REPLAY=TRIALSEED)" >&2; exit 2; }
	$(PYTHON) -m harness campaign $(if $(REPLAY),--replay '$(REPLAY)',--faults '$(FAULTS)') \
		$(if $(DRIVERS),--drivers '$(DRIVERS)') $(if $(filter 1 yes,$(CORE)),--core) $(if $(SEED),--seed '$(SEED)') \
		$(if $(JOBS),--jobs '$(JOBS)') $(if $(PERIOD),--period '$(PERIOD)') $(if $(SHARD),--shard '$(SHARD)') $(CAMPAIGN_ARGS)

fuzz: check-deps all ## fuzz servers, kernel calls, system calls as student: N=1000000 [SEED=S] [FRAMES=F: bad frames too] [FI="pm vfs"|core|net|all: one service fi per batch]; build/fuzz/report.json
	@test -n "$(N)" || { echo "fuzz: error: say how many messages: make fuzz N=1000000 [SEED=S]" >&2; exit 2; }
	$(PYTHON) -m harness fuzz --count "$(N)" $(if $(SEED),--seed "$(SEED)") $(if $(FRAMES),--frames "$(FRAMES)") $(if $(FI),--fi "$(FI)") $(if $(SHARD),--shard "$(SHARD)") $(FUZZ_ARGS)

# make campaign-merge DIR... (or DIRS="..."; none: build/campaign/shard-*):
# the shards' reports into build/campaign (OUT=DIR elsewhere). The folders
# named after the goal are arguments, not targets (MERGE_DIRS below).
campaign-merge: ## merge shards' campaign reports (make campaign/fuzz ... SEED=S SHARD=i/K: shard i of K): DIR... or DIRS="..." (default build/campaign/shard-*) [OUT=DIR] (docs/scaling.md)
	$(PYTHON) -m harness campaign merge $(DIRS) $(MERGE_DIRS) $(if $(OUT),--out '$(OUT)')

fuzz-merge: ## merge shards' fuzz reports: DIR... or DIRS="..." (default build/fuzz/shard-*) [OUT=DIR] (docs/scaling.md)
	$(PYTHON) -m harness fuzz merge $(DIRS) $(MERGE_DIRS) $(if $(OUT),--out '$(OUT)')

# The words after campaign-merge or fuzz-merge are folders to merge: taken
# out of the goals (an empty recipe each, so make does not look for them).
ifneq ($(filter campaign-merge fuzz-merge,$(firstword $(MAKECMDGOALS))),)
MERGE_DIRS := $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
ifneq ($(MERGE_DIRS),)
$(eval $(MERGE_DIRS):;@:)
endif
endif

# The course kit (labs/README.md, labs/tools/labkit.py).
LABKIT := $(PYTHON) labs/tools/labkit.py
grade: check-deps ## grade a lab: LAB=N [SUBMISSION=DIR] (default: its starter) [ARGS="-k x --lf"]
	@$(LABKIT) grade "$(LAB)" $(if $(SUBMISSION),--submission "$(SUBMISSION)") \
		$(if $(ARGS),--pytest-args='$(ARGS)')

handout: ## build/handout/labN.tar.gz for LAB=N (no solutions, no hidden tests) [CLASSROOM=1: + GitHub Classroom autograding workflow]
	@$(LABKIT) handout "$(LAB)" $(if $(filter 1 yes,$(CLASSROOM)),--classroom)

autograder: ## build/autograder/labN.zip (Gradescope) for LAB=N
	@$(LABKIT) autograder "$(LAB)"

check-labs: check-deps all ## every lab: solution full marks, starter less; every hostile submission held
	@$(LABKIT) check-labs $(LABS)
	HOSTILE=all $(PYTHON) -m pytest -p no:cacheprovider labs/tests

demo: check-deps all ## a narrated instructor demo on QEMU: services, live updates, crashes, recovery times [STEP=1: Enter for each step] [PAUSE=seconds]
	@$(PYTHON) labs/tools/demo.py --image $(BUILD)/os.iso $(if $(STEP),--step) \
		$(if $(PAUSE),--pause '$(PAUSE)')

# The Doxygen reference (docs/Doxyfile). First a strict pass over the SDK's
# public headers alone, where any warning fails the build; then the full
# pass over the SDK, the guides and the OS sources, with graphviz diagrams
# and its warnings in $(BUILD)/docs/warnings.log; then the SDK is moved to
# the top of the file list (docs/sdk_first.py).
DOCS_STRICT := INPUT = $(wildcard sdk/include/*.h)\nRECURSIVE = NO\nEXCLUDE =\n\
	EXTRACT_ALL = NO\nEXTRACT_STATIC = NO\nSOURCE_BROWSER = NO\n\
	VERBATIM_HEADERS = NO\nUSE_MDFILE_AS_MAINPAGE =\nHAVE_DOT = NO\n\
	GENERATE_TREEVIEW = NO\nSEARCHENGINE = NO\n\
	OUTPUT_DIRECTORY = $(BUILD)/docs/strict\nWARN_LOGFILE =\nWARN_AS_ERROR = YES\n
docs: ## the Doxygen reference: $(BUILD)/docs/html/index.html (SDK warnings fail)
	@command -v doxygen >/dev/null && command -v dot >/dev/null || \
		{ echo "make docs needs doxygen and graphviz: make deps" >&2; exit 1; }
	@rm -rf $(BUILD)/docs && mkdir -p $(BUILD)/docs
	@echo "doxygen: sdk/include (warnings are errors)"
	@{ cat docs/Doxyfile; printf '$(DOCS_STRICT)'; } | doxygen - \
		2> $(BUILD)/docs/strict.log; status=$$?; \
		if [ $$status -ne 0 ] || grep -q . $(BUILD)/docs/strict.log; then \
		cat $(BUILD)/docs/strict.log >&2; \
		echo "make docs: sdk/include must document everything (above)" >&2; \
		exit 1; fi
	@rm -rf $(BUILD)/docs/strict $(BUILD)/docs/strict.log
	@echo "doxygen: sdk and os (warnings: $(BUILD)/docs/warnings.log)"
	@{ cat docs/Doxyfile; echo 'OUTPUT_DIRECTORY = $(BUILD)/docs'; \
		echo 'WARN_LOGFILE = $(BUILD)/docs/warnings.log'; } | doxygen -
	@test -f $(BUILD)/docs/html/index.html
	@$(PYTHON) docs/sdk_first.py $(BUILD)/docs/html || true
	@echo "$(BUILD)/docs/html/index.html ($$(wc -l < $(BUILD)/docs/warnings.log) warning lines in $(BUILD)/docs/warnings.log)"

clean: clean-sdk ## remove everything built
	rm -rf $(BUILD)
