// grade_auth.h: how a grade program proves to the grader that it really ran.
//
// The kernel under test is the student's, and it can read everything the grader hands
// it: the command line, the initrd, the program's own bytes. So the grader links each
// grade program afresh for every test run (grade/auth.py), with a file of its own
// (generated C, compiled with -DGRADE_RUN like the program): a 128-bit key spread over arithmetic on immediates
// (never stored as one string), the nonce and the test's arguments sealed with that key.
// The program prints what it observes as usual, and every line it prints leaves as
//
//     the line's text  ~0123456789abcdef
//
// where the tag is SipHash-2-4 under the key of "NONCE\n" followed by the text. The
// grader checks each tag; a line without a valid one counts as not printed. Exit
// status travels the same way: exit() and _exit() print "exit status N" with its tag
// before the process ends (linked with -Wl,--wrap=exit,--wrap=_exit). A kernel that
// prints expected lines without running the program cannot make the tags.
//
// Built without GRADE_RUN and the per-run file (by hand, or in the image for the
// shell) nothing of this applies: printf prints plain lines and arguments come from argv.

#ifndef GRADE_AUTH_H
#define GRADE_AUTH_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// ---- SipHash-2-4 (Aumasson and Bernstein), 64-bit output -----------------------------

#define SIP_ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static void sip_round(uint64_t v[4])
{
    v[0] += v[1]; v[1] = SIP_ROTL(v[1], 13); v[1] ^= v[0]; v[0] = SIP_ROTL(v[0], 32);
    v[2] += v[3]; v[3] = SIP_ROTL(v[3], 16); v[3] ^= v[2];
    v[0] += v[3]; v[3] = SIP_ROTL(v[3], 21); v[3] ^= v[0];
    v[2] += v[1]; v[1] = SIP_ROTL(v[1], 17); v[1] ^= v[2]; v[2] = SIP_ROTL(v[2], 32);
}

// An incremental SipHash: bytes arrive in pieces (the nonce, then the text).
struct sip {
    uint64_t v[4];
    uint64_t pending;   // bytes not yet a full word, little-endian
    size_t len;
};

static void sip_init(struct sip *s, const uint64_t key[2])
{
    s->v[0] = key[0] ^ 0x736f6d6570736575ULL;
    s->v[1] = key[1] ^ 0x646f72616e646f6dULL;
    s->v[2] = key[0] ^ 0x6c7967656e657261ULL;
    s->v[3] = key[1] ^ 0x7465646279746573ULL;
    s->pending = 0;
    s->len = 0;
}

static void sip_word(struct sip *s, uint64_t m)
{
    s->v[3] ^= m;
    sip_round(s->v);
    sip_round(s->v);
    s->v[0] ^= m;
}

static void sip_update(struct sip *s, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        s->pending |= (uint64_t)p[i] << (8 * (s->len % 8));
        if (++s->len % 8 == 0) {
            sip_word(s, s->pending);
            s->pending = 0;
        }
    }
}

static uint64_t sip_final(struct sip *s)
{
    sip_word(s, s->pending | ((uint64_t)(s->len & 0xff) << 56));
    s->v[2] ^= 0xff;
    for (int i = 0; i < 4; i++)
        sip_round(s->v);
    return s->v[0] ^ s->v[1] ^ s->v[2] ^ s->v[3];
}

// ---- the sealed arguments --------------------------------------------------------------

// The per-run file (grade/auth.py links it in) defines grade_secret(key) and
// grade_sealed[] (grade_sealed_len bytes): "NONCE\0ARG1\0ARG2\0..." XORed with a
// keystream, block i of which is SipHash(key, "args" + the 8-byte little-endian i),
// and grade_opened_buf[], one byte longer, where they are opened.
void grade_secret(uint64_t key[2]);
extern const unsigned char grade_sealed[];
extern const size_t grade_sealed_len;
extern char grade_opened_buf[];
#define GRADE_SEALED_LEN grade_sealed_len

static const char *grade_opened;     // the same, opened
static int grade_nargs;              // strings in it, the nonce included
static pid_t grade_main_pid;

static void grade_open_args(void)
{
    char *plain = grade_opened_buf;
    uint64_t key[2];
    grade_secret(key);
    for (size_t i = 0; i < GRADE_SEALED_LEN; i += 8) {
        struct sip s;
        uint64_t block = i / 8;
        sip_init(&s, key);
        sip_update(&s, "args", 4);
        sip_update(&s, &block, 8);
        uint64_t stream = sip_final(&s);
        for (size_t j = i; j < i + 8 && j < GRADE_SEALED_LEN; j++)
            plain[j] = grade_sealed[j] ^ (char)(stream >> (8 * (j - i)));
    }
    plain[GRADE_SEALED_LEN] = '\0';
    grade_nargs = 0;
    for (size_t i = 0; i < GRADE_SEALED_LEN; i++)
        grade_nargs += plain[i] == '\0';
    grade_opened = plain;
}

// Sealed string I: 0 is the nonce, 1.. the test's arguments; NULL past the end.
static const char *grade_arg(int i)
{
    if (!grade_opened)
        grade_open_args();
    if (i < 0 || i >= grade_nargs)
        return NULL;
    const char *p = grade_opened;
    while (i-- > 0)
        p += strlen(p) + 1;
    return p;
}

// ---- tagged output ---------------------------------------------------------------------

// Write TEXT (N bytes, no newline) as one tagged line, in a single write().
static void grade_emit(const char *text, size_t n)
{
    uint64_t key[2];
    char line[1200];
    grade_secret(key);
    struct sip s;
    sip_init(&s, key);
    const char *nonce = grade_arg(0);
    sip_update(&s, nonce, strlen(nonce));
    sip_update(&s, "\n", 1);
    sip_update(&s, text, n);
    if (n > sizeof line - 32)
        n = sizeof line - 32;
    memcpy(line, text, n);
    n += snprintf(line + n, sizeof line - n, "  ~%016llx\n", (unsigned long long)sip_final(&s));
    ssize_t done = 0;
    while ((size_t)done < n) {
        ssize_t w = write(1, line + done, n - done);
        if (w <= 0)
            break;
        done += w;
    }
}

// printf for grade programs: whole lines leave tagged. A line printed in pieces is
// kept here until its newline (a printf that holds whole lines touches no shared
// state, so a handler may print while main is between lines).
static char grade_partial[1024];
static size_t grade_partial_len;

static int grade_printf(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return n;
    size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    const char *p = buf, *end = buf + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', end - p);
        size_t piece = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (!nl || grade_partial_len) {
            size_t room = sizeof grade_partial - grade_partial_len;
            size_t take = piece < room ? piece : room;
            memcpy(grade_partial + grade_partial_len, p, take);
            grade_partial_len += take;
            if (nl) {
                grade_emit(grade_partial, grade_partial_len);
                grade_partial_len = 0;
            }
        } else {
            grade_emit(p, piece);
        }
        p += piece + (nl != NULL);
    }
    return n;
}

#define printf grade_printf

// exit() and _exit() of the main process report its status as a tagged line first
// (the program is linked with --wrap for both). Only the process that started as the
// program reports; its children exit silently.
static void grade_report_exit(int status)
{
    if (grade_partial_len) {
        grade_emit(grade_partial, grade_partial_len);
        grade_partial_len = 0;
    }
    if (getpid() == grade_main_pid)
        grade_printf("exit status %d\n", status & 0xff);
}

void __real_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status)
{
    grade_report_exit(status);
    __real_exit(status);
}

void __real__exit(int status) __attribute__((noreturn));
void __wrap__exit(int status) __attribute__((noreturn));
void __wrap__exit(int status)
{
    grade_report_exit(status);
    __real__exit(status);
}

#endif
