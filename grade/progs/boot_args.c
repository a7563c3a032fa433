// boot_args (lab 0): the kernel starts a program the way Linux does. execve builds
// the initial stack (argc, argv, envp, auxv) that musl's startup reads, and the exit
// status reaches init through exit_group and wait4.
//
// usage: boot_args NONCE STATUS WORD1 WORD2    (the grader seals these in the program)
// and on the command line the program gets WORD1 WORD2 as argv[1] and argv[2]: it
// prints them back, says whether they are the words it expected, exits with STATUS.

#include "grade.h"
#include <sys/auxv.h>

// The word the grader meant for argv[i]: the sealed argument i + 2 in a graded run
// (grade_auth.h), argv[i] itself when built by hand.
static const char *expected_word(char **argv, int i)
{
#ifdef GRADE_RUN
    (void)argv;
    return grade_arg(i + 2);
#else
    return argv[i];
#endif
}

int main(int argc, char **argv)
{
    grade_start();
    long status = arg(argc, argv, 2);

    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++) {
        const char *want = expected_word(argv, i);
        printf("argv[%d] %s, as passed: %s\n", i, argv[i],
               want && strcmp(want, argv[i]) == 0 ? "yes" : "no");
    }
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
