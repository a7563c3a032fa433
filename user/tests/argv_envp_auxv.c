// argv_envp_auxv: the initial stack the kernel builds for a new program (System V
// x86-64 ABI, 3.4.1): argc, argv, envp, then the auxiliary vector musl reads at start.
// Run as: ./argv_envp_auxv one "two words" ""   with the environment SIGLAB_TEST=1.

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>

extern char **environ;
extern char _start[];   // the entry point, from musl's crt1.o

static int failures;

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

// The program headers the kernel points AT_PHDR at must be our own: look for PT_LOAD.
static int phdrs_have_load(void)
{
    const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);

    if (ph == NULL)
        return 0;
    for (unsigned long i = 0; i < n; i++)
        if (ph[i].p_type == PT_LOAD)
            return 1;
    return 0;
}

static void auxv(void)
{
    check("AT_PAGESZ == 4096", getauxval(AT_PAGESZ) == 4096);
    check("AT_PHENT == sizeof(Elf64_Phdr)", getauxval(AT_PHENT) == sizeof(Elf64_Phdr));
    check("AT_PHNUM > 0", getauxval(AT_PHNUM) > 0);
    check("AT_PHDR has a PT_LOAD", phdrs_have_load());
    check("AT_ENTRY == _start", getauxval(AT_ENTRY) == (unsigned long)_start);

    // AT_RANDOM points at 16 random bytes. Their value is unknowable, but reading
    // them proves the pointer is good: a bad one would kill us with SIGSEGV.
    const volatile unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    if (rnd != NULL)
        for (int i = 0; i < 16; i++)
            (void)rnd[i];
    check("AT_RANDOM non-NULL and readable", rnd != NULL);
}

int main(int argc, char **argv, char **envp)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    printf("argc: %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]: [%s]\n", i, argv[i]);
    check("argv[argc] == NULL", argv[argc] == NULL);

    // envp starts right after argv's NULL, and musl's environ is that same array.
    check("envp == argv + argc + 1", envp == argv + argc + 1);
    check("environ == envp", environ == envp);
    int envc = 0;
    while (envp[envc] != NULL)
        envc++;
    printf("envc: %d\n", envc);
    const char *v = getenv("SIGLAB_TEST");
    printf("getenv(\"SIGLAB_TEST\"): [%s]\n", v ? v : "(null)");

    auxv();
    return failures ? 1 : 0;
}
