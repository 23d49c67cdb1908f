/* Program entry. The kernel starts a program the System V i386 way: at
 * %esp argc, then argv[0..argc-1], NULL, then envp[...], NULL. Set
 * environ, call main(argc, argv, envp), then exit with its return value. */
	.text
	.global _start
_start:
	xor %ebp, %ebp
	mov (%esp), %eax          /* argc */
	lea 4(%esp), %edx         /* argv */
	lea 8(%esp,%eax,4), %ecx  /* envp = argv + argc + 1 */
	mov %ecx, environ
	and $-16, %esp
	sub $4, %esp
	push %ecx
	push %edx
	push %eax
	call main
	mov %eax, (%esp)
	call exit
1:	jmp 1b
