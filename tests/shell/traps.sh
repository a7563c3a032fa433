# trap: handlers for signals sent by kill, the EXIT trap, ignoring, resetting.
trap 'echo "USR1 handled"' USR1
kill -USR1 $$
echo "after USR1"
trap 'echo "TERM handled"; n=$((n+1))' TERM
n=0
kill -TERM $$; kill -TERM $$
echo "TERM handled $n times"
trap '' INT
kill -INT $$
echo "INT ignored"
trap - INT
{ ( kill -USR2 $(busybox sh -c 'echo $PPID') ); } 2>/dev/null    # no pid in the output
echo "subshell killed by USR2: status $?"
trap 'echo "EXIT trap, status $?"' EXIT
exit 3
