/*
 * Credentials: who a process acts for (Linux include/linux/cred.h, much reduced).
 *
 * Each process has a real, an effective and a saved user id, and the same three for
 * its group, plus a filesystem id that follows the effective one. The real id says
 * who started the program, the effective id is what permission checks look at (here:
 * only kill's, see check_kill_permission), and the saved id remembers an identity the
 * process gave up so that it can take it back. fork copies them; execve keeps the
 * real and effective ids (siglab's files carry no set-user-id bits) and, as POSIX
 * says, makes the saved ids equal to the effective ones.
 *
 * Privilege is simply "effective uid 0". Linux asks for capabilities (CAP_SETUID,
 * CAP_SETGID, CAP_KILL), but root's effective capability set follows its effective uid
 * when ids change (commoncap.c, cap_emulate_setxuid), so without file capabilities or
 * securebits the two answers are the same.
 */
#ifndef KERN_CRED_H
#define KERN_CRED_H

#include "kern/types.h"

#define NGROUPS_SMALL 16        /* supplementary groups a process can hold here */
#define NGROUPS_MAX   65536     /* Linux's limit, for setgroups' EINVAL */

/* One kind of id (user or group) in its four roles. */
struct id_set {
    uint32_t real, eff, saved, fs;
};

struct cred {
    struct id_set uid, gid;
    int ngroups;
    uint32_t groups[NGROUPS_SMALL];
};

struct proc;
/* May sender signal target as far as ids go? (Linux kill_ok_by_cred) */
bool kill_ok_by_cred(const struct proc *sender, const struct proc *target);
bool cred_privileged(const struct cred *c);
void cred_exec(struct cred *c);

#endif
