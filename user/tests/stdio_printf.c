// stdio_printf: printf conversions, the puts family, and stderr, all going to one pipe.
// stdout is unbuffered so stdout and stderr lines interleave in program order;
// the output is compared byte for byte with a native run.

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static void integers(void)
{
    printf("d: [%d] [%d] [%d] [%d]\n", 0, 42, -42, INT_MIN);
    printf("width: [%5d] [%-5d] [%05d] [%+5d] [% d]\n", 42, 42, 42, 42, 42);
    printf("precision: [%.3d] [%8.3d] [%-8.3d] [%.0d]\n", 7, 7, 7, 0);
    printf("star: [%*d] [%-*d] [%.*d]\n", 6, 1, 6, 2, 4, 3);
    printf("u: [%u] [%u]\n", 0u, UINT_MAX);
    printf("l: [%ld] [%ld] [%lu]\n", LONG_MIN, LONG_MAX, ULONG_MAX);
    printf("ll: [%lld] [%llu]\n", LLONG_MIN, ULLONG_MAX);
    printf("h: [%hd] [%hhd] [%hu]\n", (short)-3, (signed char)-4, (unsigned short)65535);
    printf("z j: [%zu] [%jd]\n", sizeof(int64_t), (intmax_t)-99);
}

static void bases(void)
{
    printf("x: [%x] [%X] [%#x] [%#X] [%08x] [%#010x]\n",
           0xbeef, 0xbeef, 0xbeef, 0xbeef, 0xbeef, 0xbeef);
    printf("o: [%o] [%#o] [%o]\n", 8, 8, 0777);
    printf("lx: [%lx] [%#lx]\n", 0xdeadbeefcafeUL, 0UL);
}

static void text(void)
{
    printf("s: [%s] [%10s] [%-10s] [%.3s] [%s]\n", "siglab", "right", "left", "truncated", "");
    printf("c: [%c] [%3c] [%-3c]\n", 'a', 'b', 'c');
    printf("percent: [%%]\n");
    int n = printf("count me\n");
    printf("printf returned %d\n", n);
    char buf[32];
    volatile size_t size = 8;   // volatile: gcc would warn about the truncation we want
    n = snprintf(buf, size, "%s", "longer than eight");
    printf("snprintf: [%s] returned %d\n", buf, n);
}

static void floats(void)
{
    printf("f: [%f] [%.2f] [%10.3f] [%-10.1f] [%+.1f]\n", 3.14159, 2.5, -1.0 / 3, 0.25, 1.0);
    printf("e: [%e] [%.3E]\n", 12345.678, 0.000123);
    printf("g: [%g] [%g] [%g] [%G]\n", 100000.0, 1000000.0, 0.0001, 1e-10);
    printf("big: [%.0f] [%.17g]\n", 1e20, 0.1);
    printf("special: [%f] [%f] [%f]\n", INFINITY, -INFINITY, NAN);
    printf("a: [%a]\n", 1.0);
}

static void puts_family(void)
{
    puts("puts adds a newline");
    fputs("fputs does not", stdout);
    putchar('\n');
    putchar('x');
    putc('y', stdout);
    fputc('\n', stdout);
    fwrite("fwrite 10\n", 1, 10, stdout);
    fflush(stdout);
}

static void to_stderr(void)
{
    fprintf(stderr, "stderr: line %d\n", 1);
    printf("stdout: between\n");
    fputs("stderr: line 2\n", stderr);
    dprintf(1, "dprintf to fd 1\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    integers();
    bases();
    text();
    floats();
    puts_family();
    to_stderr();
    printf("stdio_printf: done\n");
    return 0;
}
