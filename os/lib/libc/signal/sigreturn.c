/* The signal trampoline: every handler returns to __sigreturn, which asks
 * PM (PM_SIGRETURN) to restore the context saved when the signal came. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "../internal.h"

void __sigreturn_ctx(vir_bytes ctx) __attribute__((noreturn, used));

/* __sigreturn: reached by the handler's `ret`, with (at %esp) the signal
 * number and then the address of the saved struct sigcontext (the rest of
 * struct sigframe, abi/signal.h). Passes that address on to
 * __sigreturn_ctx on a 16-byte aligned stack. */
__asm__(
	"	.text\n"
	"	.global __sigreturn\n"
	"	.type __sigreturn, @function\n"
	"__sigreturn:\n"
	"	mov 4(%esp), %eax\n"          /* ctx */
	"	and $-16, %esp\n"
	"	sub $12, %esp\n"
	"	push %eax\n"
	"	call __sigreturn_ctx\n"
	"1:	jmp 1b\n"
	"	.size __sigreturn, . - __sigreturn\n");

/* __sigreturn_ctx: send PM_SIGRETURN for the context at CTX. PM does not
 * reply on success (the process continues where the signal stopped it);
 * if the call comes back, the context was refused: say so on stderr and
 * end the process (status 128 + SIGSEGV). */
void __sigreturn_ctx(vir_bytes ctx)
{
	message m = { 0 };
	m.u.pm_sigreturn.ctx = ctx;
	long r = __libc_call(PM_EP, PM_SIGRETURN, &m);
	dprintf(2, "sigreturn: context at 0x%x refused (%s)\n", ctx,
	    strerror((int) -r));
	_exit(128 + SIGSEGV);
}
