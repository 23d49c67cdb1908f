/* Privilege checks: every IPC, kernel call, port access and IRQ request
 * goes through one of these. */
#include "kernel.h"
#include <abi/errno.h>
#include <abi/kcalls.h>

/* priv_grant_all: the privileges of a boot-image process: a system process
 * that may send to anyone, make every kernel call, use every port and every
 * IRQ line but the clock (0) and the cascade (2). No signal manager. */
void priv_grant_all(struct priv_spec *priv)
{
	memset(priv, 0, sizeof(*priv));
	priv->flags = PRIV_SYSTEM | PRIV_IPC_ALL;
	for (int i = 0; i < NR_KCALLS; i++)
		priv->kcalls[i / 32] |= 1u << (i % 32);
	priv->nr_io = 1;
	priv->io[0].base = 0;
	priv->io[0].last = 0xffff;
	priv->irqs = 0xffff & ~((1u << 0) | (1u << 2));
	priv->sig_mgr = NONE;
}

/* priv_may_send: whether FROM's IPC mask allows messages to TO. */
int priv_may_send(const struct proc *from, const struct proc *to)
{
	if (from->priv.flags & PRIV_IPC_ALL)
		return 1;
	return (from->priv.ipc_to[to->slot / 32] >> (to->slot % 32)) & 1;
}

/* priv_may_answer: whether TO waits in the receive half of a sendrec for
 * FROM's answer (its request went out: it is not still sending). The
 * reply rule: such a message may go whatever FROM's IPC mask says (a
 * block driver answers the file servers that ask it, a file server
 * answers VFS, without listing them). Notifications are not answers. */
int priv_may_answer(const struct proc *from, const struct proc *to)
{
	return to->reply_pending && to->getfrom == from->endpoint &&
	    (to->rts & RTS_RECEIVING) && !(to->rts & RTS_SENDING);
}

/* priv_may_call: whether P may make kernel call number INDEX (0-based). */
int priv_may_call(const struct proc *p, uint32_t index)
{
	return index < 32 * PRIV_KCALL_WORDS &&
	    ((p->priv.kcalls[index / 32] >> (index % 32)) & 1);
}

/* priv_may_io: whether ports PORT..PORT+SIZE-1 are all inside one of P's
 * I/O ranges, one that is not read-only when OUT (a write) is asked. */
int priv_may_io(const struct proc *p, uint32_t port, uint32_t size, int out)
{
	uint32_t last = port + size - 1;
	for (uint32_t i = 0; i < p->priv.nr_io && i < PRIV_IO_RANGES; i++)
		if (port >= p->priv.io[i].base && last <= p->priv.io[i].last &&
		    !(out && (p->priv.io[i].flags & IO_READ_ONLY)))
			return 1;
	return 0;
}

/* priv_may_irq: whether P may use IRQ line IRQ. */
int priv_may_irq(const struct proc *p, int irq)
{
	return irq >= 0 && irq < 16 && ((p->priv.irqs >> irq) & 1);
}

/* priv_may_mem: whether physical bytes BASE..BASE+LEN-1 (LEN > 0, not
 * wrapping) are all inside one of P's device memory ranges. */
int priv_may_mem(const struct proc *p, phys_bytes base, uint32_t len)
{
	phys_bytes last = base + len - 1;
	for (uint32_t i = 0; i < p->priv.nr_mem && i < PRIV_MEM_RANGES; i++)
		if (base >= p->priv.mem[i].base && last <= p->priv.mem[i].last)
			return 1;
	return 0;
}

/* priv_check: whether SPEC is well formed: at most PRIV_IO_RANGES I/O and
 * PRIV_MEM_RANGES memory ranges, each with base <= last, IRQ lines 0-15
 * (shared ones among them), a signal manager that is NONE or a live
 * process. Returns 0 or -EINVAL. */
int priv_check(const struct priv_spec *spec)
{
	if (spec->nr_io > PRIV_IO_RANGES || (spec->irqs >> 16) != 0 ||
	    (spec->flags & ~(uint32_t) (PRIV_SYSTEM | PRIV_IPC_ALL |
	    PRIV_KEEP_STATE | PRIV_MAGIC_GRANT)) ||
	    spec->nr_mem > PRIV_MEM_RANGES ||
	    (spec->irqs_shared & ~spec->irqs) != 0)
		return -EINVAL;
	for (uint32_t i = 0; i < spec->nr_mem; i++)
		if (spec->mem[i].base > spec->mem[i].last)
			return -EINVAL;
	for (uint32_t i = 0; i < spec->nr_io; i++)
		if (spec->io[i].base > spec->io[i].last ||
		    (spec->io[i].flags & ~(uint32_t) IO_READ_ONLY))
			return -EINVAL;
	if (spec->sig_mgr != NONE && !proc_from_endpoint(spec->sig_mgr))
		return -EINVAL;
	return 0;
}
