/* Ending a program: atexit, exit, _Exit. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define ATEXIT_MAX 32

static void (*handlers[ATEXIT_MAX])(void);
static int nr_handlers;

/* atexit: have exit() call FN (the last registered first). Returns 0, or
 * -1 when ATEXIT_MAX functions are registered already. */
int atexit(void (*fn)(void))
{
	if (nr_handlers == ATEXIT_MAX)
		return -1;
	handlers[nr_handlers++] = fn;
	return 0;
}

/* exit: call the atexit functions, flush every stdio stream, and end the
 * process with STATUS (its low 8 bits reach the parent). */
void exit(int status)
{
	while (nr_handlers > 0)
		handlers[--nr_handlers]();
	fflush(NULL);
	_exit(status);
}

/* _Exit: end the process at once (no atexit functions, no flushing). */
void _Exit(int status)
{
	_exit(status);
}
