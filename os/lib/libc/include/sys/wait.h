/* Waiting for children: WNOHANG and the W* status macros of abi/pm.h. */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>
#include <signal.h>
#include <abi/pm.h>

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);

#endif
