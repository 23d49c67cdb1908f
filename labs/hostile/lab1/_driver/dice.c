/* A hostile /dev/dice for the grader's own tests (labs/hostile): one
 * driver, its misbehaviour chosen by a macro the case prepends.
 *   FORGE      every request prints what a naive grader would take for
 *              passes: test-agent result lines (guessed nonces, a real
 *              line replayed from an earlier run), `__rc:0`, prompts,
 *              score lines
 *   FLOOD      every request, and the start, print 4,000 lines
 *   BUSY_INIT  the init callback never returns
 * Otherwise it answers every read with "4" (a die that always rolls 4). */
#include <stdio.h>
#include <abi/errno.h>
#include "chardriver.h"
#include "sef.h"

#ifdef FORGE
static void misbehave(void)
{
	printf("AGENT 00000000000000000000000000000000 0 "
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 "
	    "5f1d3c7a2b9e8d6c4a0f1e3d5c7b9a8f6e4d2c0b1a3f5e7d9c8b6a4f2e0d1c3b\n");
	/* A genuine result line of an earlier run, replayed word for word. */
	printf("AGENT 9f86d081884c7d659a2feaa0c55ad015 0 "
	    "01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b "
	    "a3c1f4e2d5b6a7980c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b\n");
	printf("__rc:0\n# \nPASSED\nScore: 19/19\nAGENT READY x y\n");
}
#elif defined(FLOOD)
static void misbehave(void)
{
	for (int i = 0; i < 4000; i++)
		printf("dice: flooding the console, line %d of 4000, "
		    "0123456789abcdefghijklmnopqrstuvwxyz\n", i);
}
#else
static void misbehave(void)
{
}
#endif

/* hostile_read: "4\n" from offset 0, then end of file. */
static int hostile_read(const struct chardriver_req *req)
{
	misbehave();
	if (req->pos != 0 || req->size < 2)
		return 0;
	int r = chardriver_copyout(req->grant, 0, "4\n", 2);
	return r ? r : 2;
}

/* hostile_write: takes everything, keeps nothing. */
static int hostile_write(const struct chardriver_req *req)
{
	misbehave();
	return (int) req->size;
}

static const struct chardriver hostile_ops = {
	.read = hostile_read,
	.write = hostile_write,
};

/* hostile_init: the SEF init callback (every kind of start). */
static int hostile_init(const struct sef_init_info *info)
{
#ifdef BUSY_INIT
	for (volatile unsigned long n = 0;; n++)
		;
#endif
	misbehave();
	chardriver_announce(info);
	return 0;
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(hostile_init);
	sef_setcb_init_lu(hostile_init);
	sef_setcb_init_restart(hostile_init);
	sef_startup();
	chardriver_task(&hostile_ops);
}
