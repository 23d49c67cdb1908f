/* A service's privileges, from its manifest: what the kernel lets it do. */
#include <string.h>
#include "rs.h"

/* Allow sending to SLOT. */
static void allow_slot(struct priv_spec *spec, int slot)
{
	if (slot >= 0 && slot < PRIV_SLOTS)
		spec->ipc_to[slot / 32] |= 1u << (slot % 32);
}

/* privs_build: the privileges of S's instance: a system process managed
 * by RS (whose exit keeps its state, PRIV_KEEP_STATE, when it restarts in
 * place); IPC to the labels of its manifest that name running services,
 * plus rs, ds and mm (or to all); the kernel calls of its manifest plus
 * RS_BASIC_KCALLS (or all); its I/O ranges and IRQ lines. */
void privs_build(const struct service *s, struct priv_spec *spec)
{
	const struct rs_manifest *mf = &s->manifest;
	memset(spec, 0, sizeof(*spec));
	spec->flags = PRIV_SYSTEM;
	if (s->policy == RS_RESTART_INPLACE)
		spec->flags |= PRIV_KEEP_STATE;   /* an exit keeps its state */
	if (mf->flags & MF_IPC_ALL)
		spec->flags |= PRIV_IPC_ALL;
	allow_slot(spec, RS_SLOT);
	allow_slot(spec, DS_SLOT);
	allow_slot(spec, MM_SLOT);
	for (uint32_t i = 0; i < mf->nr_ipc && i < RS_IPC_MAX; i++) {
		const struct service *t = svc_by_label(mf->ipc[i]);
		if (t && t->ep != NONE)
			allow_slot(spec, ep_slot(t->ep));
	}
	for (int w = 0; w < PRIV_KCALL_WORDS; w++)
		spec->kcalls[w] = (mf->flags & MF_KCALL_ALL) ? ~0u : mf->kcalls[w];
#define BASIC(name) \
	spec->kcalls[(SYS_##name - KCALL_BASE) / 32] |= \
	    1u << ((SYS_##name - KCALL_BASE) % 32);
	RS_BASIC_KCALLS(BASIC)
#undef BASIC
	spec->nr_io = mf->nr_io > PRIV_IO_RANGES ? PRIV_IO_RANGES : mf->nr_io;
	memcpy(spec->io, mf->io, sizeof(spec->io));
	spec->irqs = mf->irqs;
	spec->sig_mgr = RS_EP;
}

/* privs_install: give EP (an instance of S) S's privileges. A boot
 * service without a manifest keeps its boot privileges, with RS as its
 * manager. Returns 0 or the error of SYS_PRIVCTL. */
int privs_install(struct service *s, endpoint_t ep)
{
	struct priv_spec spec;
	if (!s->have_manifest) {
		int r = sys_privctl(ep, PRIVCTL_GET, &spec);
		if (r != 0)
			return r;
		spec.sig_mgr = RS_EP;
	} else {
		privs_build(s, &spec);
	}
	return sys_privctl(ep, PRIVCTL_SET, &spec);
}

/* lists: whether manifest MF names LABEL among the services it may ask. */
static int lists(const struct rs_manifest *mf, const char *label)
{
	for (uint32_t i = 0; i < mf->nr_ipc && i < RS_IPC_MAX; i++)
		if (strcmp(mf->ipc[i], label) == 0)
			return 1;
	return 0;
}

/* privs_peers: S's new instance EP (a new slot) is running: every other
 * running service whose manifest lists S's label may send to it from now
 * on (its privileges were built when EP's slot was not S's: inet started
 * before the network driver it asks, or asking a driver that restarted
 * in a new slot). The rest of each peer's privileges is kept as it is
 * (GET, one bit, SET: what a device reservation added stays). */
void privs_peers(const struct service *s, endpoint_t ep)
{
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *t = &rs_services[i];
		if (!t->in_use || t == s || t->ep == NONE ||
		    !t->have_manifest || !lists(&t->manifest, s->label))
			continue;
		struct priv_spec spec;
		if (sys_privctl(t->ep, PRIVCTL_GET, &spec) != 0)
			continue;
		allow_slot(&spec, ep_slot(ep));
		(void) sys_privctl(t->ep, PRIVCTL_SET, &spec);
	}
}
