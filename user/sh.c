// sh: a small shell with job control. It reads a line, splits it into words on
// spaces and tabs, and runs the named program in a child process. Each line is
// one job with its own process group; a trailing '&' runs it in the background.
// Builtins: jobs [-l], fg [%N], bg [%N], exit [N]. No quoting, pipes,
// redirection or cd; the only expansion is a word `$$` (the shell's pid).
// `sh -c LINE` runs one line and exits with its status, as system() and popen()
// need: killed by a signal, the command makes it exit 128 + N, as dash does.
//
// Job control is POSIX's, as bash does it (and the glibc manual's "Implementing
// a Job Control Shell" describes): the terminal delivers ^C, ^\ and ^Z to its
// foreground process group only, so the shell hands the terminal to a job while
// it runs and takes it back when the job exits or stops.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXLINE 1024
#define MAXARGS 64
#define MAXJOBS 32

enum jstate { FREE, RUNNING, STOPPED, DONE };

// A job is one command line. Jobs are single processes, so the process group
// id is also the pid.
struct job {
    enum jstate state;
    pid_t pgid;
    int status;         // the last wait status: why it stopped or ended
    int notify;         // a change the user has not been told about yet
    unsigned seq;       // when it last stopped or went to the background
    char cmd[MAXLINE];  // the words, joined by single spaces, as bash shows them
};

extern char **environ;

static struct job jobs[MAXJOBS];    // job N is jobs[N-1]
static unsigned seq;                // clock for job.seq
static int last_status;             // $? in a real shell: what `exit` with no N returns
static int interactive;             // stdin is a terminal
static int job_control;             // ... and it is ours to hand to jobs
static pid_t shell_pgid;
static int exit_warned;             // exit may now leave stopped jobs: warned, or just listed

// The signals a terminal sends on its own (^C ^\ ^Z, and reading or writing
// it from the background). They must never stop or kill the shell itself.
static const int tty_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

static void set_tty_signals(void (*action)(int))
{
    for (size_t i = 0; i < sizeof tty_signals / sizeof tty_signals[0]; i++)
        signal(tty_signals[i], action);
}

// ---- reading commands -------------------------------------------------------

// Read one line into buf, without the newline. Returns -1 at end of input.
// We read a byte at a time: reading ahead could swallow input that belongs to
// the programs we start, which share our stdin.
static int read_line(char *buf, int size)
{
    int n = 0;
    char c;

    for (;;) {
        ssize_t r = read(0, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (n == 0)
                return -1;
            break;      // a last line without a newline still runs
        }
        if (c == '\n')
            break;
        if (n < size - 1)
            buf[n++] = c;   // an over-long line is cut short
    }
    buf[n] = '\0';
    return n;
}

// Remove a trailing '&' (and the blanks around it); returns 1 if there was one.
static int cut_background(char *line)
{
    size_t n = strlen(line);

    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    line[n] = '\0';
    if (n == 0 || line[n - 1] != '&')
        return 0;
    line[n - 1] = '\0';
    return 1;
}

// Split line in place into words; returns how many, or -1 if too many.
static int split(char *line, char **argv)
{
    int argc = 0;

    static char pid_word[16];

    for (char *w = strtok(line, " \t"); w != NULL; w = strtok(NULL, " \t")) {
        if (argc == MAXARGS)
            return -1;
        if (strcmp(w, "$$") == 0) {
            snprintf(pid_word, sizeof pid_word, "%d", (int)getpid());
            w = pid_word;
        }
        argv[argc++] = w;
    }
    argv[argc] = NULL;
    return argc;
}

// ---- the job table ----------------------------------------------------------

static int job_number(const struct job *j) { return j - jobs + 1; }

// A new job gets one more than the highest number in use, as in bash.
static struct job *alloc_job(char **argv)
{
    int n = MAXJOBS;
    while (n > 0 && jobs[n - 1].state == FREE)
        n--;
    if (n == MAXJOBS)
        return NULL;

    struct job *j = &jobs[n];
    memset(j, 0, sizeof *j);
    for (int i = 0; argv[i] != NULL; i++) {
        if (i > 0)
            strncat(j->cmd, " ", sizeof j->cmd - strlen(j->cmd) - 1);
        strncat(j->cmd, argv[i], sizeof j->cmd - strlen(j->cmd) - 1);
    }
    return j;
}

static struct job *job_by_pid(pid_t pid)
{
    for (struct job *j = jobs; j < jobs + MAXJOBS; j++)
        if (j->state != FREE && j->pgid == pid)
            return j;
    return NULL;
}

// Which of a and b is more current: stopped jobs first, then the latest.
static int more_current(const struct job *a, const struct job *b)
{
    if ((a->state == STOPPED) != (b->state == STOPPED))
        return a->state == STOPPED;
    return a->seq > b->seq;
}

// The current job (%+, bash marks it '+') is the one that most recently
// stopped or went to the background, stopped jobs first. Leaving out the job
// numbered `skip` (0: none) finds the runner-up instead.
static struct job *current_job(int skip)
{
    struct job *best = NULL;

    for (int n = 1; n <= MAXJOBS; n++) {
        struct job *j = &jobs[n - 1];
        if (n != skip && j->state != FREE && (best == NULL || more_current(j, best)))
            best = j;
    }
    return best;
}

// The previous job (%-, marked '-'): the runner-up to the current one.
static struct job *previous_job(void)
{
    struct job *cur = current_job(0);

    return cur ? current_job(job_number(cur)) : NULL;
}

static char job_mark(const struct job *j)
{
    return j == current_job(0) ? '+' : j == previous_job() ? '-' : ' ';
}

// %N, N, %%, %+ or %- (or nothing: the current job), as bash reads them.
static struct job *find_job(const char *spec)
{
    if (spec == NULL || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0)
        return current_job(0);
    if (strcmp(spec, "%-") == 0)
        return previous_job();
    if (*spec == '%')
        spec++;
    char *end;
    long n = strtol(spec, &end, 10);
    if (*spec == '\0' || *end != '\0' || n < 1 || n > MAXJOBS || jobs[n - 1].state == FREE)
        return NULL;
    return &jobs[n - 1];
}

// ---- what happened to a job, in bash's words --------------------------------

// strsignal's text, as bash prints it when a signal ends a job.
static const char *signal_text(int sig)
{
    static char buf[32];

    switch (sig) {
    case SIGHUP:  return "Hangup";
    case SIGINT:  return "Interrupt";
    case SIGQUIT: return "Quit";
    case SIGILL:  return "Illegal instruction";
    case SIGABRT: return "Aborted";
    case SIGBUS:  return "Bus error";
    case SIGFPE:  return "Floating point exception";
    case SIGKILL: return "Killed";
    case SIGUSR1: return "User defined signal 1";
    case SIGSEGV: return "Segmentation fault";
    case SIGUSR2: return "User defined signal 2";
    case SIGPIPE: return "Broken pipe";
    case SIGALRM: return "Alarm clock";
    case SIGTERM: return "Terminated";
    }
    snprintf(buf, sizeof buf, "Signal %d", sig);
    return buf;
}

// The state column of `jobs`. The long form names why a job stopped.
static const char *state_text(const struct job *j, int long_form)
{
    static char buf[32];
    int st = j->status;

    if (j->state == RUNNING)
        return "Running";
    if (j->state == STOPPED) {
        if (!long_form || WSTOPSIG(st) == SIGTSTP)
            return "Stopped";
        if (WSTOPSIG(st) == SIGTTIN)
            return "Stopped (tty input)";
        if (WSTOPSIG(st) == SIGTTOU)
            return "Stopped (tty output)";
        return "Stopped (signal)";
    }
    if (WIFSIGNALED(st))
        return signal_text(WTERMSIG(st));
    if (WEXITSTATUS(st) == 0)
        return "Done";
    snprintf(buf, sizeof buf, "Exit %d", WEXITSTATUS(st));
    return buf;
}

// One line of `jobs`: "[1]+  Stopped                 sleep 100".
static void print_job(struct job *j, int long_form)
{
    if (long_form)
        printf("[%d]%c %5d ", job_number(j), job_mark(j), (int)j->pgid);
    else
        printf("[%d]%c  ", job_number(j), job_mark(j));
    printf("%-24s%s%s\n", state_text(j, long_form), j->cmd,
           j->state == RUNNING ? " &" : "");
    j->notify = 0;
}

// Record a wait status for j.
static void update_job(struct job *j, int status)
{
    j->status = status;
    j->notify = 1;
    if (WIFSTOPPED(status)) {
        j->state = STOPPED;
        j->seq = ++seq;
    } else {
        j->state = DONE;
    }
}

// Collect every background job that stopped or ended, without blocking.
static void reap_jobs(void)
{
    int status;
    pid_t pid;

    while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED)) > 0) {
        struct job *j = job_by_pid(pid);
        if (j != NULL)
            update_job(j, status);
    }
}

// Before a prompt: tell the user about jobs that changed, and forget the done ones.
static void notify_jobs(void)
{
    reap_jobs();
    for (struct job *j = jobs; j < jobs + MAXJOBS; j++) {
        if (j->notify)
            print_job(j, 0);
        if (j->state == DONE)
            j->state = FREE;
    }
}

// ---- running jobs -----------------------------------------------------------

// Make pgid the terminal's foreground group, the one ^C ^\ ^Z signal. The
// shell ignores SIGTTOU, so it may do this even while in the background.
static void give_terminal(pid_t pgid)
{
    if (job_control && tcsetpgrp(0, pgid) < 0)
        perror("sh: tcsetpgrp");
}

// Wait for the foreground job j to exit or stop, then take the terminal back.
// $? becomes the exit code, or 128 + the signal that stopped or killed it.
static void wait_fg(struct job *j)
{
    int status;

    while (waitpid(j->pgid, &status, WUNTRACED) < 0) {
        if (errno != EINTR) {
            perror("sh: waitpid");
            j->state = FREE;
            give_terminal(shell_pgid);
            return;
        }
    }
    give_terminal(shell_pgid);

    if (WIFSTOPPED(status)) {
        update_job(j, status);
        last_status = 128 + WSTOPSIG(status);
        printf("\n");   // the terminal echoed ^Z but no newline
        print_job(j, 0);
        return;
    }
    j->state = FREE;
    if (!WIFSIGNALED(status)) {
        last_status = WEXITSTATUS(status);
        return;
    }
    last_status = 128 + WTERMSIG(status);
    // The terminal already echoed ^C; bash adds only the newline. A broken
    // pipe is a normal way for a reader to be told "enough", so it is silent.
    if (WTERMSIG(status) == SIGINT)
        printf("\n");
    else if (WTERMSIG(status) != SIGPIPE)
        fprintf(stderr, "%s\n", signal_text(WTERMSIG(status)));
}

// In the child: join a new process group, take the terminal if in the
// foreground, and exec. The parent does the same setpgid and tcsetpgrp: both
// do it so that neither order of running after fork leaves a window in which
// a ^C goes to the shell's group, or the job reads a terminal it does not own.
static _Noreturn void exec_child(char **argv, int foreground)
{
    if (job_control) {
        setpgid(0, 0);
        if (foreground)
            tcsetpgrp(0, getpid());
    }
    // Ignored signals stay ignored across execve; the job must feel ^C.
    if (interactive)
        set_tty_signals(SIG_DFL);

    // A name without a '/' is looked up in /bin only: there is no PATH search.
    char path[MAXLINE + 8];
    if (strchr(argv[0], '/'))
        snprintf(path, sizeof path, "%s", argv[0]);
    else
        snprintf(path, sizeof path, "/bin/%s", argv[0]);
    execve(path, argv, environ);
    fprintf(stderr, "sh: %s: not found\n", argv[0]);
    _exit(127);
}

// Start argv as a new job, and wait for it unless it runs in the background.
static void launch(char **argv, int background)
{
    struct job *j = alloc_job(argv);
    if (j == NULL) {
        fprintf(stderr, "sh: too many jobs\n");
        return;
    }
    fflush(stdout);     // or the child inherits unwritten output
    pid_t pid = fork();
    if (pid < 0) {
        perror("sh: fork");
        return;
    }
    if (pid == 0)
        exec_child(argv, !background);

    if (job_control)
        setpgid(pid, pid);  // may fail with EACCES if the child has exec'd: fine
    j->pgid = pid;
    j->state = RUNNING;
    if (background) {
        j->seq = ++seq;
        printf("[%d] %d\n", job_number(j), (int)pid);
        last_status = 0;
        return;
    }
    give_terminal(pid);
    wait_fg(j);
}

// ---- builtins ---------------------------------------------------------------

static void do_jobs(int argc, char **argv)
{
    int long_form = argc > 1 && strcmp(argv[1], "-l") == 0;

    reap_jobs();
    for (struct job *j = jobs; j < jobs + MAXJOBS; j++) {
        if (j->state != FREE)
            print_job(j, long_form);
        if (j->state == DONE)
            j->state = FREE;    // reported now: the next prompt stays quiet
    }
    last_status = 0;
}

// fg and bg: continue a stopped job (SIGCONT to its whole group) in the
// foreground, where the shell waits for it, or in the background.
static void do_fg_bg(int argc, char **argv)
{
    int fg = argv[0][0] == 'f';
    struct job *j = find_job(argc > 1 ? argv[1] : NULL);

    last_status = 1;
    if (!job_control) {
        fprintf(stderr, "sh: %s: no job control\n", argv[0]);
        return;
    }
    if (j == NULL || j->state == DONE) {
        fprintf(stderr, "sh: %s: %s: no such job\n", argv[0], argc > 1 ? argv[1] : "current");
        return;
    }
    if (!fg && j->state == RUNNING) {
        fprintf(stderr, "sh: bg: job %d already in background\n", job_number(j));
        return;
    }
    if (fg) {
        printf("%s\n", j->cmd);
        fflush(stdout);
        give_terminal(j->pgid);     // before SIGCONT, so its first read finds it owns the tty
    } else {
        printf("[%d]%c %s &\n", job_number(j), job_mark(j), j->cmd);
    }
    j->state = RUNNING;
    if (kill(-j->pgid, SIGCONT) < 0)
        perror("sh: kill (SIGCONT)");
    last_status = 0;
    if (fg)
        wait_fg(j);
}

// Like bash, refuse the first attempt to leave while jobs are stopped, unless
// the user has just looked at them with `jobs`.
static int may_exit(void)
{
    if (exit_warned)
        return 1;
    reap_jobs();    // a job may have stopped since the last prompt
    for (struct job *j = jobs; j < jobs + MAXJOBS; j++) {
        if (j->state == STOPPED) {
            fprintf(stderr, "There are stopped jobs.\n");
            exit_warned = 1;
            return 0;
        }
    }
    return 1;
}

// Exit, ending stopped jobs as bash does (SIGTERM, then SIGCONT so they can
// act on it): nobody would be left to continue them.
static _Noreturn void leave(int status)
{
    for (struct job *j = jobs; j < jobs + MAXJOBS; j++) {
        if (j->state == STOPPED) {
            kill(-j->pgid, SIGTERM);
            kill(-j->pgid, SIGCONT);
        }
    }
    exit(status);
}

static void run_line(int argc, char **argv, int background)
{
    if (strcmp(argv[0], "exit") == 0) {
        if (may_exit())
            leave(argc > 1 ? atoi(argv[1]) : last_status);
        return;
    }
    if (strcmp(argv[0], "jobs") == 0) {
        do_jobs(argc, argv);
        exit_warned = 1;    // the user has seen the stopped jobs
        return;
    }
    exit_warned = 0;
    if (strcmp(argv[0], "fg") == 0 || strcmp(argv[0], "bg") == 0)
        do_fg_bg(argc, argv);
    else
        launch(argv, background);
}

// ---- startup ----------------------------------------------------------------

// An interactive shell ignores the terminal's signals and, if it can, puts
// itself in its own process group in the terminal's foreground.
static void init_shell(void)
{
    interactive = isatty(0);
    if (!interactive)
        return;

    // Started in the background by another shell? Then SIGTTIN stops us until
    // that shell puts us in the foreground, instead of both reading the tty.
    pid_t fg;
    while ((fg = tcgetpgrp(0)) > 0 && fg != getpgrp())
        kill(-getpgrp(), SIGTTIN);

    set_tty_signals(SIG_IGN);
    shell_pgid = getpid();
    // A session leader already leads its group, and may not call setpgid.
    if (getpgrp() != shell_pgid && setpgid(0, 0) < 0) {
        perror("sh: setpgid");
        return;
    }
    if (tcsetpgrp(0, shell_pgid) < 0) {
        fprintf(stderr, "sh: no job control in this shell\n");
        return;
    }
    job_control = 1;
}

// One line: the background '&', the words, then the builtin or the job.
static void run_text(char *line)
{
    char *argv[MAXARGS + 1];
    int background = cut_background(line);
    int argc = split(line, argv);
    if (argc < 0) {
        fprintf(stderr, "sh: too many arguments\n");
        return;
    }
    if (argc == 0) {
        if (background)
            fprintf(stderr, "sh: syntax error near unexpected token `&'\n");
        return;
    }
    run_line(argc, argv, background);
}

int main(int argc, char **argv)
{
    static char line[MAXLINE];

    // sh -c LINE: not interactive (no job control), whatever stdin is.
    if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
        snprintf(line, sizeof line, "%s", argv[2]);
        run_text(line);
        leave(last_status);
    }
    init_shell();
    for (;;) {
        notify_jobs();
        fflush(stdout);
        // write(2) rather than stdio, so the prompt is out before we block in read.
        write(1, "$ ", 2);
        if (read_line(line, sizeof line) < 0) {
            if (!may_exit())
                continue;
            // End of input: finish the prompt's line, as an interactive shell does.
            if (interactive)
                write(1, "\n", 1);
            leave(last_status);
        }
        run_text(line);
    }
}
