/*
 * check.h: the smallest useful test harness for the host unit tests.
 *
 *   CHECK(cond)          cond must be true
 *   CHECK_EQ(a, b)       two integers (any mix of types) must be equal
 *   CHECK_STR_EQ(a, b)   two C strings must be equal (NULL equals only NULL)
 *   return check_summary();    at the end of main: prints "N checks, M failed"
 *
 * A failed check prints file:line, the expression and the values it saw, and the test
 * goes on, so one run shows every failure. Each argument is evaluated exactly once.
 * tests/run_tests.py compiles each tests/unit/test_*.c with -DHOST_TEST and the kernel
 * files named in its "// sources:" line, and the test passes iff it exits with 0.
 */
#ifndef TESTS_UNIT_CHECK_H
#define TESTS_UNIT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_count;         /* checks run so far */
static int check_failures;      /* of which failed */
static FILE *check_output;      /* where failures are reported; NULL means stdout */

static inline int check_report(int ok, const char *file, int line, const char *what)
{
    check_count++;
    if (!ok) {
        check_failures++;
        fprintf(check_output ? check_output : stdout, "%s:%d: check failed: %s\n",
                file, line, what);
    }
    return ok;
}

static inline void check_eq(long long a, long long b, const char *file, int line,
                            const char *ea, const char *eb)
{
    if (!check_report(a == b, file, line, "CHECK_EQ"))
        fprintf(check_output ? check_output : stdout,
                "    %s == %lld (%#llx)\n    %s == %lld (%#llx)\n",
                ea, a, (unsigned long long)a, eb, b, (unsigned long long)b);
}

static inline void check_print_str(const char *expr, const char *s)
{
    FILE *out = check_output ? check_output : stdout;
    if (s)
        fprintf(out, "    %s == \"%s\"\n", expr, s);
    else
        fprintf(out, "    %s == NULL\n", expr);
}

static inline void check_str_eq(const char *a, const char *b, const char *file, int line,
                                const char *ea, const char *eb)
{
    int ok = (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
    if (!check_report(ok, file, line, "CHECK_STR_EQ")) {
        check_print_str(ea, a);
        check_print_str(eb, b);
    }
}

/* Integers of any type compare as long long, so CHECK_EQ(size, 5) needs no casts. */
#define CHECK(cond) ((void)check_report(!!(cond), __FILE__, __LINE__, "CHECK(" #cond ")"))
#define CHECK_EQ(a, b) check_eq((long long)(a), (long long)(b), __FILE__, __LINE__, #a, #b)
#define CHECK_STR_EQ(a, b) check_str_eq((a), (b), __FILE__, __LINE__, #a, #b)

/* Print the totals; the result is main's exit status: 0 iff nothing failed. */
static inline int check_summary(void)
{
    printf("%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
