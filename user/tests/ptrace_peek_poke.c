// ptrace_peek_poke: PTRACE_PEEKDATA reads a word of the stopped tracee's memory and
// PTRACE_POKEDATA writes one; the tracee then sees the new value. POKETEXT may write
// even a read-only page (a debugger's breakpoint): the tracee's const word changes.
// An unmapped address is EIO; a bad result pointer for the raw call is EFAULT.

#include "sigtest.h"
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static volatile long data_word = 0x1122334455667788L;
static volatile const long rodata_word = 0x0badc0de;
static char straddle[8192] __attribute__((aligned(4096)));

static void tracee(void)
{
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    memcpy(straddle + 4092, "abcdefgh", 8);
    kill(getpid(), SIGUSR1);
    printf("tracee: data_word %#lx\n", data_word);
    printf("tracee: rodata_word %#lx\n", rodata_word);
    printf("tracee: straddle %.8s\n", straddle + 4092);
    _exit(0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, SIG_IGN);   /* the tracee inherits it: stops anyway, then ignores */
    pid_t child = fork();
    if (child == 0)
        tracee();
    int status;
    waitpid(child, &status, 0);
    check("stopped with SIGUSR1", WSTOPSIG(status), SIGUSR1);

    errno = 0;
    long w = ptrace(PTRACE_PEEKDATA, child, (void *)&data_word, 0);
    check("PEEKDATA data_word", w, 0x1122334455667788L);
    check("errno untouched", errno, 0);
    check("PEEKTEXT rodata_word", ptrace(PTRACE_PEEKTEXT, child, (void *)&rodata_word, 0),
          0x0badc0de);
    check("PEEKDATA across a page boundary",
          ptrace(PTRACE_PEEKDATA, child, (void *)(straddle + 4092), 0) ==
              *(long *)"abcdefgh", 1);

    check("POKEDATA data_word", ptrace(PTRACE_POKEDATA, child, (void *)&data_word,
                                       (void *)0x0123456789abcdefL), 0);
    check("POKETEXT rodata_word (read-only page)",
          ptrace(PTRACE_POKETEXT, child, (void *)&rodata_word, (void *)0x5afeL), 0);
    check("POKEDATA across a page boundary",
          ptrace(PTRACE_POKEDATA, child, (void *)(straddle + 4092), (void *)*(long *)"ABCDEFGH"), 0);
    check("our own data_word is untouched", data_word, 0x1122334455667788L);

    errno = 0;
    check("PEEKDATA at address 16", ptrace(PTRACE_PEEKDATA, child, (void *)16, 0), -1);
    check("errno EIO", errno, EIO);
    errno = 0;
    check("POKEDATA at address 16", ptrace(PTRACE_POKEDATA, child, (void *)16, 0), -1);
    check("errno EIO", errno, EIO);
    errno = 0;
    check("PEEKDATA at a kernel address",
          ptrace(PTRACE_PEEKDATA, child, (void *)0xffffffff80000000UL, 0), -1);
    check("errno EIO", errno, EIO);
    long r = syscall(SYS_ptrace, PTRACE_PEEKDATA, child, &data_word, (void *)8);
    check("raw PEEKDATA into a bad pointer", r == -1 && errno == EFAULT, 1);

    ptrace(PTRACE_CONT, child, 0, SIGUSR1);
    check("tracee exits", waitpid(child, &status, 0), child);
    check("exit status 0", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    return failures != 0;
}
