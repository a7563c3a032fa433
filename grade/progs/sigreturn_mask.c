// sigreturn_mask (lab 4): rt_sigreturn restores the signal mask and the alternate
// stack settings from the frame (uc_sigmask, uc_stack); a handler that edits them
// changes what the program has after it returns, except that SIGKILL and SIGSTOP
// can never be blocked.
//
// usage: sigreturn_mask BLOCKED MASKED EXTRA SIG SIZE NEWSIZE

#include "grade.h"
#include <ucontext.h>

static int extra;
static size_t newsize;
static char *stack;
static size_t size;

static void plain(int sig)
{
    printf("  %s handler: blocked %s\n", signame(sig), setstr(get_mask()));
}

static void add_to_mask(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)si;
    *(kset *)&uc->uc_sigmask |= bit(extra) | bit(SIGKILL) | bit(SIGSTOP);
}

static void resize_altstack(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    char local;
    (void)sig, (void)si;
    printf("  handler on the alternate stack: %s\n",
           &local >= stack && &local < stack + size ? "yes" : "no");
    uc->uc_stack.ss_size = newsize;
}

int main(int argc, char **argv)
{
    grade_start();
    int blocked = arg(argc, argv, 1), masked = arg(argc, argv, 2);
    extra = arg(argc, argv, 3);
    int sig = arg(argc, argv, 4);
    size = arg(argc, argv, 5);
    newsize = arg(argc, argv, 6);
    stack = malloc(size);

    set_mask(bit(blocked));
    on(sig, plain, 0, bit(masked));
    kill(getpid(), sig);
    printf("after the handler returned: blocked %s\n", setstr(get_mask()));

    on(sig, add_to_mask, SA_SIGINFO, bit(masked));
    kill(getpid(), sig);
    printf("after it added %s, SIGKILL and SIGSTOP to uc_sigmask: blocked %s\n",
           signame(extra), setstr(get_mask()));

    stack_t ss = { .ss_sp = stack, .ss_flags = SS_AUTODISARM, .ss_size = size }, now;
    sigaltstack(&ss, NULL);
    on(sig, resize_altstack, SA_SIGINFO | SA_ONSTACK, 0);
    kill(getpid(), sig);
    sigaltstack(NULL, &now);
    printf("alternate stack after the return: ours %s, size %zu, SS_AUTODISARM %s\n",
           now.ss_sp == stack ? "yes" : "no", now.ss_size,
           now.ss_flags & SS_AUTODISARM ? "yes" : "no");
    return 0;
}
