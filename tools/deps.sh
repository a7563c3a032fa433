#!/usr/bin/env bash
# deps.sh: make sure every tool siglab's build, run and tests need is installed.
# `make qemu` and `make test` call it on every run: when all is there it prints
# nothing and returns at once; otherwise it installs the missing Debian/Ubuntu
# packages with apt-get (through sudo when not root).
set -euo pipefail

# What to look for, and the package that provides it. grub-mkrescue (grub-common)
# also needs the BIOS GRUB modules (grub-pc-bin), xorriso and mtools. bash-static and
# busybox-static are Debian's own shells, which the initrd carries as /bin/bash and
# /bin/busybox (and the tests run natively and in siglab). mypy type-checks the Python
# side in make test (tests/run_tests.py's python/mypy). Headless chromium loads the
# pages tools/sigview makes (tests/sigview_test.py).
checks=(
    "gcc                 gcc"
    "make                make"
    "grub-mkrescue       grub-common"
    "/usr/lib/grub/i386-pc grub-pc-bin"
    "xorriso             xorriso"
    "mformat             mtools"
    "qemu-system-x86_64  qemu-system-x86"
    "gdb                 gdb"
    "musl-gcc            musl-tools"
    "cpio                cpio"
    "python3             python3"
    "mypy                mypy"
    "/bin/bash-static    bash-static"
    "/bin/busybox        busybox-static"
    "chromium            chromium"
)

# Sets missing to the packages whose tool is not there.
find_missing() {
    missing=()
    local check what package
    for check in "${checks[@]}"; do
        read -r what package <<<"$check"
        if [[ $what == /* ]]; then
            [[ -e $what ]] && continue
        else
            command -v "$what" >/dev/null 2>&1 && continue
        fi
        missing+=("$package")
    done
}

find_missing
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: no apt-get here; install these packages (Debian/Ubuntu names) by hand: ${missing[*]}" >&2
    exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
    as_root=(env)
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo env)
else
    echo "deps.sh: missing ${missing[*]}; run me as root or install sudo" >&2
    exit 1
fi
echo "deps.sh: installing missing packages: ${missing[*]}" >&2
"${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
"${as_root[@]}" DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2

find_missing
if [[ ${#missing[@]} -ne 0 ]]; then
    echo "deps.sh: still missing after apt-get install: ${missing[*]}" >&2
    exit 1
fi
