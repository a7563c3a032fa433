// stop_continue (lab 2): a stop signal stops a process and SIGCONT resumes it; the
// parent learns of each change twice: from waitpid (WUNTRACED, WCONTINUED) and from
// SIGCHLD, whose siginfo says CLD_STOPPED, CLD_CONTINUED or CLD_EXITED.
//
// usage: stop_continue STOPSIG STATUS
//   The child runs for a second in all, then exits with STATUS.

#include "grade.h"

static void sigchld_info(void)
{
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    struct timespec limit = { 1, 0 };
    siginfo_t si;
    memset(&si, 0, sizeof si);
    errno = 0;
    int sig = sigtimedwait(&chld, &si, &limit);
    if (sig != SIGCHLD) {
        printf("SIGCHLD: none (%s)\n", result(sig));
        return;
    }
    const char *code = si.si_code == CLD_STOPPED ? "CLD_STOPPED" :
                       si.si_code == CLD_CONTINUED ? "CLD_CONTINUED" :
                       si.si_code == CLD_EXITED ? "CLD_EXITED" :
                       si.si_code == CLD_KILLED ? "CLD_KILLED" : "another si_code";
    if (si.si_code == CLD_EXITED)
        printf("SIGCHLD: %s, status %d\n", code, si.si_status);
    else
        printf("SIGCHLD: %s, status %s\n", code, signame(si.si_status));
}

int main(int argc, char **argv)
{
    grade_start();
    int stop = arg(argc, argv, 1), status = arg(argc, argv, 2);
    int ready[2];
    pipe(ready);

    set_mask(bit(SIGCHLD));
    pid_t c = fork();
    if (c == 0) {
        // A group of our own whose parent is in another group of the session: not
        // orphaned, so SIGTSTP, SIGTTIN and SIGTTOU stop us too.
        setpgid(0, 0);
        set_mask(0);
        tell(ready[1]);
        long end = now_ms() + 1000;
        while (now_ms() < end)
            sleep_ms(5);
        _exit(status);
    }
    setpgid(c, c);
    hear(ready[0]);

    kill(c, stop);
    printf("after %s: child %s\n", signame(stop), reap(c, WUNTRACED));
    sigchld_info();
    kill(c, SIGCONT);
    printf("after SIGCONT: child %s\n", reap(c, WCONTINUED));
    sigchld_info();
    printf("at last: child %s\n", reap(c, 0));
    sigchld_info();
    return 0;
}
