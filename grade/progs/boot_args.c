// boot_args (lab 0): the kernel starts a program the way Linux does. execve builds
// the initial stack (argc, argv, envp, auxv) that musl's startup reads, and the exit
// status reaches init through exit_group and wait4.
//
// usage: boot_args NONCE STATUS    prints its arguments back, exits with STATUS

#include "grade.h"
#include <sys/auxv.h>

int main(int argc, char **argv)
{
    grade_start();
    long status = arg(argc, argv, 2);

    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] %s\n", i, argv[i]);
    printf("argv[argc] is NULL: %s\n", argv[argc] == NULL ? "yes" : "no");
    printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    int sum = 0;
    for (int i = 0; rnd && i < 16; i++)
        sum |= rnd[i];
    printf("AT_RANDOM points at 16 readable bytes: %s\n", rnd && sum ? "yes" : "no");
    printf("AT_ENTRY is main's program: %s\n",
           getauxval(AT_ENTRY) && getauxval(AT_PHDR) ? "yes" : "no");
    return (int)status;
}
