# busybox timeout sends SIGTERM when the time is up; the shell sees the status.
busybox timeout 1 busybox sleep 10
echo "timeout status $?"
{ busybox timeout -s KILL 1 busybox sleep 10; } 2>/dev/null
echo "timeout -s KILL status $?"
busybox timeout 5 busybox true
echo "in time: status $?"
busybox sh -c 'trap "echo got ALRM; exit 9" ALRM; busybox timeout -s ALRM 1 busybox sleep 10; echo "inner $?"'
echo "done"
