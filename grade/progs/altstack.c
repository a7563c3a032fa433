// altstack (lab 3): an SA_ONSTACK handler runs on the alternate stack (its frame at
// the top of it) and sigaltstack() there says SS_ONSTACK; the frame's uc_stack
// records the settings. A handler without SA_ONSTACK stays on the normal stack.
// SS_AUTODISARM clears the settings while the handler runs.
//
// usage: altstack SIG SIZE

#include "grade.h"
#include <setjmp.h>
#include <ucontext.h>

static sigjmp_buf env;
static char *stack;
static size_t size;

static const char *flags_str(int flags)
{
    static char buf[4][64];
    static int next;
    char *b = buf[next++ % 4];
    int mode = flags & ~SS_AUTODISARM;
    const char *m = mode == SS_ONSTACK ? "SS_ONSTACK" : mode == SS_DISABLE ? "SS_DISABLE" :
                    mode == 0 ? "0" : "other";
    if (!(flags & SS_AUTODISARM))
        return m;
    snprintf(b, sizeof buf[0], "%sSS_AUTODISARM", mode ? m : "");
    if (mode)
        snprintf(b, sizeof buf[0], "%s|SS_AUTODISARM", m);
    return b;
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    char local;
    stack_t now;
    (void)si;
    int on_alt = &local >= stack && &local < stack + size;
    sigaltstack(NULL, &now);
    printf("%s handler: on the alternate stack: %s\n", signame(sig), on_alt ? "yes" : "no");
    printf("  sigaltstack says: %s\n", flags_str(now.ss_flags));
    printf("  uc_stack: sp ours %s, size %zu, flags %s\n", uc->uc_stack.ss_sp == stack ? "yes" : "no",
           uc->uc_stack.ss_size, flags_str(uc->uc_stack.ss_flags));
    if (on_alt) {
        uintptr_t top = (uintptr_t)stack + size, frame = (uintptr_t)uc - 8;
        printf("  frame at the top of the alternate stack: %s\n",
               top > frame && top - frame <= 440 + 512 + 64 + 16 ? "yes" : "no");
    }
    siglongjmp(env, 1);
}

static void send(int sig)
{
    if (!sigsetjmp(env, 1)) {
        kill(getpid(), sig);
        printf("kill(%s) returned, but no handler ran\n", signame(sig));
    }
}

int main(int argc, char **argv)
{
    grade_start();
    int sig = arg(argc, argv, 1);
    size = arg(argc, argv, 2);
    stack = malloc(size);

    stack_t ss = { .ss_sp = stack, .ss_flags = 0, .ss_size = size }, now;
    if (sigaltstack(&ss, NULL) < 0)
        printf("sigaltstack: %s\n", strerror(errno));
    on(sig, handler, SA_SIGINFO | SA_ONSTACK, 0);
    send(sig);
    on(sig, handler, SA_SIGINFO, 0);
    send(sig);

    ss.ss_flags = SS_AUTODISARM;
    if (sigaltstack(&ss, NULL) < 0)
        printf("sigaltstack(SS_AUTODISARM): %s\n", strerror(errno));
    on(sig, handler, SA_SIGINFO | SA_ONSTACK, 0);
    send(sig);
    sigaltstack(NULL, &now);
    printf("after siglongjmp out of it: %s, size %zu\n", flags_str(now.ss_flags), now.ss_size);
    return 0;
}
