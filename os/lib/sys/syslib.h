/* IPC primitives and kernel-call wrappers for ring-3 code: one function per
 * primitive or kernel call. Every function returns 0 or a negative error
 * number (abi/errno.h) unless it says otherwise. The calls drivers use
 * (port I/O, IRQ control, alarms, times, safe copies, grants, sys_self) are
 * declared once, in kcall.h (os/include/driver, which the SDK exports as
 * sdk/include), included here. */
#ifndef SYSLIB_H
#define SYSLIB_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/errno.h>
#include <abi/grant.h>
#include <abi/info.h>
#include <abi/ipc.h>
#include <abi/kcalls.h>
#include <abi/message.h>
#include <abi/priv.h>
#include <abi/signal.h>
#include "kcall.h"
#include "dma.h"

/* ---- IPC (ipc.c); errors as listed in abi/ipc.h ---- */
int ipc_send(endpoint_t dst, message *m);
int ipc_receive(endpoint_t src, message *m);      /* src may be ANY */
int ipc_sendrec(endpoint_t dst, message *m);      /* reply lands in *m */
int ipc_notify(endpoint_t dst);
int ipc_sendnb(endpoint_t dst, message *m);
/* ipc_replyrecv: a server's answer and next receive in one trap: REPLY to
 * DST as ipc_sendnb (DST NONE: no answer; its result in *REPLY_STATUS when
 * not NULL), then ipc_receive(SRC, M). Returns the receive's result. M may
 * be REPLY. */
int ipc_replyrecv(endpoint_t dst, message *reply, endpoint_t src, message *m,
    int *reply_status);

/* A server's answer held for its next trap (reply_later.c). */
struct ipc_deferred {
	endpoint_t to;             /* NONE: nothing held */
	const char *who;           /* prefix of the "reply lost" line; NULL:
	                            * the server ignores lost answers */
	message *answer;           /* the answer: &msg (ipc_reply_later) or the
	                            * server's own buffer (ipc_reply_in_place) */
	message msg;
};
extern struct ipc_deferred ipc_deferred;
/* ipc_reply_later: answer DST with M (copied) as ipc_sendnb would, with
 * the caller's next trap: sef_receive takes it along (IPC_REPLYRECV, one
 * trap for the answer and the next receive); any other IPC or kernel call
 * sends it first. A failure other than -EDEADSRCDST is printed as
 * "WHO: reply to DST lost (E)" (WHO NULL: silently dropped, as a server
 * that ignores ipc_sendnb's result). */
void ipc_reply_later(endpoint_t dst, const message *m, const char *who);
/* ipc_reply_in_place: ipc_reply_later without the copy: the answer stays
 * in M, which the caller leaves alone until its next trap, and which
 * outlives the process's stack (a static buffer: a new instance in this
 * memory reads its m_source, see ipc_reply_held). M's m_source is
 * overwritten (the "not handled yet" mark). The usual M is the buffer
 * the next sef_receive fills: the kernel then looks it up once for both
 * halves of the trap. */
void ipc_reply_in_place(endpoint_t dst, message *m, const char *who);
/* ipc_reply_receive: the held answer (if any) and ipc_receive(SRC, M) in
 * one trap (IPC_REPLYRECV): a server loop's receive. Returns the
 * receive's result; a failed answer is reported as ipc_reply_later says. */
int ipc_reply_receive(endpoint_t src, message *m);
/* ipc_reply_held: for a new instance in its predecessor's memory, before
 * its first IPC: forget the answer the predecessor held, and return its
 * destination when it never left (the predecessor was stopped at the trap
 * that would have sent it: its request was still in flight), else NONE. */
endpoint_t ipc_reply_held(void);
/* ipc_reply_flush: send the held answer now (ipc_sendnb). Returns its
 * result, 0 when none was held. */
int ipc_reply_flush(void);
/* ipc_reply_status: report the result STATUS of the held answer to DST
 * (see ipc_reply_later). */
void ipc_reply_status(endpoint_t dst, const char *who, int status);
/* _ipc_trap: the raw trap (op, endpoint, message address). */
int _ipc_trap(int op, endpoint_t ep, void *m);
/* _ipc_replyrecv_trap: the raw IPC_REPLYRECV trap (abi/ipc.h; a held
 * answer is not looked at): REPLY to DST, then a receive from SRC into M.
 * Returns the receive's result; the answer's goes to *STATUS. */
static inline int _ipc_replyrecv_trap(endpoint_t dst, message *reply,
    endpoint_t src, message *m, int *status)
{
	int r, s = (int) (uintptr_t) reply;
	__asm__ volatile("int %2"
	    : "=a"(r), "+d"(s)
	    : "i"(IPC_VECTOR), "a"(IPC_REPLYRECV), "b"(dst), "c"(m), "S"(src)
	    : "memory");
	*status = s;
	return r;
}

/* ---- kernel calls ---- */
/* _kernel_call: send M as kernel call CALL to SYSTEM and wait for the reply
 * (written back into M). Returns the reply code: 0 or a negative error;
 * -ECALLDENIED when the caller's privileges do not include CALL. */
int _kernel_call(int call, message *m);

int sys_diagctl(const char *buf, size_t len);
void sys_exit(int status) __attribute__((noreturn));
int sys_shutdown(int how);
/* sys_fork: copy the caller into a new process. Returns 0 and sets *CHILD
 * to the child's endpoint in the parent and to 0 in the child. The child
 * gets the caller's privileges, with the caller as its signal manager. */
int sys_fork(endpoint_t *child);
/* sys_fork_proc: copy PARENT (SELF, or a process the caller manages that
 * waits for the caller's reply: the child then waits for it too) into a
 * new process; FLAGS FORK_STOPPED keeps the child stopped, FORK_EMPTY
 * (RS only, with FORK_STOPPED, of SELF) copies no memory: the child's
 * address space is empty until SYS_EXEC. */
int sys_fork_proc(endpoint_t parent, uint32_t flags, endpoint_t *child);
/* sys_exec: replace TARGET's program with the ELF IMAGE; ARGS is
 * "name arg ..." (its words become argv, no environment). On SELF it does
 * not return. */
int sys_exec(endpoint_t target, const void *image, size_t len,
    const char *args);
/* sys_execve: as sys_exec with FRAME (FRAME_LEN bytes): ARGC argv strings
 * then ENVC envp strings, each NUL-terminated. */
int sys_execve(endpoint_t target, const void *image, size_t len,
    const char *frame, size_t frame_len, int argc, int envc);
/* sys_exec_keep: as sys_exec with EXEC_KEEP_STATE: start IMAGE again in
 * TARGET's own memory (writable segments, heap and mappings kept, the
 * read-only segments reloaded, a fresh stack with ARGS). TARGET may be a
 * dead (not yet cleared) process the caller manages: a restart in place.
 * Returns 0, -EINVAL (the image's PT_LOAD layout differs from TARGET's;
 * nothing changed) or another error of SYS_EXEC. */
int sys_exec_keep(endpoint_t target, const void *image, size_t len,
    const char *args);
/* cpf_reregister: register the grant table again when this program had
 * registered it (SEF, in a new instance that kept the memory of the old
 * one: EXEC_KEEP_STATE dropped the kernel's registration, the table and its
 * grants are still here). Returns 0 or the error of sys_setgrant. */
int cpf_reregister(void);
/* sys_clear: free the slot of a process that exited or is to be removed
 * (caller must be its signal manager). */
int sys_clear(endpoint_t ep);
int sys_privctl(endpoint_t ep, int request, struct priv_spec *spec);
/* sys_setcred: (PM) set the credentials the kernel keeps for EP, SELF or
 * a process the caller manages; servers read them with sys_getcred. */
int sys_setcred(endpoint_t ep, const struct proc_cred *cred);
/* sys_getcred: the credentials of EP (PM's mirror in the kernel) into
 * *CRED; 0 or a negative error (-EDEADSRCDST: no such process). */
int sys_getcred(endpoint_t ep, struct proc_cred *cred);
/* sys_getinfo: REQUEST (GET_*) into BUF of LEN bytes; returns the number
 * of bytes written, or a negative error (-E2BIG when BUF is too small). */
int sys_getinfo(int request, endpoint_t ep, void *buf, size_t len);
int sys_kill(endpoint_t ep, int sig);
/* sys_getksig: for a signal manager: the next process it manages with
 * pending signals (*EP = NONE when there is none). */
int sys_getksig(endpoint_t *ep, sigset_k *sigs, int *exit_status);
int sys_endksig(endpoint_t ep);
int sys_update(endpoint_t src, endpoint_t dst);
int sys_statectl(int request, endpoint_t ep);
int sys_null(void);
/* sys_vircopy: copy BYTES from SRC's address SRC_ADDR to DST's DST_ADDR
 * (either may be SELF); -EFAULT when a range is not valid memory (the
 * source readable, the destination writable; nothing is copied then),
 * -EINVAL / -EDEADSRCDST for a bad endpoint. */
int sys_vircopy(endpoint_t src, vir_bytes src_addr, endpoint_t dst,
    vir_bytes dst_addr, size_t bytes);
/* sys_codepatch: write LEN (1..CODEPATCH_MAX) bytes NEW_BYTES at ADDR in
 * EP (SELF or any process), read-only text included, if the bytes there
 * are OLD_BYTES. Returns 0, -EINVAL (bad length or endpoint),
 * -EDEADSRCDST, -EFAULT (not all on present user pages) or -EIO (the bytes
 * differ); nothing is written on an error. RS only (code mutation). */
int sys_codepatch(endpoint_t ep, vir_bytes addr, const void *old_bytes,
    const void *new_bytes, size_t len);
/* sys_vircopy_str: copy the NUL-terminated string at EP's address ADDR
 * into BUF (SIZE bytes, NUL included) a page at a time, so a string that
 * ends just before unmapped memory is fine. Returns its length, -EFAULT,
 * or -ENAMETOOLONG when there is no NUL in SIZE bytes. */
int sys_vircopy_str(endpoint_t ep, vir_bytes addr, char *buf, size_t size);
/* sys_vmmap: give EP (SELF or any process) fresh zeroed pages at
 * [ADDR, ADDR+LEN), page-aligned, LEN > 0, inside the user area (0x40000000
 * up to the bottom of the stack area, 0xBFF00000), else -EINVAL; -EEXIST
 * when one is mapped already, -ENOMEM when memory runs out (then nothing
 * is mapped). *FREE_KIB (if not NULL) gets the memory left. */
int sys_vmmap(endpoint_t ep, vir_bytes addr, size_t len, int writable,
    uint32_t *free_kib);
/* sys_vmmap_phys: map device memory [PHYS, PHYS+LEN) (page-aligned, inside
 * the legacy video and ROM area 0xA0000-0xFFFFF, else -EINVAL) writable
 * into the caller at ADDR. Mapping 0xB8000 takes the VGA text screen over
 * from the kernel console. */
int sys_vmmap_phys(vir_bytes addr, phys_bytes phys, size_t len);
/* sys_vmmap_contig: give EP (SELF or any process) fresh zeroed pages at
 * [ADDR, ADDR+LEN) that are physically contiguous (VMMAP_CONTIG, for
 * DMA); *PHYS gets the first one's physical address. Returns 0, -EINVAL,
 * -EEXIST, -ENOMEM (no free run that long), -EDEADSRCDST. */
int sys_vmmap_contig(endpoint_t ep, vir_bytes addr, size_t len,
    phys_bytes *phys);
/* sys_vmmap_dev: map device memory [PHYS, PHYS+LEN) (page-aligned) at
 * ADDR in EP (SELF or any process), writable; inside one of EP's memory
 * ranges (abi/priv.h) it is uncached. Returns 0, -EINVAL, -EPERM,
 * -EEXIST, -ENOMEM, -EDEADSRCDST (SYS_VMMAP with VMMAP_PHYS). */
int sys_vmmap_dev(endpoint_t ep, vir_bytes addr, phys_bytes phys,
    size_t len);
/* sys_privadd: add one device resource to EP's privileges (SYS_PRIVADD):
 * REQUEST PRIVADD_MEM (physical bytes BASE..LAST), PRIVADD_IO (ports
 * BASE..LAST) or PRIVADD_IRQ (line BASE, shareable). For the PCI server.
 * Returns 0, -EINVAL, -ENOSPC, -EDEADSRCDST, -ECALLDENIED. */
int sys_privadd(endpoint_t ep, int request, uint32_t base, uint32_t last);
/* sys_vmunmap: unmap EP's pages in [ADDR, ADDR+LEN) (page-aligned, inside
 * the user area, else -EINVAL) and free them; holes are skipped. */
int sys_vmunmap(endpoint_t ep, vir_bytes addr, size_t len);
/* sys_sigsend: make EP (managed by the caller) run HANDLER(SIG) on its own
 * stack, returning to TRAMPOLINE; MASK is saved in the frame. An IPC the
 * process had not completed is re-issued after the handler; -EBUSY when it
 * waits for a server's reply. */
int sys_sigsend(endpoint_t ep, int sig, vir_bytes handler,
    vir_bytes trampoline, sigset_k mask);
/* sys_sigreturn: EP (waiting for the caller's reply) resumes the context
 * saved at CTX by sys_sigsend; *MASK gets the mask saved there. */
int sys_sigreturn(endpoint_t ep, vir_bytes ctx, sigset_k *mask);
/* sys_getmodule: bytes of boot module INDEX (abi/info.h GET_BOOTIMAGE
 * order) from OFFSET into BUF; returns the count (0 at the end). */
int sys_getmodule(int index, uint32_t offset, void *buf, size_t len);
/* sys_getmodule_map: map data boot module INDEX read-only into the caller
 * at [ADDR, ADDR+LEN) (page-aligned, LEN at most the module's size
 * rounded up to pages): its bytes in place, never copied (GET_MODULE_MAP).
 * Returns 0, -EINVAL (a program module, a bad index or range), -EEXIST (a
 * page is mapped already: nothing changes), -ENOMEM (no page table). */
int sys_getmodule_map(int index, vir_bytes addr, size_t len);
/* sys_getklog: the newest bytes of the kernel log that fit BUF; returns
 * the count; *TOTAL (if not NULL) gets the bytes ever logged. */
int sys_getklog(void *buf, size_t len, uint32_t *total);

#endif
