# SIGPIPE in pipelines: the writer dies of it when the reader goes away.
busybox yes | busybox head -n 2
if [ -n "$BASH_VERSION" ]; then
    busybox yes | busybox head -n 1 >/dev/null
    echo "PIPESTATUS ${PIPESTATUS[@]}"
    busybox seq 3 | busybox cat | busybox wc -l
    echo "PIPESTATUS ${PIPESTATUS[@]}"
fi
set -o pipefail
busybox yes | busybox head -n 1 >/dev/null
echo "pipefail status $?"
set +o pipefail
busybox seq 1000 | busybox tail -n 1
trap '' PIPE
busybox sh -c 'busybox yes 2>/dev/null | busybox head -n 1 >/dev/null; echo "ignored SIGPIPE inherited"'
