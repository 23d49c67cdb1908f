/* The host test's world around inet's protocol code: the chardriver
 * library's copies (a grant is the address of the test's buffer),
 * completions and select events recorded, and a wire that keeps every
 * frame inet hands the driver (or refuses it: a full ring). */
#include <string.h>
#include "inet.h"
#include "fake.h"

struct wire wire;
struct completions done;
uint32_t sel_minor, sel_ops;

int chardriver_copyin(uint32_t grant, size_t offset, void *buf, size_t len)
{
	if (grant == 0)
		return -EFAULT;
	memcpy(buf, (const uint8_t *) (uintptr_t) grant + offset, len);
	return 0;
}

int chardriver_copyout(uint32_t grant, size_t offset, const void *buf,
    size_t len)
{
	if (grant == 0)
		return -EFAULT;
	memcpy((uint8_t *) (uintptr_t) grant + offset, buf, len);
	return 0;
}

/* fake_suspended: the library took request ID as suspended (its
 * operation answered CDEV_SUSPEND). */
void fake_suspended(uint32_t id)
{
	for (int k = 0; k < MAX_SUSP; k++)
		if (done.susp[k] == 0) {
			done.susp[k] = id;
			return;
		}
}

/* chardriver_complete: as the library: only a suspended request, once;
 * another is lost (counted: a test fails on it). */
int chardriver_complete(uint32_t id, int status)
{
	int k = 0;
	while (k < MAX_SUSP && (id == 0 || done.susp[k] != id))
		k++;
	if (k == MAX_SUSP) {
		done.lost++;
		return -ENOENT;
	}
	done.susp[k] = 0;
	if (done.n < MAX_DONE) {
		done.id[done.n] = id;
		done.status[done.n] = status;
	}
	done.n++;
	return 0;
}

void chardriver_select_ready(int minor, uint32_t ops)
{
	sel_minor = (uint32_t) minor;
	sel_ops |= ops;
}

int drv_xmit(const void *frame, size_t len)
{
	if (wire.refuse)
		return -EAGAIN;
	if (wire.dead)
		return -EDEADSRCDST;
	if (wire.n < WIRE_MAX) {
		memcpy(wire.f[wire.n], frame, len);
		wire.len[wire.n] = len;
	}
	wire.n++;
	return 0;
}
