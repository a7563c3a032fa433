// handler_mask (lab 3): while a handler runs, the kernel blocks what sa_mask lists
// and the signal itself (unless SA_NODEFER); SA_RESETHAND makes the handler a
// one-shot. The frame's uc_sigmask keeps the mask from before, and siglongjmp
// puts that back.
//
// usage: handler_mask BLOCKED MASKED SIG NODEFER RESETHAND

#include "grade.h"
#include <setjmp.h>
#include <ucontext.h>

static sigjmp_buf env;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)si;
    printf("%s handler: blocked %s; uc_sigmask %s\n", signame(sig), setstr(get_mask()),
           setstr(*(kset *)&uc->uc_sigmask));
    siglongjmp(env, 1);
}

static void send(int sig)
{
    if (!sigsetjmp(env, 1)) {
        kill(getpid(), sig);
        printf("kill(%s) returned, but no handler ran\n", signame(sig));
    }
    printf("back in main: blocked %s\n", setstr(get_mask()));
}

int main(int argc, char **argv)
{
    grade_start();
    int blocked = arg(argc, argv, 1), masked = arg(argc, argv, 2), sig = arg(argc, argv, 3);
    int nodefer = arg(argc, argv, 4), resethand = arg(argc, argv, 5);

    set_mask(bit(blocked));
    on(sig, handler, SA_SIGINFO, bit(masked));
    send(sig);
    on(nodefer, handler, SA_SIGINFO | SA_NODEFER, 0);
    send(nodefer);
    on(resethand, handler, SA_SIGINFO | SA_RESETHAND, 0);
    send(resethand);

    struct sigaction old;
    sigaction(resethand, NULL, &old);
    printf("%s after SA_RESETHAND: %s\n", signame(resethand),
           old.sa_handler == SIG_DFL ? "SIG_DFL" : "still the handler");
    return 0;
}
