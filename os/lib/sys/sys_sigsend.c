/* sys_sigsend, sys_sigreturn: see syslib.h. */
#include "syslib.h"

int sys_sigsend(endpoint_t ep, int sig, vir_bytes handler,
    vir_bytes trampoline, sigset_k mask)
{
	message m = { 0 };
	m.u.kc_sigsend.endpoint = ep;
	m.u.kc_sigsend.sig = sig;
	m.u.kc_sigsend.handler = handler;
	m.u.kc_sigsend.trampoline = trampoline;
	m.u.kc_sigsend.mask = mask;
	return _kernel_call(SYS_SIGSEND, &m);
}

int sys_sigreturn(endpoint_t ep, vir_bytes ctx, sigset_k *mask)
{
	message m = { 0 };
	m.u.kc_sigreturn.endpoint = ep;
	m.u.kc_sigreturn.ctx = ctx;
	int r = _kernel_call(SYS_SIGRETURN, &m);
	if (r == 0 && mask)
		*mask = m.u.kc_sigreturn.mask;
	return r;
}
