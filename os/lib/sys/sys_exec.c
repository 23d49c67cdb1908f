/* sys_exec, sys_execve, sys_exec_keep: see syslib.h. */
#include "syslib.h"

/* exec_call: SYS_EXEC of IMAGE into TARGET with the frame FRAME and FLAGS. */
static int exec_call(endpoint_t target, const void *image, size_t len,
    const char *frame, size_t frame_len, int argc, int envc, uint32_t flags)
{
	message m = { 0 };
	m.u.kc_exec.target = target;
	m.u.kc_exec.image = (vir_bytes) image;
	m.u.kc_exec.image_len = len;
	m.u.kc_exec.frame = (vir_bytes) frame;
	m.u.kc_exec.frame_len = frame_len;
	m.u.kc_exec.argc = argc;
	m.u.kc_exec.envc = envc;
	m.u.kc_exec.flags = flags;
	return _kernel_call(SYS_EXEC, &m);
}

int sys_execve(endpoint_t target, const void *image, size_t len,
    const char *frame, size_t frame_len, int argc, int envc)
{
	return exec_call(target, image, len, frame, frame_len, argc, envc, 0);
}

/* exec_words: SYS_EXEC of IMAGE into TARGET with the space-separated words
 * of ARGS as argv and FLAGS. */
static int exec_words(endpoint_t target, const void *image, size_t len,
    const char *args, uint32_t flags)
{
	char frame[EXEC_FRAME_MAX];
	size_t n = 0;
	int argc = 0;
	for (size_t i = 0; args && args[i];) {
		while (args[i] == ' ')
			i++;
		if (!args[i])
			break;
		while (args[i] && args[i] != ' ') {
			if (n + 2 > sizeof(frame))
				return -E2BIG;
			frame[n++] = args[i++];
		}
		frame[n++] = '\0';
		argc++;
	}
	return exec_call(target, image, len, frame, n, argc, 0, flags);
}

int sys_exec(endpoint_t target, const void *image, size_t len,
    const char *args)
{
	return exec_words(target, image, len, args, 0);
}

int sys_exec_keep(endpoint_t target, const void *image, size_t len,
    const char *args)
{
	return exec_words(target, image, len, args, EXEC_KEEP_STATE);
}
