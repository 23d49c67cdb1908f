/* A new program's arguments: checking an exec frame (argv then envp
 * strings), building one from a boot module's command line, and laying it
 * out on the new user stack the System V i386 way. */
#include "kernel.h"
#include <abi/errno.h>

#define VEC_BATCH 64          /* stack words written per copy */

/* args_check: whether A is a well-formed exec frame: at most
 * EXEC_FRAME_MAX bytes (else -E2BIG), argc >= 1 and envc >= 0, and exactly
 * argc + envc NUL-terminated strings filling all A->len bytes (else
 * -EINVAL). Returns 0 when it is. */
int args_check(const struct exec_args *a)
{
	if (a->len > EXEC_FRAME_MAX)
		return -E2BIG;
	if (a->argc < 1 || a->envc < 0 || a->envc > EXEC_FRAME_MAX)
		return -EINVAL;
	if (a->len == 0 || a->frame[a->len - 1] != '\0')
		return -EINVAL;
	size_t strings = 0;
	for (size_t i = 0; i < a->len; i++)
		strings += a->frame[i] == '\0';
	if (strings != (size_t) a->argc + (size_t) a->envc)
		return -EINVAL;
	return 0;
}

/* args_from_cmdline: turn the space-separated words of CMDLINE into an
 * exec frame in BUF (SIZE bytes): each word becomes an argv string, there
 * is no environment. A->frame points into BUF. Returns 0, -EINVAL when
 * there is no word, -E2BIG when the words do not fit. */
int args_from_cmdline(const char *cmdline, char *buf, size_t size,
    struct exec_args *a)
{
	size_t n = 0;
	int argc = 0;
	for (size_t i = 0; cmdline[i];) {
		while (cmdline[i] == ' ')
			i++;
		if (!cmdline[i])
			break;
		while (cmdline[i] && cmdline[i] != ' ') {
			if (n + 2 > size)
				return -E2BIG;
			buf[n++] = cmdline[i++];
		}
		buf[n++] = '\0';
		argc++;
	}
	a->frame = buf;
	a->len = n;
	a->argc = argc;
	a->envc = 0;
	return argc > 0 ? 0 : -EINVAL;
}

/* args_name: the process name a frame gives: the last path component of
 * argv[0], truncated to fit NAME (SIZE bytes). A checked frame (args_check)
 * has an argv[0]. */
void args_name(const struct exec_args *a, char *name, size_t size)
{
	const char *start = a->frame;
	for (const char *s = a->frame; *s; s++)
		if (*s == '/' && s[1])
			start = s + 1;
	size_t len = strnlen(start, size - 1);
	if (len > 0 && start[len - 1] == '/')
		len--;                     /* "dir/" names "dir" */
	memcpy(name, start, len);
	name[len] = '\0';
}

/* args_setup: lay out the checked frame A at the top of the user stack of
 * PGDIR:
 *
 *     *ESP -> argc
 *             argv[0] .. argv[argc-1], NULL
 *             envp[0] .. envp[envc-1], NULL
 *             (padding)
 *             the strings, in frame order, up to USER_STACK_TOP
 *
 * *ESP is 16-byte aligned. Returns 0 or -EFAULT (the stack is not mapped,
 * which a fresh vm_new_user_space never is). */
int args_setup(uint32_t pgdir, const struct exec_args *a, vir_bytes *esp)
{
	vir_bytes str_base = (USER_STACK_TOP - a->len) & ~3u;
	size_t nwords = 1 + (size_t) a->argc + 1 + (size_t) a->envc + 1;
	vir_bytes sp = (str_base - nwords * sizeof(uint32_t)) & ~15u;

	if (vm_copy_to_user(pgdir, str_base, a->frame, a->len) != 0)
		return -EFAULT;
	/* The words in order: argc, argv pointers, NULL, envp pointers, NULL.
	 * NEXT_STR walks the strings. */
	uint32_t batch[VEC_BATCH];
	size_t filled = 0, next_str = 0;
	vir_bytes at = sp;
	for (size_t w = 0; w < nwords; w++) {
		uint32_t word;
		if (w == 0) {
			word = (uint32_t) a->argc;
		} else if (w == 1 + (size_t) a->argc || w == nwords - 1) {
			word = 0;                      /* the two NULLs */
		} else {
			word = str_base + next_str;
			next_str += strlen(a->frame + next_str) + 1;
		}
		batch[filled++] = word;
		if (filled == VEC_BATCH || w == nwords - 1) {
			if (vm_copy_to_user(pgdir, at, batch,
			    filled * sizeof(uint32_t)) != 0)
				return -EFAULT;
			at += filled * sizeof(uint32_t);
			filled = 0;
		}
	}
	*esp = sp;
	return 0;
}
