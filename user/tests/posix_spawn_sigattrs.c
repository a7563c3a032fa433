// posix_spawn_sigattrs: posix_spawn's POSIX_SPAWN_SETSIGMASK and POSIX_SPAWN_SETSIGDEF
// give the child that mask and those default actions; without them it inherits both
// lab: 1
//
// The parent blocks SIGUSR1 and ignores SIGUSR2 and SIGTERM. The child is this
// program again with the argument "child": it prints what it was given.

#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

extern char **environ;

static int ignored(int sig)
{
    struct sigaction sa;
    sigaction(sig, 0, &sa);
    return sa.sa_handler == SIG_IGN;
}

static int child(void)
{
    sigset_t mask;
    sigprocmask(SIG_BLOCK, 0, &mask);
    printf("  child: SIGUSR1 blocked %d, SIGUSR2 blocked %d\n", sigismember(&mask, SIGUSR1),
           sigismember(&mask, SIGUSR2));
    printf("  child: SIGUSR2 ignored %d, SIGTERM ignored %d\n", ignored(SIGUSR2),
           ignored(SIGTERM));
    return 9;
}

static void spawn(const char *self, posix_spawnattr_t *attr, const char *what)
{
    printf("%s:\n", what);
    char *args[] = { (char *)self, "child", 0 };
    pid_t pid;
    // Check only once the child is done: it prints while we run on.
    int err = posix_spawn(&pid, self, 0, attr, args, environ);
    int status = 0;
    pid_t waited = waitpid(pid, &status, 0);
    check("posix_spawn", err, 0);
    check("waitpid", waited, pid);
    check("exit status", WEXITSTATUS(status), 9);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return child();
    setvbuf(stdout, NULL, _IONBF, 0);

    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, 0);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGTERM, SIG_IGN);

    spawn(argv[0], 0, "no attributes");

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    sigset_t mask, def;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    posix_spawnattr_setsigmask(&attr, &mask);
    sigemptyset(&def);
    sigaddset(&def, SIGUSR2);
    posix_spawnattr_setsigdefault(&attr, &def);
    spawn(argv[0], &attr, "SETSIGMASK {SIGUSR2}, SETSIGDEF {SIGUSR2}");
    posix_spawnattr_destroy(&attr);

    // The parent's own state is untouched by what the child was given.
    check("parent: SIGUSR1 still blocked", (current_mask() & BIT(SIGUSR1)) != 0, 1);
    check("parent: SIGUSR2 still ignored", ignored(SIGUSR2), 1);
    return failures != 0;
}
