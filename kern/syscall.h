/* Every system call the kernel implements, by its Linux name. */
#ifndef KERN_SYSCALL_H
#define KERN_SYSCALL_H

#include "kern/types.h"

extern bool strace_enabled;

long sys_read(int fd, uint64_t ubuf, size_t n);
long sys_write(int fd, uint64_t ubuf, size_t n);
long sys_open(uint64_t upath, int flags, int mode);
long sys_openat(int dirfd, uint64_t upath, int flags, int mode);
long sys_close(int fd);
long sys_stat(uint64_t upath, uint64_t ust);
long sys_fstat(int fd, uint64_t ust);
long sys_newfstatat(int dirfd, uint64_t upath, uint64_t ust, int flags);
long sys_poll(uint64_t ufds, unsigned nfds, int timeout_ms);
long sys_ppoll(uint64_t ufds, unsigned nfds, uint64_t uts, uint64_t usigmask, size_t sigsetsize);
long sys_lseek(int fd, int64_t off, int whence);
long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off);
long sys_munmap(uint64_t addr, uint64_t len);
long sys_mprotect(uint64_t start, uint64_t len, uint64_t prot);
long sys_madvise(uint64_t start, uint64_t len, int advice);
long sys_brk(uint64_t addr);
long sys_ioctl(int fd, unsigned cmd, uint64_t arg);
long sys_readv(int fd, uint64_t uiov, int iovcnt);
long sys_writev(int fd, uint64_t uiov, int iovcnt);
long sys_pipe(uint64_t ufds);
long sys_pipe2(uint64_t ufds, int flags);
long sys_select(int nfds, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t utv);
long sys_pselect6(int nfds, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t uts, uint64_t usig);
long sys_sched_yield(void);
long sys_dup(int fd);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, int cmd, uint64_t arg);
long sys_nanosleep(uint64_t ureq, uint64_t urem);
long sys_getpid(void);
long sys_fork(void);
long sys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp);
long sys_exit(int code);
long sys_exit_group(int code);
long sys_wait4(pid_t pid, uint64_t ustatus, int options, uint64_t urusage);
long sys_uname(uint64_t ubuf);
long sys_getcwd(uint64_t ubuf, size_t size);
long sys_chdir(uint64_t upath);
long sys_gettimeofday(uint64_t utv, uint64_t utz);
long sys_sysinfo(uint64_t ubuf);
long sys_getuid(void);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getppid(void);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getpgid(pid_t pid);
long sys_getsid(pid_t pid);
long sys_arch_prctl(int code, uint64_t addr);
long sys_prctl(int option, uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5);
long sys_set_robust_list(uint64_t uhead, size_t len);
long sys_getrandom(uint64_t ubuf, size_t count, unsigned flags);
long sys_readlink(uint64_t upath, uint64_t ubuf, int bufsiz);
long sys_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, int bufsiz);
long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, uint64_t arg);
long sys_gettid(void);
long sys_time(uint64_t ut);
long sys_set_tid_address(uint64_t uaddr);
long sys_clock_gettime(int clock, uint64_t uts);
long sys_clock_getres(int clock, uint64_t uts);
long sys_clock_nanosleep(int clock, int flags, uint64_t ureq, uint64_t urem);

/* kern/signal/ */
long sys_rt_sigaction(int sig, uint64_t uact, uint64_t uoact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, uint64_t uset, uint64_t uoset, size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_rt_sigpending(uint64_t uset, size_t sigsetsize);
long sys_rt_sigtimedwait(uint64_t uthese, uint64_t uinfo, uint64_t uts, size_t sigsetsize);
long sys_rt_sigqueueinfo(int pid, int sig, uint64_t uinfo);
long sys_rt_sigsuspend(uint64_t uset, size_t sigsetsize);
long sys_sigaltstack(uint64_t uss, uint64_t uoss);
long sys_pause(void);
long sys_kill(int pid, int sig);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_restart_syscall(void);
long sys_alarm(unsigned seconds);
long sys_getitimer(int which, uint64_t uval);
long sys_setitimer(int which, uint64_t unew, uint64_t uold);
long sys_getrlimit(unsigned resource, uint64_t uold);
long sys_setrlimit(unsigned resource, uint64_t unew);
long sys_prlimit64(int pid, unsigned resource, uint64_t unew, uint64_t uold);

#endif
