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
#include "kern/pmm.h"

/* A struct mm takes one page of its own, given back when its last user lets go: a
   zombie holds no address space, so there are only as many as live processes (and
   the one an execve builds while it still holds the old). */
_Static_assert(sizeof(struct mm) <= PAGE_SIZE, "struct mm must fit in a page");

/* A new, empty address space with one user, or NULL. */
struct mm *mm_alloc(void)
{
    struct mm *mm = page_alloc();
    if (!mm)
        return 0;
    if (mm_create(mm) < 0) {
        page_free(mm);
        return 0;
    }
    mm->users = 1;
    return mm;
}

/* A copy of src (fork without CLONE_VM) with one user, or NULL. */
struct mm *mm_dup(const struct mm *src)
{
    struct mm *mm = page_alloc();
    if (!mm)
        return 0;
    if (mm_copy(mm, src) < 0) {     /* (it has freed what it had copied) */
        page_free(mm);
        return 0;
    }
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
    if (--mm->users == 0) {
        mm_destroy(mm);
        page_free(mm);
    }
}
