/* Lab 2 starter: the counter driver. It works, until it crashes.
 *
 * /dev/counter adds up the numbers written to it (`echo 5 > /dev/counter`)
 * and reads "total=T writes=W\n" (T the sum, W the number of accepted
 * writes). Its state lives only in this process's memory: when the driver
 * crashes, the reincarnation server (RS) starts it again and everything is
 * forgotten. Your job (README.md): keep the state in the data store (DS)
 * so that every `service fi` kind leaves it intact. The TODOs mark where. */
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

/* TODO (step 1): a DS key for the state, unique to this instance: build
 * it from sef_label() (ds.h: at most DS_KEY_MAX bytes).
 *
 * TODO (step 2): checkpoint(): save the whole state in DS with
 * ds_publish_mem(..., DSF_OVERWRITE); restore(): get it back with
 * ds_retrieve_mem() (check the length you got). */

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
	/* TODO (step 3): checkpoint the new state here, before the write is
	 * answered. What must happen when the checkpoint fails? */
	printf("counter: added %u (total %u, %u writes)\n", (unsigned) value,
	    (unsigned) state.total, (unsigned) state.writes);
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

/* counter_init_fresh: first start: an empty state. */
static int counter_init_fresh(const struct sef_init_info *info)
{
	memset(&state, 0, sizeof(state));
	/* TODO (step 4): replace any stale checkpoint of an earlier run. */
	return started("started fresh", info);
}

/* TODO (step 5): a restart init callback (after a crash) that restores
 * the last checkpoint BEFORE announcing the driver, registered with
 * sef_setcb_init_restart(). It must print
 *     counter: restarted (total T, W writes)
 * (use started("restarted", info)). Without one, SEF runs the fresh init
 * after a crash, as now. */

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(counter_init_fresh);
	sef_startup();
	chardriver_task(&counter_ops);
}
