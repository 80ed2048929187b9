# trace-scn.awk: write a scenario file (docs/scenario-format.md) for a traced
# program that has none (make trace), from its dmesg.txt:
#
#   awk -v name=NAME -v args='...' -f tools/trace-scn.awk RUN/NAME/dmesg.txt > NAME.scn
#
# For every do_filp_open of the program it writes a worksheet and a diagram
# of the events between that open's entry and its return (same pid): the
# lookups, allocations, inserts, kills, and the returned dentry. Every value
# shown is a {selector} the report tool fills from the log (an event is
# picked by its seq, which is unique in one load), so the report stays the
# single reader of values. This script only reads which events exist and
# which pointer values repeat: a pointer seen in two or more events gets one
# letter, (A), (B)..., wherever it appears, and one `observe` line that
# the report tool checks (all those selectors equal). The copy source of
# __d_alloc gets its offset into the path ("path pointer + N"), also observed.

# ---- log parsing: "vfslab: seq=N probe=P phase=X key=value ..." ----------
function parse(line,    p, k, v, c, i) {
	p = index(line, "vfslab: seq=")
	if (!p) return 0
	line = substr(line, p + 8)
	n++
	while (length(line)) {
		sub(/^ +/, "", line)
		i = index(line, "=")
		if (!i) break
		k = substr(line, 1, i - 1); line = substr(line, i + 1)
		if (substr(line, 1, 1) == "\"") {
			# a quoted string: up to the first unescaped quote
			v = ""; line = substr(line, 2)
			while (length(line)) {
				c = substr(line, 1, 1)
				if (c == "\\") { v = v substr(line, 1, 2); line = substr(line, 3); continue }
				line = substr(line, 2)
				if (c == "\"") break
				v = v c
			}
		} else {
			i = index(line, " ")
			if (i) { v = substr(line, 1, i - 1); line = substr(line, i) }
			else { v = line; line = "" }
		}
		ev[n, k] = v
	}
	return 1
}

function hexval(s,    i, r) {
	r = 0
	s = tolower(s)
	for (i = 1; i <= length(s); i++) r = r * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return r
}
# a - b for two 16-digit pointers, exact when they are close (halves keep
# each part under 2^32, well inside a double's 53 bits).
function ptrdiff(a, b) {
	return (hexval(substr(a, 1, 8)) - hexval(substr(b, 1, 8))) * 4294967296 + \
	       hexval(substr(a, 9, 8)) - hexval(substr(b, 9, 8))
}
function isnull(v) { return v == "" || v ~ /^0+$/ }

function sel(i) { return ev[i, "probe"] "." ev[i, "phase"] "[seq=" ev[i, "seq"] "]" }
function f(i, k) { return "{" sel(i) "." k "}" }

# ---- equal pointers -------------------------------------------------------
# Keys whose values are dentries, names or inodes: equal values are the
# same object (the study's "==" checks).
function note_ptr(i, k,    v) {
	v = ev[i, k]
	if (isnull(v) || !(v ~ /^[0-9a-f]+$/) || length(v) != 16) return
	uses[v]++
	use[v, uses[v]] = i SUBSEP k
}
function letter(m,    a) {
	a = substr("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (m - 1) % 26 + 1, 1)
	return m > 26 ? a int((m - 1) / 26) + 1 : a
}
# " (A)" after a value whose pointer repeats, else ""
function t(i, k,    v) {
	v = ev[i, k]
	return (v in tagof) ? " (" tagof[v] ")" : ""
}
function ptr(i, k) { return f(i, k) t(i, k) }

# ---- per event text --------------------------------------------------------
function is_lookup(p) { return p == "d_lookup" || p == "__d_lookup" || p == "__d_lookup_rcu" }

# worksheet line of event i in open o (entry event s)
function record(i, s,    p, h) {
	p = ev[i, "probe"]; h = ev[i, "phase"]
	if (is_lookup(p) && h == "entry")
		return "- " p " entry: hash " f(i, "hash") " length " f(i, "len") " name " f(i, "name") " (parent " ptr(i, "parent") ")"
	if (is_lookup(p))
		return isnull(ev[i, "dentry"]) ? "- " p " return: NULL" : \
			"- " p " return pointer = " ptr(i, "dname_ptr") " | " f(i, "dname") " (dentry " ptr(i, "dentry") ", inode " ptr(i, "inode") ")"
	if (p == "d_alloc_parallel")
		return "- d_alloc_parallel entry: parent " ptr(i, "parent") " (" f(i, "parent_name") ") name " f(i, "name") " hash " f(i, "hash")
	if (p == "__d_alloc" && h == "entry")
		return "- __d_alloc entry pointer = " f(i, "name_ptr") off_text(i, s) " | " f(i, "name")
	if (p == "__d_alloc")
		return isnull(ev[i, "dentry"]) ? "- __d_alloc return: NULL" : \
			"- __d_alloc return pointer = " ptr(i, "dname_ptr") " (dentry " ptr(i, "dentry") ", " storage(i) ")"
	if (p == "__d_add")
		return "- __d_add entry pointer = " ptr(i, "dname_ptr") " | " f(i, "dname") " (dentry " ptr(i, "dentry") ", " \
			(isnull(ev[i, "inode"]) ? "negative" : "inode " ptr(i, "inode")) (ev[i, "via"] != "" ? ", via " ev[i, "via"] : "") ")"
	if (p == "do_filp_open" && h == "ret")
		return ev[i, "err"] != "0" ? "- do_filp_open return: error " f(i, "err") " (file " f(i, "file") ")" : \
			"- do_filp_open return pointer = " ptr(i, "dname_ptr") " | " f(i, "dname") " (dentry " ptr(i, "dentry") ", inode " ptr(i, "inode") ")"
	if (ev[i, "dentry"] != "")
		return "- " p " " h ": dentry " ptr(i, "dentry") " | " f(i, "dname")
	return "- " p " " h
}

# diagram text of event i (without the tree prefix)
function node(i, s,    p, h) {
	p = ev[i, "probe"]; h = ev[i, "phase"]
	if (is_lookup(p) && h == "entry")
		return p " entry (hash=" f(i, "hash") ", len=" f(i, "len") ", name=" f(i, "name") ") parent " ptr(i, "parent")
	if (is_lookup(p))
		return isnull(ev[i, "dentry"]) ? p " return NULL" : p " return " ptr(i, "dname_ptr") " | " f(i, "dname") " dentry " ptr(i, "dentry")
	if (p == "d_alloc_parallel")
		return "d_alloc_parallel entry parent " ptr(i, "parent") " (" f(i, "parent_name") ") name " f(i, "name")
	if (p == "__d_alloc" && h == "entry")
		return "__d_alloc entry " f(i, "name_ptr") off_text(i, s)
	if (p == "__d_alloc")
		return isnull(ev[i, "dentry"]) ? "__d_alloc return NULL" : "__d_alloc return " ptr(i, "dname_ptr") " dentry " ptr(i, "dentry")
	if (p == "__d_add")
		return "__d_add entry " ptr(i, "dname_ptr") " | " f(i, "dname") (isnull(ev[i, "inode"]) ? " (negative)" : " inode " ptr(i, "inode"))
	if (p == "do_filp_open" && h == "ret")
		return ev[i, "err"] != "0" ? "do_filp_open return error " f(i, "err") : \
			"do_filp_open return " ptr(i, "dname_ptr") " | " f(i, "dname") " dentry " ptr(i, "dentry")
	if (ev[i, "dentry"] != "")
		return p " " h " dentry " ptr(i, "dentry") " | " f(i, "dname")
	return p " " h
}

function storage(i,    d) {
	d = ptrdiff(ev[i, "dname_ptr"], ev[i, "dentry"])
	return (dsz && d >= 0 && d < dsz) ? "inline name" : "external name"
}

# " (= path pointer + N)" when __d_alloc copies from inside the open's path
function off_text(i, s,    d) {
	d = ptrdiff(ev[i, "name_ptr"], ev[s, "path_ptr"])
	if (d < 0 || d > length(ev[s, "path"])) return ""
	if (!(i in offdone)) { offdone[i] = 1; offs[++noffs] = i SUBSEP s SUBSEP d }
	return " (= path pointer + " d ")"
}

# ---- main --------------------------------------------------------------------
{
	if (index($0, "vfslab: meta=load") && match($0, /dentry_size=[0-9]+/))
		dsz = substr($0, RSTART + 12, RLENGTH - 12) + 0
	parse($0)
}

END {
	# opens: each entry with the first return after it in the same pid
	for (i = 1; i <= n; i++) {
		if (ev[i, "probe"] != "do_filp_open" || ev[i, "phase"] != "entry") continue
		no++; ostart[no] = i; oend[no] = 0
		for (j = i + 1; j <= n; j++)
			if (ev[j, "pid"] == ev[i, "pid"] && ev[j, "probe"] == "do_filp_open") {
				if (ev[j, "phase"] == "ret") oend[no] = j
				break
			}
		last = oend[no] ? oend[no] : n
		for (j = i; j <= last; j++)
			if (ev[j, "pid"] == ev[i, "pid"]) { inopen[j] = no; for (k = split("dentry parent dname_ptr inode", K, " "); k; k--) note_ptr(j, K[k]) }
	}
	m = 0
	# letters in reading order: opens in order, keys as the worksheet shows them
	for (j = 1; j <= n; j++) if (j in inopen) for (k = split("inode dname_ptr dentry parent", K, " "); k; k--) {
		v = ev[j, K[k]]
		if ((v in uses) && uses[v] > 1 && !(v in tagof)) { tagof[v] = letter(++m); tagorder[m] = v }
	}
	outside = 0
	for (j = 1; j <= n; j++) if (!(j in inopen)) outside++

	printf "# %s: generated by make trace (tools/trace-scn.awk) from its own log.\n", name
	print "order = 1"
	print "cwd = /lab/work"
	if (args != "") print "args = " args
	printf "description = make trace of %s: %d do_filp_open call%s, %d module events (%d outside any open: other syscalls, exit)\n", \
		name, no, no == 1 ? "" : "s", n, outside

	print ""
	print "record: Every do_filp_open of " name ", with the events between its entry and its return."
	print "record: (A), (B)...: one letter per pointer value seen in two or more events (checked below as"
	print "record: observations); an address freed in between may be reused by another object."
	for (o = 1; o <= no; o++) {
		s = ostart[o]; e = oend[o]
		print "record: "
		printf "record: OPEN %d of %d: \"%s\" (pid %s, seq %s..%s)\n", o, no, f(s, "path"), ev[s, "pid"], ev[s, "seq"], e ? ev[e, "seq"] : "?"
		print "record: - do_filp_open entry pointer = " f(s, "path_ptr") " | " f(s, "path")
		# the tree: each entry with its return as a child; the open's return last
		ni = 0
		last = e ? e : n
		for (j = s + 1; j <= last; j++) {
			if (inopen[j] != o || ev[j, "pid"] != ev[s, "pid"]) continue
			print "record: " record(j, s)
			if (ev[j, "phase"] == "ret" && j != e) {
				# attach to the latest open entry of the same probe
				for (q = ni; q >= 1; q--) if (ev[item[q], "probe"] == ev[j, "probe"] && !(q in child)) break
				if (q >= 1) { child[q] = j; continue }
			}
			item[++ni] = j
		}
		if (!e) print "record: - do_filp_open return: not in the log (cut, or the program was killed inside the open)"
		print "diagram: OPEN " o ": " f(s, "path")
		print "diagram: └─ do_filp_open entry " f(s, "path_ptr")
		for (q = 1; q <= ni; q++) {
			lastq = (q == ni) && e
			print "diagram:    " (q == ni ? "└─ " : "├─ ") node(item[q], s)
			if (q in child) print "diagram:    " (q == ni ? "   " : "│  ") "└─ " node(child[q], s)
			delete child[q]
		}
		if (!e) print "diagram:    └─ (no do_filp_open return in the log)"
		if (o < no) print "diagram: "
	}
	if (!no) print "record: no do_filp_open of " name " in the log (did the program run under that name?)"

	# the links: every repeated pointer, checked equal by the report tool
	print ""
	for (q = 1; q <= m; q++) {
		v = tagorder[q]; line = ""
		for (u = 1; u <= uses[v]; u++) {
			split(use[v, u], P, SUBSEP)
			line = line (u > 1 ? " = " : "") sel(P[1]) "." P[2]
		}
		printf "observe same_%s : %s\n", tolower(tagof[v]), line
	}
	for (q = 1; q <= noffs; q++) {
		split(offs[q], P, SUBSEP)
		printf "observe copy_offset_%d : %s.name_ptr - %s.path_ptr = %d\n", q, sel(P[1]), sel(P[2]), P[3]
	}
}
