#ifndef KERN_EXEC_H
#define KERN_EXEC_H

#include "kern/types.h"

#define ARG_MAX (128 * 1024)    /* bytes of argument and environment strings */

/* The argument and environment strings for a new program, NUL-separated, argv first. */
struct exec_args {
    int argc, envc;
    size_t used;
    char buf[ARG_MAX];
};

struct proc;
struct exec_args *exec_args_from_kernel(char *const argv[], char *const envp[]);
int exec_into(struct proc *p, const char *path, const char *execfn, struct exec_args *a);
/* FPU/SSE state (kern/proc.c). On the CPU, a process's state is in the registers;
   p->fpu holds it only while the process is switched out (sched.c saves it there). */
void proc_reset_fpu(struct proc *p);    /* p->fpu := the state a new program starts with */
void fpu_load_initial(void);            /* the registers := that state */

#endif
