// kill_pending (lab 1): kill, tgkill and sigqueue make a blocked signal pending,
// and sigpending() shows exactly the signals sent.
//
// usage: kill_pending SIG1 SIG2 RTSIG NONCE
//   SIG1 goes by kill, SIG2 by tgkill, RTSIG by sigqueue, all to ourselves while
//   every signal is blocked.

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    int s1 = arg(argc, argv, 1), s2 = arg(argc, argv, 2), rt = arg(argc, argv, 3);
    int nonce = arg(argc, argv, 4);
    pid_t me = getpid();

    set_mask(~0ULL);
    printf("pending at first: %s\n", setstr(get_pending()));
    errno = 0;
    printf("kill(self, %s) = %s\n", signame(s1), result(kill(me, s1)));
    errno = 0;
    printf("tgkill(self, self, %s) = %s\n", signame(s2),
           result(syscall(SYS_tgkill, me, (pid_t)syscall(SYS_gettid), s2)));
    errno = 0;
    printf("sigqueue(self, %s) = %s\n", signame(rt), result(send_value(me, rt, nonce)));
    printf("pending: %s\n", setstr(get_pending()));

    // Sending a pending signal again changes nothing in the set.
    kill(me, s1);
    printf("pending after %s again: %s\n", signame(s1), setstr(get_pending()));
    errno = 0;
    printf("kill(self, 0) = %s\n", result(kill(me, 0)));
    return 0;
}
