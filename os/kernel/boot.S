/* Multiboot header and kernel entry: set up a stack and call kmain. */
#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003   /* page-align modules, provide memory info */

	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .bss
	.align 16
	.global kstack_bottom, kstack_top
kstack_bottom:
	.skip 16384
kstack_top:

	.text
	.global _start
_start:
	cli
	mov $kstack_top, %esp
	xor %ebp, %ebp          /* ends the backtrace chain */
	push %ebx               /* multiboot information (physical) */
	push %eax               /* bootloader magic */
	call kmain
1:	cli
	hlt
	jmp 1b
