/* The kernel's map: every kernel-wide function, grouped by defining file. */
#ifndef KERNEL_H
#define KERNEL_H

#include <stdarg.h>
#include <stdint.h>
#include <abi/types.h>
#include <abi/message.h>
#include "proc.h"
#include <abi/info.h>
#include <abi/kcalls.h>
#include <abi/clock.h>
#include <abi/power.h>
#include <abi/console.h>
#include "fmt.h"
#include "mem.h"

#define KERNEL_NAME    "Phoenix"
#define KERNEL_VERSION "0.1"
#define HZ             100              /* clock ticks per second */
_Static_assert(HZ == CLOCK_HZ, "abi/clock.h CLOCK_HZ must equal HZ");

#define PAGE_SIZE      4096u
#define PAGE_MASK      (~(PAGE_SIZE - 1))
#define USER_BASE      0x40000000u      /* below: kernel, identity-mapped */
#define USER_TOP       0xC0000000u      /* user addresses end here */
#define USER_STACK_TOP (USER_TOP - PAGE_SIZE)   /* one guard page above */
/* The stack area: [USER_MAP_TOP, USER_STACK_TOP). Its lowest page is a
 * guard page that is never mapped; the rest (the stack limit, 254 pages)
 * is mapped on demand (vm_stack_grow): an exec maps USER_STACK_INIT_PAGES
 * at the top, a fault or a kernel copy in a missing page above the guard
 * maps a zeroed one. */
#define USER_STACK_PAGES 255
#define USER_STACK_INIT_PAGES 1
/* The user area for programs and SYS_VMMAP: USER_BASE up to the stack. */
#define USER_MAP_TOP   (USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE)
#define USER_STACK_LIMIT (USER_MAP_TOP + PAGE_SIZE)   /* above the guard */

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
void console_vga_handoff(const char *name);

/* klog.c (KLOG_SIZE: abi/info.h) */
void klog_putc(char c);
uint32_t klog_total(void);
void klog_copy(uint32_t from, char *dst, size_t len);

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

/* power.c (POWER_OK, POWER_PANIC: abi/power.h) */
NORETURN void power_off(uint32_t code);

/* cmdline.c */
void cmdline_init(const char *cmdline);
const char *cmdline_get(const char *key);
const char *cmdline_text(void);

/* gdt.c */
void gdt_init(void);
void tss_set_kernel_stack(uint32_t esp0);

/* idt.c */
void idt_init(void);

/* trap.c */
#define IPC_BLOCKED 1        /* no result for %eax now (positive: no error) */
struct proc *trap_dispatch(struct regs *tf);
struct proc *trap_ipc(void);
struct proc *trap_kcall(void);
void trap_dump(const struct regs *tf);

/* hangdump.c */
void hangdump_nmi(const struct regs *tf);
void hangdump_poll(void);
int kernel_call(struct proc *caller, vir_bytes addr);

/* exception.c */
struct proc *exception_handle(struct regs *tf);
const char *exception_name(uint32_t vector);

/* pic.c */
void pic_init(void);
void pic_eoi(int irq);
void pic_mask(int irq);
void pic_unmask(int irq);
int pic_in_service(int irq);

/* irq.c */
int irq_set_owner(int irq, struct proc *p);
int irq_is_owner(int irq, const struct proc *p);
void irq_remove(int irq, struct proc *p);
void irq_enable(int irq, struct proc *p);
void irq_disable(int irq, struct proc *p);
void irq_release(struct proc *p);
void irq_dispatch(int irq);

/* rtc.c */
/* rtc_init: read the CMOS real-time clock once (before clock_init) into
 * the boot time and say it on the console; a clock that cannot be read
 * leaves it 0. */
void rtc_init(void);
/* rtc_boot_time: the wall-clock time of clock_init, in seconds since
 * 1970-01-01 00:00 UTC; 0 when unknown. */
uint32_t rtc_boot_time(void);
/* rtc_seconds_since_1970: the date and time (Gregorian, UTC) as seconds
 * since 1970-01-01 00:00; 0 for fields out of range (years 1970..2105). */
uint32_t rtc_seconds_since_1970(unsigned year, unsigned month, unsigned day,
    unsigned hour, unsigned minute, unsigned second);

/* clock.c */
void clock_init(void);
void clock_tick(int from_user);
uint32_t clock_ticks(void);
uint32_t clock_set_alarm(struct proc *p, uint32_t at);

/* pmem.c */
struct multiboot_info;
void pmem_init(const struct multiboot_info *mbi);
void pmem_reserve(phys_bytes start, phys_bytes end);
phys_bytes pmem_alloc(void);
phys_bytes pmem_alloc_contig(uint32_t n);
void pmem_free(phys_bytes frame);
void pmem_share(phys_bytes frame);
int pmem_shared(phys_bytes frame);
void pmem_set_cached(phys_bytes frame, int on);
uint32_t pmem_free_count(void);

/* textcache.c: read-only program pages shared by content */
phys_bytes textcache_find(const void *page);
void textcache_add(phys_bytes frame);
void textcache_reclaim(void);
phys_bytes pmem_limit(void);

/* vm.c */
void vm_init(void);
uint32_t vm_new_space(void);
uint32_t vm_new_user_space(void);
uint32_t vm_copy_space(uint32_t src);
void vm_free_space(uint32_t pgdir);
int vm_map_new(uint32_t pgdir, vir_bytes va, int writable);
void *vm_map_blank(uint32_t pgdir, vir_bytes va, int writable, int *fresh);
void vm_swap_frame(uint32_t pgdir, vir_bytes va, phys_bytes frame);
int vm_own_range(uint32_t pgdir, vir_bytes addr, size_t len);
int vm_stack_grow(uint32_t pgdir, vir_bytes va);
int vm_user_ok(uint32_t pgdir, vir_bytes addr, size_t len, int write);
int vm_copy_to_user(uint32_t pgdir, vir_bytes dst, const void *src, size_t len);
int vm_copy_from_user(uint32_t pgdir, void *dst, vir_bytes src, size_t len);
int vm_fill(uint32_t pgdir, vir_bytes dst, const void *src, size_t len);
int vm_msg_in(uint32_t pgdir, vir_bytes uva, void *m, size_t len);
int vm_msg_out(uint32_t pgdir, vir_bytes uva, const void *m, size_t len);
int vm_copy_between(uint32_t dst_pgdir, vir_bytes dst_addr,
    uint32_t src_pgdir, vir_bytes src_addr, size_t len);
void vm_switch(uint32_t pgdir);
int vm_map_range(uint32_t pgdir, vir_bytes addr, size_t len, int writable,
    phys_bytes device);
uint32_t vm_unmap_range(uint32_t pgdir, vir_bytes addr, size_t len);
int vm_map_contig(uint32_t pgdir, vir_bytes addr, size_t len, int writable,
    phys_bytes *first);
int vm_map_uncached(uint32_t pgdir, vir_bytes addr, size_t len, int writable,
    phys_bytes device);
int vm_umap(uint32_t pgdir, vir_bytes addr, size_t len, phys_bytes *phys);
uint32_t vm_kernel_space(void);

/* args.c */
struct exec_args {            /* an exec frame (abi/message.h mess_kc_exec) */
	const char *frame;        /* argv then envp strings, NUL-terminated */
	size_t len;               /* bytes of frame */
	int argc;
	int envc;
};
int args_check(const struct exec_args *a);
int args_from_cmdline(const char *cmdline, char *buf, size_t size,
    struct exec_args *a);
void args_name(const struct exec_args *a, char *name, size_t size);
int args_setup(uint32_t pgdir, const struct exec_args *a, vir_bytes *esp);

/* elf.c */
struct elf_source {
	uint32_t pgdir;            /* 0: the image is in kernel memory */
	const uint8_t *kaddr;      /* kernel address (pgdir 0) */
	vir_bytes uaddr;           /* user address (pgdir != 0) */
	size_t size;
};
int elf_load(uint32_t pgdir, const struct elf_source *src, vir_bytes *entry,
    vir_bytes *brk);
int elf_start(struct proc *p, const struct elf_source *src,
    const struct exec_args *args);
int elf_restart(struct proc *p, const struct elf_source *src,
    const struct exec_args *args);

/* proc.c */
void proc_init(void);
struct proc *proc_alloc(const char *name);
uint32_t proc_new_as_id(void);
struct proc *proc_alloc_slot(int slot, const char *name);
void proc_discard(struct proc *p);
int proc_lookup(struct proc *caller, endpoint_t ep, struct proc **out);
struct proc *proc_from_endpoint(endpoint_t ep);
void proc_block(struct proc *p, uint32_t flags);
void proc_unblock(struct proc *p, uint32_t flags);
void proc_exit(struct proc *p, int status);
void proc_free(struct proc *p);
extern struct proc *proc_current;
extern struct proc proc_table[NR_PROCS];

/* priv.c */
void priv_grant_all(struct priv_spec *priv);
int priv_may_send(const struct proc *from, const struct proc *to);
int priv_may_answer(const struct proc *from, const struct proc *to);
int priv_may_call(const struct proc *p, uint32_t index);
int priv_may_io(const struct proc *p, uint32_t port, uint32_t size,
    int out);
int priv_may_irq(const struct proc *p, int irq);
int priv_may_mem(const struct proc *p, phys_bytes base, uint32_t len);
int priv_check(const struct priv_spec *spec);

/* ipc.c */
void notify_deliver(struct proc *dst, endpoint_t src);
void ipc_cleanup(struct proc *p);
void ipc_cancel(struct proc *p);
int ipc_fail_reply_waiters(struct proc *p);
void ipc_retry_receive(struct proc *p);

/* signal.c */
struct proc *signal_manager(const struct proc *p);
void signal_raise(struct proc *p, int sig);
int signal_of_exception(uint32_t vector);

/* sched.c */
void sched_ready(struct proc *p);
void sched_unready(struct proc *p);
void sched_handoff(struct proc *from, struct proc *to);
void sched_set_queue(struct proc *p, int q);
struct proc *sched_pick(void);
void sched_clock_tick(struct proc *p, int from_user);
struct proc *sched_next(void);
NORETURN void sched_run(void);

/* system.c */
int system_managed_target(struct proc *caller, endpoint_t ep,
    struct proc **out);
int system_managed_other(struct proc *caller, endpoint_t ep,
    struct proc **out);

/* boot.c */
void boot_load_modules(const struct multiboot_info *mbi);
int boot_module_bytes(int index, const uint8_t **start, uint32_t *size);
int boot_module_is_program(int index);
int boot_rs_module(const uint8_t **start, uint32_t *size, const char **cmdline);
extern struct boot_image_info boot_image[];
extern int boot_image_count;

/* textguard.c: a process whose text another changed stops at its next
 * kernel entry */
void textguard_mark(const struct proc *caller, struct proc *p);
int textguard_stop(struct proc *p);

/* rsrecover.c: the kernel restarts RS in place when RS itself fails */
int rs_recover(struct proc *p, const char *why);
void rs_watchdog_alive(const struct proc *p);
void rs_watchdog_tick(void);

/* vectors.S */
NORETURN void restart_proc(struct proc *p);

/* Kernel-call handlers (system/do_*.c), one per entry of KCALL_LIST: each
 * takes the caller and its message and returns the reply code. */
#define KCALL_PROTO(name, handler, out) int handler(struct proc *caller, message *m);
KCALL_LIST(KCALL_PROTO)
#undef KCALL_PROTO

#endif
