/* check.h itself: passing checks pass, failing checks are counted and say where and
   what they saw, and every argument is evaluated exactly once. */
#define _POSIX_C_SOURCE 200809L     /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/unit/check.h"

/* Run some checks that must fail, capturing what they print; returns how many failed
   and leaves the failure count as it was, since these failures are the point. */
static int deliberate_failures(char **report)
{
    size_t len;
    int before = check_failures, count_before = check_count;
    check_output = open_memstream(report, &len);

    CHECK(1 + 1 == 3);
    CHECK_EQ(-1, 1U);
    CHECK_STR_EQ("abc", "abd");
    CHECK_STR_EQ(NULL, "x");

    fclose(check_output);
    check_output = NULL;
    int failed = check_failures - before;
    CHECK_EQ(check_count - count_before, 4);
    check_failures = before;
    return failed;
}

int main(void)
{
    /* Checks that hold count as checks and not as failures. */
    CHECK(1);
    CHECK_EQ(2 + 2, 4);
    CHECK_EQ((size_t)5, 5);             /* mixed types need no casts */
    CHECK_EQ(-1L, -1);
    CHECK_STR_EQ("same", "same");
    CHECK_STR_EQ(NULL, NULL);
    CHECK_EQ(check_failures, 0);

    /* Side effects happen once. */
    int i = 0, j = 0;
    CHECK(i++ == 0);
    CHECK_EQ(j++, 0);
    CHECK_EQ(i, 1);
    CHECK_EQ(j, 1);

    char *report = NULL;
    CHECK_EQ(deliberate_failures(&report), 4);
    CHECK(report != NULL);
    if (report) {
        CHECK(strstr(report, "test_check.c:") != NULL);
        CHECK(strstr(report, "CHECK(1 + 1 == 3)") != NULL);
        CHECK(strstr(report, "    -1 == -1 (0xffffffffffffffff)\n") != NULL);
        CHECK(strstr(report, "    1U == 1 (0x1)\n") != NULL);
        CHECK(strstr(report, "\"abd\"") != NULL);
        CHECK(strstr(report, "    NULL == NULL\n") != NULL);
        free(report);
    }

    /* The summary's exit status follows the failure count. */
    CHECK_EQ(check_failures, 0);
    return check_summary();
}
