/*
 * The formatting engine behind printk, panic and snprintf. Pure code: the host unit
 * tests compile it natively and compare it with the C library's printf.
 */
#include "kern/fmt.h"

struct spec {
    bool left;          /* '-' */
    bool zero;          /* '0' */
    bool alt;           /* '#': 0x before hex digits (of a nonzero value) */
    int width;
    int precision;      /* -1: none */
    int length;         /* 0, 1 = l, 2 = ll/z */
};

struct out {
    fmt_sink sink;
    void *arg;
    int count;
};

static void put(struct out *o, char c)
{
    o->sink(c, o->arg);
    o->count++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

/* Emit digits (already in text form, most significant first) with sign and padding. */
static void put_field(struct out *o, const struct spec *s, const char *sign,
                      const char *prefix, const char *digits, int ndigits)
{
    int extra = (int)__builtin_strlen(sign) + (int)__builtin_strlen(prefix);
    int fill = s->width - ndigits - extra;
    if (!s->left && !s->zero)
        pad(o, ' ', fill);
    while (*sign)
        put(o, *sign++);
    while (*prefix)
        put(o, *prefix++);
    if (!s->left && s->zero)
        pad(o, '0', fill);
    for (int i = 0; i < ndigits; i++)
        put(o, digits[i]);
    if (s->left)
        pad(o, ' ', fill);
}

static void put_unsigned(struct out *o, const struct spec *s, uint64_t v, int base,
                         bool upper, const char *sign, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int n = 0;
    do {
        buf[sizeof(buf) - 1 - n++] = digits[v % base];
        v /= base;
    } while (v);
    put_field(o, s, sign, prefix, buf + sizeof(buf) - n, n);
}

static void put_string(struct out *o, const struct spec *s, const char *str)
{
    if (!str)
        str = "(null)";
    int len = 0;
    while (str[len] && (s->precision < 0 || len < s->precision))
        len++;
    struct spec plain = *s;
    plain.zero = false;
    put_field(o, &plain, "", "", str, len);
}

static uint64_t take_unsigned(const struct spec *s, va_list *ap)
{
    if (s->length == 2)
        return va_arg(*ap, unsigned long long);
    if (s->length == 1)
        return va_arg(*ap, unsigned long);
    return va_arg(*ap, unsigned int);
}

static int64_t take_signed(const struct spec *s, va_list *ap)
{
    if (s->length == 2)
        return va_arg(*ap, long long);
    if (s->length == 1)
        return va_arg(*ap, long);
    return va_arg(*ap, int);
}

/* Parse flags, width, precision and length; returns the conversion character. */
static const char *parse_spec(const char *f, struct spec *s, va_list *ap)
{
    *s = (struct spec){ .precision = -1 };
    for (;; f++) {
        if (*f == '-')
            s->left = true;
        else if (*f == '0')
            s->zero = true;
        else if (*f == '#')
            s->alt = true;
        else
            break;
    }
    if (*f == '*') {
        s->width = va_arg(*ap, int);
        f++;
    }
    while (*f >= '0' && *f <= '9')
        s->width = s->width * 10 + (*f++ - '0');
    if (*f == '.') {
        f++;
        s->precision = 0;
        if (*f == '*') {
            s->precision = va_arg(*ap, int);
            f++;
        }
        while (*f >= '0' && *f <= '9')
            s->precision = s->precision * 10 + (*f++ - '0');
    }
    for (; *f == 'l' || *f == 'z'; f++)
        s->length = (*f == 'z') ? 2 : s->length + 1;
    return f;
}

int vformat(fmt_sink sink, void *arg, const char *fmt, va_list ap_in)
{
    struct out o = { sink, arg, 0 };
    va_list ap;
    va_copy(ap, ap_in);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            put(&o, *f);
            continue;
        }
        struct spec s;
        f = parse_spec(f + 1, &s, &ap);
        switch (*f) {
        case 'd':
        case 'i': {
            int64_t v = take_signed(&s, &ap);
            uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
            put_unsigned(&o, &s, mag, 10, false, v < 0 ? "-" : "", "");
            break;
        }
        case 'u': put_unsigned(&o, &s, take_unsigned(&s, &ap), 10, false, "", ""); break;
        case 'x':
        case 'X': {
            uint64_t v = take_unsigned(&s, &ap);
            const char *prefix = s.alt && v ? (*f == 'x' ? "0x" : "0X") : "";
            put_unsigned(&o, &s, v, 16, *f == 'X', "", prefix);
            break;
        }
        case 'o': put_unsigned(&o, &s, take_unsigned(&s, &ap), 8, false, "", ""); break;
        case 'p':
            put_unsigned(&o, &s, (uint64_t)va_arg(ap, void *), 16, false, "", "0x");
            break;
        case 's': put_string(&o, &s, va_arg(ap, const char *)); break;
        case 'c': put(&o, (char)va_arg(ap, int)); break;
        case '%': put(&o, '%'); break;
        case 0:
            f--;    /* lone '%' at the end: stop */
            break;
        default:    /* unknown conversion: show it literally */
            put(&o, '%');
            put(&o, *f);
            break;
        }
    }
    va_end(ap);
    return o.count;
}

struct bufsink {
    char *buf;
    size_t size;
    size_t len;
};

static void buf_put(char c, void *arg)
{
    struct bufsink *b = arg;
    if (b->len + 1 < b->size)
        b->buf[b->len] = c;
    b->len++;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct bufsink b = { buf, size, 0 };
    int n = vformat(buf_put, &b, fmt, ap);
    if (size)
        buf[b.len < size ? b.len : size - 1] = 0;
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
