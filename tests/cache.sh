#!/bin/bash
# The build cache (tools/cache.sh) with a real built kernel: store this tree's
# 6.12 build into a scratch cache, restore it into another BUILD folder with
# no compile (a `make` that refuses to run stands guard), build the modules
# against the restored tree and compare them byte for byte with modules built
# against the full tree; then break an entry and see it refused. Needs a
# built 6.12 (make kernel, or the e2e suite); skipped otherwise. Builds no kernel.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
kd0=$(realpath -m "${BUILD:-$top/build}")/kernel-6.12
export VFSLAB_CACHE=$t/cache
unset VFSLAB_NO_CACHE KERNEL_TARBALL KERNEL_SHA256
sha=$(awk '$1 == "kernel" && $2 == "6.12" { print $4 }' "$top/kernel-config/versions.lock")

# The stamp functions exactly as build-kernel.sh defines them, for one tree.
stamps() { # stamps KD: define kd src obj frags makeline config_inputs build_inputs
	kd=$1 src=$1/src obj=$1/obj frags=$top/kernel-config/lab.config FLAVOR= name=6.12 VFSLAB_TOP=$top
	sha=$(awk '$1 == "kernel" && $2 == "6.12" { print $4 }' "$top/kernel-config/versions.lock")
	eval "$(sed -n '/^kcflags=/p; /^makeline=/p; /^frag_lines()/p; /^config_inputs()/p; /^build_inputs() {/,/^}/p' "$top/tools/build-kernel.sh")"
	. "$top/tools/lib.sh"; export_build_identity; . "$top/tools/cache.sh"
}
# A comment edited in a fragment changes neither the config stamp nor the
# cache key; a setting does. (No kernel needed.)
key_of() { # key_of FRAGMENT: the config stamp and cache key with that lab.config
	(stamps "$kd0"; frags=$1; config_inputs "$sha" | sha256sum; kcache_key)
}
sed 's/^# Storage: .*/# Storage: a comment worded otherwise/' "$top/kernel-config/lab.config" > "$t/comment.config"
{ cat "$top/kernel-config/lab.config"; echo 'CONFIG_MSDOS_PARTITION=y'; } > "$t/setting.config"
check "a fragment's comment edited: same config stamp and cache key" [ "$(key_of "$t/comment.config")" = "$(key_of "$top/kernel-config/lab.config")" ]
check "a fragment's setting added: another config stamp and cache key" [ "$(key_of "$t/setting.config")" != "$(key_of "$top/kernel-config/lab.config")" ]

if [ -f "$kd0/restored" ]; then
	# a tree restored from the cache holds only what module builds need:
	# storing it again proves nothing (a fresh clone on a warm machine, CI)
	echo "ok - build cache # SKIP $kd0 was itself restored from the cache; run after a real build"
	finish; exit
fi
if ! [ -f "$kd0/build.stamp" ] || ! (stamps "$kd0"; kcache_up_to_date); then
	echo "ok - build cache # SKIP no up-to-date 6.12 build in $kd0"
	finish; exit
fi

# make that refuses: a kernel compile here would be a failure, not a cost
mkdir -p "$t/shim"
printf '#!/bin/sh\necho "vfslab: error: test: make called (%%s)" "$*" >&2\nexit 1\n' >"$t/shim/make"
chmod +x "$t/shim/make"
bk() { env PATH="$t/shim:$PATH" BUILD="$1" "$top/tools/build-kernel.sh" 6.12; }

bk "$(dirname "$kd0")" >/dev/null 2>"$t/store.err"
e=$(ls -d "$VFSLAB_CACHE"/kernels/*/ 2>/dev/null | head -n 1)
check "store: an up-to-date tree goes into the cache once" test_all [ -n "$e" ] [ -f "$e/complete" ]
check "store: says so with its size" grep -q "stored in the build cache" "$t/store.err"

bk "$t/b" >"$t/out" 2>"$t/restore.err"; rc=$?
kd=$t/b/kernel-6.12
restored_without_make() { [ "$rc" -eq 0 ] && ! grep -q "make called" "$t/restore.err"; }
check "restore: exit 0, no make run (no configure, no compile)" restored_without_make
check "restore: says it restored" grep -q "restored from the build cache" "$t/restore.err"
check "restore: bzImage identical" cmp -s "$kd0/obj/arch/x86/boot/bzImage" "$kd/obj/arch/x86/boot/bzImage"
check "restore: vmlinux identical" cmp -s "$kd0/obj/vmlinux" "$kd/obj/vmlinux"
check "restore: the restored tree is up to date for build-kernel.sh's own stamps" bash -c "$(declare -f stamps); top=$top; stamps $kd; kcache_up_to_date"
bk "$t/b" >/dev/null 2>"$t/again.err"
check "restore: a second run does nothing" [ ! -s "$t/again.err" ]

# Modules against the restored (partial) tree = modules against the full one.
mods() { # mods KD OUT
	mkdir -p "$2" && cp "$top"/module/*.c "$top/module/Kbuild" "$2/" &&
		echo 'obj-m += vfslab_trace.o vfslab_replay.o' >"$2/Makefile" &&
		command make -s -C "$1/obj" M="$2" \
			KCFLAGS="-ffile-prefix-map=$2/=module/ -ffile-prefix-map=$1/src/= -ffile-prefix-map=$1/obj/=" modules >"$2.log" 2>&1
}
mods "$kd0" "$t/m0"; mods "$kd" "$t/m1"
check "module build against the restored tree succeeds" [ -f "$t/m1/vfslab_trace.ko" ]
for ko in vfslab_trace.ko vfslab_replay.ko; do
	check "$ko identical against the full and the restored tree" cmp -s "$t/m0/$ko" "$t/m1/$ko"
done

# Refused entries: another toolchain/make line recorded, or the cache bypassed.
cp -a "$e" "$t/entry.bak"
echo "gcc (other) 99" >>"$e/build.inputs"
check "an entry whose stamp inputs differ is refused" bash -c "$(declare -f stamps); top=$top; stamps $t/c/kernel-6.12; ! kcache_restore 2>/dev/null && [ ! -e $t/c/kernel-6.12/obj ]"
rm -rf "$e"; cp -a "$t/entry.bak" "${e%/}"
check "VFSLAB_NO_CACHE=1 never restores" bash -c "$(declare -f stamps); top=$top; stamps $t/d/kernel-6.12; VFSLAB_NO_CACHE=1; ! kcache_restore && [ ! -e $t/d/kernel-6.12/obj ]"
check "control: the same call without it restores" bash -c "$(declare -f stamps); top=$top; stamps $t/d/kernel-6.12; kcache_restore 2>/dev/null && [ -f $t/d/kernel-6.12/obj/vmlinux ]"

# A stored file changed in place (through a hard link, by hand): refused and removed.
chmod u+w "$e/obj/System.map"; echo tampered >>"$e/obj/System.map"
check "an entry with a changed file is refused and removed" bash -c "$(declare -f stamps); top=$top; stamps $t/f/kernel-6.12; ! kcache_restore 2>/dev/null && [ ! -e $e ] && [ ! -e $t/f/kernel-6.12/obj ]"

# clean-cache: removes a tagged cache, refuses any other folder
mkdir -p "$t/notcache"; echo keep >"$t/notcache/file"
out=$(VFSLAB_CACHE=$t/notcache "$top/tools/cache.sh" clean 2>&1); rc=$?
check "clean-cache refuses a folder without the vfslab tag (one line)" test_all [ "$rc" -ne 0 ] [ -f "$t/notcache/file" ] \
	[ "$(printf '%s\n' "$out" | grep -c '^vfslab: error:')" -eq 1 ]
make -s -C "$top" clean-cache >/dev/null 2>&1
check "make clean-cache removes the cache" [ ! -e "$VFSLAB_CACHE" ]
finish
