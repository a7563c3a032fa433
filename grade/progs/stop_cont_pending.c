// stop_cont_pending (lab 1): the job-control side effects of generating a signal
// (Linux prepare_signal): a stop signal cancels a pending SIGCONT, and SIGCONT
// cancels every pending stop signal, even while all of them are blocked.
//
// usage: stop_cont_pending STOPSIG OTHERSTOP

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    int stop = arg(argc, argv, 1), other = arg(argc, argv, 2);
    pid_t me = getpid();

    set_mask(~0ULL);
    kill(me, SIGCONT);
    printf("after SIGCONT: %s\n", setstr(get_pending()));
    kill(me, stop);
    printf("after %s: %s\n", signame(stop), setstr(get_pending()));
    kill(me, other);
    printf("after %s: %s\n", signame(other), setstr(get_pending()));
    kill(me, SIGCONT);
    printf("after SIGCONT again: %s\n", setstr(get_pending()));
    kill(me, SIGUSR1);
    kill(me, other);
    printf("after SIGUSR1 and %s: %s\n", signame(other), setstr(get_pending()));
    return 0;
}
