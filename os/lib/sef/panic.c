/* Ending a system process: sef_panic (a failure RS restarts from) and
 * sef_exit (SYS_EXIT: a system process never asks PM to end it). */
#include <stdarg.h>
#include <stdio.h>
#include "syslib.h"
#include "sef_priv.h"

/* sef_exit: see sef_priv.h. */
void sef_exit(int status)
{
	fflush(stdout);
	fflush(stderr);
	sys_exit(status);
}

/* sef_panic: see sef.h. Without a label (no RS) the line starts with
 * "sef" instead. */
void sef_panic(const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("%s: panic: %s\n", sef_label()[0] ? sef_label() : "sef", msg);
	sef_exit(SEF_PANIC_STATUS);
}
