/* The kernel's map: every kernel-wide function, grouped by defining file. */
#ifndef KERNEL_H
#define KERNEL_H

#include <stdarg.h>
#include <stdint.h>
#include <abi/types.h>
#include <abi/message.h>
#include "proc.h"
#include "fmt.h"
#include "mem.h"

#define KERNEL_NAME    "Phoenix"
#define KERNEL_VERSION "0.1"
#define HZ             100              /* clock ticks per second */

#define PAGE_SIZE      4096u
#define PAGE_MASK      (~(PAGE_SIZE - 1))
#define USER_BASE      0x40000000u      /* below: kernel, identity-mapped */
#define USER_TOP       0xC0000000u      /* user addresses end here */
#define USER_STACK_TOP (USER_TOP - PAGE_SIZE)   /* one guard page above */
#define USER_STACK_PAGES 16

/* Segment selectors (gdt.c). */
#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UCODE (0x18 | 3)
#define SEL_UDATA (0x20 | 3)
#define SEL_TSS   0x28

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NORETURN __attribute__((noreturn))

/* console.c */
void console_init(void);
void console_write(const char *s, size_t len);
void console_putc(char c);

/* kprintf.c */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

/* panic.c */
NORETURN void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
NORETURN void panic_at(uint32_t ebp, uint32_t eip, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void backtrace_from(uint32_t ebp, uint32_t eip);

/* ksyms.c */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

/* power.c */
#define POWER_OK    0x10     /* isa-debug-exit: QEMU exits with 33 */
#define POWER_PANIC 0x11     /* isa-debug-exit: QEMU exits with 35 */
NORETURN void power_off(uint32_t code);

/* cmdline.c */
void cmdline_init(const char *cmdline);
const char *cmdline_get(const char *key);
const char *cmdline_text(void);

/* gdt.c */
void gdt_init(void);

/* idt.c */
void idt_init(void);

/* trap.c */
struct proc *trap_dispatch(struct regs *tf);
void trap_dump(const struct regs *tf);

/* exception.c */
struct proc *exception_handle(struct regs *tf);
const char *exception_name(uint32_t vector);

/* pic.c */
void pic_init(void);
void pic_eoi(int irq);
void pic_unmask(int irq);

/* clock.c */
void clock_init(void);
void clock_tick(int from_user);
uint32_t clock_ticks(void);

/* pmem.c */
struct multiboot_info;
void pmem_init(const struct multiboot_info *mbi);
void pmem_reserve(phys_bytes start, phys_bytes end);
phys_bytes pmem_alloc(void);
void pmem_free(phys_bytes frame);
uint32_t pmem_free_count(void);
phys_bytes pmem_limit(void);

/* vm.c */
void vm_init(void);
uint32_t vm_new_space(void);
void vm_free_space(uint32_t pgdir);
int vm_map_new(uint32_t pgdir, vir_bytes va, int writable);
int vm_copy_to_user(uint32_t pgdir, vir_bytes dst, const void *src, size_t len);
int vm_copy_from_user(uint32_t pgdir, void *dst, vir_bytes src, size_t len);
int vm_fill(uint32_t pgdir, vir_bytes dst, const void *src, size_t len);
void vm_switch(uint32_t pgdir);
uint32_t vm_kernel_space(void);

/* args.c */
int args_setup(struct proc *p, const char *args, size_t len);

/* elf.c */
int elf_load(struct proc *p, const uint8_t *image, size_t size);

/* proc.c */
void proc_init(void);
struct proc *proc_alloc(const char *name);
struct proc *proc_from_endpoint(endpoint_t ep);
void proc_exit(struct proc *p, int status);
extern struct proc *proc_current;
extern struct proc proc_table[NR_PROCS];

/* sched.c */
void sched_ready(struct proc *p);
void sched_unready(struct proc *p);
struct proc *sched_pick(void);
void sched_clock_tick(struct proc *p, int from_user);
struct proc *sched_next(void);
NORETURN void sched_run(void);

/* system.c */
int system_call(struct proc *caller, message *m);

/* boot.c */
void boot_load_modules(const struct multiboot_info *mbi);

/* switch.S */
NORETURN void restart_proc(struct proc *p);

/* Kernel-call handlers (system/do_*.c): each takes the caller and its
 * message and returns the reply code. */
int do_diagctl(struct proc *caller, message *m);
int do_exit(struct proc *caller, message *m);
int do_shutdown(struct proc *caller, message *m);
int do_null(struct proc *caller, message *m);
int do_statectl(struct proc *caller, message *m);
int do_update(struct proc *caller, message *m);
int do_endksig(struct proc *caller, message *m);
int do_getksig(struct proc *caller, message *m);
int do_kill(struct proc *caller, message *m);
int do_safecopyto(struct proc *caller, message *m);
int do_safecopyfrom(struct proc *caller, message *m);
int do_setgrant(struct proc *caller, message *m);
int do_getinfo(struct proc *caller, message *m);
int do_times(struct proc *caller, message *m);
int do_setalarm(struct proc *caller, message *m);
int do_irqctl(struct proc *caller, message *m);
int do_devio(struct proc *caller, message *m);
int do_privctl(struct proc *caller, message *m);
int do_clear(struct proc *caller, message *m);
int do_exec(struct proc *caller, message *m);
int do_fork(struct proc *caller, message *m);

#endif
