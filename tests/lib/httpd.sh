# A real HTTP server on 127.0.0.1 for the fetch tests: busybox httpd, which
# answers Range requests (resume). Sourced; needs $t (scratch folder).
# httpd_start DIR: serve DIR; sets port, url, httpd (its pid; stop it on EXIT).
httpd_start() {
	bb=$(command -v busybox || echo /bin/busybox)
	"$bb" --list 2>/dev/null | grep -qx httpd || { echo "not ok - busybox with httpd needed (busybox-static)"; exit 1; }
	httpd=""
	# a free port: try a few, keep the one httpd binds
	for port in $((20000 + $$ % 20000)) $((21000 + $$ % 20000)) $((22000 + $$ % 20000)); do
		"$bb" httpd -f -p "127.0.0.1:$port" -h "$1" & httpd=$!
		sleep 0.3
		kill -0 "$httpd" 2>/dev/null && break
		httpd=""
	done
	[ -n "$httpd" ] || { echo "not ok - busybox httpd did not start"; exit 1; }
	url=http://127.0.0.1:$port
}
