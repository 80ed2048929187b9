# Shared helpers for vfslab's host scripts. Sourced, never run.
# Keeps the one-line-error convention and the lock-file lookup in one place.

VFSLAB_TOP=${VFSLAB_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
# VFSLAB_LOCK: a test lock (tests/fetch.sh), never needed by users
LOCK=${VFSLAB_LOCK:-$VFSLAB_TOP/kernel-config/versions.lock}
# Per-user cache shared by every clone: downloads/ (sources), kernels/ (builds)
VFSLAB_CACHE=${VFSLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vfslab}
# absolute: the kernel build runs make -C, where a relative O= would move
BUILD=$(realpath -m "${BUILD:-$VFSLAB_TOP/build}")

# mke2fs and debugfs live in /usr/sbin, which a normal user's PATH lacks.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH=$PATH:/usr/sbin:/sbin ;; esac
export PATH

die() { printf 'vfslab: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'vfslab: %s\n' "$*" >&2; }

# lock_field KIND NAME COLUMN: print one column of the lock line "KIND NAME ...".
lock_field() {
	awk -v k="$1" -v n="$2" -v c="$3" '$1 == k && $2 == n { print $c; found = 1 } END { exit !found }' "$LOCK"
}

# kernels_in_lock: the KERNEL= names the lock file knows.
kernels_in_lock() { awk '$1 == "kernel" { printf "%s ", $2 }' "$LOCK"; }

# vfslab_cache_init: the cache folder, tagged as one (CACHEDIR.TAG: backup
# tools skip it, and make clean-cache deletes only a folder with our tag).
vfslab_cache_init() {
	mkdir -p "$VFSLAB_CACHE" 2>/dev/null || return 1
	[ -f "$VFSLAB_CACHE/CACHEDIR.TAG" ] ||
		printf 'Signature: 8a477f597d28d172789f06886806bc55\n# vfslab build cache (make clean-cache removes it)\n' >"$VFSLAB_CACHE/CACHEDIR.TAG"
}

# lock_gets NAME: the "get" lines of one input, in the lock's order, minus "get NAME".
lock_gets() { awk -v n="$1" '$1 == "get" && $2 == n { $1 = $2 = ""; sub(/^ +/, ""); print }' "$LOCK"; }

source_date_epoch() { awk '$1 == "epoch" { print $2 }' "$LOCK"; }

# kernel_dir NAME: where one kernel's source, objects and stamps live.
kernel_dir() { printf '%s/kernel-%s\n' "$BUILD" "$1"; }

# Fixed build identity for every artifact (reproducible, not from the clock).
export_build_identity() {
	SOURCE_DATE_EPOCH=$(source_date_epoch)
	KBUILD_BUILD_TIMESTAMP="@$SOURCE_DATE_EPOCH"
	KBUILD_BUILD_USER=vfslab
	KBUILD_BUILD_HOST=vfslab
	KBUILD_BUILD_VERSION=1
	export SOURCE_DATE_EPOCH KBUILD_BUILD_TIMESTAMP KBUILD_BUILD_USER KBUILD_BUILD_HOST KBUILD_BUILD_VERSION
	export LC_ALL=C TZ=UTC
}

# inputs_hash FILE...: one sha256 over the named files' contents (stamps).
inputs_hash() { cat "$@" | sha256sum | cut -c1-64; }

now_ms() { date +%s%3N; }

# The per-user cache: downloads, built kernels shared by clones, the KVM
# verdict. VFSLAB_CACHE overrides; XDG_CACHE_HOME is honoured.
vfslab_cache() { printf '%s\n' "${VFSLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vfslab}"; }

# fwd CMD...: run CMD, wait for it and return its status, passing on a
# SIGTERM/SIGHUP/SIGINT this shell gets. make sends SIGTERM only to its own
# child: without this, a stopped make would leave a build or a boot running.
# CMD keeps the default Ctrl-C (a background job would ignore it), and does
# not get fd 9 (the build lock: a process outliving CMD must not hold it).
fwd() {
	( trap - INT QUIT; exec 9<&-; exec "$@" ) &
	_fwd_pid=$!
	trap 'kill -TERM "$_fwd_pid" 2>/dev/null' TERM HUP INT
	while :; do
		wait "$_fwd_pid" && _fwd_rc=0 || _fwd_rc=$?
		kill -0 "$_fwd_pid" 2>/dev/null || break
	done
	trap - TERM HUP INT
	return "$_fwd_rc"
}

# build_writable: one line naming the fix when BUILD cannot be written by
# this user (typically: an earlier `sudo make lab` left it owned by root).
build_writable() {
	_bad=""
	if ! mkdir -p "$BUILD" 2>/dev/null; then
		_bad=$BUILD
		while [ ! -e "$_bad" ]; do _bad=$(dirname "$_bad"); done
	else
		_bad=$(find "$BUILD" -maxdepth 2 ! -type l ! -writable -print -quit 2>/dev/null)
	fi
	[ -z "$_bad" ] || die "build folder $BUILD is not writable by $(id -un): $_bad belongs to $(stat -c %U "$_bad") (an earlier sudo make?); run 'sudo chown -R $(id -un): $BUILD' or set BUILD=<another folder>"
}

# build_lock ex|sh: hold the lock of the build folder (on fd 9) until this
# shell exits. Builds hold it exclusively and boots shared: two builds never
# write the same outputs, and no build replaces an image a boot is using.
# Children that may outlive a step (QEMU) must be started with 9<&-.
build_lock() {
	build_writable
	exec 9<"$BUILD" || die "cannot open the build folder $BUILD"
	_opt=-x; [ "$1" = sh ] && _opt=-s
	flock -n "$_opt" 9 && return 0
	say "waiting for $BUILD: another make in this build folder is building or booting (a build waits for boots in progress)"
	flock "$_opt" 9 &
	_w=$!
	trap 'kill "$_w" 2>/dev/null; exit 143' TERM HUP INT
	wait "$_w" || die "could not lock $BUILD"
	trap - TERM HUP INT
}
