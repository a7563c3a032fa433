// init (pid 1) ignores every signal it has no handler for, SIGKILL and SIGSTOP
// included, as on Linux: none of these may kill or stop it.
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    static const struct { int sig; const char *name; } sigs[] = {
        { SIGTERM, "SIGTERM" }, { SIGINT, "SIGINT" }, { SIGHUP, "SIGHUP" },
        { SIGUSR1, "SIGUSR1" }, { SIGSEGV, "SIGSEGV" }, { SIGQUIT, "SIGQUIT" },
        { SIGSTOP, "SIGSTOP" }, { SIGTSTP, "SIGTSTP" }, { SIGKILL, "SIGKILL" },
    };
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        printf("kill(1, %s) = %d\n", sigs[i].name, kill(1, sigs[i].sig));
    /* Give init the CPU: if any of those had stopped or killed it, we would know. */
    usleep(50000);
    printf("init still there: %s\n", kill(1, 0) == 0 ? "yes" : "no");
    return 0;
}
