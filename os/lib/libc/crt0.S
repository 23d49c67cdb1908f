/* Program entry. The kernel leaves argc at (%esp) and the argv array (NULL
 * terminated) right above it. Call main(argc, argv), then exit with its
 * return value. */
	.text
	.global _start
_start:
	xor %ebp, %ebp
	mov (%esp), %eax          /* argc */
	lea 4(%esp), %edx         /* argv */
	and $-16, %esp
	sub $8, %esp
	push %edx
	push %eax
	call main
	push %eax
	call exit
1:	jmp 1b
