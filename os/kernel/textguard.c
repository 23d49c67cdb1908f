/* The kernel's text guard. A process's text is mapped read-only, so once
 * it runs, only the kernel can change it: SYS_CODEPATCH, RS's code
 * mutation for fault-injection campaigns (`service fi LABEL patch`). The
 * kernel remembers that it changed another process's text, and that
 * process is stopped at its first kernel entry since (a message, a reply,
 * a notification or a kernel call): it ends as if it had called
 * sef_panic("text guard: code changed") (status SEF_PANIC_STATUS), before
 * anything the mutated code computed can leave it. RS then restarts it
 * from its pristine image (in place for a core service, the request in
 * flight answered -EIO). SEF's checksum of the text (os/lib/sef/guard.c,
 * at every heartbeat) stays: it also sees a change the kernel did not
 * make. The driver libraries no longer checksum before each answer: this
 * guard stops a changed driver at the trap that would carry it.
 *
 * Without this a core server's mutation was caught only at its next
 * heartbeat (every 2 s), and in between it answered: a campaign saw a
 * mutated vfs pipe_read hand out the wrong bytes and a mutated ds answer
 * "no such key". Checking SEF's checksum before every reply would cost
 * tens of thousands of instructions per request; this costs one test per
 * kernel entry.
 *
 * RS patching itself (`service fi rs patch`) is left to RS's own check
 * after it answered (os/servers/rs/self.c): its answer to the request
 * must go out. A new program (exec, a keep-state exec, RS restarted in
 * place) has its text from the image again; a fork copy inherits the
 * mark with the text. */
#include "kernel.h"
#include <abi/rs.h>
#include <abi/sef.h>

/* textguard_mark: CALLER changed bytes of P's memory (SYS_CODEPATCH). */
void textguard_mark(const struct proc *caller, struct proc *p)
{
	if (caller != p)
		p->text_changed = 1;
}

/* textguard_stop: P entered the kernel with its text changed: report it
 * as SEF does and end P with SEF_PANIC_STATUS (RS itself: restarted in
 * place). Returns IPC_BLOCKED: P gets no answer. */
int textguard_stop(struct proc *p)
{
	kprintf(TEXTGUARD_STOP_FMT, p->name);
	p->text_changed = 0;
	if (rs_recover(p, RS_WHY_PANIC) == 0)
		return IPC_BLOCKED;
	proc_exit(p, SEF_PANIC_STATUS);
	return IPC_BLOCKED;
}
