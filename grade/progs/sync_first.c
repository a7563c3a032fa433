// sync_first (lab 2): the signals a CPU fault can raise (SIGILL, SIGTRAP, SIGBUS,
// SIGFPE, SIGSEGV, SIGSYS) leave the pending set before every other signal, lowest
// of them first, even a lower-numbered one sent earlier (Linux dequeue_synchronous
// _signal, SYNCHRONOUS_MASK). Everything stays blocked; sigtimedwait takes the
// signals one by one in the order the kernel dequeues them.
//
// usage: sync_first SYNC1 SYNC2 LOW RT NONCE   (SYNCn fault-type, LOW any standard
//                                              signal, RT real-time, all different)

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    int sync1 = arg(argc, argv, 1), sync2 = arg(argc, argv, 2);
    int low = arg(argc, argv, 3), rt = arg(argc, argv, 4), nonce = arg(argc, argv, 5);
    pid_t me = getpid();

    set_mask(~0ULL);
    send_value(me, rt, nonce);
    kill(me, low);
    kill(me, sync2);
    kill(me, sync1);
    printf("pending: %s\n", setstr(get_pending()));

    sigset_t all;
    sigfillset(&all);
    struct timespec zero = { 0, 0 };
    for (;;) {
        siginfo_t si;
        int sig = sigtimedwait(&all, &si, &zero);
        if (sig < 0)
            break;
        if (si.si_code == SI_QUEUE)
            printf("dequeued %s (value %d)\n", signame(sig), si.si_value.sival_int);
        else
            printf("dequeued %s\n", signame(sig));
    }
    printf("pending at the end: %s\n", setstr(get_pending()));
    return 0;
}
