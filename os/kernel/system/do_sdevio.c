/* SYS_SDEVIO: a string of port reads or writes between one port and the
 * caller's memory (rep insw/insl, rep outsw/outsl): a driver moves a disk
 * block in one kernel call instead of one call per word.
 *
 * Reads:  kc_sdevio.port, .size (2 or 4), .dir (DIO_IN, DIO_OUT), .buf
 *         (the caller's address), .count (1 .. SDEVIO_MAX_BYTES / size)
 * Writes: nothing (DIO_IN: the bytes land in the caller's buffer)
 * Reply:  0, -EINVAL (bad size, direction or count), -EPERM when the port
 *         is not inside one of the caller's I/O ranges (a line is logged),
 *         -EFAULT when the buffer is not the caller's user memory (DIO_OUT:
 *         checked before any port access; DIO_IN: the port was read, the
 *         data is lost). */
#include "kernel.h"
#include <abi/errno.h>

/* One call's bytes: the kernel runs one call at a time. */
static uint8_t bounce[SDEVIO_MAX_BYTES] __attribute__((aligned(4)));

static void ports_in(uint16_t port, int size, uint32_t count)
{
	void *p = bounce;
	if (size == 2)
		__asm__ volatile("cld; rep insw" : "+D"(p), "+c"(count)
		    : "d"(port) : "memory");
	else
		__asm__ volatile("cld; rep insl" : "+D"(p), "+c"(count)
		    : "d"(port) : "memory");
}

static void ports_out(uint16_t port, int size, uint32_t count)
{
	const void *p = bounce;
	if (size == 2)
		__asm__ volatile("cld; rep outsw" : "+S"(p), "+c"(count)
		    : "d"(port) : "memory");
	else
		__asm__ volatile("cld; rep outsl" : "+S"(p), "+c"(count)
		    : "d"(port) : "memory");
}

int do_sdevio(struct proc *caller, message *m)
{
	struct mess_kc_sdevio *x = &m->u.kc_sdevio;
	if ((x->size != 2 && x->size != 4) ||
	    (x->dir != DIO_IN && x->dir != DIO_OUT) || x->count == 0 ||
	    x->count > SDEVIO_MAX_BYTES / x->size)
		return -EINVAL;
	if (!priv_may_io(caller, x->port, x->size, x->dir == DIO_OUT)) {
		kprintf("kernel: %s (endpoint %d) denied I/O port 0x%x\n",
		    caller->name, caller->endpoint, x->port);
		return -EPERM;
	}
	size_t len = (size_t) x->count * x->size;
	if (x->dir == DIO_OUT) {
		if (vm_copy_from_user(caller->pgdir, bounce, x->buf, len) != 0)
			return -EFAULT;
		ports_out(x->port, x->size, x->count);
		return 0;
	}
	ports_in(x->port, x->size, x->count);
	return vm_copy_to_user(caller->pgdir, x->buf, bounce, len) != 0 ?
	    -EFAULT : 0;
}
