// dequeue_order (lab 2): the order signals leave the pending set. sigtimedwait
// takes them one by one: lowest number first; a standard signal sent twice is
// pending once; each real-time signal is queued, in the order sent, with its
// own siginfo.
//
// usage: dequeue_order LO HI RTA RTB NONCE     (LO < HI standard, RTB < RTA real-time)

#include "grade.h"

static void describe(int sig, const siginfo_t *si)
{
    if (si->si_code == SI_QUEUE)
        printf("dequeued %s (SI_QUEUE, value %d)\n", signame(sig), si->si_value.sival_int);
    else if (si->si_code == SI_USER)
        printf("dequeued %s (SI_USER, from %s)\n", signame(sig),
               si->si_pid == getpid() ? "ourselves" : "someone else");
    else
        printf("dequeued %s (si_code %d)\n", signame(sig), si->si_code);
}

int main(int argc, char **argv)
{
    grade_start();
    int lo = arg(argc, argv, 1), hi = arg(argc, argv, 2);
    int rta = arg(argc, argv, 3), rtb = arg(argc, argv, 4), nonce = arg(argc, argv, 5);
    pid_t me = getpid();

    set_mask(~0ULL);
    send_value(me, rta, nonce);
    send_value(me, rtb, nonce + 1);
    send_value(me, rta, nonce + 2);
    kill(me, hi);
    kill(me, lo);
    kill(me, lo);
    send_value(me, rtb, nonce + 3);
    printf("pending: %s\n", setstr(get_pending()));

    sigset_t all;
    sigfillset(&all);
    struct timespec zero = { 0, 0 };
    for (int i = 0; i < 8; i++) {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        errno = 0;
        int sig = sigtimedwait(&all, &si, &zero);
        if (sig < 0) {
            printf("then: %s\n", result(sig));
            break;
        }
        describe(sig, &si);
        if (sig == rtb && si.si_value.sival_int == nonce + 1)
            printf("%s still pending after the first: %s\n", signame(rtb),
                   get_pending() & bit(rtb) ? "yes" : "no");
    }
    printf("pending at the end: %s\n", setstr(get_pending()));
    return 0;
}
