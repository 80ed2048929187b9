# manifest.json of a run: manifest_static (what was built and booted) and
# write_manifest (that, plus how the run ended). Sourced by run-lab.sh; reads
# KERNEL, KERNEL_DIR, BZIMAGE, IMAGE, MODULE_DIR, TRIGGER_BIN_DIR, TIMES_DIR,
# QEMU and $names (all optional).

json_str() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g' | tr -d '\n')"; }
sha_of() { [ -f "$1" ] && sha256sum "$1" | cut -c1-64; }

# "name": "sha256" pairs for every file of a folder matching a glob, from
# one sha256sum (a fork per file cost 4 s for stage 3's 70 programs)
sha_map() {
	# shellcheck disable=SC2086 # the glob is meant to expand
	set -- $1
	for f; do [ -f "$f" ] && printf '%s\0' "$f"; done | xargs -0r sha256sum 2>/dev/null |
		awk '{ n = $0; sub(/^[0-9a-f]+  /, "", n); sub(/.*\//, "", n); gsub(/\\/, "\\\\", n); gsub(/"/, "\\\"", n)
			printf "%s\n      \"%s\": \"%s\"", sep, n, $1; sep = "," }'
}

# manifest_static: every member that does not depend on how the run went:
# what was built and booted. run-lab.sh takes it in the background while the
# guest boots (the build lock keeps the files as they are): a stopped run's
# manifest waits for it (a second or two), never hashes anything again.
manifest_static() {
	kd=${KERNEL_DIR:-}
	printf '  "kernel": %s,\n' "$(json_str "${KERNEL:-}")"
	printf '  "kernel_release": %s,\n' "$(json_str "$(cat "$kd/obj/include/config/kernel.release" 2>/dev/null)")"
	printf '  "kernel_source_sha256": %s,\n' "$(json_str "$(cat "$kd/src.sha256" 2>/dev/null)")"
	printf '  "config_fragment_sha256": %s,\n' "$(json_str "$(sha_of "$VFSLAB_TOP/kernel-config/lab.config")")"
	printf '  "gcc": %s,\n' "$(json_str "$(gcc --version 2>/dev/null | head -n1)")"
	printf '  "qemu": %s,\n' "$(json_str "$("$QEMU" --version 2>/dev/null | head -n1)")"
	printf '  "scenarios": %s,\n' "$(json_str "$(echo $names)")"
	printf '  "artifacts": {\n'
	printf '    "bzImage": %s,\n' "$(json_str "$(sha_of "${BZIMAGE:-}")")"
	printf '    "rootfs.img": %s,\n' "$(json_str "$(sha_of "${IMAGE:-}")")"
	printf '    "modules": {%s\n    },\n' "$(sha_map "${MODULE_DIR:-/nonexistent}/*.ko")"
	printf '    "triggers": {%s\n    }\n  },\n' "$(sha_map "${TRIGGER_BIN_DIR:-/nonexistent}/*")"
}

# write_manifest FILE ACCEL BOOT_MS INIT_MS STATUS [REASON]: record what this
# run was made of (manifest_static, or $static when taken already) and how it
# ended (STATUS complete, failed or interrupted). Written under a temporary
# name and renamed; non-zero when it could not be written.
write_manifest() {
	out=$1 accel=$2 boot_ms=$3 init_ms=${4:-0} status=$5 why=${6:-}
	{
		printf '{\n  "schema": "vfslab-manifest/1",\n'
		printf '  "status": "%s",\n' "$status"
		printf '  "reason": %s,\n' "$(json_str "$why")"
		printf '%s\n' "${static:-$(manifest_static)}"
		printf '  "accel": "%s",\n' "$accel"
		printf '  "clock": "%s",\n' "$([ "$accel" = tcg ] && echo "${CLOCK:-virtual}" || echo real)"
		printf '  "wall_ms": {'
		sep=""
		for f in "${TIMES_DIR:-/nonexistent}"/*.ms; do
			[ -f "$f" ] || continue
			n=${f##*/}
			printf '%s\n    "%s": %s' "$sep" "${n%.ms}" "$(< "$f")"
			sep=","
		done
		printf '%s\n    "boot_to_init": %s,' "$sep" "$init_ms"
		printf '\n    "boot_and_scenarios": %s\n  }\n}\n' "$boot_ms"
	} > "$out.tmp" && [ "$(tail -c 2 "$out.tmp" | od -An -c | tr -d ' ')" = '}\n' ] && mv -f "$out.tmp" "$out" ||
		{ rm -f "$out.tmp"; return 1; }
}
