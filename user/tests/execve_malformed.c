// execve_malformed: broken executables are refused, and the caller keeps running
// lab: 0
//
// The test writes small ELF files to /tmp, starting from a valid one (a single
// PT_LOAD segment whose code exits with status 42), and breaks one thing in each.
// execve must refuse what cannot be loaded with Linux's errno, and the caller must
// carry on; what Linux only notices after the point of no return (a segment it cannot
// map, an entry point outside user space) kills the new program with SIGSEGV, or
// SIGBUS for code past the end of the file. Scripts ("#!") run their interpreter.

#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

#define BASE 0x10000000UL
#define PATH "/tmp/execve_malformed.elf"

struct image {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[2];
    unsigned char code[16];
};

// mov $60, %eax; mov $42, %edi; syscall
static const unsigned char exit42[] = { 0xb8, 0x3c, 0, 0, 0, 0xbf, 0x2a, 0, 0, 0, 0x0f, 0x05 };

static void valid_image(struct image *im)
{
    memset(im, 0, sizeof(*im));
    memcpy(im->eh.e_ident, ELFMAG, SELFMAG);
    im->eh.e_ident[EI_CLASS] = ELFCLASS64;
    im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
    im->eh.e_ident[EI_VERSION] = EV_CURRENT;
    im->eh.e_type = ET_EXEC;
    im->eh.e_machine = EM_X86_64;
    im->eh.e_version = EV_CURRENT;
    im->eh.e_entry = BASE + offsetof(struct image, code);
    im->eh.e_phoff = offsetof(struct image, ph);
    im->eh.e_ehsize = sizeof(Elf64_Ehdr);
    im->eh.e_phentsize = sizeof(Elf64_Phdr);
    im->eh.e_phnum = 1;
    im->ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
                              .p_vaddr = BASE, .p_paddr = BASE, .p_filesz = sizeof(*im),
                              .p_memsz = sizeof(*im), .p_align = 4096 };
    memcpy(im->code, exit42, sizeof(exit42));
}

static const char *errno_name(int e)
{
    switch (e) {
    case ENOEXEC: return "ENOEXEC";
    case ENOENT:  return "ENOENT";
    case EACCES:  return "EACCES";
    case ELOOP:   return "ELOOP";
    case ENOMEM:  return "ENOMEM";
    default:      return "another errno";
    }
}

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    write(fd, text, strlen(text));
    close(fd);
}

// Write LEN bytes of IM to PATH, execve it in a child, and say how that went.
static void try_exec(const char *what, const struct image *im, size_t len, const char *extra,
                     size_t extra_len)
{
    unlink(PATH);
    int fd = open(PATH, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0 || write(fd, im, len) != (ssize_t)len) {
        printf("%s: cannot write %s\n", what, PATH);
        return;
    }
    if (extra_len)
        write(fd, extra, extra_len);
    close(fd);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { PATH, "extra", NULL }, *envp[] = { NULL };
        execve(PATH, argv, envp);
        _exit(100 + errno);     // execve failed: the errno, as an exit status
    }
    int status;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        printf("%s: killed by signal %d\n", what, WTERMSIG(status));
    else if (WEXITSTATUS(status) == 42)
        printf("%s: ran (exit 42)\n", what);
    else if (WEXITSTATUS(status) >= 100)
        printf("%s: execve failed, %s\n", what, errno_name(WEXITSTATUS(status) - 100));
    else
        printf("%s: exit %d\n", what, WEXITSTATUS(status));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct image im;

    valid_image(&im);
    try_exec("the valid image", &im, sizeof(im), 0, 0);
    try_exec("an empty file", &im, 0, 0, 0);
    try_exec("the header cut at 20 bytes", &im, 20, 0, 0);
    try_exec("the header only (no program headers)", &im, sizeof(Elf64_Ehdr), 0, 0);

    valid_image(&im); im.eh.e_machine = EM_386;
    try_exec("e_machine EM_386", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_type = ET_REL;
    try_exec("e_type ET_REL", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_phnum = 0;
    try_exec("no program headers (e_phnum 0)", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_phentsize = 32;
    try_exec("e_phentsize 32", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_phoff = 1 << 20;
    try_exec("program headers beyond the file", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_phnum = 0xffff;
    try_exec("e_phnum 65535", &im, sizeof(im), 0, 0);
    valid_image(&im); im.ph[0].p_offset = 1 << 20;
    try_exec("a segment beyond the file", &im, sizeof(im), 0, 0);
    valid_image(&im); im.ph[0].p_filesz = im.ph[0].p_memsz + 4096;
    try_exec("p_filesz larger than p_memsz", &im, sizeof(im), 0, 0);
    valid_image(&im); im.ph[0].p_memsz = 1UL << 46; im.ph[0].p_flags |= PF_W;
    try_exec("a 64 TiB segment", &im, sizeof(im), 0, 0);
    valid_image(&im); im.ph[0].p_vaddr = 0xffffffff80000000UL;
    im.eh.e_entry = im.ph[0].p_vaddr + offsetof(struct image, code);
    try_exec("a segment in the kernel's half", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_entry = 0xffffffff80100000UL;
    try_exec("the entry point in the kernel", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_entry = 0x800000000000UL;
    try_exec("a non-canonical entry point", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_entry = BASE + 0x100000;
    try_exec("the entry point in no segment", &im, sizeof(im), 0, 0);
    valid_image(&im); im.ph[0].p_vaddr += 8;
    try_exec("a segment whose address and offset disagree mod 4096", &im, sizeof(im), 0, 0);
    valid_image(&im); im.eh.e_phnum = 2; im.ph[1] = im.ph[0];
    try_exec("two segments at the same address", &im, sizeof(im), 0, 0);

    static const char interp[] = "/nonexistent/ld.so";
    valid_image(&im); im.eh.e_phnum = 2;
    im.ph[1] = (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R, .p_offset = sizeof(im),
                             .p_filesz = sizeof(interp), .p_memsz = sizeof(interp), .p_align = 1 };
    try_exec("PT_INTERP naming a missing file", &im, sizeof(im), interp, sizeof(interp));

    // Scripts: the interpreter gets the rest of the "#!" line as one argument, then
    // the script's path, then the script's own arguments.
    try_exec("#!/bin/echo with an argument", (const struct image *)"#!  /bin/echo  one two  \n",
             25, 0, 0);
    write_file("/tmp/execve_malformed.inner", "#!/bin/echo inner\n");
    try_exec("#! naming another script", (const struct image *)"#!/tmp/execve_malformed.inner\n",
             30, 0, 0);
    write_file("/tmp/execve_malformed.inner", "#!/tmp/execve_malformed.inner\n");
    try_exec("#! scripts naming each other forever", (const struct image *)"#!/tmp/execve_malformed.inner\n",
             30, 0, 0);
    unlink("/tmp/execve_malformed.inner");
    try_exec("#! and nothing else", (const struct image *)"#!\n", 3, 0, 0);

    static const char script[] = "#!/nonexistent/sh\n";
    try_exec("#! naming a missing interpreter", (const struct image *)script,
             sizeof(script) - 1, 0, 0);
    static const char garbage[] = "just some text\n";
    try_exec("a text file", (const struct image *)garbage, sizeof(garbage) - 1, 0, 0);
    printf("the caller is still running\n");
    unlink(PATH);
    return 0;
}
