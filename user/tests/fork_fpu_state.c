// fork_fpu_state: a forked child starts with its parent's FPU/SSE control state, as it
// was at the fork, not as it was when the parent last lost the CPU
// lab: 0
//
// The parent sets MXCSR's rounding control to "up" and the x87 control word's precision
// to 53 bits, then forks at once (a timer tick in between is possible, but rare). The
// child reads both back. A kernel that copies the parent's saved FPU area at fork,
// instead of the live registers, gives the child whatever was saved at the parent's
// last context switch: here, the defaults. The same again after a signal handler,
// which runs with a clean FPU and gets the old state back at sigreturn.

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define MXCSR_ROUND_UP  0x5f80      /* default 0x1f80 with RC (bits 13-14) = 10b */
#define FPUCW_DOUBLE    0x027f      /* default 0x037f with PC (bits 8-9) = 10b */

static uint32_t get_mxcsr(void)
{
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static void set_mxcsr(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v)); }

static uint16_t get_fpucw(void)
{
    uint16_t v;
    __asm__ volatile("fnstcw %0" : "=m"(v));
    return v;
}

static void set_fpucw(uint16_t v) { __asm__ volatile("fldcw %0" : : "m"(v)); }

static volatile uint32_t mxcsr_in_handler;

static void handler(int sig)
{
    (void)sig;
    mxcsr_in_handler = get_mxcsr();
}

// Fork now; the child reports its control registers through its exit status.
static void fork_and_compare(const char *when)
{
    char what[96];
    pid_t pid = fork();
    if (pid == 0)
        _exit(get_mxcsr() == MXCSR_ROUND_UP && get_fpucw() == FPUCW_DOUBLE ? 0 : 1);
    int status = -1;
    waitpid(pid, &status, 0);
    snprintf(what, sizeof what, "%s: the child has the parent's MXCSR and x87 control word",
             when);
    check(what, WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    set_mxcsr(MXCSR_ROUND_UP);
    set_fpucw(FPUCW_DOUBLE);
    fork_and_compare("right after setting them");

    signal(SIGUSR1, handler);
    raise(SIGUSR1);
    check("the handler ran with the default MXCSR", mxcsr_in_handler, 0x1f80);
    check("after the handler, MXCSR is back", get_mxcsr(), MXCSR_ROUND_UP);
    check("after the handler, the x87 control word is back", get_fpucw(), FPUCW_DOUBLE);
    fork_and_compare("after a handler");
    return failures != 0;
}
