// cred_setid_rules: setuid, setreuid, setresuid, their gid twins, setfsuid and
// setgroups follow Linux's rules for privileged and unprivileged callers
// lab: 0
//
// Root (effective uid 0) may set any id. Anyone else may only move among the ids it
// already has: setuid changes just the effective id, to the real or saved one;
// setreuid may swap real and effective, and the saved id follows the new effective
// id when the real id is set or the effective id leaves the real one; setresuid
// sets each id to any of the current three. -1 leaves an id alone, and setuid(-1)
// is EINVAL. Each case runs in a child of its own, which starts as root and first
// takes the ids the case is about. The test must start as root (CI runs it so).

#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <sys/fsuid.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define KEEP ((uid_t)-1)

static long r(long ret)
{
    return ret == -1 ? -errno : ret;
}

// Are the uids (real, effective, saved) as wanted? One line, with all three on a miss.
static void check_uids(const char *what, uid_t real, uid_t eff, uid_t saved)
{
    uid_t a, b, c;
    getresuid(&a, &b, &c);
    if (a == real && b == eff && c == saved) {
        printf("%s: ok\n", what);
    } else {
        printf("%s: FAIL expected %u %u %u got %u %u %u\n", what, real, eff, saved, a, b, c);
        failures++;
    }
}

static void check_gids(const char *what, gid_t real, gid_t eff, gid_t saved)
{
    gid_t a, b, c;
    getresgid(&a, &b, &c);
    if (a == real && b == eff && c == saved) {
        printf("%s: ok\n", what);
    } else {
        printf("%s: FAIL expected %u %u %u got %u %u %u\n", what, real, eff, saved, a, b, c);
        failures++;
    }
}

// Run one case in a child; its failures come back as its exit status.
static void in_child(void (*test)(void))
{
    pid_t pid = fork();
    if (pid == 0) {
        test();
        _exit(failures != 0);
    }
    int status;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        failures++;
}

static void root_setuid(void)
{
    check("root: setuid(1000)", r(setuid(1000)), 0);
    check_uids("root: setuid sets all three", 1000, 1000, 1000);
    check("then setuid(0) is EPERM", r(setuid(0)), -EPERM);
    check("then setgid(5) is EPERM", r(setgid(5)), -EPERM);
    check("but setgid(0) (the real gid) is allowed", r(setgid(0)), 0);
    check("getuid", getuid(), 1000);
    check("geteuid", geteuid(), 1000);
}

static void user_setuid(void)
{
    check("root: setresuid(1000, 2000, 3000)", r(setresuid(1000, 2000, 3000)), 0);
    check_uids("ids 1000 2000 3000", 1000, 2000, 3000);
    check("user: setuid(-1) is EINVAL", r(setuid(KEEP)), -EINVAL);
    check("user: setuid(1000) (real)", r(setuid(1000)), 0);
    check_uids("setuid moved only the effective id", 1000, 1000, 3000);
    check("user: setuid(3000) (saved)", r(setuid(3000)), 0);
    check_uids("effective id back from the saved one", 1000, 3000, 3000);
    check("user: setuid(2000) (gone) is EPERM", r(setuid(2000)), -EPERM);
    check("user: setuid(0) is EPERM", r(setuid(0)), -EPERM);
    check_uids("nothing changed", 1000, 3000, 3000);
}

static void root_seteuid_and_back(void)
{
    check("root: setresuid(-1, 1000, -1)", r(setresuid(KEEP, 1000, KEEP)), 0);
    check_uids("effective 1000, real and saved root", 0, 1000, 0);
    check("unprivileged now: setgid(5000) is EPERM", r(setgid(5000)), -EPERM);
    check("unprivileged now: setresuid(7, -1, -1) is EPERM", r(setresuid(7, KEEP, KEEP)), -EPERM);
    check("setuid(0) takes root back (real id)", r(setuid(0)), 0);
    check_uids("root again", 0, 0, 0);
    check("privileged again: setgid(5000)", r(setgid(5000)), 0);
    check_gids("setgid by root sets all three gids", 5000, 5000, 5000);
}

static void user_setreuid(void)
{
    setresuid(1000, 2000, 3000);
    check("user: setreuid(3000, -1) (saved as real) is EPERM", r(setreuid(3000, KEEP)), -EPERM);
    check("user: setreuid(-1, 4000) is EPERM", r(setreuid(KEEP, 4000)), -EPERM);
    check("user: setreuid(-1, 1000) (effective = real)", r(setreuid(KEEP, 1000)), 0);
    check_uids("saved id kept when the effective id goes to the real one", 1000, 1000, 3000);
    check("user: setreuid(-1, 3000)", r(setreuid(KEEP, 3000)), 0);
    check_uids("saved id follows an effective id other than the real one", 1000, 3000, 3000);
    check("user: setreuid(3000, 1000) (swap)", r(setreuid(3000, 1000)), 0);
    check_uids("real id set: saved id = new effective id", 3000, 1000, 1000);
    check("user: setreuid(-1, -1)", r(setreuid(KEEP, KEEP)), 0);
    check_uids("setreuid(-1, -1) changes nothing", 3000, 1000, 1000);
}

static void user_setresuid(void)
{
    setresuid(1000, 2000, 3000);
    check("user: setresuid(3000, 1000, 2000) (a rotation)", r(setresuid(3000, 1000, 2000)), 0);
    check_uids("rotated", 3000, 1000, 2000);
    check("user: setresuid(-1, 4000, -1) is EPERM", r(setresuid(KEEP, 4000, KEEP)), -EPERM);
    check("user: setresuid(-1, -1, 0) is EPERM", r(setresuid(KEEP, KEEP, 0)), -EPERM);
    check("user: setresuid(-1, -1, -1)", r(setresuid(KEEP, KEEP, KEEP)), 0);
    check_uids("unchanged after the failures", 3000, 1000, 2000);
    check("user: setresuid(2000, 2000, 2000)", r(setresuid(2000, 2000, 2000)), 0);
    check_uids("all 2000", 2000, 2000, 2000);
}

static void user_gids(void)
{
    check("root: setresgid(100, 200, 300)", r(setresgid(100, 200, 300)), 0);
    check("root: setresuid(1000, 1000, 1000)", r(setresuid(1000, 1000, 1000)), 0);
    check_gids("gids 100 200 300", 100, 200, 300);
    check("getgid", getgid(), 100);
    check("getegid", getegid(), 200);
    check("user: setgid(300) (saved)", r(setgid(300)), 0);
    check_gids("setgid moved only the effective gid", 100, 300, 300);
    check("user: setgid(200) (gone) is EPERM", r(setgid(200)), -EPERM);
    check("user: setgid(-1) is EINVAL", r(setgid(KEEP)), -EINVAL);
    check("user: setregid(300, 100) (swap)", r(setregid(300, 100)), 0);
    check_gids("swapped, saved = new effective", 300, 100, 100);
    check("user: setregid(-1, 7) is EPERM", r(setregid(KEEP, 7)), -EPERM);
    check("user: setresgid(100, 300, 300)", r(setresgid(100, 300, 300)), 0);
    check("user: setresgid(-1, 200, -1) is EPERM", r(setresgid(KEEP, 200, KEEP)), -EPERM);
    check_gids("gids 100 300 300", 100, 300, 300);
}

static void user_setfsuid(void)
{
    setresuid(1000, 2000, 3000);
    check("setfsuid(3000) returns the old fsuid (the effective id)", setfsuid(3000), 2000);
    check("setfsuid(4000) is refused: returns 3000", setfsuid(4000), 3000);
    check("setfsuid(-1) only asks: returns 3000", setfsuid(KEEP), 3000);
    check("setresuid(-1, 1000, -1)", r(setresuid(KEEP, 1000, KEEP)), 0);
    check("a new effective id moves the fsuid along", setfsuid(KEEP), 1000);
    check("setfsgid(-1) returns the effective gid", setfsgid(KEEP), 0);
}

static void groups(void)
{
    gid_t set[3] = { 30, 10, 20 }, got[3] = { 0, 0, 0 };
    check("root: setgroups(3, {30, 10, 20})", r(setgroups(3, set)), 0);
    check("getgroups(0, NULL) counts 3", r(getgroups(0, NULL)), 3);
    check("getgroups(2, buf) is EINVAL", r(getgroups(2, got)), -EINVAL);
    check("getgroups(-1, buf) is EINVAL", r(syscall(SYS_getgroups, -1, got)), -EINVAL);
    check("getgroups(3, buf)", r(getgroups(3, got)), 3);
    check("the list comes back sorted", got[0] * 10000 + got[1] * 100 + got[2], 102030);
    check("setgroups(0, NULL)", r(setgroups(0, NULL)), 0);
    check("no groups left", r(getgroups(0, NULL)), 0);
    setresuid(1000, 1000, 1000);
    check("user: setgroups(1, {10}) is EPERM", r(setgroups(1, set)), -EPERM);
}

static void bad_pointers(void)
{
    uid_t a, b;
    void *bad = (void *)16;
    check("getresuid(bad, ...) is EFAULT", r(syscall(SYS_getresuid, bad, &a, &b)), -EFAULT);
    check("getresgid(..., bad) is EFAULT", r(syscall(SYS_getresgid, &a, &b, bad)), -EFAULT);
    check("root: setgroups(1, bad) is EFAULT", r(syscall(SYS_setgroups, 1, bad)), -EFAULT);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (getuid() != 0 || geteuid() != 0) {
        printf("cred_setid_rules must run as root\n");
        return 1;
    }
    check_uids("starts as root", 0, 0, 0);
    in_child(root_setuid);
    in_child(user_setuid);
    in_child(root_seteuid_and_back);
    in_child(user_setreuid);
    in_child(user_setresuid);
    in_child(user_gids);
    in_child(user_setfsuid);
    in_child(groups);
    in_child(bad_pointers);
    return failures != 0;
}
