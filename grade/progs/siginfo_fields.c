// siginfo_fields (lab 2): each way of sending fills in its own siginfo, and the
// dequeue hands it back: kill (SI_USER and the sender's pid), tgkill (SI_TKILL),
// sigqueue (SI_QUEUE and the value), a child's exit (SIGCHLD, CLD_EXITED, the status).
//
// usage: siginfo_fields TKILL KILL RT NONCE STATUS     (TKILL < KILL < SIGCHLD)
//
// (Linux dequeues a thread's private signals, which tgkill sends, before the
// process-wide ones; with the tgkill signal lowest, both orders agree.)

#include "grade.h"

static const char *code_name(int code)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TKILL: return "SI_TKILL";
    case CLD_EXITED: return "CLD_EXITED";
    default: return "another si_code";
    }
}

int main(int argc, char **argv)
{
    grade_start();
    int s2 = arg(argc, argv, 1), s1 = arg(argc, argv, 2), rt = arg(argc, argv, 3);
    int nonce = arg(argc, argv, 4), status = arg(argc, argv, 5);
    pid_t parent = getpid();

    set_mask(~0ULL);
    pid_t child = fork();
    if (child == 0) {
        kill(parent, s1);
        syscall(SYS_tgkill, parent, parent, s2);
        send_value(parent, rt, nonce);
        _exit(status);
    }
    printf("child %s\n", reap(child, 0));

    sigset_t all;
    sigfillset(&all);
    struct timespec zero = { 0, 0 };
    for (int i = 0; i < 6; i++) {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        errno = 0;
        int sig = sigtimedwait(&all, &si, &zero);
        if (sig < 0) {
            printf("then: %s\n", result(sig));
            break;
        }
        printf("%s: si_signo %s, %s, from %s", signame(sig), signame(si.si_signo),
               code_name(si.si_code), si.si_pid == child ? "the child" : "someone else");
        if (si.si_code == SI_QUEUE)
            printf(", value %d", si.si_value.sival_int);
        if (sig == SIGCHLD)
            printf(", status %d", si.si_status);
        else
            printf(", uid %s", si.si_uid == getuid() ? "ours" : "another");
        printf("\n");
    }
    return 0;
}
