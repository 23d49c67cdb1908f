/* The hello driver: /dev/hello reads "Hello, World!\n" (like a file, so
 * `cat /dev/hello` ends), every open prints its number. The open count is
 * checkpointed in the data store on every open, so it survives a live
 * update AND a crash. Built twice: hello, and hello.v2 (-DHELLO_VERSION=2,
 * which says so at init) for live-update tests. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "chardriver.h"
#include "ds.h"
#include "sef.h"

#ifndef HELLO_VERSION
#define HELLO_VERSION 1
#endif

#define HELLO_MESSAGE "Hello, World!\n"
static uint32_t open_count;

/* count_key: the DS key of the open count, "LABEL.open_count": each
 * instance started from this binary (`service up ... -label L`) keeps its
 * own count, under a key its label owns. */
static const char *count_key(void)
{
	static char key[DS_KEY_MAX];
	snprintf(key, sizeof(key), "%s.open_count",
	    sef_label()[0] ? sef_label() : "hello");
	return key;
}

/* save_count: checkpoint the open count in DS. 0 or DS's error, said on
 * the console (a crash now would lose the count). */
static int save_count(void)
{
	int r = ds_publish_u32(count_key(), open_count, DSF_OVERWRITE);
	if (r != 0)
		printf("hello: checkpoint of %s failed (error %d)\n",
		    count_key(), -r);
	return r;
}

/* hello_open: the open operation: count, print, checkpoint. Any minor. */
static int hello_open(const struct chardriver_req *req)
{
	(void) req;
	open_count++;
	printf("hello: open #%u\n", (unsigned) open_count);
	save_count();
	return 0;
}

/* hello_read: the read operation: the message from offset req->pos on; 0 (end
 * of file) past its end. */
static int hello_read(const struct chardriver_req *req)
{
	size_t len = sizeof(HELLO_MESSAGE) - 1;
	if (req->pos < 0 || (size_t) req->pos >= len)
		return 0;
	size_t n = len - (size_t) req->pos;
	if (n > req->size)
		n = req->size;
	int r = chardriver_copyout(req->grant, 0, HELLO_MESSAGE + req->pos, n);
	return r ? r : (int) n;
}

static const struct chardriver hello_ops = {
	.open = hello_open,
	.read = hello_read,
};

/* started: the init is done: say which version runs, announce the
 * driver to VFS. Returns 0. */
static int started(const struct sef_init_info *info)
{
	if (HELLO_VERSION != 1)
		printf("hello: version %d\n", HELLO_VERSION);
	chardriver_announce(info);
	return 0;
}

/* restore_count: the open count the previous instance checkpointed; 0,
 * said on the console, when there is none (or DS fails). */
static void restore_count(void)
{
	uint32_t v;
	int r = ds_retrieve_u32(count_key(), &v);
	if (r != 0)
		printf("hello: open count not restored: %s (error %d); "
		    "starting at 0\n", r == -ENOENT ? "no checkpoint" :
		    "DS failed", -r);
	open_count = r == 0 ? v : 0;
}

/* hello_init_fresh: SEF init callback, first start: the count starts at
 * 0 (and so does its checkpoint). */
static int hello_init_fresh(const struct sef_init_info *info)
{
	open_count = 0;
	save_count();
	printf("hello: started fresh\n");
	return started(info);
}

/* hello_init_lu: SEF init callback, new version after a live update: the
 * count from the old version's checkpoint. */
static int hello_init_lu(const struct sef_init_info *info)
{
	restore_count();
	printf("hello: started as new version (open count %u)\n",
	    (unsigned) open_count);
	return started(info);
}

/* hello_init_restart: SEF init callback, after a crash: the count from
 * the last checkpoint (taken on every open, so nothing is lost). */
static int hello_init_restart(const struct sef_init_info *info)
{
	restore_count();
	printf("hello: restarted (open count %u)\n", (unsigned) open_count);
	return started(info);
}

/* hello_state_save: SEF callback before a live update: checkpoint once
 * more (it is current already). */
static int hello_state_save(int state)
{
	(void) state;
	return save_count();
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(hello_init_fresh);
	sef_setcb_init_lu(hello_init_lu);
	sef_setcb_init_restart(hello_init_restart);
	sef_setcb_state_save(hello_state_save);
	sef_startup();
	chardriver_task(&hello_ops);
}
