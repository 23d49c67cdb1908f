/* The process manager's protocol (PM, endpoint PM_EP).
 *
 * Every request is a sendrec to PM; the reply's m_type is the result: a
 * value >= 0 or a negative error number. User processes ask PM for process
 * life (fork, exec, exit, wait), signals, timers and system information.
 * PM itself talks to MM and VFS (never the other way round, so the servers
 * cannot deadlock) and to the terminal driver for keyboard signals. */
#ifndef ABI_PM_H
#define ABI_PM_H

#include <abi/payload.h>
#include <abi/signal.h>

#define PM_BASE 0x100
#define PM_FORK        (PM_BASE + 0)  /* -> child pid in the parent, 0 in the child */
#define PM_EXEC        (PM_BASE + 1)  /* pm_exec; no reply on success */
#define PM_EXIT        (PM_BASE + 2)  /* pm_exit; no reply */
#define PM_WAITPID     (PM_BASE + 3)  /* pm_waitpid -> pid */
#define PM_GETPID      (PM_BASE + 4)  /* -> pid; out pm_ids */
#define PM_KILL        (PM_BASE + 5)  /* pm_kill */
#define PM_SIGACTION   (PM_BASE + 6)  /* pm_sigaction */
#define PM_SIGPROCMASK (PM_BASE + 7)  /* pm_sigmask */
#define PM_SIGSUSPEND  (PM_BASE + 8)  /* pm_sigmask (set: the mask while waiting) -> -EINTR */
#define PM_SIGPENDING  (PM_BASE + 9)  /* out pm_sigmask.old */
#define PM_SIGRETURN   (PM_BASE + 10) /* pm_sigreturn; no reply on success */
#define PM_ALARM       (PM_BASE + 11) /* pm_timer (ticks; 0 cancels) -> ticks left */
#define PM_SLEEP       (PM_BASE + 12) /* pm_timer -> 0, or -EINTR with .left */
#define PM_SETPGID     (PM_BASE + 13) /* pm_setpgid */
#define PM_SETSID      (PM_BASE + 14) /* -> the new session (= group) id */
#define PM_REBOOT      (PM_BASE + 15) /* pm_reboot (root only: -EPERM);
                                       * no reply on success */
#define PM_GETSYSINFO  (PM_BASE + 16) /* pm_sysinfo -> bytes written */
#define PM_GETUID      (PM_BASE + 17) /* -> 0, out pm_cred (the caller's) */
#define PM_SETUID      (PM_BASE + 18) /* pm_cred.ruid: the uid -> 0 or -EPERM */
#define PM_SETGID      (PM_BASE + 19) /* pm_cred.rgid: the gid -> 0 or -EPERM */

/* PM_WAITPID options. */
#define WNOHANG   1
/* Wait status: as POSIX describes it, in the classic encoding. */
#define W_EXITCODE(ret, sig) (((ret) << 8) | (sig))
#define WIFEXITED(s)    (((s) & 0x7f) == 0)
#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WIFSIGNALED(s)  (((s) & 0x7f) != 0)
#define WTERMSIG(s)     ((s) & 0x7f)

/* PM_REBOOT: abi/message.h SHUTDOWN_POWEROFF, SHUTDOWN_REBOOT. */

/* PM_GETSYSINFO requests. */
#define SI_PROCTAB 1   /* struct pm_proc_info[], one per live process */
#define SI_KINFO   2   /* struct kinfo (abi/info.h) */
#define SI_KLOG    3   /* the kernel log: the newest bytes that fit buf */

/* One process as ps shows it. */
struct pm_proc_info {
	int32_t pid;                 /* system processes: numbered by PM too */
	int32_t ppid;
	int32_t pgid;
	endpoint_t endpoint;
	char state;                  /* R run, S sleep (blocked), T stopped, Z zombie */
	uint8_t system;              /* 1: a server or driver */
	uint8_t pad[2];
	char name[16];
	uint32_t user_ticks, sys_ticks;
};

/* pm_exec.frame_len PM_EXEC_VECTORS: there is no frame; PM builds it from
 * the caller's NULL-terminated pointer arrays .argv and .envp (0: empty),
 * so a bad pointer anywhere is -EFAULT for the caller, never a crash in
 * libc. libc's execve always sends them this way. */
#define PM_EXEC_VECTORS 0xffffffffu

struct mess_pm_exec {
	vir_bytes path;              /* caller's address of the path */
	uint32_t path_len;           /* without the NUL */
	vir_bytes frame;             /* argv then envp strings, each NUL-ended */
	uint32_t frame_len;          /* or PM_EXEC_VECTORS: argv, envp instead */
	int32_t argc;
	int32_t envc;
	vir_bytes argv;              /* PM_EXEC_VECTORS: char *argv[] */
	vir_bytes envp;              /* PM_EXEC_VECTORS: char *envp[] */
};
MESS_PAYLOAD(mess_pm_exec);

struct mess_pm_exit {
	int32_t status;
};
MESS_PAYLOAD(mess_pm_exit);

struct mess_pm_waitpid {
	int32_t pid;                 /* > 0 that child, -1 any, 0 or < -1 a group */
	int32_t options;             /* WNOHANG */
	int32_t status;              /* out: wait status */
	vir_bytes status_addr;       /* 0, or the caller's int PM writes the
	                              * status to (-EFAULT when it cannot) */
};
MESS_PAYLOAD(mess_pm_waitpid);

struct mess_pm_ids {                /* out of PM_GETPID */
	int32_t pid, ppid, pgid;
};
MESS_PAYLOAD(mess_pm_ids);

struct mess_pm_kill {
	int32_t pid;                 /* > 0 a process, 0 own group, -N group N, -1 all */
	int32_t sig;                 /* 0 only checks */
};
MESS_PAYLOAD(mess_pm_kill);

struct mess_pm_sigaction {
	int32_t sig;
	vir_bytes act;               /* struct k_sigaction *, or 0 */
	vir_bytes oact;              /* struct k_sigaction * (out), or 0 */
	vir_bytes trampoline;        /* libc's __sigreturn */
};
MESS_PAYLOAD(mess_pm_sigaction);

struct mess_pm_sigmask {
	int32_t how;                 /* SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK */
	sigset_k set;
	sigset_k old;                /* out */
	vir_bytes set_addr;          /* not 0: .set is read from the caller here */
	vir_bytes old_addr;          /* not 0: .old is also written here */
};
MESS_PAYLOAD(mess_pm_sigmask);

struct mess_pm_sigreturn {
	vir_bytes ctx;               /* the struct sigcontext of the frame */
};
MESS_PAYLOAD(mess_pm_sigreturn);

struct mess_pm_timer {
	uint32_t ticks;              /* clock ticks (HZ per second) */
	uint32_t left;               /* out: ticks left (alarm: of the old one) */
};
MESS_PAYLOAD(mess_pm_timer);

struct mess_pm_setpgid {
	int32_t pid;                 /* 0: the caller */
	int32_t pgid;                /* 0: = pid */
};
MESS_PAYLOAD(mess_pm_setpgid);

struct mess_pm_cred {               /* PM_GETUID (out), PM_SETUID, PM_SETGID */
	uint32_t ruid, euid;
	uint32_t rgid, egid;
};
MESS_PAYLOAD(mess_pm_cred);

struct mess_pm_reboot {
	int32_t how;                 /* SHUTDOWN_POWEROFF, SHUTDOWN_REBOOT */
};
MESS_PAYLOAD(mess_pm_reboot);

struct mess_pm_sysinfo {
	int32_t what;                /* SI_* */
	vir_bytes buf;
	uint32_t len;                /* bytes in buf */
};
MESS_PAYLOAD(mess_pm_sysinfo);

#endif
