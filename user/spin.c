// spin: print a dot every second, forever. Something to stop with ^Z, move
// between foreground and background with fg and bg, and end with ^C or kill.
// It prints its pid first, for kill.

#include <stdio.h>
#include <unistd.h>

int main(void)
{
    printf("spin: pid %d\n", (int)getpid());
    fflush(stdout);
    for (;;) {
        write(1, ".", 1);   // write(2): a dot per second, not a line at a time
        sleep(1);
    }
}
