/*
 * Circular doubly linked lists threaded through the objects on them, as Linux's
 * struct list_head (ULK 3.2.2.3, "Doubly linked lists"). An empty list is a head that
 * points at itself; a node not on any list is kept the same way, so list_del can be
 * called on it and list_is_linked tells.
 */
#ifndef KERN_LIST_H
#define KERN_LIST_H

#include "kern/types.h"

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

/* The object a node is embedded in: list_entry(node, struct proc, run_list). */
#define list_entry(node, type, member) \
    ((type *)((char *)(node) - __builtin_offsetof(type, member)))

static inline void list_init(struct list_head *h) { h->next = h->prev = h; }
static inline bool list_empty(const struct list_head *h) { return h->next == h; }
/* (For a node: is it on a list? Only if it was list_init'ed when taken off.) */
static inline bool list_is_linked(const struct list_head *n) { return n->next != n; }

static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
    n->prev = h->prev;
    n->next = h;
    h->prev->next = n;
    h->prev = n;
}

/* Take n off its list; it is left pointing at itself (unlinked). */
static inline void list_del(struct list_head *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    list_init(n);
}

#endif
