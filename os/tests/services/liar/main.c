/* liar: a deliberately wrong driver, for the test that shows a campaign
 * CAN fail (os/tests/test_campaign.py). It is a hello driver ("Hello,
 * World!\n" on every read) until its first restart; every instance that
 * starts after a crash or a refresh answers reads with wrong bytes
 * ("Hello, Wrold!\n"), which the campaign's workload must count as wrong
 * data. Started in place of hello:
 *   service up /usr/tests/liar -label hello -dev /dev/hello -b */
#include <stdio.h>
#include "chardriver.h"
#include "sef.h"

#define TRUTH "Hello, World!\n"
#define LIE   "Hello, Wrold!\n"

static const char *answer = TRUTH;

/* liar_read: the read operation: the current message from offset req->pos. */
static int liar_read(const struct chardriver_req *req)
{
	size_t len = sizeof(TRUTH) - 1;
	if (req->pos < 0 || (size_t) req->pos >= len)
		return 0;
	size_t n = len - (size_t) req->pos;
	if (n > req->size)
		n = req->size;
	int r = chardriver_copyout(req->grant, 0, answer + req->pos, n);
	return r ? r : (int) n;
}

static const struct chardriver liar_ops = {
	.read = liar_read,
};

/* liar_init_fresh: SEF init callback, first start: tell the truth. */
static int liar_init_fresh(const struct sef_init_info *info)
{
	answer = TRUTH;
	printf("liar: started fresh\n");
	chardriver_announce(info);
	return 0;
}

/* liar_init_restart: SEF init callback after a failure or a refresh:
 * lie from now on. */
static int liar_init_restart(const struct sef_init_info *info)
{
	answer = LIE;
	printf("liar: restarted, lying from now on\n");
	chardriver_announce(info);
	return 0;
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(liar_init_fresh);
	sef_setcb_init_restart(liar_init_restart);
	sef_startup();
	chardriver_task(&liar_ops);
}
