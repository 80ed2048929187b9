#!/bin/bash
# make inspect: list and copy out what a run's guest left on its root disk,
# from the run folder's disk.qcow2 (tools/rundisk.sh), without booting the
# lab kernel and without root. libguestfs starts its own small appliance (a
# VM with the host distribution's kernel) and reads the disk read-only; the
# ext2 image the guest made (/lab/loopfs.img) is mounted where the guest had
# it, /mnt/loopfs, so guest paths mean what they meant in the guest.
#
#   RUN=<run folder>   GUEST_PATH=/lab/work (default; a folder or a file)
#
# Writes RUN/inspect/N/ (N = 1, 2, ...: an earlier inspect is never
# overwritten): listing.txt (every entry, `tar -tv` style, the guest's
# numeric owners) and guest/<GUEST_PATH>/... with the regular files and
# folders. A link, device node or FIFO of the guest's is listed, never made
# on the host (as the run folder keeps only files and folders).
#
# inspect.sh --check: only check RUN and GUEST_PATH (make inspect does, before
# it installs libguestfs).
set -u
. "$(dirname "$0")/lib.sh"
run=${RUN:-}
gpath=${GUEST_PATH:-/lab/work}

# ---- the input, checked before the appliance starts --------------------------
[ -n "$run" ] || die "RUN is empty: pass RUN=results/<release>/<time> (or results/latest)"
[ -d "$run" ] || die "RUN=$run: no such folder: pass RUN=results/<release>/<time> (or results/latest)"
disk=$run/disk.qcow2
[ -f "$disk" ] || die "RUN=$run has no disk.qcow2 (not a run folder, or a run from before runs kept their disk): inspect a run made since"
case $gpath in /*) ;; *) die "GUEST_PATH=$gpath: give an absolute path as the guest saw it, e.g. GUEST_PATH=/lab/work" ;; esac
case $gpath in *[\"\\]* | *$'\n'*) die "GUEST_PATH=$gpath: a quote, backslash or newline cannot reach the appliance: give the folder that holds it" ;; esac
[ -w "$run" ] || die "RUN=$run is not writable by $(id -un): the copies go into it; fix its permissions"
run=$(cd "$run" && pwd -P) disk=$run/disk.qcow2

# The overlay holds only the clusters the guest wrote; the rest is the root
# image it names, which must still be there with the bytes the run booted.
info=$(qemu-img info -U --output=json "$disk" 2>&1) ||
	die "RUN=$run: disk.qcow2 is not an image qemu-img can read: $(printf '%s' "$info" | head -n 1)"
field() { printf '%s\n' "$info" | sed -n "s/^ *\"$1\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" | head -n 1; }
backing=$(field backing-filename)
[ "$(field format)" = qcow2 ] && [ "$(field backing-filename-format)" = raw ] && case $backing in /*) true ;; *) false ;; esac ||
	die "RUN=$run: disk.qcow2 is not a run's overlay (a qcow2 over a raw root image named by its absolute path)"
[ -f "$backing" ] ||
	die "RUN=$run: disk.qcow2 holds only what the guest wrote, over the root image $backing, which is gone (make clean, or another BUILD): rebuild it from the run's commit ('make rootfs' gives the same bytes) and retry"
want=$(sed -n 's/.*"rootfs.img": "\([0-9a-f]*\)".*/\1/p' "$run/manifest.json" 2>/dev/null)
if [ -n "$want" ]; then
	[ "$(sha256sum "$backing" | cut -c1-64)" = "$want" ] ||
		die "RUN=$run: the root image $backing was rebuilt since this run (its sha256 is not the manifest's), so the overlay no longer fits it: rebuild it from the run's commit ('make rootfs') and retry"
else
	say "inspect: no manifest.json in $RUN to check the root image against; trusting $backing"
fi

[ "${1:-}" != --check ] || exit 0

# The appliance boots the newest /boot/vmlinuz-*; supermin must read it.
for k in /boot/vmlinuz-*; do
	[ -e "$k" ] || die "libguestfs's appliance needs a host kernel and /boot has none (a container?): as root run 'tools/deps.sh inspect' (on Debian it installs linux-image-amd64)"
	[ -r "$k" ] || die "libguestfs's appliance must read the host kernel $k, which only root can (Debian and Ubuntu install it 0600): as root run 'chmod 0644 /boot/vmlinuz-*'"
done
command -v guestfish >/dev/null 2>&1 || die "guestfish (libguestfs) not found: as root run 'tools/deps.sh inspect'"

# ---- a fresh numbered folder for this inspect --------------------------------
mkdir -p "$run/inspect" || die "cannot create $run/inspect (disk full?)"
n=1
until mkdir "$run/inspect/$n" 2>/dev/null; do
	[ -d "$run/inspect/$n" ] || die "cannot create a folder in $run/inspect (disk full?)"
	n=$((n + 1))
done
out=$run/inspect/$n tmp=$run/inspect/$n/.work
mkdir "$tmp" || die "cannot create $tmp"

# direct: libguestfs runs QEMU itself (no libvirt daemon, no root). Its
# appliance is cached with the lab's cache; its overlay of our read-only
# disk and other temporary files stay in $tmp, removed at the end.
export LIBGUESTFS_BACKEND=direct
export LIBGUESTFS_CACHEDIR=$VFSLAB_CACHE/guestfs LIBGUESTFS_TMPDIR=$tmp TMPDIR=$tmp
vfslab_cache_init && mkdir -p "$LIBGUESTFS_CACHEDIR" || die "cannot create $LIBGUESTFS_CACHEDIR"

# guestfish runs in a session of its own: its appliance QEMU and libguestfs's
# watchdog share it, so one kill of the group ends them all on any exit.
gpid="" done=""
cleanup() {
	if [ -n "$gpid" ]; then
		# libguestfs keeps its socket in a libguestfsXXXXXX folder of its own
		# choosing (/tmp for root), which only a clean close removes: take
		# its name from the command line of the QEMU in guestfish's group.
		sock=$(for p in /proc/[0-9]*; do
			[ "$(sed 's/.*) //' "$p/stat" 2>/dev/null | cut -d' ' -f3)" = "$gpid" ] && tr '\0' '\n' < "$p/cmdline"
		done 2>/dev/null | grep -o 'path=/[^,]*/libguestfs[A-Za-z0-9]\{6\}/' | head -n 1)
		disown "$gpid" 2>/dev/null	# no "Killed" line from bash
		kill -KILL -- "-$gpid" 2>/dev/null
		sock=${sock#path=}
		[ -z "$sock" ] || rm -rf "$sock"
	fi
	rm -rf "$tmp"
	[ -n "$done" ] || rm -rf "$out"
}
trap cleanup EXIT
trap 'say "inspect stopped (SIGTERM): nothing kept"; exit 143' TERM
trap 'say "inspect stopped (SIGINT): nothing kept"; exit 130' INT
trap 'say "inspect stopped (SIGHUP): nothing kept"; exit 129' HUP

# One appliance start does it all (each start costs tens of seconds under
# TCG). A command prefixed with - may fail: the loop image is absent when the
# guest died early, and of tar-out (a folder) and download (a file) exactly
# one works; which one failed tells what GUEST_PATH is. lstatns prints its
# type first: the appliance would follow a symlink outside the guest's tree.
cat > "$tmp/script" <<EOF
add "$disk" readonly:true format:qcow2
run
mount-ro /dev/sda /
-mount-loop /lab/loopfs.img /mnt/loopfs
-lstatns "$gpath"
-tar-out "$gpath" "$tmp/tree.tar" numericowner:true
-download "$gpath" "$tmp/file"
EOF
say "inspect: starting libguestfs's appliance (about half a minute under TCG) to read $gpath from $disk"
t0=$(now_ms)
setsid guestfish -f "$tmp/script" > "$tmp/guestfish.out" 2> "$tmp/guestfish.err" &
gpid=$!
wait "$gpid"; rc=$?
# the appliance is closed when guestfish ends normally; the group kill in
# cleanup is for the other ways
kill -KILL -- "-$gpid" 2>/dev/null; gpid=""
ms=$(( $(now_ms) - t0 ))
err() { grep -m 1 "libguestfs: error: $1" "$tmp/guestfish.err" | sed 's/^.*libguestfs: error: //'; }
[ "$rc" -eq 0 ] || die "libguestfs failed ($(grep -m 1 'error' "$tmp/guestfish.err" | sed 's/^.*libguestfs: error: //')): 'libguestfs-test-tool' shows why its appliance does not start"
loopnote=""
[ -z "$(err mount_loop)" ] || loopnote=" (the loop image /lab/loopfs.img was not mounted: $(err mount_loop))"

# ---- listing and copies: regular files and folders only -----------------------
st() { sed -n "s/^st_$1: //p" "$tmp/guestfish.out"; }
mode=$(st mode)
[ -z "$mode" ] || [ $((mode & 0170000)) -ne $((0120000)) ] ||
	die "GUEST_PATH=$gpath is a symlink in the guest: give the path it points to"
dest=$out/guest${gpath%/}
if [ -z "$(err tar_out)" ]; then
	mkdir -p "$dest" || die "cannot create $dest"
	# tar -t and tar -tv print one line per member, in order, names quoted
	# alike (a newline becomes \n), and -T reads them back unquoted.
	tar -tf "$tmp/tree.tar" > "$tmp/names" && tar -tvf "$tmp/tree.tar" --numeric-owner > "$out/listing.txt" ||
		die "the appliance's tar of $gpath does not read back (disk full?)"
	awk 'NR == FNR { name[FNR] = $0; next } /^[-d]/ { print name[FNR] }' "$tmp/names" "$out/listing.txt" > "$tmp/keep"
	tar -xf "$tmp/tree.tar" -C "$dest" --no-recursion --no-same-owner --no-same-permissions -T "$tmp/keep" ||
		die "cannot extract $gpath into $dest (disk full?)"
elif [ -z "$(err download)" ]; then
	mkdir -p "$(dirname "$dest")" && mv "$tmp/file" "$dest" || die "cannot copy $gpath to $dest (disk full?)"
	printf -- '- %04o %s/%s %s %s\n' $((mode & 07777)) "$(st uid)" "$(st gid)" "$(st size)" "$gpath" > "$out/listing.txt"
else
	die "GUEST_PATH=$gpath: $(err download)$loopnote"
fi
done=1
cat "$out/listing.txt"
files=$(grep -c '^-' "$out/listing.txt") other=$(grep -vc '^[-d]' "$out/listing.txt")
say "inspect: $files file(s) of $gpath copied to $dest in $((ms / 1000)) s$([ "$other" -eq 0 ] || echo "; $other links, devices or FIFOs only listed")$loopnote; listing: $out/listing.txt"
