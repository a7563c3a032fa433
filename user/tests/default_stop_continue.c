// default_stop_continue: stop signals stop a child (WIFSTOPPED), SIGCONT resumes it (WIFCONTINUED)
// lab: 2
//
// SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU stop a process by default:
// waitpid(WUNTRACED) reports WIFSTOPPED with the signal in WSTOPSIG. SIGCONT
// resumes it: waitpid(WCONTINUED) reports WIFCONTINUED. Each state change is
// reported once.
//
// The child is put in a process group of its own. Its parent (us) is in the
// same session but another group, so the group is not orphaned and the
// terminal stop signals (SIGTSTP, SIGTTIN, SIGTTOU) do stop it.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int status;
    char what[80];

    pid_t pid = fork_parking();
    if (pid == 0) {
        sigset_t empty;
        sigemptyset(&empty);
        setpgid(0, 0);
        signal(SIGTSTP, SIG_DFL);
        signal(SIGTTIN, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
        signal(SIGCONT, SIG_DFL);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        park();
    }
    setpgid(pid, pid);
    wait_parked();

    int sigs[] = { SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU };
    const char *names[] = { "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU" };
    for (int i = 0; i < 4; i++) {
        kill(pid, sigs[i]);
        pid_t r = waitpid(pid, &status, WUNTRACED);
        snprintf(what, sizeof what, "%s: waitpid(WUNTRACED) reports the child", names[i]);
        check(what, r == pid, 1);
        snprintf(what, sizeof what, "%s: WIFSTOPPED", names[i]);
        check(what, WIFSTOPPED(status), 1);
        snprintf(what, sizeof what, "%s: WSTOPSIG", names[i]);
        check(what, WSTOPSIG(status), sigs[i]);
        snprintf(what, sizeof what, "%s: the stop is reported only once", names[i]);
        check(what, waitpid(pid, &status, WUNTRACED | WNOHANG), 0);

        kill(pid, SIGCONT);
        r = waitpid(pid, &status, WCONTINUED);
        snprintf(what, sizeof what, "%s then SIGCONT: WIFCONTINUED", names[i]);
        check(what, r == pid && WIFCONTINUED(status), 1);
        snprintf(what, sizeof what, "%s then SIGCONT: reported only once", names[i]);
        check(what, waitpid(pid, &status, WCONTINUED | WNOHANG), 0);
    }

    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    check("finally SIGTERM kills it", WIFSIGNALED(status) ? WTERMSIG(status) : -1, SIGTERM);
    errno = 0;
    check("no child left: ECHILD", waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD, 1);
    return failures != 0;
}
