# siglab: build, run, debug and test a small x86-64 kernel that runs static Linux binaries.
#
#   make qemu    boot to a shell on the serial console (installs missing packages first)
#   make test    run every test; ends with "N passed, N failed"
#
# Everything built lands in build/; nothing in the source tree is generated.

B        := build
CC       := gcc
MUSLCC   := musl-gcc
PYTHON   := python3
GDB      := gdb

# In a lab handout (a tree without the instructor-only tests/handout/) the stubs leave
# their helpers unused; the full tree must use every function it defines.
HANDOUT_CFLAGS := $(if $(wildcard tests/handout),,-Wno-unused-function)

# Kernel: freestanding, no SSE (user FPU state is saved by hand), kernel code model
# (linked in the top 2 GiB), no red zone (interrupts push onto the kernel stack).
# -fno-asynchronous-unwind-tables: unwind information goes to .debug_frame, which gdb
# reads (bt, finish), instead of .eh_frame, which boot/kernel.ld discards.
# The debug information names the checkout as "." (gdb runs from here), so a build's
# bytes do not depend on where the tree was cloned: the initrd's size, and with it the
# addresses GRUB picks that labs/gdb-*.md show, are the same in every clone.
DEBUG_PREFIX_MAP := -fdebug-prefix-map=$(CURDIR)=.
KCFLAGS  := -std=c11 -O2 -g -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow $(HANDOUT_CFLAGS) \
            -ffreestanding -fno-stack-protector -fno-asynchronous-unwind-tables \
            -fno-pic -fno-pie -mno-red-zone -mcmodel=kernel -mgeneral-regs-only \
            -fno-omit-frame-pointer -fno-strict-aliasing -I. -MMD -MP $(DEBUG_PREFIX_MAP)
KASFLAGS := -g -I. -MMD -MP -D__ASSEMBLY__ $(DEBUG_PREFIX_MAP)
KLDFLAGS := -nostdlib -static -no-pie -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack -Wl,--build-id=none -T boot/kernel.ld

# User programs: ordinary static musl binaries, built the same way a student would.
# -MMD: each program's headers (user/tests/sigtest.h, fault.h, ...) are recorded in
# PROGRAM.d beside it, so changing a header rebuilds exactly the programs that use it.
UCFLAGS  := -std=gnu11 -O2 -g -Wall -Wextra -Werror -static -MMD -MP $(DEBUG_PREFIX_MAP)

KSRC     := $(wildcard boot/*.S kern/*.c kern/*.S kern/trap/*.c kern/trap/*.S \
                       kern/signal/*.c kern/signal/*.S)
KOBJ     := $(patsubst %,$(B)/%.o,$(basename $(KSRC)))

UPROGS   := $(patsubst user/%.c,$(B)/user/%,$(wildcard user/*.c))
UTESTS   := $(patsubst user/tests/%.c,$(B)/user/tests/%,$(wildcard user/tests/*.c))
# Each differential test is built twice: with musl (above) and with glibc, so the same
# checks run against both C libraries' wrappers, stdio and startup code.
GTESTS   := $(patsubst user/tests/%.c,$(B)/user/tests-glibc/%,$(wildcard user/tests/*.c))
KTESTS   := $(patsubst user/ktests/%.c,$(B)/user/ktests/%,$(wildcard user/ktests/*.c))

# QEMU as docs/design.md section 3 describes it: grade/qemu.py builds the command line
# here as for krun, the grader and the tests (and says what its exit status means), but
# in real time (--icount none), for a person at the console: `sleep 1` takes a second,
# and through SeaBIOS and GRUB (--grub), as a PC boots (the tests boot the same kernel
# and initrd directly). The monitor shares the console (Ctrl-A C). KVM=1 opts into KVM (it hangs on our CI
# machines); KRUN_QEMU_EXTRA adds QEMU arguments.
QEMURUN  := $(PYTHON) -B -m grade.qemu --iso $(B)/siglab.iso --grub --kernel-log $(B)/kernel.log \
            --console mon:stdio --icount none
export KVM KRUN_QEMU_EXTRA
# CMDLINE overrides the kernel command line without rebuilding the ISO, e.g.
#   make qemu CMDLINE="sigtrace"     or    make qemu INIT=/bin/sigdemo
# INIT runs one program (as init's child) instead of the shell, then powers off.
# LOGIN=bash (or LOGIN=ash, busybox's shell) boots into that shell of /bin instead of
# our sh (init -s, user/init.c).
ifneq ($(INIT),)
override CMDLINE += -- $(INIT)
else ifneq ($(LOGIN),)
override CMDLINE += -- -s /bin/$(LOGIN)
endif
# (grade/qemu.py doubles its commas for -fw_cfg.)
ifneq ($(strip $(CMDLINE)),)
QEMURUN  += --cmdline="$(strip $(CMDLINE))"
endif
# gdb's port: 20000 + uid % 10000 unless GDBPORT=N says (uids 1000 and 11000 share
# one; qemu_gdb.py says so when it is taken).
GDBPORT_FORMULA := $(shell expr 20000 + $$(id -u) % 10000)
GDBPORT  ?= $(GDBPORT_FORMULA)
GDBPORT_DEFAULT := $(if $(filter $(GDBPORT_FORMULA),$(GDBPORT)),--default-port)

# Unwind information gdb loads over the signal restorers (tools/gdb/sigtramp.S).
GDBELF   := $(B)/gdb/trampoline_page.elf $(B)/gdb/sigtramp_cfi.elf $(B)/gdb/siginfo_type.o \
            $(B)/gdb/x86_64-qemu.xml

.PHONY: all deps qemu qemu-gdb gdb gdb-transcripts sigview-pictures lab-symptoms test unit-test bench fuzz handout compdb clean
all: $(B)/siglab.iso $(UTESTS) $(GTESTS) $(KTESTS) $(GDBELF)

deps:
	@tools/deps.sh

# ---- kernel ---------------------------------------------------------------
$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c $< -o $@
$(B)/%.o: %.S
	@mkdir -p $(@D)
	$(CC) $(KASFLAGS) -c $< -o $@
$(B)/kernel.elf: $(KOBJ) boot/kernel.ld
	$(CC) $(KLDFLAGS) -o $@ $(KOBJ)

# ---- user programs and the initrd -----------------------------------------
# (the stem may contain a slash: this also builds user/tests/X.c and user/ktests/X.c)
$(B)/user/%: user/%.c
	@mkdir -p $(@D)
	$(MUSLCC) $(UCFLAGS) -MF $@.d -o $@ $<
# gdbdemo_segv is a student's -O0 program: gdb must put breakpoints after its prologues.
$(B)/user/gdbdemo_segv: UCFLAGS += -O0
# The same tests with glibc (gcc -static), into their own directory, so a test's
# "// files:" programs sit beside it there too.
$(B)/user/tests-glibc/%: user/tests/%.c
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -MF $@.d -Iuser/tests -o $@ $<
# Debian's static bash and busybox (tools/deps.sh installs them) ride along as /bin/bash
# and /bin/busybox, with busybox's common applets as hard links (one copy in the
# archive). Applets named like one of our programs (sh, echo, kill) are left out: ours win.
BASH_STATIC     := /bin/bash-static
BUSYBOX_STATIC  := /bin/busybox
BUSYBOX_APPLETS := ash awk basename cat chmod cmp cp cut date dd diff dirname env expr \
                   false find grep head hexdump id ls mkdir mktemp mv nproc od printf \
                   ps pwd readlink realpath rev rm rmdir sed seq setsid sleep sort stat \
                   stty tac tail tee test timeout touch tr true tty uname uniq usleep \
                   wc which xargs yes
# Padded to a MiB, so that mbi_phys in labs/gdb-*.md stays put (tools/mkinitrd says why).
$(B)/initrd.cpio: $(UPROGS) tools/mkinitrd $(BASH_STATIC) $(BUSYBOX_STATIC)
	$(PYTHON) tools/mkinitrd --pad-to 1048576 $@ $(foreach p,$(UPROGS),/bin/$(notdir $(p))=$(p)) \
	  /bin/bash=$(BASH_STATIC) /bin/busybox=$(BUSYBOX_STATIC) \
	  $(foreach a,$(BUSYBOX_APPLETS),/bin/$(a)=$(BUSYBOX_STATIC))

# ---- the bootable ISO -----------------------------------------------------
# build/iso/ is the ISO's tree: the tests, krun and the grader boot its kernel and
# initrd directly (grade/qemu.py), make qemu boots the ISO through GRUB.
$(B)/siglab.iso: $(B)/kernel.elf $(B)/initrd.cpio boot/grub.cfg
	@mkdir -p $(B)/iso/boot/grub
	cp $(B)/kernel.elf $(B)/initrd.cpio $(B)/iso/boot/
	cp boot/grub.cfg $(B)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/iso 2>$(B)/grub-mkrescue.log || (cat $(B)/grub-mkrescue.log; false)

# ---- run and debug --------------------------------------------------------
# init powers QEMU off through isa-debug-exit with value 0, which QEMU reports as exit
# status 1: that is a clean shutdown, not an error (grade/qemu.py exits 0 then, and
# says what any other status means).
qemu: deps
	@$(MAKE) --no-print-directory all
	@echo "siglab: booting; type 'exit' or Ctrl-A X to leave"
	@$(QEMURUN)

# qemu-gdb starts QEMU waiting for gdb on GDBPORT and, once QEMU holds the port, writes
# build/gdb/session.gdb for `make gdb`: which user program runs (the one after "--" on
# the command line, else the shell) and where QEMU waits. A port already taken is an
# error, and then session.gdb is left alone (tools/gdb/qemu_gdb.py).
qemu-gdb: deps
	@$(MAKE) --no-print-directory all
	@prog=$$(echo " $(CMDLINE) " | sed -n 's/.* -- *\([^ ]*\).*/\1/p'); $(PYTHON) -B tools/gdb/qemu_gdb.py serve --port $(GDBPORT) $(GDBPORT_DEFAULT) --program "$$(basename $${prog:-sh})" -- $(QEMURUN) --gdb tcp:localhost:$(GDBPORT)

# gdb with the kernel's and the user program's symbols and siglab's commands
# (tools/gdb/siglab.gdb), connected to make qemu-gdb's QEMU; refused when no QEMU of
# make qemu-gdb's holds the port.
gdb: $(GDBELF)
	@$(PYTHON) -B tools/gdb/qemu_gdb.py check --port $(GDBPORT)
	@$(GDB) -q -x tools/gdb/siglab.gdb -x $(B)/gdb/session.gdb

$(B)/gdb/trampoline_page.elf: tools/gdb/sigtramp.S tools/gdb/sigtramp.ld
	@mkdir -p $(@D)
	$(CC) -nostdlib -static -Wl,--build-id=none -Wl,-e,0 -T tools/gdb/sigtramp.ld \
	  -DTRAMPOLINE_SYMBOL=trampoline_page -o $@ $<
$(B)/gdb/sigtramp_cfi.elf: tools/gdb/sigtramp.S tools/gdb/sigtramp.ld
	@mkdir -p $(@D)
	$(CC) -nostdlib -static -Wl,--build-id=none -Wl,-e,0 -T tools/gdb/sigtramp.ld -o $@ $<

# The type of $siginfo (tools/gdb/siginfo.c): debug information only.
$(B)/gdb/siginfo_type.o: tools/gdb/siginfo.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -g -fno-eliminate-unused-debug-types -Wall -Wextra -Werror $(DEBUG_PREFIX_MAP) -c -o $@ $<

# QEMU's registers as gdb's x86-64 features (tools/gdb/tdesc.py says why).
$(B)/gdb/x86_64-qemu.xml: tools/gdb/tdesc.py
	@mkdir -p $(@D)
	$(PYTHON) -B tools/gdb/tdesc.py $@

# Rerun the gdb sessions of tools/gdb/transcripts/ and paste their output into
# labs/gdb-tour.md and labs/gdb-sigreturn.md, so the docs show what gdb prints today.
gdb-transcripts: deps
	@$(MAKE) --no-print-directory all
	@$(PYTHON) tools/gdb/transcribe.py

# Redraw the timeline pictures labs/lab2.md, lab4.md and lab5.md show (labs/pictures/,
# by tools/sigview and headless Chromium); make test checks they are not stale.
sigview-pictures: deps
	@$(MAKE) --no-print-directory all
	@$(PYTHON) tools/sigview/pictures.py

# Rerun each of labs/lab1.md's "Common mistakes" in a lab 1 handout and paste what
# make grade-lab1 prints into the page (tests/handout/symptoms.py; instructor-only).
lab-symptoms: deps
	@test -f tests/handout/symptoms.py || { echo "lab-symptoms: instructor-only (needs the solutions)"; exit 1; }
	@$(PYTHON) tests/handout/symptoms.py --write

# ---- tests ----------------------------------------------------------------
unit-test: deps
	@$(MAKE) --no-print-directory $(UPROGS)
	@$(PYTHON) tests/run_tests.py --unit-only

test: deps
	@$(MAKE) --no-print-directory -j2 all
	@$(PYTHON) tests/run_tests.py

# sigbench natively, then in siglab with -icount shift=0 (1 guest ns = 1 instruction),
# there with issue 16's targets beside the figures. (tools/kprofile: where they go.)
bench: deps
	@$(MAKE) --no-print-directory $(B)/siglab.iso $(B)/user/sigbench
	@echo "== native (this machine)"
	@$(B)/user/sigbench
	@echo "== siglab (QEMU TCG, -icount shift=0: ns are guest instructions)"
	@KRUN_ICOUNT=shift=0,sleep=off tools/krun --timeout 600 $(B)/user/sigbench -t

# The system-call fuzzer (user/fuzz.c) in one boot: N calls from seed SEED.
N ?= 1000000
SEED ?= 1
fuzz: deps
	@$(MAKE) --no-print-directory $(B)/siglab.iso $(B)/user/fuzz
	@tools/krun --timeout $$(( $(N) / 1000 + 120 )) --log $(B)/fuzz.log $(B)/user/fuzz -n $(N) -s $(SEED) \
	  || { echo "fuzz: the kernel failed with seed $(SEED); kernel log: $(B)/fuzz.log"; exit 1; }

# A student tree with LABS' solutions replaced by stubs (tools/handout).
LABS ?= 1 2 3 4 5
OUT ?= $(B)/handout
handout:
	@$(PYTHON) tools/handout --labs "$(LABS)" --out "$(OUT)"

# compile_commands.json for clangd and editors (needs bear: apt-get install bear).
compdb:
	bear --output $(B)/compile_commands.json -- $(MAKE) -B --no-print-directory $(B)/kernel.elf
	ln -sf $(B)/compile_commands.json compile_commands.json

clean:
	rm -rf $(B)

# The autograder: make grade, make grade-labN, grade-batch, grade-bundle.
include GNUmakefile.grade

-include $(KOBJ:.o=.d) $(addsuffix .d,$(UPROGS) $(UTESTS) $(GTESTS) $(KTESTS))
