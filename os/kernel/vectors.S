/* Trap entry stubs: every exception, IRQ and system-call vector pushes an
 * error code (0 where the CPU gives none) and its vector number, then joins
 * trap_common, which saves the rest as a struct regs (proc.h). */


#define SEL_KDATA 0x10
#define REGS_CS   60              /* offsetof(struct regs, cs), checked in gdt.c */

.macro VEC_NOERR n
	.global vec\n
vec\n:
	pushl $0
	pushl $\n
	jmp trap_common
.endm

.macro VEC_ERR n
	.global vec\n
vec\n:
	pushl $\n
	jmp trap_common
.endm

/* System-call vectors: DPL-3 interrupt gates (idt.c), so interrupts are
 * already off here, and only ring 3 traps through them (the kernel never
 * does): the CPU pushed its frame into the caller's struct regs. The short
 * path: save the registers there, load the kernel's data segments (the
 * kernel never uses %fs or %gs: they keep the caller's values until the
 * restart pops the next process's), call HANDLER on the kernel stack and
 * enter the process it returns. */
.macro VEC_SYSCALL n, handler
	.global vec\n
vec\n:
	pushl $0
	pushl $\n
	cld
	pushal
	push %ds
	push %es
	push %fs
	push %gs
	mov $SEL_KDATA, %eax
	mov %eax, %ds
	mov %eax, %es
	xor %ebp, %ebp
	mov $kstack_top, %esp
	call \handler             /* struct proc *(void): the process to enter */
	jmp restart_from_eax
.endm

	.text
VEC_NOERR 0
VEC_NOERR 1
VEC_NOERR 2
VEC_NOERR 3
VEC_NOERR 4
VEC_NOERR 5
VEC_NOERR 6
VEC_NOERR 7
VEC_ERR   8
VEC_NOERR 9
VEC_ERR   10
VEC_ERR   11
VEC_ERR   12
VEC_ERR   13
VEC_ERR   14
VEC_NOERR 15
VEC_NOERR 16
VEC_ERR   17
VEC_NOERR 18
VEC_NOERR 19
VEC_NOERR 20
VEC_ERR   21
VEC_NOERR 22
VEC_NOERR 23
VEC_NOERR 24
VEC_NOERR 25
VEC_NOERR 26
VEC_NOERR 27
VEC_NOERR 28
VEC_NOERR 29
VEC_ERR   30
VEC_NOERR 31
/* IRQ 0-15 after the PIC remap */
VEC_NOERR 32
VEC_NOERR 33
VEC_NOERR 34
VEC_NOERR 35
VEC_NOERR 36
VEC_NOERR 37
VEC_NOERR 38
VEC_NOERR 39
VEC_NOERR 40
VEC_NOERR 41
VEC_NOERR 42
VEC_NOERR 43
VEC_NOERR 44
VEC_NOERR 45
VEC_NOERR 46
VEC_NOERR 47
VEC_SYSCALL 128, trap_ipc      /* IPC_VECTOR; idt.c checks the numbers */
VEC_SYSCALL 129, trap_kcall    /* KCALL_VECTOR */

trap_common:
	cld                       /* C code assumes DF=0; ring 3 may set it */
	pushal
	push %ds
	push %es
	push %fs
	push %gs
	mov $SEL_KDATA, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %fs
	mov %ax, %gs
	xor %ebp, %ebp            /* backtraces stop at the trap */
	mov %esp, %eax            /* struct regs *tf */
	testl $3, REGS_CS(%esp)
	jz 1f
	/* From ring 3 the CPU pushed the frame into the process's own struct
	 * regs (the TSS's esp0 points just past it): move to the kernel stack. */
	mov $kstack_top, %esp
1:	push %eax
	call trap_dispatch        /* returns the process to run, or NULL */
	add $4, %esp
	test %eax, %eax
	jz resume                 /* NULL: back to the interrupted kernel code */
	jmp restart_from_eax

/* restart_proc(struct proc *p): enter ring 3 with p's saved registers.
 * struct proc starts with its struct regs, so %esp can point right at it. */
	.global restart_proc
restart_proc:
	mov 4(%esp), %eax
restart_from_eax:
	mov %eax, %esp
resume:
	pop %gs
	pop %fs
	pop %es
	pop %ds
	popal
	add $8, %esp              /* vector and error code */
	iret
