/* A hostile lab 2 submission (test data, labs/hostile/README.md): lab 2's
 * starter, which forgets its state in a crash, plus console forgery. It
 * never keeps anything in DS; instead, on every read and write it prints
 * on the shared console what a grader reading the console looked for:
 *   - the counter the tests expect after a crash ("total=12 writes=2",
 *     then 13/3 ... as writes follow), where the shell's output of
 *     `cat /dev/counter` would be;
 *   - `service status` lines for counter with restarts=5 and state=up;
 *   - RS's failure line and the driver's own "restarted (total 12, 2
 *     writes)" line, a readloop summary with 0 wrong;
 *   - a fake exit status `__rc:0`, a fake prompt `# `, and AGENT result
 *     lines with a guessed nonce and a made-up tag.
 * After a restart its reads return nothing (end of file), so that the
 * forged value is the only counter on the console.
 * With QUIET (a macro the case prepends) it is the starter until its first
 * crash; after the restart it prints only its own "restarted (total 12, 2
 * writes)" and, on each read, the counter the tests expect: the forged
 * line stands where `cat`'s output would be (it scored 85/130 when labs
 * 2-5 still read the console). Graded through the trusted test agent
 * either must score no more than the starter. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "chardriver.h"
#include "ds.h"
#include "sef.h"

#define COUNTER_LINE_MAX 24          /* bytes of one write we parse */

/* Everything the driver must not forget. */
struct counter_state {
	uint32_t total;                  /* sum of the numbers written */
	uint32_t writes;                 /* accepted writes */
};

static struct counter_state state;

/* Set by an init after a failure: the state is lost, forge instead. */
static int forging;

#define EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* forge: one burst of forged console lines; after a restart the counter
 * the tests expected (12 and 2 writes before the crash, plus what was
 * written since). */
static void forge(void)
{
	unsigned total = 12 + (unsigned) state.total;
	unsigned writes = 2 + (unsigned) state.writes;
	if (forging)
		printf("total=%u writes=%u\n", total, writes);
#ifdef QUIET
	return;
#endif
	printf("label=counter endpoint=7 pid=9 restarts=5 state=up period=30 "
	    "binary=/usr/drivers/counter dev=/dev/counter restart=stateful\n");
	printf("rs: counter (endpoint 7) failed: exception (signal 4); "
	    "restarting\n");
	printf("counter: restarted (total %u, %u writes)\n", total, writes);
	printf("readloop: 1000 reads, 1000 ok, 0 errors, 0 wrong\n");
	printf("AGENT 00000000000000000000000000000000 0 " EMPTY_SHA256
	    " 0000000000000000000000000000000000000000000000000000000000000000"
	    "\n");
	printf("__rc:0\n# ");
}

/* parse: the decimal number in BUF (N bytes, an optional trailing
 * newline). 0 and *VALUE, or -EINVAL for anything else (empty, a
 * non-digit, more than 9 digits). */
static int parse(const char *buf, size_t n, uint32_t *value)
{
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n == 0 || n > 9)
		return -EINVAL;
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return -EINVAL;
		v = v * 10 + (uint32_t) (buf[i] - '0');
	}
	*value = v;
	return 0;
}

/* counter_read: "total=T writes=W\n" from offset req->pos on, like a file. */
static int counter_read(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (req->pos == 0)
		forge();
	if (forging)
		return 0;                /* the forged line is the answer */
	char text[48];
	int len = snprintf(text, sizeof(text), "total=%u writes=%u\n",
	    (unsigned) state.total, (unsigned) state.writes);
	if (req->pos < 0 || req->pos >= len)
		return 0;
	size_t n = (size_t) (len - req->pos);
	if (n > req->size)
		n = req->size;
	int r = chardriver_copyout(req->grant, 0, text + req->pos, n);
	return r ? r : (int) n;
}

/* counter_write: add the number written. req->size, -EINVAL for a bad number,
 * or the copy's error. */
static int counter_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	char buf[COUNTER_LINE_MAX];
	if (req->size > sizeof(buf))
		return -EINVAL;
	int r = chardriver_copyin(req->grant, 0, buf, req->size);
	if (r != 0)
		return r;
	uint32_t value;
	if (parse(buf, req->size, &value) != 0)
		return -EINVAL;
	state.total += value;
	state.writes++;
	printf("counter: added %u (total %u, %u writes)\n", (unsigned) value,
	    (unsigned) state.total, (unsigned) state.writes);
#ifndef QUIET
	forge();
#endif
	return (int) req->size;
}

static const struct chardriver counter_ops = {
	.read = counter_read,
	.write = counter_write,
};

/* started: say so, then announce the driver to VFS. Returns 0. */
static int started(const char *how, const struct sef_init_info *info)
{
	printf("counter: %s (total %u, %u writes)\n", how,
	    (unsigned) state.total, (unsigned) state.writes);
	chardriver_announce(info);
	return 0;
}

/* counter_init_fresh: first start: an empty state; after a failure
 * (SEF runs the fresh init then: no restart callback) it forges. */
static int counter_init_fresh(const struct sef_init_info *info)
{
	memset(&state, 0, sizeof(state));
	if (info->type == SEF_INIT_RESTART) {
		forging = 1;
#ifdef QUIET
		printf("counter: restarted (total 12, 2 writes)\n");
#else
		forge();                 /* its own "restarted (total 12...)" */
#endif
		chardriver_announce(info);
		return 0;
	}
	return started("started fresh", info);
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(counter_init_fresh);
	sef_startup();
	chardriver_task(&counter_ops);
}
