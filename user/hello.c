// hello: the smallest program worth running.

#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
