/*
 * User and group ids: getuid, setuid, setreuid, setresuid and their gid twins,
 * getgroups and setgroups (Linux kernel/sys.c, kernel/groups.c).
 *
 * Every rule below is one of two kinds. A privileged caller (effective uid 0, see
 * kern/cred.h) may set any id to anything. Anyone else may only shuffle the ids it
 * already has: it can make its effective id its real or saved one and back, which is
 * how a set-user-id program drops its privilege for a while and takes it up again.
 * An id of -1 means "leave this one unchanged" (and is never a valid id itself).
 * Whatever changes the effective id also moves the filesystem id along with it.
 */
#include "kern/cred.h"
#include "kern/proc.h"
#include "kern/errno.h"
#include "kern/string.h"
#include "kern/uaccess.h"
#include "kern/syscall.h"

#define ID_UNCHANGED ((uint32_t)-1)

bool cred_privileged(const struct cred *c)
{
    return c->uid.eff == 0;
}

/* Asked before anything changes: setuid(1000) by root is allowed even though root
   stops being root halfway through. */
static bool privileged(void)
{
    return cred_privileged(&current()->cred);
}

static bool is_one_of(uint32_t id, const struct id_set *s)
{
    return id == s->real || id == s->eff || id == s->saved;
}

/* Linux kill_ok_by_cred: either of the sender's real and effective ids matches the
   target's real or saved id. Not the target's effective id: a root daemon that takes
   a user's effective id for a moment, to touch that user's files, must not become
   killable by that user. */
bool kill_ok_by_cred(const struct proc *sender, const struct proc *target)
{
    const struct id_set *me = &sender->cred.uid, *them = &target->cred.uid;
    if (cred_privileged(&sender->cred))
        return true;            /* CAP_KILL */
    return me->eff == them->saved || me->eff == them->real ||
           me->real == them->saved || me->real == them->real;
}

/* execve: the new program starts with saved = effective (Linux sets this in
   cap_bprm_creds_from_file, after a set-user-id bit would have changed the
   effective id). */
void cred_exec(struct cred *c)
{
    c->uid.saved = c->uid.fs = c->uid.eff;
    c->gid.saved = c->gid.fs = c->gid.eff;
}

/* ---- the rules, once for uids and gids alike ---- */

/* setuid(id): privileged, all three ids become id for good (the usual way for a
   daemon to drop root); otherwise only the effective id moves, to the real or saved. */
static long set_id(struct id_set *s, uint32_t id)
{
    if (id == ID_UNCHANGED)
        return -EINVAL;
    if (privileged())
        s->real = s->saved = id;
    else if (id != s->real && id != s->saved)
        return -EPERM;
    s->eff = s->fs = id;
    return 0;
}

/* setreuid(real, eff): an unprivileged caller may swap its real and effective ids,
   and set the effective one to its saved id. The saved id becomes the new effective
   id whenever the real id is set, or the effective one is set to anything but the old
   real id: then the identity given up cannot be taken back through the saved id. */
static long set_re_id(struct id_set *s, uint32_t real, uint32_t eff)
{
    const struct id_set old = *s;
    bool priv = privileged();
    if (real != ID_UNCHANGED && !priv && real != old.real && real != old.eff)
        return -EPERM;
    if (eff != ID_UNCHANGED && !priv && !is_one_of(eff, &old))
        return -EPERM;
    if (real != ID_UNCHANGED)
        s->real = real;
    if (eff != ID_UNCHANGED)
        s->eff = eff;
    if (real != ID_UNCHANGED || (eff != ID_UNCHANGED && eff != old.real))
        s->saved = s->eff;
    s->fs = s->eff;
    return 0;
}

/* setresuid(real, eff, saved): each id set explicitly; an unprivileged caller may set
   each to any of its current three. */
static long set_res_id(struct id_set *s, uint32_t real, uint32_t eff, uint32_t saved)
{
    if (!privileged() && ((real != ID_UNCHANGED && !is_one_of(real, s)) ||
                          (eff != ID_UNCHANGED && !is_one_of(eff, s)) ||
                          (saved != ID_UNCHANGED && !is_one_of(saved, s))))
        return -EPERM;
    if (real != ID_UNCHANGED)
        s->real = real;
    if (eff != ID_UNCHANGED)
        s->eff = eff;
    if (saved != ID_UNCHANGED)
        s->saved = saved;
    s->fs = s->eff;
    return 0;
}

/* setfsuid(id) never fails: it returns the old filesystem id whether or not it was
   allowed to change it (programs call it twice to find out). */
static long set_fs_id(struct id_set *s, uint32_t id)
{
    uint32_t old = s->fs;
    if (id != ID_UNCHANGED && (privileged() || is_one_of(id, s) || id == s->fs))
        s->fs = id;
    return old;
}

/* getresuid(&real, &eff, &saved), stopping at the first bad pointer. */
static long get_res_id(const struct id_set *s, uint64_t ureal, uint64_t ueff, uint64_t usaved)
{
    if (copy_to_user(ureal, &s->real, sizeof(s->real)) < 0 ||
        copy_to_user(ueff, &s->eff, sizeof(s->eff)) < 0 ||
        copy_to_user(usaved, &s->saved, sizeof(s->saved)) < 0)
        return -EFAULT;
    return 0;
}

/* ---- the system calls ---- */

static struct id_set *uids(void) { return &current()->cred.uid; }
static struct id_set *gids(void) { return &current()->cred.gid; }

long sys_getuid(void) { return uids()->real; }
long sys_geteuid(void) { return uids()->eff; }
long sys_getgid(void) { return gids()->real; }
long sys_getegid(void) { return gids()->eff; }

long sys_setuid(uint32_t uid) { return set_id(uids(), uid); }
long sys_setgid(uint32_t gid) { return set_id(gids(), gid); }
long sys_setreuid(uint32_t r, uint32_t e) { return set_re_id(uids(), r, e); }
long sys_setregid(uint32_t r, uint32_t e) { return set_re_id(gids(), r, e); }
long sys_setresuid(uint32_t r, uint32_t e, uint32_t s) { return set_res_id(uids(), r, e, s); }
long sys_setresgid(uint32_t r, uint32_t e, uint32_t s) { return set_res_id(gids(), r, e, s); }
long sys_setfsuid(uint32_t uid) { return set_fs_id(uids(), uid); }
long sys_setfsgid(uint32_t gid) { return set_fs_id(gids(), gid); }

long sys_getresuid(uint64_t ur, uint64_t ue, uint64_t us) { return get_res_id(uids(), ur, ue, us); }
long sys_getresgid(uint64_t ur, uint64_t ue, uint64_t us) { return get_res_id(gids(), ur, ue, us); }

/* ---- supplementary groups ---- */

/* getgroups(0, NULL) counts them; a smaller buffer than that is EINVAL. */
long sys_getgroups(int size, uint64_t ulist)
{
    const struct cred *c = &current()->cred;
    if (size < 0)
        return -EINVAL;
    if (size == 0)
        return c->ngroups;
    if (size < c->ngroups)
        return -EINVAL;
    if (copy_to_user(ulist, c->groups, c->ngroups * sizeof(c->groups[0])) < 0)
        return -EFAULT;
    return c->ngroups;
}

/* Linux keeps the list sorted (groups_sort), and getgroups shows it so. */
static void sort_groups(uint32_t *g, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && g[j - 1] > g[j]; j--) {
            uint32_t t = g[j];
            g[j] = g[j - 1];
            g[j - 1] = t;
        }
}

/* Only root may set them. Linux takes up to NGROUPS_MAX; siglab holds
   NGROUPS_SMALL and says ENOMEM beyond that, as Linux would if it ran out. */
long sys_setgroups(int size, uint64_t ulist)
{
    struct cred *c = &current()->cred;
    uint32_t groups[NGROUPS_SMALL];
    if (!privileged())
        return -EPERM;
    if ((uint32_t)size > NGROUPS_MAX)
        return -EINVAL;
    if (size > NGROUPS_SMALL)
        return -ENOMEM;
    if (size && copy_from_user(groups, ulist, size * sizeof(groups[0])) < 0)
        return -EFAULT;
    sort_groups(groups, size);
    memcpy(c->groups, groups, size * sizeof(groups[0]));
    c->ngroups = size;
    return 0;
}
