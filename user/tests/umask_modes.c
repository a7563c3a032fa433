// umask_modes: umask returns the previous mask, and its bits are taken away from the
// mode of files that open(O_CREAT) and creat make and of directories mkdir makes; it
// does not touch an existing file's mode; a forked child inherits it.
// lab: 0

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "sigtest.h"

static char file[64], file2[64], dir[64];

static long mode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)(st.st_mode & 07777) : -1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(file, sizeof file, "/tmp/siglab-umask-%d", getpid());
    snprintf(file2, sizeof file2, "/tmp/siglab-umask2-%d", getpid());
    snprintf(dir, sizeof dir, "/tmp/siglab-umask-dir-%d", getpid());
    umask(022);
    check("umask returns the old mask", umask(077), 022);
    check("and again", umask(027), 077);
    close(open(file, O_CREAT | O_WRONLY, 0666));
    check("file mode 0666 & ~027", mode_of(file), 0640);
    mkdir(dir, 0777);
    check("dir mode 0777 & ~027", mode_of(dir), 0750);
    umask(0);
    close(open(file, O_CREAT | O_WRONLY, 0666));
    check("existing file keeps its mode", mode_of(file), 0640);
    close(creat(file2, 0751));
    check("creat with umask 0", mode_of(file2), 0751);
    umask(0777 | 01000);
    check("only the permission bits are kept", umask(0), 0777);
    umask(066);
    pid_t pid = fork();
    if (pid == 0)
        _exit(umask(0));
    int status;
    waitpid(pid, &status, 0);
    check("child inherits the umask", WEXITSTATUS(status), 066);
    unlink(file);
    unlink(file2);
    rmdir(dir);
    return failures != 0;
}
