/* sys_vircopy_str: see syslib.h. */
#include "syslib.h"

#define PAGE 4096u

int sys_vircopy_str(endpoint_t ep, vir_bytes addr, char *buf, size_t size)
{
	size_t done = 0;
	while (done < size) {
		vir_bytes at = addr + done;
		size_t n = PAGE - (at & (PAGE - 1));
		if (n > size - done)
			n = size - done;
		int r = sys_vircopy(ep, at, SELF, (vir_bytes) (buf + done), n);
		if (r != 0)
			return r;
		for (size_t i = 0; i < n; i++)
			if (buf[done + i] == '\0')
				return (int) (done + i);
		done += n;
	}
	return -ENAMETOOLONG;
}
