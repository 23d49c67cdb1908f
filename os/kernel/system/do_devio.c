/* SYS_DEVIO: one port read or write on behalf of a driver.
 *
 * Reads:  kc_devio.port, .size (1, 2 or 4), .dir (DIO_IN, DIO_OUT), .value
 * Writes: kc_devio.value (DIO_IN)
 * Reply:  0, -EINVAL (bad size or direction), -EPERM when the ports are not
 *         all inside one of the caller's I/O ranges (a line is logged). */
#include "kernel.h"
#include "x86.h"
#include <abi/errno.h>

static uint32_t port_in(uint16_t port, int size)
{
	uint32_t v;
	if (size == 1) {
		v = inb(port);
	} else if (size == 2) {
		uint16_t w;
		__asm__ volatile("inw %1, %0" : "=a"(w) : "Nd"(port));
		v = w;
	} else {
		__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	}
	return v;
}

static void port_out(uint16_t port, uint32_t v, int size)
{
	if (size == 1)
		outb(port, (uint8_t) v);
	else if (size == 2)
		outw(port, (uint16_t) v);
	else
		outl(port, v);
}

int do_devio(struct proc *caller, message *m)
{
	struct mess_kc_devio *x = &m->u.kc_devio;
	if ((x->size != 1 && x->size != 2 && x->size != 4) ||
	    (x->dir != DIO_IN && x->dir != DIO_OUT))
		return -EINVAL;
	if (!priv_may_io(caller, x->port, x->size, x->dir == DIO_OUT)) {
		kprintf("kernel: %s (endpoint %d) denied I/O port 0x%x\n",
		    caller->name, caller->endpoint, x->port);
		return -EPERM;
	}
	if (x->dir == DIO_IN)
		x->value = port_in(x->port, x->size);
	else
		port_out(x->port, x->value, x->size);
	return 0;
}
