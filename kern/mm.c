/*
 * Address spaces as shared, counted objects (Linux's mm_struct and its mm_users).
 *
 * A process normally has an address space of its own. A vfork child, or any child
 * made with clone(CLONE_VM), borrows its parent's instead: both point at the same
 * struct mm, and the pages go only when the last user lets go (exit, or an execve
 * that installs a new one). So a vfork child that execs or exits never frees what its
 * parent is still using.
 */
#include "kern/vm.h"
#include "kern/proc.h"
#include "kern/panic.h"

/* Every process holds at most one address space; an execve briefly holds two (the old
   one and the one it builds), and exec never sleeps, so one spare is enough. */
static struct mm mm_table[NPROC + 1];

static struct mm *free_slot(void)
{
    for (struct mm *mm = mm_table; mm < mm_table + ARRAY_SIZE(mm_table); mm++)
        if (mm->users == 0)
            return mm;
    return 0;
}

/* A new, empty address space with one user, or NULL. */
struct mm *mm_alloc(void)
{
    struct mm *mm = free_slot();
    if (!mm || mm_create(mm) < 0)
        return 0;
    mm->users = 1;
    return mm;
}

/* A copy of src (fork without CLONE_VM) with one user, or NULL. */
struct mm *mm_dup(const struct mm *src)
{
    struct mm *mm = free_slot();
    if (!mm || mm_copy(mm, src) < 0)
        return 0;
    mm->users = 1;
    return mm;
}

/* One more process uses mm (CLONE_VM). */
struct mm *mmget(struct mm *mm)
{
    mm->users++;
    return mm;
}

/* A process stops using mm; the last one frees its pages. The caller must already
   run on another address space (mm_destroy refuses the active one). */
void mmput(struct mm *mm)
{
    if (mm->users <= 0)
        panic("mmput: address space %p has no users", mm);
    if (--mm->users == 0)
        mm_destroy(mm);
}
