// fuzz: a seeded system-call fuzzer, run inside siglab (make fuzz; tools/krun build/user/fuzz).
//
//   fuzz [-n CALLS] [-s SEED] [-w WORKERS] [-o NR[,NR...]] [-H]
//
// (-o NR,...: only these system calls, to chase what a campaign found.)
//
// Workers issue random system calls, any number from 0 to 450 (more often the signal,
// memory and process calls), with hostile arguments: 0, -1, small numbers, signal
// numbers, kernel and non-canonical addresses, unmapped pages, buffers that straddle
// into an unmapped page, pointers into the worker's own memory full of random bytes,
// huge sizes, misaligned pointers, bad fds. A worker may die of what it does (unmap
// its own code, exit, a fatal signal): the supervisor starts another. One that makes
// no progress for a second (stuck in a blocking call it asked for, with the alarm
// that would interrupt it blocked or disarmed by an earlier call) is killed, and its
// last calls are printed: that is the program's doing, not a hang of the kernel.
// (-H: the first worker hangs on purpose, in pause() with every signal blocked, to
// show the supervisor at work.)
// The kernel must neither panic nor hang, and when everything is reaped and /tmp
// cleaned, the free-page count must be what it was at the start.
//
// The same seed makes the same calls, so a panic can be replayed: the kernel's panic
// message lists the last system calls (kern/syscall.c), and the fuzzer prints its seed
// first. What the fuzzer keeps from itself, so that the harness survives: signals go
// only to the worker itself (kill, tkill, ptrace, pidfd_open, prlimit64 and friends
// get its own pid), reboot and kexec are never called, and a child made by fork or
// clone exits at once.
// One call still reaches the supervisor: ptrace(PTRACE_TRACEME) makes it the worker's
// tracer, and from then on every signal the worker gets stops it and is reported to
// the supervisor's waitpid as a stop. Linux does the same, and a fuzzer that took the
// stop for an exit would leave the worker stopped for good. The supervisor lets such
// a worker go (PTRACE_DETACH, passing the signal on, as if it had not been traced)
// and counts it: the worker goes on fuzzing, and TRACEME stays among the calls made.

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE         4096UL
#define MAX_NR       450
#define MAX_WORKERS  4
#define WORKER_CALLS 5000           // calls in one worker's life, unless it dies first
#define REPORT_EVERY 100            // a worker reports progress per this many calls
#define PROGRESS_FD  60             // the worker's end of the progress pipe
#define STUCK_MS     1000           // no progress for this long: the worker is killed
#define HISTORY      8              // the calls a stuck worker's report shows
#define SHOW_STUCK   3              // stuck workers shown (the others only counted)
#define SCRATCH      (16 * PAGE)

// ---- deterministic randomness ------------------------------------------------------

static uint64_t rng;

static uint64_t rnd(void)   // xorshift64* (Vigna, 2014)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t below(uint64_t n) { return rnd() % n; }

// ---- what a worker passes ------------------------------------------------------------

// The worker's last calls, kept for the supervisor: it reads them with PTRACE_PEEKDATA
// from a stuck worker. A worker is a fork of the supervisor, so they are at the same
// address in both.
struct call {
    long nr;
    uint64_t a[6];
};
static struct call history[HISTORY];
static long ncalls;                 // calls this worker has issued

static uint8_t *scratch;            // SCRATCH bytes of random data, then an unmapped page
static pid_t self;

static uint64_t hostile_pointer(void)
{
    switch (below(9)) {
    case 0:  return 0;
    case 1:  return below(PAGE);                                // the first page
    case 2:  return 0xffffffff80000000UL + below(1UL << 30);    // the kernel's image
    case 3:  return 0xffff800000000000UL + (rnd() & ((1UL << 46) - 1));   // direct map
    case 4:  return 0x0000800000000000UL + below(PAGE);         // non-canonical
    case 5:  return (uint64_t)scratch + SCRATCH - below(64);    // straddles into a hole
    case 6:  return (uint64_t)scratch + SCRATCH + below(PAGE);  // unmapped
    case 7:  return (uint64_t)scratch + below(SCRATCH) ;        // random bytes, misaligned
    default: return (uint64_t)scratch + (below(SCRATCH / 8) * 8);
    }
}

static uint64_t hostile_number(void)
{
    switch (below(10)) {
    case 0:  return 0;
    case 1:  return -1UL;
    case 2:  return below(64);                  // small: fds, counts, flags
    case 3:  return below(70);                  // signal numbers, valid and not
    case 4:  return 0x7fffffffUL + below(3);    // around INT_MAX
    case 5:  return 1UL << below(64);           // one flag bit
    case 6:  return -below(4096);               // small negative
    case 7:  return 1UL << 40;                  // huge size
    case 8:  return PAGE * below(17);           // page multiples
    default: return rnd();
    }
}

static uint64_t hostile_arg(void)
{
    return below(3) ? hostile_number() : hostile_pointer();
}

// Calls that would hurt the harness rather than test the kernel.
static bool never_called(long nr)
{
    return nr == 169 /* reboot */ || nr == 246 || nr == 320 /* kexec_load, kexec_file_load */;
}

// The pid arguments of calls that signal, trace, limit, regroup or write another
// process: always the worker itself (or 0, its own group where that means anything).
static void keep_to_self(long nr, uint64_t *a)
{
    uint64_t me = below(2) ? self : 0;
    switch (nr) {
    case 101:                               /* ptrace(request, pid, ...) */
        a[1] = me;
        break;
    case 234: case 297:                     /* tgkill, rt_tgsigqueueinfo (tgid, tid, ...) */
        a[0] = a[1] = self;
        break;
    case 109:                               /* setpgid(pid, pgid) */
        /* A worker that joined the supervisor's group (pgid 2 is a small integer)
           would take it down with its next kill(0, sig): seed 8 did. */
        a[0] = me;
        a[1] = below(2) ? self : 0;
        break;
    case 62: case 200: case 129:            /* kill, tkill, rt_sigqueueinfo */
    case 302: case 434:                     /* prlimit64, pidfd_open */
    case 310: case 311:                     /* process_vm_readv, process_vm_writev */
        a[0] = me;
        break;
    }
}

// -o NR[,NR...]: fuzz these system calls alone.
#define MAX_ONLY 8
static long only_nrs[MAX_ONLY];
static int n_only;

static void parse_only(char *list)
{
    for (char *nr = strtok(list, ","); nr && n_only < MAX_ONLY; nr = strtok(NULL, ","))
        only_nrs[n_only++] = atol(nr);
}

// The numbers drawn: half from the calls signals, memory and processes live on.
static long pick_nr(void)
{
    if (n_only)     /* (one number draws nothing: -o NR replays as it always did) */
        return n_only == 1 ? only_nrs[0] : only_nrs[below(n_only)];
    static const short favourites[] = {
        9, 10, 11, 12, 13, 14, 25, 28, 34, 35, 37, 38, 56, 57, 58, 61, 62, 96, 127,
        128, 129, 130, 131, 200, 202, 222, 223, 224, 225, 226, 228, 230, 234, 247, 282,
        289, 297, 101, 72, 7, 23, 270, 271, 0, 1, 2, 3, 22, 293, 14, 13,
    };
    if (below(2))
        return favourites[below(sizeof(favourites) / sizeof(favourites[0]))];
    return below(MAX_NR + 1);
}

static long raw_syscall(long nr, const uint64_t a[6])
{
    register long r10 __asm__("r10") = a[3];
    register long r8 __asm__("r8") = a[4];
    register long r9 __asm__("r9") = a[5];
    long ret;
    __asm__ volatile("syscall" : "=a"(ret)
                     : "a"(nr), "D"(a[0]), "S"(a[1]), "d"(a[2]), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

// A child of a fuzzed fork or clone, on whatever stack it got: leave at once, touching
// no memory (exit, not exit_group: with CLONE_VM it shares our address space).
static void leave_if_child(long nr, long ret)
{
    if ((nr == 56 || nr == 57 || nr == 58 || nr == 435) && ret == 0)
        __asm__ volatile("syscall" : : "a"(60L), "D"(0L) : "rcx", "r11", "memory");
}

// SIGALRM every 20 ms interrupts whatever blocking call the worker made (without
// SA_RESTART: EINTR); other signals are ignored, so that a fuzzed kill(self) does not
// end the worker at once. (Fuzzed rt_sigaction calls may undo either.)
static void on_alarm(int sig) { (void)sig; }

static void worker_signals(void)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int sig = 1; sig < 65; sig++)
        signal(sig, SIG_IGN);
    struct sigaction sa = { .sa_handler = on_alarm };
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval every = { { 0, 20000 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &every, NULL);
}

// -H: hang as a fuzzed call might - every signal blocked, then pause() - recorded as
// any call is, so the supervisor's report shows it.
static bool hang_drill;

static _Noreturn void hang(void)
{
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    history[ncalls++ % HISTORY] = (struct call){ 34, { 0 } };
    for (;;)
        raw_syscall(34, (uint64_t[6]){ 0 });       // pause
}

static _Noreturn void worker(uint64_t seed, int slot, bool hang_now)
{
    rng = seed ? seed : 1;
    self = getpid();
    setpgid(0, 0);
    worker_signals();
    int null = open("/dev/null", O_RDWR);
    for (int fd = 0; fd < 3; fd++)
        dup2(null, fd);     // random writes to fd 1 must not reach the console
    scratch = mmap(NULL, SCRATCH + PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    munmap(scratch + SCRATCH, PAGE);
    if (hang_now)
        hang();
    for (size_t i = 0; i < SCRATCH; i += 8) {
        uint64_t v = rnd();
        memcpy(scratch + i, &v, 8);
    }
    for (int i = 0; i < WORKER_CALLS; i++) {
        long nr = pick_nr();
        if (never_called(nr))
            continue;
        uint64_t a[6];
        for (int k = 0; k < 6; k++)
            a[k] = hostile_arg();
        keep_to_self(nr, a);
        for (int k = 0; k < 6; k++)
            if ((unsigned)a[k] == PROGRESS_FD)
                a[k]++;         // the progress pipe is the supervisor's, not ours to fuzz
        history[ncalls++ % HISTORY] = (struct call){ nr, { a[0], a[1], a[2], a[3], a[4], a[5] } };
        leave_if_child(nr, raw_syscall(nr, a));
        // One byte per REPORT_EVERY calls, naming the worker's slot: whose progress it is.
        if (i % REPORT_EVERY == REPORT_EVERY - 1) {
            char me = (char)slot;
            raw_syscall(1, (uint64_t[6]){ PROGRESS_FD, (uint64_t)&me, 1 });
        }
    }
    _exit(0);
}

// ---- the supervisor --------------------------------------------------------------

#define MAX_GROUPS 100000
static pid_t groups[MAX_GROUPS];    // every worker's process group
static long ngroups;

struct slot {
    pid_t pid;
    long last_progress_ms;
};

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static long free_pages(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return (long)(si.freeram * si.mem_unit / PAGE);
}

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char sub[512];
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            remove_tree(sub);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

// A word of a stopped tracee's memory (the raw call stores it at *data).
static long peek(pid_t pid, const void *addr, bool *ok)
{
    long word;
    if (syscall(SYS_ptrace, PTRACE_PEEKDATA, pid, addr, &word) < 0)
        *ok = false;
    return word;
}

// Print the call worker pid is stuck in and the numbers of the calls before it: attach,
// stop it (PTRACE_INTERRUPT ends the blocking call's sleep), read its history.
static void print_last_calls(pid_t pid)
{
    int status;
    bool ok = syscall(SYS_ptrace, PTRACE_SEIZE, pid, 0, 0) == 0 &&
              syscall(SYS_ptrace, PTRACE_INTERRUPT, pid, 0, 0) == 0;
    for (int tries = 0; ok; tries++) {
        pid_t r = waitpid(pid, &status, __WALL | WNOHANG);
        if (r == pid && WIFSTOPPED(status))
            break;
        if (r != 0 || tries == 50) {
            ok = false;
            break;
        }
        usleep(10000);
    }
    long n = ok ? peek(pid, &ncalls, &ok) : 0;
    long w[HISTORY][7];
    for (long k = n > HISTORY ? n - HISTORY : 0; k < n && ok; k++)
        for (int j = 0; j < 7; j++)
            w[k % HISTORY][j] = peek(pid, (const long *)&history[k % HISTORY] + j, &ok);
    if (!ok || n == 0) {
        printf("fuzz:   (its calls could not be read)\n");
        return;
    }
    long *last = w[(n - 1) % HISTORY];
    printf("fuzz:   in call %ld: %ld(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n", n, last[0],
           last[1], last[2], last[3], last[4], last[5], last[6]);
    if (n == 1)
        return;
    printf("fuzz:   after calls");
    for (long k = n > HISTORY ? n - HISTORY : 0; k < n - 1; k++)
        printf(" %ld", w[k % HISTORY][0]);
    printf("\n");
}

// Reap the workers that ended, and let go of those that a fuzzed PTRACE_TRACEME made
// ours to trace: a stop reported here is a traced worker's (the supervisor does not ask
// for WUNTRACED), and it would stay stopped until detached.
static void reap(struct slot *slots, int nworkers, long *signaled, long *released)
{
    int status;
    pid_t r;
    while ((r = waitpid(-1, &status, WNOHANG)) > 0) {
        if (WIFSTOPPED(status)) {
            int sig = status >> 16 ? 0 : WSTOPSIG(status);  // a PTRACE_EVENT stop: no signal
            syscall(SYS_ptrace, PTRACE_DETACH, r, 0, sig);
            (*released)++;
            continue;
        }
        for (int i = 0; i < nworkers; i++)
            if (slots[i].pid == r) {
                *signaled += WIFSIGNALED(status);
                slots[i].pid = 0;
            }
    }
}

static pid_t start_worker(uint64_t seed, int pipe_r, int pipe_w, int n, bool hang_now)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/fuzz-%d", n);
    mkdir(dir, 0777);
    pid_t pid = fork();
    if (pid > 0)
        setpgid(pid, pid);  // (the worker does too: whoever runs first)
    if (pid == 0) {
        // The progress pipe only at PROGRESS_FD, where fuzzed calls cannot reach it:
        // a write to the original fd would count as progress.
        dup2(pipe_w, PROGRESS_FD);
        close(pipe_w);
        close(pipe_r);
        if (chdir(dir) < 0)
            _exit(1);
        worker(seed, n, hang_now);
    }
    return pid;
}

int main(int argc, char **argv)
{
    long calls = 50000;
    uint64_t seed = 1;
    int nworkers = 2;
    int opt;
    while ((opt = getopt(argc, argv, "n:s:w:o:H")) != -1) {
        if (opt == 'H')
            hang_drill = true;
        else if (opt == 'o')
            parse_only(optarg);
        else if (opt == 'n')
            calls = atol(optarg);
        else if (opt == 's')
            seed = strtoull(optarg, NULL, 0);
        else if (opt == 'w')
            nworkers = atoi(optarg);
        else {
            fprintf(stderr, "usage: fuzz [-n CALLS] [-s SEED] [-w WORKERS] [-o NR[,NR...]] [-H]\n");
            return 2;
        }
    }
    if (nworkers < 1 || nworkers > MAX_WORKERS)
        nworkers = 2;
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("fuzz: seed %llu, %ld system calls, %d workers\n", (unsigned long long)seed,
           calls, nworkers);

    int progress[2];
    pipe2(progress, O_NONBLOCK);
    signal(SIGPIPE, SIG_IGN);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    // What the supervisor itself will touch later must be touched now, or its pages
    // would count as a leak: the whole pid table, and the heap opendir allocates.
    memset(groups, 0, sizeof groups);
    mkdir("/tmp/fuzz-warm", 0777);
    remove_tree("/tmp/fuzz-warm");
    long before = free_pages();
    struct slot slots[MAX_WORKERS] = { 0 };
    long done = 0, lives = 0, signaled = 0, stuck = 0, released = 0;
    rng = seed;
    while (done < calls || (hang_drill && !stuck)) {   // -H: until the drill is caught
        for (int i = 0; i < nworkers; i++)
            if (slots[i].pid == 0) {
                slots[i].pid = start_worker(rnd() ^ lives, progress[0], progress[1], i,
                                            hang_drill && lives == 0);
                if (slots[i].pid > 0 && ngroups < MAX_GROUPS)
                    groups[ngroups++] = slots[i].pid;
                slots[i].last_progress_ms = now_ms();
                lives++;
            }
        // Until a worker ends or 20 ms pass (SIGCHLD is blocked: it only wakes us).
        struct timespec tick = { 0, 20 * 1000000 };
        sigtimedwait(&chld, NULL, &tick);
        char buf[256];
        ssize_t n;
        while ((n = read(progress[0], buf, sizeof buf)) > 0)
            for (ssize_t k = 0; k < n; k++) {
                done += REPORT_EVERY;
                if (buf[k] >= 0 && buf[k] < nworkers)
                    slots[(int)buf[k]].last_progress_ms = now_ms();
            }
        reap(slots, nworkers, &signaled, &released);
        for (int i = 0; i < nworkers; i++) {
            int status;
            if (slots[i].pid && now_ms() - slots[i].last_progress_ms > STUCK_MS) {
                // The first few are shown; the rest only counted.
                if (stuck < SHOW_STUCK) {
                    printf("fuzz: worker %d (pid %d) made no progress for %d ms: killed\n",
                           i, slots[i].pid, STUCK_MS);
                    print_last_calls(slots[i].pid);
                }
                kill(slots[i].pid, SIGKILL);
                waitpid(slots[i].pid, &status, 0);
                stuck++;
                slots[i].pid = 0;
            }
        }
    }
    // Each worker led a process group of its own: end them, and whatever their
    // children left in them (orphans go to init, which reaps them).
    for (long i = 0; i < ngroups; i++)
        kill(-groups[i], SIGKILL);
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
        ;
    usleep(100000);
    for (int i = 0; i < nworkers; i++) {
        char dir[64];
        snprintf(dir, sizeof dir, "/tmp/fuzz-%d", i);
        remove_tree(dir);
    }
    long after = free_pages();
    printf("fuzz: %ld system calls by %ld workers (%ld died of a signal, %ld stuck and killed, "
           "%ld let go after PTRACE_TRACEME)\n", done, lives, signaled, stuck, released);
    printf("fuzz: free pages before == after: %s", before == after ? "yes\n" : "no");
    if (before != after) {
        struct sysinfo si;
        sysinfo(&si);
        printf(" (%ld before, %ld after; %d processes)\n", before, after, si.procs);
    }
    printf("fuzz: %s\n", before == after ? "done" : "FAILED");
    return before == after ? 0 : 1;
}
