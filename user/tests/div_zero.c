// div_zero: integer division by zero raises #DE, which kills the process with
// SIGFPE; the runner expects exit status 136 (128 + 8).

#include <stdio.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    // volatile: the compiler must not fold or remove the division.
    volatile int dividend = 1, divisor = 0;

    printf("about to divide by zero\n");
    // cppcheck-suppress zerodiv ; deliberate: this fault is what we test
    int q = dividend / divisor;     // NOLINT(clang-analyzer-core.DivideZero)
    printf("still alive, quotient %d\n", q);
    return 1;
}
