/* Lab 2 reference solution: the counter driver keeps its state across
 * crashes.
 *
 * /dev/counter adds up the numbers written to it (`echo 5 > /dev/counter`)
 * and reads "total=T writes=W\n" (T the sum, W the number of accepted
 * writes). The state is checkpointed in the data store (DS) as one blob,
 * under "LABEL.state", on every change and before the write is answered,
 * so a crash at any moment loses nothing that a client was told was done.
 * The restart init callback restores it before announcing the driver, so
 * no client ever reads an empty counter after a crash. */
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

/* state_key: the DS key of the checkpoint, "LABEL.state". */
static const char *state_key(void)
{
	static char key[DS_KEY_MAX];
	snprintf(key, sizeof(key), "%s.state",
	    sef_label()[0] ? sef_label() : "counter");
	return key;
}

/* checkpoint: save the whole state in DS. 0 or DS's error. */
static int checkpoint(void)
{
	return ds_publish_mem(state_key(), &state, sizeof(state),
	    DSF_OVERWRITE);
}

/* restore: the state of the last checkpoint. 0, or DS's error (or
 * -EINVAL for a blob of the wrong size): the state is then left empty. */
static int restore(void)
{
	size_t len;
	struct counter_state saved;
	int r = ds_retrieve_mem(state_key(), &saved, sizeof(saved), &len);
	if (r == 0 && len != sizeof(saved))
		r = -EINVAL;
	if (r == 0)
		state = saved;
	else
		memset(&state, 0, sizeof(state));
	return r;
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

/* counter_write: add the number written; checkpoint before answering.
 * req->size, -EINVAL for a bad number, or the error of the copy or of DS (the
 * state is then as before). */
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
	struct counter_state before = state;
	state.total += value;
	state.writes++;
	r = checkpoint();
	if (r != 0) {
		state = before;
		return r;
	}
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

/* counter_init_fresh: first start: an empty state, and an empty
 * checkpoint replacing any stale one. */
static int counter_init_fresh(const struct sef_init_info *info)
{
	memset(&state, 0, sizeof(state));
	checkpoint();
	return started("started fresh", info);
}

/* counter_init_restart: after a crash (any kind): the last checkpoint,
 * restored before VFS sends the driver any request. */
static int counter_init_restart(const struct sef_init_info *info)
{
	restore();
	return started("restarted", info);
}

/* counter_init_lu: the new version after a live update: the checkpoint
 * the old version saved (counter_state_save). */
static int counter_init_lu(const struct sef_init_info *info)
{
	restore();
	return started("started as new version", info);
}

/* counter_state_save: before a live update: checkpoint once more. */
static int counter_state_save(int state_nr)
{
	(void) state_nr;
	return checkpoint();
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(counter_init_fresh);
	sef_setcb_init_lu(counter_init_lu);
	sef_setcb_init_restart(counter_init_restart);
	sef_setcb_state_save(counter_state_save);
	sef_startup();
	chardriver_task(&counter_ops);
}
