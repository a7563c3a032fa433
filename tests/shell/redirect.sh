# Redirections and here-documents, in /tmp.
f=/tmp/redirect.$$
echo one > $f
echo two >> $f
busybox cat $f
busybox wc -c < $f
{ echo out; echo err >&2; } > $f 2>&1
busybox cat $f
exec 3> $f
echo "via fd 3" >&3
exec 3>&-
busybox cat $f
name=world
busybox cat <<EOT
hello, $name
$(echo "command substitution")
EOT
busybox cat <<'EOT'
quoted: $name stays
EOT
while read -r a b; do echo "read: $a / $b"; done <<EOT
x y z
1 2
EOT
busybox cat $f.missing 2>/dev/null || echo "missing file: status $?"
: > $f
busybox wc -c < $f
busybox rm $f
[ -e $f ] || echo "removed"
