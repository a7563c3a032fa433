# Background jobs: kill, wait's statuses, stopped and continued jobs, kill -0.
busybox sleep 5 &
pid=$!
kill -0 $pid && echo "kill -0: alive"
kill -TERM $pid
wait $pid
echo "TERM: wait status $?"
busybox sleep 5 &
pid=$!
kill -KILL $pid
{ wait $pid; } 2>/dev/null      # bash would name the pid in its "Killed" line
echo "KILL: wait status $?"
( exit 7 ) &
wait $!
echo "exit 7: wait status $?"
busybox sleep 0.2 &
p1=$!
busybox sh -c 'exit 5' &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
echo "two jobs: $s1 $s2"
busybox sleep 5 &
pid=$!
kill -STOP $pid
kill -CONT $pid
kill -TERM $pid
wait $pid
echo "STOP, CONT, TERM: wait status $?"
# (not SIGINT: a non-interactive shell's background jobs ignore it, but only once the
# child has set that up after fork, so a quick kill -INT races with it on Linux)
kill -0 $pid 2>/dev/null || echo "kill -0 after reaping: no such process"
kill -l 15
kill -l 143
