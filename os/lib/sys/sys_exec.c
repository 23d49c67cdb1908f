/* sys_exec, sys_execve: see syslib.h. */
#include "syslib.h"

int sys_execve(endpoint_t target, const void *image, size_t len,
    const char *frame, size_t frame_len, int argc, int envc)
{
	message m = { 0 };
	m.u.kc_exec.target = target;
	m.u.kc_exec.image = (vir_bytes) image;
	m.u.kc_exec.image_len = len;
	m.u.kc_exec.frame = (vir_bytes) frame;
	m.u.kc_exec.frame_len = frame_len;
	m.u.kc_exec.argc = argc;
	m.u.kc_exec.envc = envc;
	return _kernel_call(SYS_EXEC, &m);
}

int sys_exec(endpoint_t target, const void *image, size_t len,
    const char *args)
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
	return sys_execve(target, image, len, frame, n, argc, 0);
}
