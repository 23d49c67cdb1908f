/* The heap's end: brk, sbrk (MM_BRK). New heap memory is always zero: MM
 * maps fresh zeroed pages, and clears the rest of the page that keeps a
 * lowered break. */
#include <stdint.h>
#include <unistd.h>
#include "../internal.h"

static vir_bytes cur_brk;     /* the break as MM last reported it; 0: unknown */

/* mm_brk: ask MM to move the break to ADDR (0 only asks). Returns 0 and
 * updates cur_brk, or the negative error (ENOMEM). */
static long mm_brk(vir_bytes addr)
{
	message m = { 0 };
	m.u.mm_brk.addr = addr;
	long r = __libc_call(MM_EP, MM_BRK, &m);
	if (r < 0)
		return r;
	cur_brk = m.u.mm_brk.brk;
	return 0;
}

/* move_to: move the break to WANT. Returns 0 or -ENOMEM. */
static long move_to(vir_bytes want)
{
	if (mm_brk(want) < 0 || cur_brk != want)
		return -ENOMEM;
	return 0;
}

/* brk: set the end of the heap to ADDR. Returns 0, or -1 with errno
 * ENOMEM. */
int brk(void *addr)
{
	if (!cur_brk && mm_brk(0) < 0)
		return (int) __libc_ret(-ENOMEM);
	return (int) __libc_ret(move_to((vir_bytes) addr));
}

/* sbrk: move the end of the heap by INCREMENT bytes (0 only asks).
 * Returns the old end (the start of the new memory), or (void *) -1 with
 * errno ENOMEM. */
void *sbrk(intptr_t increment)
{
	if (!cur_brk && mm_brk(0) < 0) {
		errno = ENOMEM;
		return (void *) -1;
	}
	vir_bytes old = cur_brk;
	vir_bytes want = old + (vir_bytes) increment;
	if ((increment > 0 && want < old) || (increment < 0 && want > old) ||
	    (increment != 0 && move_to(want) < 0)) {
		errno = ENOMEM;
		return (void *) -1;
	}
	return (void *) old;
}
