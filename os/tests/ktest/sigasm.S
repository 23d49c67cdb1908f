/* Assembly for the SIGSEND/SIGRETURN cases (sigsend.c): an IPC trap made
 * with known values in the registers the trap does not use, and the
 * signal trampoline a handler returns to. */
#include <abi/ipc.h>

	.text

/* int ktest_sig_ipc(int op, endpoint_t ep, message *m, uint32_t out[5]):
 * trap IPC OP with %esi, %edi, %edx, %ebp set to SIG_ESI, SIG_EDI,
 * SIG_EDX, SIG_EBP (sigsend.c), then store those four and eflags as they
 * are after the trap into OUT, clear the direction flag, and return the
 * trap's %eax. */
	.global ktest_sig_ipc
ktest_sig_ipc:
	push %ebp
	push %ebx
	push %esi
	push %edi
	mov 20(%esp), %eax          /* op */
	mov 24(%esp), %ebx          /* ep */
	mov 28(%esp), %ecx          /* m */
	mov $0x51515151, %esi
	mov $0xd1d1d1d1, %edi
	mov $0xdededede, %edx
	mov $0xb0b0b0b0, %ebp
	int $0x80
	push %eax
	mov 36(%esp), %eax          /* out (one more word pushed) */
	mov %esi, 0(%eax)
	mov %edi, 4(%eax)
	mov %edx, 8(%eax)
	mov %ebp, 12(%eax)
	pushf
	popl 16(%eax)
	cld
	pop %eax
	pop %edi
	pop %esi
	pop %ebx
	pop %ebp
	ret

/* ktest_sig_bad_stack_receive(endpoint_t ep, message *m): receive from EP
 * with %esp pointing at unmapped memory (0x60000000); never returns (the
 * case removes the process). */
	.global ktest_sig_bad_stack_receive
ktest_sig_bad_stack_receive:
	mov 4(%esp), %ebx
	mov 8(%esp), %ecx
	mov $0x60000000, %esp
1:	mov $IPC_RECEIVE, %eax
	int $0x80
	jmp 1b

/* ktest_sigtramp: where a handler returns to; (%esp) = sig, 4(%esp) =
 * ctx, as SYS_SIGSEND built them. Calls ktest_sig_trampoline_c(ctx) on an
 * aligned stack; it never returns. */
	.global ktest_sigtramp
ktest_sigtramp:
	mov 4(%esp), %eax
	and $-16, %esp
	sub $12, %esp
	push %eax
	call ktest_sig_trampoline_c
	ud2

	.section .note.GNU-stack, "", @progbits
