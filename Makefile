# vfslab: trace open() through the VFS in a throwaway kernel under QEMU.
# `make lab` builds what is missing, boots, runs every scenario, reports.
# `make help` lists targets and variables.

KERNEL    ?= 6.12
FLAVOR    ?=
SUITE     ?=
SCENARIOS ?=
ACCEL     ?= auto
CLOCK     ?= virtual
TIMEOUT   ?=
RESULTS   ?= results
TRIGGERS  ?= triggers
BUILD     ?= build
QEMU      ?= qemu-system-x86_64
RUN       ?= $(RESULTS)/latest
RUN_FILE  ?=
KERNELS   ?= 6.1 6.12
RUNS      ?=
GOLDEN    ?=
GUEST_PATH ?= /lab/work
V         ?=

TOP      := $(CURDIR)
# FLAVOR=debug (KASAN, KFENCE, lockdep) builds beside the normal kernel.
KDIR     := $(abspath $(BUILD))/kernel-$(KERNEL)$(if $(filter-out normal,$(FLAVOR)),-$(FLAVOR))
OBJ      := $(KDIR)/obj
BZIMAGE  := $(OBJ)/arch/x86/boot/bzImage
MODDIR   := $(KDIR)/module
# Builds of a scenario folder are keyed by its name, plus a hash of its path
# when it is not this tree's triggers/ (two folders named alike stay apart).
TRIGKEY  := $(notdir $(abspath $(TRIGGERS)))$(if $(filter $(abspath triggers),$(abspath $(TRIGGERS))),,-$(shell echo '$(abspath $(TRIGGERS))' | sha256sum | cut -c1-8))
TRIGDIR  := $(abspath $(BUILD))/triggers-$(TRIGKEY)
IMAGE    := $(KDIR)/rootfs-$(TRIGKEY).img
# ROOTFS=debian: a Debian 12 userland (rootfs/debian/), triggers linked
# against its glibc; built and cached beside the busybox ones.
ROOTFS   ?= busybox
ifeq ($(ROOTFS),debian)
DEBIAN_SRC  := rootfs/debian/build-base.sh rootfs/debian/packages kernel-config/versions.lock
DEBIAN_BASE := $(abspath $(BUILD))/debian/base-$(shell cat $(DEBIAN_SRC) | sha256sum | cut -c1-12).tar
TRIGDIR  := $(TRIGDIR)-glibc
IMAGE    := $(KDIR)/rootfs-debian-$(TRIGKEY).img
TRIGGER_VARS := TRIGGER_CC=gcc C_LINK=
ROOTFS_CMD = rootfs/debian/build-image.sh $@ $(MODDIR) $(TRIGDIR) $(TRIGGERS) $(DEBIAN_BASE)
else ifeq ($(ROOTFS),busybox)
ROOTFS_CMD = rootfs/build-image.sh $@ $(MODDIR) $(TRIGDIR) $(TRIGGERS)
else
$(error ROOTFS=$(ROOTFS): use ROOTFS=busybox or ROOTFS=debian)
endif
TIMES    := $(KDIR)/times
REPORT   := $(abspath $(BUILD))/report/vfslab-report

MODULE_SRC  := $(wildcard module/*.c) module/Kbuild
# Suites are the folders of $(TRIGGERS) (stage2/, stage3/...); the image holds
# every suite, SUITE= only narrows what one boot runs and the report judges.
TRIGGER_SRC := $(wildcard $(TRIGGERS)/*.h $(TRIGGERS)/Makefile $(TRIGGERS)/*/*.c $(TRIGGERS)/*/*.S $(TRIGGERS)/*/*.h)
SCN         := $(wildcard $(TRIGGERS)/*/*.scn)
SCNDIR      := $(TRIGGERS)$(if $(SUITE),/$(SUITE))
ROOTFS_SRC  := $(wildcard rootfs/*) tools/lib.sh kernel-config/versions.lock

export KERNEL KERNEL_TARBALL KERNEL_SHA256 BUILD V FLAVOR

Q := $(if $(V),,@)

# Paths and names go unquoted through make's rules and recipes: a space or a
# shell/make special character would split or reinterpret them (and write
# outside the clone). They are refused before anything runs, in one line.
empty :=
space := $(empty) $(empty)
tab   := $(empty)	$(empty)
lp    := (
rp    := )
odd_chars := : ; | & < > ' " \ * ? [ ] \# % ` $(lp) $(rp)
odd = $(if $(findstring $(space),$1)$(findstring $(tab),$1),x)$(strip $(foreach c,$(odd_chars),$(findstring $c,$1)))
CHECKED_VARS := CURDIR BUILD RESULTS TRIGGERS RUN RUN_FILE KERNEL FLAVOR SUITE QEMU SCENARIOS ACCEL CLOCK TIMEOUT GUEST_PATH
BAD_VAR := $(firstword $(foreach v,$(CHECKED_VARS),$(if $(call odd,$($(v))),$(v))))
ODD_LIST := a space or one of : ; | & < > ' " \ * ? [ ] \# % $(lp) $(rp)
ifeq ($(BAD_VAR),CURDIR)
BAD_FIX := the clone's path '$(CURDIR)' has $(ODD_LIST): clone it to a path without them
else
BAD_FIX := $(BAD_VAR)='$($(BAD_VAR))' has $(ODD_LIST), which make cannot carry: use a path (for SCENARIOS, a comma list) without them
endif

# make inspect's guest path is GUEST_PATH=: PATH= on make's command line
# would replace the search path of every recipe.
ifeq ($(origin PATH),command line)
BAD_VAR  := PATH
BAD_FIX  := PATH= is the search path of make's commands: give the guest's path as GUEST_PATH=$(PATH)
endif

ifneq ($(BAD_VAR),)
.DEFAULT_GOAL := refuse
.NOTPARALLEL:
# $(file) prints without a shell: the value itself may hold quotes or `.
refuse $(MAKECMDGOALS):
	$(file >>/dev/stderr,vfslab: error: $(BAD_FIX))@exit 2
else

.DEFAULT_GOAL := lab
# What tools/shell.sh and tools/trace.sh boot (make shell, make trace).
GUEST_ENV = BZIMAGE=$(BZIMAGE) IMAGE=$(IMAGE) RESULTS=$(RESULTS) ACCEL=$(ACCEL) QEMU=$(QEMU) \
  KERNEL_DIR=$(KDIR) KERNEL_RELEASE_FILE=$(OBJ)/include/config/kernel.release \
  MODULE_DIR=$(MODDIR) TRIGGER_BIN_DIR=$(TRIGDIR) TIMES_DIR=$(TIMES)

.PHONY: FORCE kernel-profile stress golden kvm-reprobe lab shell trace inspect test-inspect deps kernel module triggers rootfs check-scenarios run report test test-snapshot clean clean-cache help lock ci repro-check compare bench

# The kernel build is parallel inside; steps run one at a time (two kernel
# builds at once would share one tree).
.NOTPARALLEL:

# The variables run-lab.sh (and tools/lab.sh, tools/report.sh) read.
RUN_ENV = BZIMAGE=$(BZIMAGE) IMAGE=$(IMAGE) SCENARIO_DIR=$(TRIGGERS) SCNDIR=$(SCNDIR) RESULTS=$(RESULTS) \
  RUN_FILE=$(RUN_FILE) SUITE=$(SUITE) SCENARIOS=$(SCENARIOS) ACCEL=$(ACCEL) CLOCK=$(CLOCK) TIMEOUT=$(TIMEOUT) QEMU=$(QEMU) \
  KERNEL_DIR=$(KDIR) KERNEL_RELEASE_FILE=$(OBJ)/include/config/kernel.release \
  MODULE_DIR=$(MODDIR) TRIGGER_BIN_DIR=$(TRIGDIR) TIMES_DIR=$(TIMES) REPORT=$(REPORT)

# Long steps run as make's own child (`exec`): make passes a SIGTERM only to
# its child, and our scripts pass it on (tools/lib.sh fwd), so stopping make
# stops the build or the boot too, instead of leaving it running.

## lab: everything: deps, kernel, module, triggers, rootfs, boot + scenarios, report
# Variables and scenario files are checked before anything is built or
# booted. Builds hold the build folder's lock (a second make waits, saying
# so); the boot and report hold it shared (tools/lib.sh build_lock). The
# report reads the run this invocation made, never whatever results/latest
# points at: a run that never started reports nothing old.
lab:
	$(Q)exec env $(RUN_ENV) ./run-lab.sh --check
	$(Q)exec tools/deps.sh
	$(Q)exec tools/with-lock.sh ex $(MAKE) --no-print-directory -s VFSLAB_LOCKED=1 \
	  check-scenarios kernel module triggers rootfs
	$(Q)exec env $(RUN_ENV) GOLDEN=$(GOLDEN) tools/lab.sh


## deps: install missing packages (as root; apt, dnf, pacman, zypper, apk) or print the line
deps:
	$(Q)tools/deps.sh

# Build targets asked for directly take the lock themselves.
ifeq ($(VFSLAB_LOCKED),)
kernel module triggers rootfs check-scenarios:
	$(Q)exec tools/with-lock.sh ex $(MAKE) --no-print-directory -s VFSLAB_LOCKED=1 $@
else

## kernel: the pinned kernel (KERNEL=6.12|6.1|6.8, or KERNEL_TARBALL=+KERNEL_SHA256=), cached per user
kernel: $(BZIMAGE)

## module: vfslab_trace.ko and vfslab_replay.ko against that kernel (Kbuild, M=)
module: $(MODDIR)/vfslab_trace.ko

## triggers: the static guest programs of every scenario of every suite (TRIGGERS=triggers)
triggers: $(TRIGDIR)/.stamp

## rootfs: the guest's ext4 root image (busybox, modules, triggers, scenarios)
rootfs: $(IMAGE)

# check-scenarios: every scenario file parses, has its program, and a subset
# (SCENARIOS=) keeps the scenarios its claims read; before any build.
check-scenarios: $(REPORT)
	$(Q)exec tools/check-scenarios.sh $(TRIGGERS) $(SCNDIR) $(REPORT) $(SCENARIOS)
endif

# Always asked: the script is stamp-driven (sha256, config, build inputs) and
# leaves bzImage untouched when nothing changed, so dependents stay built.
$(BZIMAGE): FORCE
	$(Q)exec tools/timed.sh kernel $(TIMES) tools/build-kernel.sh $(KERNEL) >/dev/null

FORCE:

$(MODDIR)/vfslab_trace.ko: $(MODULE_SRC) $(BZIMAGE)
	@echo "vfslab: module: building against $(KERNEL)"
	$(Q)mkdir -p $(MODDIR) && cp $(MODULE_SRC) $(MODDIR)/ && echo 'obj-m += vfslab_trace.o vfslab_replay.o' > $(MODDIR)/Makefile
	$(Q)exec tools/timed.sh module $(TIMES) $(MAKE) -s -C $(OBJ) M=$(MODDIR) \
	  KCFLAGS="-ffile-prefix-map=$(MODDIR)/=module/ -ffile-prefix-map=$(KDIR)/src/= -ffile-prefix-map=$(OBJ)/=" modules

# The list of sources is an input too: a deleted scenario must rebuild.
$(TRIGDIR).sources: FORCE
	$(Q)mkdir -p $(dir $@); echo '$(sort $(TRIGGER_SRC) $(SCN))' > $@.new; \
	  cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@

$(TRIGDIR)/.stamp: $(TRIGGER_SRC) $(TRIGDIR).sources
	@echo "vfslab: triggers: building $(TRIGGERS)/"
	$(Q)rm -rf $(TRIGDIR) && mkdir -p $(TRIGDIR)
	$(Q)exec tools/timed.sh triggers $(TIMES) $(MAKE) -s -C $(TRIGGERS) OUT=$(TRIGDIR) $(TRIGGER_VARS)
	$(Q)touch $@

# build-image.sh writes the image under a temporary name and renames it.
$(IMAGE): $(MODDIR)/vfslab_trace.ko $(TRIGDIR)/.stamp $(TRIGDIR).sources $(SCN) $(ROOTFS_SRC) $(DEBIAN_BASE) $(wildcard rootfs/debian/*)
	@echo "vfslab: rootfs: assembling $(notdir $@)"
	$(Q)bb=$$(tools/fetch.sh file busybox) && export BUSYBOX=$$bb && \
	  exec tools/timed.sh rootfs $(TIMES) $(ROOTFS_CMD)

ifeq ($(ROOTFS),debian)
# The Debian base tarball, cached by its inputs (mmdebstrap: about a minute
# when the machine is idle, network included).
$(DEBIAN_BASE):
	$(Q)mkdir -p $(dir $@)
	$(Q)tools/timed.sh debian-base $(TIMES) rootfs/debian/build-base.sh $@
endif

## run: boot the guest and run the scenarios (SUITE=stage2 SCENARIOS=a,b ACCEL= TIMEOUT=)
run:
	$(Q)exec env $(RUN_ENV) tools/with-lock.sh sh ./run-lab.sh

## report: check every claim of a saved run (RUN=results/<release>/<time>)
# The run folder is checked first, its report files replaced only whole.
report:
	$(Q)exec tools/with-lock.sh ex $(MAKE) --no-print-directory -s VFSLAB_LOCKED=1 $(REPORT)
	$(Q)exec env $(RUN_ENV) tools/with-lock.sh sh tools/report.sh $(RUN)

$(REPORT): $(wildcard tools/report/*.c tools/report/*.h tools/report/Makefile)
	$(Q)$(MAKE) -s -C tools/report O=$(abspath $(dir $@))

## test: unit tests, CLI error tests, a real end-to-end boot, repro-check
test:
	$(Q)tools/deps.sh test
	$(Q)tests/run.sh

## test-inspect: make inspect end to end: a run killed by TIMEOUT, its files recovered (about 5 min; installs libguestfs)
test-inspect:
	$(Q)tools/deps.sh inspect
	$(Q)SUITES=inspect tests/run.sh

## test-snapshot: the snapshot way with the real linux-source-6.12 .deb over loopback (1 min)
test-snapshot:
	$(Q)SUITES=fetch-deb tests/run.sh

## compare: KERNELS="6.1 6.12" (runs the lab on each) or RUNS="dirA dirB" (saved runs)
compare:
	$(Q)exec tools/with-lock.sh ex $(MAKE) --no-print-directory -s VFSLAB_LOCKED=1 $(REPORT)
	$(Q)REPORT=$(REPORT) RESULTS=$(RESULTS) TRIGGERS=$(abspath $(TRIGGERS)) SUITE=$(SUITE) \
	  tools/compare.sh $(if $(RUNS),runs "$(RUNS)",kernels "$(KERNELS)")

## ci: the lab for CI: one tarball (run, report.json, KTAP, bzImage, rootfs), report's exit code
ci: deps
	$(Q)tools/ci.sh

## repro-check: build everything again in another directory; compare every artifact
repro-check: deps
	$(Q)tools/repro-check.sh $(KERNEL)

## bench: wall time of a warm make lab (BENCH_COLD=1 adds a from-scratch build)
bench:
	$(Q)tools/bench.sh

## kernel-profile: where the last kernel build's time went, per source folder (after a cold build)
kernel-profile:
	$(Q)tools/kbuild-profile.sh '$(OBJ)'

## stress: 100 load/unload cycles of the tracer under a busy opener, on the debug kernel (FLAVOR=debug)
# The scenario lives with the tests (it is no part of the study): it is copied
# into a suite folder of its own under build/, beside the shared Makefile.
stress:
	$(Q)d=$(abspath $(BUILD))/stress/triggers; rm -rf "$$d" && mkdir -p "$$d/stress" && \
	  cp triggers/Makefile triggers/*.h "$$d/" && cp tests/fixtures/stress/stress_load.* "$$d/stress/" && \
	  $(MAKE) --no-print-directory lab TRIGGERS="$$d" FLAVOR=$(or $(FLAVOR),debug) TIMEOUT=$(or $(TIMEOUT),1200)

## golden: save a run's whole module trace as a reference (RUN=dir GOLDEN=file); make lab GOLDEN=file compares
golden:
	$(Q)tools/golden.sh save '$(RUN)' '$(GOLDEN)'

## kvm-reprobe: forget the cached "KVM hangs/works" verdict; the next ACCEL=auto run probes again
kvm-reprobe:
	$(Q)QEMU=$(QEMU) VFSLAB_TOP=$(TOP) bash -c '. tools/lib.sh; . tools/accel.sh; f=$$(kvm_verdict_file); rm -f "$$f"; say "KVM verdict forgotten ($$f)"'

## shell: the lab kernel on this terminal (vfslab-trace COMM -- CMD inside; poweroff or Ctrl-A X ends)
shell: deps
	$(Q)$(MAKE) --no-print-directory kernel module triggers rootfs
	$(Q)$(GUEST_ENV) tools/shell.sh

## trace: PROG=prog.c [ARGS=] or CMD="ls /tmp" [COMM=]: a fresh boot, a run folder, a generic report
trace: deps
	$(Q)$(MAKE) --no-print-directory kernel module triggers rootfs $(REPORT)
	@# PROG ARGS CMD COMM reach the script through the environment (make
	@# exports command-line variables), so quotes and $ in CMD survive.
	$(Q)$(GUEST_ENV) REPORT=$(REPORT) BUILD=$(abspath $(BUILD)) TIMEOUT=$(TIMEOUT) tools/trace.sh

## inspect: list and copy out what a run's guest wrote to its disk (RUN=dir GUEST_PATH=/lab/work; libguestfs, no boot)
# libguestfs is installed here only (about 400 MB with a host kernel for its
# appliance). The build lock (shared) keeps the root image the run's overlay
# sits on from being replaced while the appliance reads it.
inspect:
	$(Q)env RUN=$(RUN) GUEST_PATH=$(GUEST_PATH) tools/inspect.sh --check
	$(Q)tools/deps.sh inspect
	$(Q)exec env RUN=$(RUN) GUEST_PATH=$(GUEST_PATH) tools/with-lock.sh sh tools/inspect.sh

## lock: rewrite kernel-config/versions.lock from the installed packages
lock:
	$(Q)tools/lock.sh

## clean: remove build outputs (results/ is kept: runs are never deleted)
clean:
	rm -rf $(BUILD)

## clean-cache: remove the per-user cache (downloads, built kernels) every clone shares
clean-cache:
	$(Q)tools/cache.sh clean

help:
	@echo "vfslab make targets:"
	@sed -n 's/^## \([a-z-]*\): /  \1\t/p' Makefile | expand -t 14
	@echo "variables: KERNEL=$(KERNEL) (or KERNEL_TARBALL=path KERNEL_SHA256=hex) FLAVOR=debug"
	@echo "  SUITE=stage2|stage3 (one suite; default all) SCENARIOS=a,b (subset)"
	@echo "  ACCEL=auto|kvm|tcg CLOCK=virtual|real TIMEOUT=sec RESULTS=dir RUN=dir V=1"
	@echo "  TRIGGERS=dir (folder of suite folders) BUILD=dir QEMU=path"
	@echo "  VFSLAB_CACHE=dir (default \$${XDG_CACHE_HOME:-~/.cache}/vfslab) VFSLAB_NO_CACHE=1 (build, never reuse)"
	@echo "  ROOTFS=busybox|debian (the guest's userland)"
	@echo "  trace: PROG=file.c ARGS=\"a b\" | CMD=\"ls /tmp\" COMM=name; TIMEOUT=sec (default 30)"
	@echo "  inspect: RUN=dir GUEST_PATH=/lab/work (a folder or file in the guest; /mnt/loopfs is its ext2 loop image)"

endif
