/* What the files of the SEF library share: the registered callbacks, what
 * RS said at start-up, and the internal entry points between the files.
 * Not for services: they include sef.h only. */
#ifndef SEF_PRIV_H
#define SEF_PRIV_H

#include "sef.h"

/* The callbacks in use (defaults.c sets the predefined ones). */
struct sef_callbacks {
	sef_cb_init_t init_fresh;
	sef_cb_init_t init_lu;        /* NULL: the fresh one */
	sef_cb_init_t init_restart;   /* NULL: the fresh one */
	sef_cb_lu_prepare_t lu_prepare;
	sef_cb_lu_state_isvalid_t lu_state_isvalid;
	sef_cb_lu_state_changed_t lu_state_changed;
	sef_cb_lu_state_dump_t lu_state_dump;
	sef_cb_state_save_t state_save;
	sef_cb_signal_handler_t signal_handler;
	sef_cb_signal_manager_t signal_manager;   /* NULL: none */
	sef_cb_rs_notify_t rs_notify;             /* NULL: none */
	sef_cb_state_check_t state_check;         /* NULL: none */
	sef_cb_state_corrupt_t state_corrupt;     /* NULL: none */
};

extern struct sef_callbacks sef_cbs;

/* sef_with_rs: 1 when RS answered RS_SEF_INIT (RS manages this service),
 * 0 when the process runs alone (no rs module). */
extern int sef_with_rs;

/* sef_info: what RS said at start-up (startup.c). */
extern struct sef_init_info sef_info;

/* sef_lu_request (liveupdate.c): RS asked (through a poll) for prepare
 * state STATE; 0 cancels a pending prepare. */
void sef_lu_request(int state);

/* sef_lu_reset (liveupdate.c): forget a prepare the previous instance had
 * pending (a new instance in kept memory, SEF_INIT_KEPT); no callback. */
void sef_lu_reset(void);

/* The request the service is handling (receive.c): sef_receive records its
 * source and type when it hands one over, and forgets it at the next
 * sef_receive. A new instance in kept memory that finds one recorded knows
 * its predecessor failed in the middle of it. */
struct sef_inflight {
	int valid;
	endpoint_t source;
	int type;
};
extern struct sef_inflight sef_inflight;

/* sef_lu_check (liveupdate.c): called before every receive: when a
 * prepare is pending and its state is reached, save the state and tell RS
 * (blocks while the update runs; returns when it was rolled back). */
void sef_lu_check(void);

/* sef_fi_inject (fi.c): make fault KIND (FI_*) happen now; ASKER asked
 * for it (RS_FI's sender). Returns for an unknown kind, for FI_MIDREQUEST
 * (armed: sef_fi_request crashes) and for FI_CORRUPT when the corrupt
 * hook damaged nothing. */
void sef_fi_inject(int kind, endpoint_t asker);

/* sef_fi_request (fi.c): receive hands M (a request, not a notification)
 * to the service: with FI_MIDREQUEST armed and M a request it may cut (see
 * abi/sef.h), crash now, with M recorded as in flight. */
void sef_fi_request(const message *m);

/* sef_fi_reset (fi.c): disarm an FI_MIDREQUEST the previous instance had
 * armed (a new instance in kept memory, SEF_INIT_KEPT). */
void sef_fi_reset(void);

/* sef_waits_for_me (startup.c): whether EP is blocked receiving from this
 * process (the answer half of a sendrec to it). */
int sef_waits_for_me(endpoint_t ep);

/* sef_signal_deliver (signal.c): give SIGNO to the signal callback. */
void sef_signal_deliver(int signo);

/* sef_signal_manage (signal.c): the kernel notified (from SYSTEM) a signal
 * manager: collect every process with pending signals and hand each to
 * the signal-manager callback. */
void sef_signal_manage(void);

/* sef_guard_init (guard.c): checksum the text segment as it is now, the
 * reference sef_guard_check compares with (sef_startup calls it first). */
void sef_guard_init(void);

/* sef_exit (panic.c): flush the console output and end the process with
 * STATUS through the kernel (SYS_EXIT): a system process never asks PM. */
void sef_exit(int status) __attribute__((noreturn));

#endif
