/* SYS_DIAGCTL: print text on the kernel console.
 *
 * Reads:  kc_diag.buf (caller address), kc_diag.len (bytes, at most 4096)
 * Writes: nothing
 * Reply:  0, -EINVAL for a length over the limit, -EFAULT for a bad buffer
 *         (nothing of it is printed then). */
#include "kernel.h"
#include <abi/errno.h>

#define DIAG_MAX 4096
#define DIAG_CHUNK 256

int do_diagctl(struct proc *caller, message *m)
{
	vir_bytes buf = m->u.kc_diag.buf;
	uint32_t len = m->u.kc_diag.len;
	char chunk[DIAG_CHUNK];

	if (len > DIAG_MAX)
		return -EINVAL;
	/* Check the whole buffer first, so a bad one prints nothing. */
	for (uint32_t done = 0; done < len; done += DIAG_CHUNK) {
		uint32_t n = len - done < DIAG_CHUNK ? len - done : DIAG_CHUNK;
		if (vm_copy_from_user(caller->pgdir, chunk, buf + done, n) != 0)
			return -EFAULT;
	}
	for (uint32_t done = 0; done < len; done += DIAG_CHUNK) {
		uint32_t n = len - done < DIAG_CHUNK ? len - done : DIAG_CHUNK;
		vm_copy_from_user(caller->pgdir, chunk, buf + done, n);
		console_write(chunk, n);
	}
	return 0;
}
