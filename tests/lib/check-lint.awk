# Lint for tests/tap.sh: print FILE:LINE of each `check NAME CMD...` whose
# CMD is followed by && || | or & outside quotes and $( ) (continued lines
# joined): the shell ends check's command there, so `check N [ a ] && [ b ]`
# tests a alone. Usage: awk -f check-lint.awk FILE...
function rtrim(s) { sub(/[ \t]+$/, "", s); return s }
function scan(s,   i, c, n, sp, st, m, p) {
	sp = 1; st[1] = "N"; n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1); m = st[sp]
		if (m == "S") { if (c == "'") sp--; continue }
		if (c == "\\") { i++; continue }
		if (m == "D") {
			if (c == "\"") sp--
			else if (c == "$" && substr(s, i + 1, 1) == "(") { st[++sp] = "P"; i++ }
			continue
		}
		if (c == "'") { st[++sp] = "S"; continue }
		if (c == "\"") { st[++sp] = "D"; continue }
		if (c == "`") { p = index(substr(s, i + 1), "`"); if (p) i += p; continue }
		if (c == "$" && substr(s, i + 1, 1) == "(") { st[++sp] = "P"; i++; continue }
		if (c == "(") { st[++sp] = "P"; continue }
		if (c == ")") { if (sp > 1) sp--; continue }
		if (sp > 1) continue
		if (c == "#" && (i == 1 || substr(s, i - 1, 1) ~ /[ \t]/)) return 0
		if (c == ";") return 0
		if (c == "&" && (substr(s, i - 1, 1) ~ /[<>]/ || substr(s, i + 1, 1) == ">")) continue
		if (c == "&" || c == "|") return 1
	}
	return 0
}
FNR == 1 { buf = ""; start = 0 }
{
	line = $0
	if (buf == "") start = FNR
	buf = buf line
	t = rtrim(buf)
	if (t ~ /\\$/) { sub(/\\[ \t]*$/, " ", buf); next }
	if (t ~ /(&&|\|\||\|)$/ && t ~ /^[ \t]*check[ \t]/) { buf = buf " "; next }
	if (buf ~ /^[ \t]*check[ \t]/ && scan(buf)) printf "%s:%d: %s\n", FILENAME, start, substr(buf, 1, 140)
	buf = ""
}
