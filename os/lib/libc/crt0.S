/* Program entry: call main() and exit with its return value. */
	.text
	.global _start
_start:
	xor %ebp, %ebp
	and $-16, %esp
	call main
	push %eax
	call exit
1:	jmp 1b
