/* Building a new program's initial stack: argc, argv and the strings. */
#include "kernel.h"
#include <abi/errno.h>

#define MAX_ARGS 32
#define ARGS_MAX_LEN 1024

/* args_setup: put the words of ARGS (LEN bytes, space-separated, not
 * necessarily NUL-terminated) on the user stack of PGDIR as argc and a
 * NULL-terminated argv; *ESP gets the address of argc. Returns 0, -E2BIG
 * when there are too many or too long arguments, or -EFAULT. */
int args_setup(uint32_t pgdir, const char *args, size_t len, vir_bytes *esp)
{
	char strings[ARGS_MAX_LEN];
	uint32_t argv[MAX_ARGS + 2];      /* argc, argv[0..n-1], NULL */
	int argc = 0;
	size_t slen = 0;

	if (len >= ARGS_MAX_LEN)
		return -E2BIG;
	vir_bytes top = USER_STACK_TOP;
	/* First pass: copy the words, each NUL-terminated. */
	size_t offsets[MAX_ARGS];
	for (size_t i = 0; i < len;) {
		while (i < len && args[i] == ' ')
			i++;
		if (i == len)
			break;
		if (argc == MAX_ARGS)
			return -E2BIG;
		offsets[argc++] = slen;
		while (i < len && args[i] != ' ' && args[i] != '\0')
			strings[slen++] = args[i++];
		strings[slen++] = '\0';
		if (i < len && args[i] == '\0')
			break;
	}
	vir_bytes str_base = (top - slen) & ~3u;
	argv[0] = (uint32_t) argc;
	for (int i = 0; i < argc; i++)
		argv[1 + i] = str_base + offsets[i];
	argv[1 + argc] = 0;
	size_t vlen = (size_t) (argc + 2) * sizeof(uint32_t);
	vir_bytes sp = (str_base - vlen) & ~15u;
	if (vm_copy_to_user(pgdir, str_base, strings, slen) != 0 ||
	    vm_copy_to_user(pgdir, sp, argv, vlen) != 0)
		return -EFAULT;
	*esp = sp;
	return 0;
}
