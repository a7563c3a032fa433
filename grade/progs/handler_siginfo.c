// handler_siginfo (lab 3): a handler runs with the arguments Linux gives it:
// handler(sig, &info, &uc) for SA_SIGINFO, where info is the siginfo the sender
// queued and uc->uc_sigmask the mask from before the signal; and handler(sig) for a
// plain one. While it runs, the signal itself is blocked too.
//
// The handlers leave by siglongjmp (lab 3 cannot return from a handler yet).
//
// usage: handler_siginfo RT BLOCKED PLAIN NONCE

#include "grade.h"
#include <setjmp.h>
#include <ucontext.h>

static sigjmp_buf env;

static void rt_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    printf("handler: signal %s\n", signame(sig));
    printf("siginfo: si_signo %s, si_code %s, value %d, from %s\n", signame(si->si_signo),
           si->si_code == SI_QUEUE ? "SI_QUEUE" : "not SI_QUEUE", si->si_value.sival_int,
           si->si_pid == getpid() ? "ourselves" : "someone else");
    printf("uc_sigmask: %s\n", setstr(*(kset *)&uc->uc_sigmask));
    printf("blocked in the handler: %s\n", setstr(get_mask()));
    siglongjmp(env, 1);
}

static void plain_handler(int sig)
{
    printf("plain handler: signal %s, blocked %s\n", signame(sig), setstr(get_mask()));
    siglongjmp(env, 1);
}

int main(int argc, char **argv)
{
    grade_start();
    int rt = arg(argc, argv, 1), blocked = arg(argc, argv, 2), plain = arg(argc, argv, 3);
    int nonce = arg(argc, argv, 4);

    on(rt, rt_handler, SA_SIGINFO, 0);
    on(plain, plain_handler, 0, 0);
    set_mask(bit(blocked));
    if (!sigsetjmp(env, 1)) {
        send_value(getpid(), rt, nonce);
        printf("sigqueue returned, but no handler ran\n");
    }
    printf("back in main, blocked: %s\n", setstr(get_mask()));
    if (!sigsetjmp(env, 1)) {
        kill(getpid(), plain);
        printf("kill returned, but no handler ran\n");
    }
    printf("back in main again, blocked: %s\n", setstr(get_mask()));
    return 0;
}
