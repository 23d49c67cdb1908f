/* Non-local jumps: setjmp, longjmp (assembly; the layout of jmp_buf is
 * ebx, esi, edi, ebp, esp, eip). */
#include <setjmp.h>

/* setjmp: save the caller's callee-saved registers, its stack pointer
 * (as it will be after setjmp returns) and the return address in ENV.
 * Returns 0; a longjmp to ENV returns again, with its value. */
__asm__(
	"	.text\n"
	"	.global setjmp\n"
	"	.type setjmp, @function\n"
	"setjmp:\n"
	"	mov 4(%esp), %eax\n"
	"	mov %ebx, 0(%eax)\n"
	"	mov %esi, 4(%eax)\n"
	"	mov %edi, 8(%eax)\n"
	"	mov %ebp, 12(%eax)\n"
	"	lea 4(%esp), %ecx\n"
	"	mov %ecx, 16(%eax)\n"
	"	mov (%esp), %ecx\n"
	"	mov %ecx, 20(%eax)\n"
	"	xor %eax, %eax\n"
	"	ret\n"
	"	.size setjmp, . - setjmp\n");

/* longjmp: return from the setjmp that filled ENV once more, with VAL (1
 * when VAL is 0). The function that called setjmp must still be running. */
__asm__(
	"	.text\n"
	"	.global longjmp\n"
	"	.type longjmp, @function\n"
	"longjmp:\n"
	"	mov 4(%esp), %edx\n"
	"	mov 8(%esp), %eax\n"
	"	test %eax, %eax\n"
	"	jnz 1f\n"
	"	inc %eax\n"
	"1:	mov 0(%edx), %ebx\n"
	"	mov 4(%edx), %esi\n"
	"	mov 8(%edx), %edi\n"
	"	mov 12(%edx), %ebp\n"
	"	mov 16(%edx), %esp\n"
	"	jmp *20(%edx)\n"
	"	.size longjmp, . - longjmp\n");
