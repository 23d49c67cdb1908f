/* The process manager's map: the process table, the zombie table, and
 * every function, grouped by the file that defines it. */
#ifndef PM_PM_H
#define PM_PM_H

#include "syslib.h"
#include <abi/boot.h>
#include <abi/fcntl.h>

#define PM_NR_PROCS   PRIV_SLOTS   /* live processes: one record per slot */
#define PM_NR_ZOMBIES PRIV_SLOTS   /* live user processes + zombies <= this */
#define PM_PID_MAX    30000        /* pids wrap around after this */
#define INIT_PID      1

/* What a handler returns when no reply is to be sent now. Negative: a
 * reply code >= 0 is a result (a pid, a byte count) and may well be 202
 * (EDONTREPLY itself). */
#define NO_REPLY      (-EDONTREPLY)

/* mproc.flags */
#define MP_INUSE      0x001
#define MP_SYSTEM     0x002   /* a server or driver: PM is not its signal manager */
#define MP_WAITING    0x004   /* blocked in PM_WAITPID */
#define MP_SLEEPING   0x008   /* blocked in PM_SLEEP */
#define MP_SIGSUSPEND 0x010   /* blocked in PM_SIGSUSPEND */
#define MP_SIGRETRY   0x020   /* a caught signal waits for the next tick */
#define MP_KSTOPPED   0x040   /* the kernel stopped it (SYS_GETKSIG): ENDKSIG due */

/* Blocked in PM without a reply yet, and interruptible by a signal. */
#define MP_PARKED (MP_WAITING | MP_SLEEPING | MP_SIGSUSPEND)

/* Process entries kept for root, in PM's table and in the kernel's: a
 * user who forks without end leaves root the room to look and to kill
 * (as MINIX does). */
#define PM_ROOT_RESERVE 2

/* What PM learns of a program file from VFS (VFS_PM_EXEC): its mode (the
 * set-id bits matter; 0 from a VFS that does not say) and owner. */
struct pm_exec_file {
	uint32_t mode, uid, gid;
};

/* A process's credentials: real, effective and saved set-user-id user
 * and group ids; all 0 (root) for every system process. */
struct pm_cred {
	uint32_t ruid, euid, suid;
	uint32_t rgid, egid, sgid;
};

/* A live process as PM knows it; indexed by slot. */
struct mproc {
	unsigned flags;              /* MP_*; 0 = free */
	endpoint_t ep;
	int pid, ppid, pgid, sid;

	struct pm_cred cred;          /* who it runs as (cred.c) */

	/* Signals (user processes only). */
	struct k_sigaction act[NSIG];
	sigset_k mask;               /* blocked */
	sigset_k pending;            /* generated, not yet delivered */
	sigset_k suspend_mask;       /* the mask before PM_SIGSUSPEND */
	vir_bytes trampoline;        /* libc's __sigreturn */

	/* Waits in PM. */
	int wait_pid;                /* MP_WAITING: the PM_WAITPID pid */
	vir_bytes wait_status;       /* MP_WAITING: where the status goes (0: none) */
	uint32_t sleep_at;           /* MP_SLEEPING: tick to wake at */
	uint32_t alarm_at;           /* tick of the pending SIGALRM, 0 none */
};

/* A process that ended and whose parent has not waited for it yet. */
struct zombie {
	int pid, ppid, pgid;         /* pid 0: free entry */
	int status;                  /* wait status (W_EXITCODE) */
	endpoint_t ep;               /* what it was (for ps) */
	char name[16];
	uint32_t user_ticks, sys_ticks;
};

extern struct mproc mproc[PM_NR_PROCS];
extern struct zombie zombies[PM_NR_ZOMBIES];

/* ---- main.c ---- */
/* pm_current: the process whose request PM is handling (it waits for the
 * reply), NONE between requests. */
extern endpoint_t pm_current;
/* pm_reply: send reply code R with the payload of M to DST (without
 * blocking: a process that is not waiting for it loses it). */
void pm_reply(endpoint_t dst, int r, message *m);

/* ---- table.c ---- */
/* pm_dispatch: run the handler of request M; returns its reply code,
 * NO_REPLY when no reply is to be sent now, -ENOSYS when unknown. */
int pm_dispatch(message *m);

/* ---- proc.c ---- */
/* mproc_of: the live record of endpoint EP; a process PM has not heard of
 * (started after PM by someone else) gets a system-process record. NULL
 * when EP is not a live process. */
struct mproc *mproc_of(endpoint_t ep);
/* mproc_find: the live record of EP, or NULL (never creates one). Inline:
 * every request looks its sender up. A record never holds a pseudo
 * endpoint (negative, ANY, NONE, SELF), so the endpoint comparison turns
 * those away. */
static inline struct mproc *mproc_find(endpoint_t ep)
{
	uint32_t slot = (uint32_t) ep_slot(ep);
	if (slot >= PM_NR_PROCS)
		return NULL;
	struct mproc *mp = &mproc[slot];
	return mp->flags && mp->ep == ep ? mp : NULL;
}
/* mproc_by_pid: the live process PID, or NULL. */
struct mproc *mproc_by_pid(int pid);
/* mproc_new: a fresh record for slot of EP with PID (all else zero). */
struct mproc *mproc_new(endpoint_t ep, int pid, unsigned flags);
/* mproc_is_user: whether MP is a live user process (PM is its signal
 * manager); false for NULL. */
static inline int mproc_is_user(const struct mproc *mp)
{
	return mp && mp->flags && !(mp->flags & MP_SYSTEM);
}
/* mproc_sync_system: the system-process records follow the kernel's
 * process table TAB (N entries): a live process PM has no record of gets
 * one (MP_SYSTEM, a fresh pid), a system record whose process is gone is
 * dropped; one whose process exited but is not cleared (a failed service
 * RS will restart in its slot) keeps its pid. */
void mproc_sync_system(const struct proc_info *tab, int n);
/* pm_next_pid: the pid pid_alloc tries first (for the state check). */
int pm_next_pid(void);
/* pid_alloc: a free pid (no live process, zombie or group uses it), or -1. */
int pid_alloc(void);
/* pm_user_room: whether one more user process fits for ASKER (NULL: PM
 * itself): live user processes plus zombies stay below PM_NR_ZOMBIES, so
 * every exit finds a zombie entry; when ASKER is not root, that count and
 * the kernel's free slots keep PM_ROOT_RESERVE for root. */
int pm_user_room(const struct mproc *asker);
/* zombie_new: a free zombie entry (there always is one, see pm_user_room). */
struct zombie *zombie_new(void);
/* group_exists: whether a live process is in process group PGID. */
int group_exists(int pgid);

/* ---- servers.c ---- */
/* vfs_present: whether a VFS runs (known from the boot image at start). */
extern int vfs_present;
/* pm_vfs: send VFS request TYPE with PROC, PARENT and PID; returns VFS's
 * reply code, or 0 without a VFS. */
int pm_vfs(int type, endpoint_t proc, endpoint_t parent, int pid);
/* pm_vfs_exec: have VFS read the file PATH (resolved as PROC would) into
 * BUF (LEN bytes); its mode and owner into *FILE unless FILE is NULL.
 * Returns the size or a negative error (-ENOENT without a VFS). */
int pm_vfs_exec(endpoint_t proc, const char *path, void *buf, size_t len,
    struct pm_exec_file *file);
/* pm_mm: send MM request TYPE about PROC (and PARENT for fork); returns
 * MM's reply code. */
int pm_mm(int type, endpoint_t proc, endpoint_t parent);

/* ---- start.c ---- */
/* pm_start: records for the processes alive now, then init. */
void pm_start(void);
/* pm_user_privileges: what init (and so every user process) may do: talk
 * to PM, VFS, MM and RS, nothing else; PM is its signal manager. */
void pm_user_privileges(struct priv_spec *spec);
/* pm_new_user: a new user process for PID: a stopped copy of PM (it never
 * runs PM's code; an exec replaces it) with pm_user_privileges, running as
 * root, and PM's record of it (no parent yet). Returns the record, or NULL with the error
 * in *ERR (nothing left behind). */
struct mproc *pm_new_user(int pid, int *err);
/* pm_drop_user: undo pm_new_user (the slot and the record). */
void pm_drop_user(struct mproc *mp);
/* The environment init (and a recovery script) starts with: PM_USER_ENVC
 * NUL-separated strings (the last NUL is the literal's own). */
#define PM_USER_ENV "PATH=/bin:/sbin:/usr/bin\0" "HOME=/\0" "TERM=vt100"
#define PM_USER_ENVC 3

/* ---- script.c ---- */
/* script_run_pending: RS notified PM: fetch every recovery script RS has
 * queued (RS_PM_SCRIPT) and start each as a child of init. */
void script_run_pending(void);

/* ---- fork.c ---- */
int do_fork(message *m);

/* ---- exec.c ---- */
int do_exec(message *m);
/* exec_buf: PM's buffer for programs being loaded (also used by start.c). */
extern char exec_buf[];
#define EXEC_BUF_SIZE (1u << 20)

/* ---- exit.c ---- */
int do_exit(message *m);
/* pm_exit_proc: MP ended with wait status STATUS: VFS and MM forget it,
 * the kernel frees its slot, it becomes a zombie for its parent (woken if
 * it waits, else sent SIGCHLD), its children go to init. */
void pm_exit_proc(struct mproc *mp, int status);

/* ---- wait.c ---- */
int do_waitpid(message *m);
/* wait_check_parent: PARENT_PID's waiting process (if any) takes zombie Z
 * if it matches its PM_WAITPID. Returns 1 when Z was reaped. */
int wait_check_parent(struct zombie *z);

/* ---- group.c ---- */
int do_getpid(message *m);
int do_setpgid(message *m);
int do_setsid(message *m);

/* ---- signal.c ---- */
int do_kill(message *m);
int do_sigaction(message *m);
int do_sigprocmask(message *m);
int do_sigsuspend(message *m);
int do_sigpending(message *m);
int do_sigreturn(message *m);
/* sig_kill_group: send SIG to every user process of group PGID on behalf
 * of SENDER (NULL: PM itself). Returns 0, -ESRCH or -EPERM. */
int sig_kill_group(struct mproc *sender, int pgid, int sig);

/* ---- deliver.c ---- */
/* sig_raise: signal SIG is generated for user process MP. Applies the
 * action: ignored signals vanish, SIGKILL and uncaught signals end MP (if
 * not blocked), caught ones are delivered (or wait while blocked). */
void sig_raise(struct mproc *mp, int sig);
/* sig_deliver: deliver MP's pending unblocked signals now, as far as MP's
 * state allows; the rest waits for a tick or an unblock. Sends
 * SYS_ENDKSIG when the kernel had stopped MP and nothing is left. */
void sig_deliver(struct mproc *mp);
/* sig_due: whether sig_deliver may have work for MP (NULL allowed): a
 * live user process with an unblocked signal pending or an ENDKSIG due.
 * The receive loop asks after every request. */
static inline int sig_due(const struct mproc *mp)
{
	return mproc_is_user(mp) &&
	    ((mp->pending & ~mp->mask) || (mp->flags & MP_KSTOPPED));
}
/* sig_default_ignored: whether SIG's default action is to ignore it. */
int sig_default_ignored(int sig);
/* sig_caught: whether MP has a handler (a function) for SIG. */
int sig_caught(const struct mproc *mp, int sig);
/* sig_valid_mask: SET without the signals that cannot be blocked. */
sigset_k sig_valid_mask(sigset_k set);

/* ---- ksig.c ---- */
/* ksig_notify: SYSTEM notified PM: handle every signal the kernel has for
 * the processes PM manages. */
void ksig_notify(void);
/* tty_notify: the terminal notified PM: send its keyboard signals. */
void tty_notify(void);

/* ---- timers.c ---- */
int do_alarm(message *m);
int do_sleep(message *m);
/* timers_now: clock ticks since boot. */
uint32_t timers_now(void);
/* timers_update: set PM's one kernel alarm to the earliest of every
 * process's alarm, sleep and signal retry. */
void timers_update(void);
/* timers_expired: the CLOCK notified PM: fire what is due. */
void timers_expired(void);
/* timers_cancel: drop MP's alarm and sleep (it exits). */
void timers_cancel(struct mproc *mp);

/* ---- cred.c ---- */
int do_getuid(message *m);
int do_setuid(message *m);
int do_setgid(message *m);
/* cred_sync: mirror MP's credentials (and pid) into the kernel
 * (SYS_SETCRED), where servers read who asks. Returns 0 or the kernel's
 * error (said on the console: MP is then not a process PM manages). */
int cred_sync(struct mproc *mp);
/* cred_is_root: whether MP runs as root (effective uid 0). */
int cred_is_root(const struct mproc *mp);
/* cred_may_signal: whether SENDER (NULL: PM itself) may signal (or move
 * to another group) T: root may, anybody else only a process of its own
 * user. */
int cred_may_signal(const struct mproc *sender, const struct mproc *t);
/* cred_exec: MP has exec'd the program FILE: a set-user-id (set-group-id)
 * file makes its owner (group) the effective id; the saved ids become the
 * effective ones. The caller mirrors the result (cred_sync). */
void cred_exec(struct mproc *mp, const struct pm_exec_file *file);

/* ---- sysinfo.c ---- */
int do_getsysinfo(message *m);

/* ---- reboot.c ---- */
int do_reboot(message *m);

/* ---- recover.c ---- */
struct sef_init_info;
/* pm_resync_due: set by pm_init_kept; the receive loop then runs
 * pm_resync before its next receive (after RS has the init's answer). */
extern int pm_resync_due;
/* pm_state_check: SEF's kept-state check (SEF_INIT_KEPT): the process
 * and zombie tables' invariants (unique pids in range, parents that
 * exist, flags only where they can be, the pid counter) and their
 * agreement with the kernel's process table. Returns 0, or -EINVAL with
 * the first inconsistency said in WHY (LEN bytes). */
int pm_state_check(char *why, size_t len);
/* pm_init_kept: the init of a restart in place or a keep-state live
 * update (the tables are the old instance's, already checked): forget
 * the request being handled, schedule pm_resync. Returns 0. */
int pm_init_kept(const struct sef_init_info *info);
/* pm_resync: what lives outside PM's memory, after a kept start: kernel
 * signals, the kernel alarm (and alarms and sleeps that came due while PM
 * was down), keyboard signals, queued recovery scripts, and pending
 * signals whose delivery was cut short. */
void pm_resync(void);
/* pm_count_records: how many live process records PM has. */
int pm_count_records(void);

#endif
