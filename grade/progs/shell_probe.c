// shell_probe (lab 0): the program the shell test types at the prompt. The shell
// found it, forked, exec'd it with the console as its terminal, and will report its
// exit status: everything here has to have worked for these lines to appear.
//
// usage: shell_probe NONCE STATUS    prints the nonce, exits with STATUS

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    long nonce = arg(argc, argv, 1);
    long status = arg(argc, argv, 2);
    printf("started by the shell, nonce %ld\n", nonce);
    printf("its own process group, in the foreground: %s\n",
           getpgrp() == getpid() && tcgetpgrp(0) == getpgrp() ? "yes" : "no");
    return (int)status;
}
