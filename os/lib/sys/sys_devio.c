/* sys_devio: see syslib.h. */
#include "syslib.h"

int sys_in(unsigned port, uint32_t *value, int size)
{
	message m = { 0 };
	m.u.kc_devio.port = (uint16_t) port;
	m.u.kc_devio.size = (uint8_t) size;
	m.u.kc_devio.dir = DIO_IN;
	int r = _kernel_call(SYS_DEVIO, &m);
	if (r == 0)
		*value = m.u.kc_devio.value;
	return r;
}

int sys_out(unsigned port, uint32_t value, int size)
{
	message m = { 0 };
	m.u.kc_devio.port = (uint16_t) port;
	m.u.kc_devio.size = (uint8_t) size;
	m.u.kc_devio.dir = DIO_OUT;
	m.u.kc_devio.value = value;
	return _kernel_call(SYS_DEVIO, &m);
}

int sys_sdevio(int dir, unsigned port, void *buf, uint32_t count, int size)
{
	message m = { 0 };
	m.u.kc_sdevio.port = (uint16_t) port;
	m.u.kc_sdevio.size = (uint8_t) size;
	m.u.kc_sdevio.dir = (uint8_t) dir;
	m.u.kc_sdevio.buf = (vir_bytes) buf;
	m.u.kc_sdevio.count = count;
	return _kernel_call(SYS_SDEVIO, &m);
}
