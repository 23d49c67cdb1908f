/* uname(): the system's name and version. */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#define _UTSNAME_LENGTH 32

struct utsname {
	char sysname[_UTSNAME_LENGTH];    /* "Phoenix" */
	char nodename[_UTSNAME_LENGTH];   /* gethostname() */
	char release[_UTSNAME_LENGTH];    /* the kernel's version */
	char version[_UTSNAME_LENGTH];    /* "i386 microkernel" */
	char machine[_UTSNAME_LENGTH];    /* "i386" */
};

int uname(struct utsname *u);

#endif
