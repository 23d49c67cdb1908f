/* Private declarations of the character-driver library, shared by its
 * files; drivers include chardriver.h only. */
#ifndef CHARDRIVER_PRIV_H
#define CHARDRIVER_PRIV_H

#include "chardriver.h"

/* The most requests that can be suspended (or completed and not yet
 * collected by VFS) at once. */
#define CHARDRIVER_MAX_SUSPENDED 32

/* A request handler: takes the driver's operations and the request M,
 * leaves the reply payload in M and returns the reply's m_type
 * (CDEV_REPLY, or CDEV_NO_STATUS). */
typedef int (*chardriver_handler)(const struct chardriver *ops, message *m);

/* table.c: the handler of request type TYPE, or NULL when there is none. */
chardriver_handler chardriver_lookup(int type);

/* chardriver_reply: make M the CDEV_REPLY {ID, STATUS}; returns
 * CDEV_REPLY (requests.c). */
int chardriver_reply(message *m, uint32_t id, int status);

/* requests.c: one handler per CDEV_* request. */
int chardriver_do_open(const struct chardriver *ops, message *m);
int chardriver_do_close(const struct chardriver *ops, message *m);
int chardriver_do_read(const struct chardriver *ops, message *m);
int chardriver_do_write(const struct chardriver *ops, message *m);
int chardriver_do_ioctl(const struct chardriver *ops, message *m);

/* select.c: readiness watches (CDEV_SELECT) and their notifications. */
#define CHARDRIVER_MAX_WATCH 64
int chardriver_do_select(const struct chardriver *ops, message *m);
/* chardriver_select_status: a readiness event not yet reported to VFS as
 * CDEV_SEL_REPLY in M (returns CDEV_SEL_REPLY), or 0 when none. */
int chardriver_select_status(message *m);
/* chardriver_select_cloned: the open made the new unit MINOR (one open
 * only: its close ends it). */
void chardriver_select_cloned(int minor);
/* chardriver_select_closed: MINOR was closed: a cloned unit's watches go
 * (another unit may get its number); a shared minor's stay (other opens
 * may still wait: the console), at worst one notification too many. */
void chardriver_select_closed(int minor);
/* chardriver_select_resync (for chardriver_kept, state.c): notify VFS when a readiness event waits to be
 * collected (the notification the previous instance sent may have been
 * taken by nobody). */
void chardriver_select_resync(void);

/* The kept-state checks of chardriver_state_check (state.c): the
 * readiness watches (select.c) and the suspended requests (suspended.c)
 * are well formed. Each returns 0, or -EINVAL with one line in WHY (LEN
 * bytes). */
int chardriver_watch_check(char *why, size_t len);
int chardriver_suspended_check(char *why, size_t len);
/* chardriver_suspended_corrupt (for chardriver_state_corrupt, state.c):
 * a free entry gets a state that does not exist; 0, or -ENOENT with none
 * free. WHAT (LEN bytes) says which. */
int chardriver_suspended_corrupt(char *what, size_t len);

/* suspended.c: suspended and completed requests. */
int chardriver_suspend(uint32_t id, int minor);
int chardriver_do_cancel(const struct chardriver *ops, message *m);
int chardriver_do_status(const struct chardriver *ops, message *m);
/* chardriver_suspended_resync (for chardriver_kept, state.c): notify VFS when a completed result waits
 * to be collected. */
void chardriver_suspended_resync(void);

#endif
