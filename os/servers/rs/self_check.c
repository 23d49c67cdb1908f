/* After the kernel restarted RS in place: is the service table it kept
 * sound (checked before it is used), and does it agree with the kernel's
 * process table (services that ended while RS was down, leftovers of a
 * start RS was in the middle of)? */
#include <stdio.h>
#include <string.h>
#include "rs.h"

/* Say WHY in ERR (SIZE bytes) and return -1. */
static int bad(char *err, size_t size, const char *label, const char *why)
{
	snprintf(err, size, "%s%s%s", label ? label : "", label ? ": " : "",
	    why);
	return -1;
}

/* Whether EP is a process endpoint (not a pseudo one). */
static int ep_ok(endpoint_t ep)
{
	return ep == NONE || (ep > 0 && ep != ANY && ep != SELF);
}

/* self_check_table: the invariants of the kept table: every record in use
 * has a terminated, non-empty, unique label, a state, policy and prepare
 * state in range, process endpoints, no two services share one, and a
 * live update in progress names a record in use. Returns 0, or -1 with
 * the first broken one in ERR. */
int self_check_table(char *err, size_t size)
{
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		const struct service *s = &rs_services[i];
		if (s->in_use != 0 && s->in_use != 1)
			return bad(err, size, NULL, "a record's in_use is garbage");
		if (!s->in_use)
			continue;
		if (!memchr(s->label, '\0', sizeof(s->label)) || !s->label[0])
			return bad(err, size, NULL, "a label is not terminated");
		if (!memchr(s->binary, '\0', sizeof(s->binary)))
			return bad(err, size, s->label, "binary not terminated");
		if (s->state < 0 || s->state >= RS_NR_STATES)
			return bad(err, size, s->label, "state out of range");
		if (s->policy < 0 || s->policy > 8)
			return bad(err, size, s->label, "policy out of range");
		if (!ep_ok(s->ep) || !ep_ok(s->caller) || !ep_ok(s->old_ep))
			return bad(err, size, s->label, "endpoint out of range");
		if (s->restarts < 0 || s->fails < 0)
			return bad(err, size, s->label, "negative count");
		for (int k = i + 1; k < RS_MAX_SERVICES; k++) {
			const struct service *t = &rs_services[k];
			if (!t->in_use)
				continue;
			if (strncmp(t->label, s->label, sizeof(s->label)) == 0)
				return bad(err, size, s->label, "label twice");
			if (s->ep != NONE && t->ep == s->ep)
				return bad(err, size, s->label,
				    "endpoint shared with another service");
		}
	}
	for (int i = 0; i < RS_UPD_SLOTS; i++) {
		const struct rs_update *u = &rs_updates[i];
		if (u->phase < UPD_NONE || u->phase > UPD_COPY)
			return bad(err, size, NULL,
			    "live update phase out of range");
		if (u->phase != UPD_NONE && (u->svc < rs_services ||
		    u->svc >= rs_services + RS_MAX_SERVICES ||
		    !u->svc->in_use))
			return bad(err, size, NULL, "live update of no service");
	}
	if (rs_self.upd_phase < SELF_UPD_NONE ||
	    rs_self.upd_phase > SELF_UPD_BATCH)
		return bad(err, size, RS_SELF_LABEL, "update phase out of range");
	return 0;
}

/* self_count: the services in the table. */
int self_count(void)
{
	int n = 0;
	for (int i = 0; i < RS_MAX_SERVICES; i++)
		n += rs_services[i].in_use;
	return n;
}

/* Whether EP is a process RS knows: a service's instance, the spare of a
 * live update (of any update record: a batch has several), or the backup
 * of RS's own update. */
static int known(endpoint_t ep)
{
	if (svc_by_ep(ep) != NULL)
		return 1;
	for (int i = 0; i < RS_UPD_SLOTS; i++)
		if (rs_updates[i].phase != UPD_NONE &&
		    ep == rs_updates[i].spare)
			return 1;
	return rs_self.upd_phase != SELF_UPD_NONE && ep == rs_self.upd_backup;
}

/* self_resync: agree with the kernel. A service that ended or faulted
 * while RS was down still has its kernel signal pending, and ksig_collect
 * handles it as usual; one that is up in the table but dead in the kernel
 * with no signal left (the RS that failed had collected it) has failed,
 * and so has one whose instance no longer exists. A process RS manages
 * that it does not know (the stopped copy of a start RS was in the middle
 * of) is removed. */
void self_resync(void)
{
	static struct proc_info tab[PRIV_SLOTS];
	ksig_collect();
	int n = sys_getinfo(GET_PROCTAB, NONE, tab, sizeof(tab));
	n = n < 0 ? 0 : n / (int) sizeof(tab[0]);
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (!s->in_use || s->ep == NONE || s->state != RS_STATE_UP)
			continue;
		int k = 0;
		while (k < n && tab[k].endpoint != s->ep)
			k++;
		if (k == n) {
			printf("rs: %s (endpoint %d) is gone from the kernel's "
			    "process table\n", s->label, s->ep);
			s->ep = NONE;
			failure_handle(s, RS_REASON_RESTART,
			    "gone while rs restarted");
		} else if (tab[k].flags & (PSTATE_EXITED | PSTATE_SIGNALED)) {
			/* Its signal was collected by the RS that failed. */
			failure_handle(s, RS_REASON_RESTART,
			    "failed while rs restarted");
		}
	}
	for (int i = 0; i < n; i++) {
		endpoint_t ep = tab[i].endpoint;
		if (tab[i].sig_mgr != RS_EP || ep == RS_EP || known(ep))
			continue;
		printf("rs: removing a leftover process %s (endpoint %d)\n",
		    tab[i].name, ep);
		sys_clear(ep);
	}
}
