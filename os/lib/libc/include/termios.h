/* Terminal attributes: struct termios and the ioctl requests of
 * abi/termios.h, wrapped as POSIX calls. */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <sys/types.h>
#include <abi/termios.h>

/* tcsetattr's OPTIONAL_ACTIONS: the terminal applies every change at once,
 * so the three are equivalent. */
#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int actions, const struct termios *t);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

#endif
