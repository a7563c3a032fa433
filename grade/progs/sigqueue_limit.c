// sigqueue_limit (lab 1): a real-time signal carries its siginfo in a queue entry,
// and RLIMIT_SIGPENDING bounds the entries: sigqueue then fails with EAGAIN. kill()
// of a real-time signal and any standard signal still get through (Linux
// __send_signal: the signal is sent, only its siginfo is lost).
//
// usage: sigqueue_limit LIMIT RT1 RT2 NONCE

#include "grade.h"

int main(int argc, char **argv)
{
    grade_start();
    int limit = arg(argc, argv, 1), rt1 = arg(argc, argv, 2), rt2 = arg(argc, argv, 3);
    int nonce = arg(argc, argv, 4);
    pid_t me = getpid();

    struct rlimit rl = { limit, limit };
    if (setrlimit(RLIMIT_SIGPENDING, &rl) < 0)
        printf("setrlimit: %s\n", strerror(errno));
    set_mask(~0ULL);

    int ok = 0;
    for (int i = 0; i < limit; i++)
        ok += send_value(me, rt1, nonce + i) == 0;
    printf("sigqueue(%s) %d times: %d succeeded\n", signame(rt1), limit, ok);
    errno = 0;
    printf("one more sigqueue(%s) = %s\n", signame(rt1), result(send_value(me, rt1, nonce)));
    errno = 0;
    printf("sigqueue(%s) = %s\n", signame(rt2), result(send_value(me, rt2, nonce)));
    errno = 0;
    printf("kill(self, %s) = %s\n", signame(rt2), result(kill(me, rt2)));
    errno = 0;
    printf("kill(self, SIGUSR2) = %s\n", result(kill(me, SIGUSR2)));
    printf("pending: %s\n", setstr(get_pending()));
    return 0;
}
