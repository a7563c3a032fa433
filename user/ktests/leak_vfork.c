// leak_vfork (siglab only): 2000 rounds each of vfork+_exit, clone(CLONE_VM) with its
// own stack, and vfork+execve must give back every page they took: the child borrows
// the parent's address space, and neither its exit nor its exec may free it or leak.
// Compared as in leak_fork: the kernel's free page count before and after.

#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 2000
#define EXEC_ROUNDS 200
#define WARMUP 20

static volatile char touched[8192];
static char child_stack[16384] __attribute__((aligned(16)));
static const char *self;

static long free_pages(void)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -1;
    return (long)(si.freeram * si.mem_unit / 4096);
}

static int reap(pid_t pid)
{
    int status;
    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0
               ? 0 : -1;
}

static int vfork_round(void)
{
    pid_t pid = vfork();
    if (pid == 0) {
        touched[0]++;
        touched[sizeof touched - 1]++;
        _exit(0);
    }
    return pid < 0 ? -1 : reap(pid);
}

static int exec_round(void)
{
    pid_t pid = vfork();
    if (pid == 0) {
        execl(self, self, "exit", (char *)0);
        _exit(1);
    }
    return pid < 0 ? -1 : reap(pid);
}

// The child runs on child_stack in our memory and leaves by the exit system call.
static int clone_vm_round(void)
{
    long ret;
    register long r10 __asm__("r10") = 0;
    register long r8 __asm__("r8") = 0;
    __asm__ volatile("syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "incb touched(%%rip)\n\t"
                     "mov $60, %%eax\n\t"
                     "xor %%edi, %%edi\n\t"
                     "syscall\n"
                     "1:"
                     : "=a"(ret)
                     : "a"((long)SYS_clone), "D"((long)(CLONE_VM | SIGCHLD)),
                       "S"(child_stack + sizeof child_stack), "d"(0L), "r"(r10), "r"(r8)
                     : "rcx", "r11", "memory");
    return ret < 0 ? -1 : reap(ret);
}

static int run(const char *what, int (*round)(void), int rounds)
{
    for (int i = 0; i < WARMUP; i++)
        round();
    int bad = 0;
    long before = free_pages();
    for (int i = 0; i < rounds; i++)
        bad += round() != 0;
    long after = free_pages();
    printf("%s: %d rounds, %d failed\n", what, rounds, bad);
    if (before == after && before > 0) {
        printf("free pages before == after: yes\n");
        return bad != 0;
    }
    printf("free pages before == after: no (%ld before, %ld after)\n", before, after);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "exit") == 0)
        return 0;
    self = argv[0];
    setvbuf(stdout, NULL, _IONBF, 0);
    int bad = run("vfork+_exit", vfork_round, ROUNDS);
    bad |= run("clone(CLONE_VM)+exit", clone_vm_round, ROUNDS);
    bad |= run("vfork+execve", exec_round, EXEC_ROUNDS);
    return bad;
}
