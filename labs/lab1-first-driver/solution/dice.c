/* The dice driver (lab 1's reference solution): /dev/dice rolls a die.
 *
 *   cat /dev/dice            one roll, "N\n" with N in 1..sides (a read at
 *                            offset 0 rolls; later offsets are the end of
 *                            the file, so `cat` stops)
 *   echo 20 > /dev/dice      sides := 20 (2..100; anything else: EINVAL,
 *                            nothing changes)
 *   ioctlout /dev/dice d 1   DICE_IOC_RESET: the number of rolls so far,
 *                            then rolls := 0 and sides := 6
 *   ioctlout /dev/dice d 2   DICE_IOC_ROLLS: the number of rolls so far
 *   ioctlout /dev/dice d 3   DICE_IOC_SIDES: the number of sides
 *
 * The state (sides, rolls, the generator) is checkpointed in DS on every
 * change, so it survives a crash restart and a live update. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/ioctl.h>
#include "chardriver.h"
#include "ds.h"
#include "sef.h"

#ifndef DICE_VERSION
#define DICE_VERSION 1
#endif

#define DICE_SIDES_DEFAULT 6
#define DICE_SIDES_MIN 2
#define DICE_SIDES_MAX 100

#define DICE_IOC_RESET _IOR('d', 1, uint32_t)
#define DICE_IOC_ROLLS _IOR('d', 2, uint32_t)
#define DICE_IOC_SIDES _IOR('d', 3, uint32_t)

#define DICE_LU_STATE_IDLE SEF_LU_STATE_CUSTOM_BASE

struct dice_state {
	uint32_t sides;                  /* faces of the die */
	uint32_t rolls;                  /* rolls since the last reset */
	uint32_t seed;                   /* the generator's state, never 0 */
};

static struct dice_state state;

static const char *state_key(void)
{
	static char key[DS_KEY_MAX];
	snprintf(key, sizeof(key), "%s.state",
	    sef_label()[0] ? sef_label() : "dice");
	return key;
}

static int checkpoint(void)
{
	return ds_publish_mem(state_key(), &state, sizeof(state),
	    DSF_OVERWRITE);
}

static void fresh_state(void)
{
	state.sides = DICE_SIDES_DEFAULT;
	state.rolls = 0;
	state.seed = 0x2545f491u;
}

static int restore(void)
{
	size_t len;
	int r = ds_retrieve_mem(state_key(), &state, sizeof(state), &len);
	if (r == 0 && len != sizeof(state))
		r = -EINVAL;
	if (r != 0 || state.sides < DICE_SIDES_MIN ||
	    state.sides > DICE_SIDES_MAX || state.seed == 0)
		fresh_state();
	return r;
}

/* next: xorshift32, a value in 1..sides. */
static uint32_t roll(void)
{
	uint32_t x = state.seed;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	state.seed = x;
	return x % state.sides + 1;
}

static int dice_read(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (req->pos != 0)
		return 0;               /* one roll per open-and-read: EOF */
	char buf[16];
	uint32_t saved = state.seed;
	int n = snprintf(buf, sizeof(buf), "%u\n", (unsigned) roll());
	if ((size_t) n > req->size) {
		state.seed = saved;
		return -EINVAL;
	}
	int r = chardriver_copyout(req->grant, 0, buf, (size_t) n);
	if (r != 0) {
		state.seed = saved;
		return r;
	}
	state.rolls++;
	checkpoint();
	return n;
}

/* parse: a decimal number, optional trailing newline/space. -1: bad. */
static long parse(const char *s, size_t n)
{
	long v = 0;
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	size_t start = i;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		v = v * 10 + (s[i] - '0');
		if (v > 1000000)
			return -1;
		i++;
	}
	if (i == start)
		return -1;
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i == n ? v : -1;
}

static int dice_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	char buf[16];
	if (req->size == 0 || req->size > sizeof(buf))
		return -EINVAL;
	int r = chardriver_copyin(req->grant, 0, buf, req->size);
	if (r != 0)
		return r;
	long sides = parse(buf, req->size);
	if (sides < DICE_SIDES_MIN || sides > DICE_SIDES_MAX)
		return -EINVAL;
	state.sides = (uint32_t) sides;
	checkpoint();
	printf("dice: %u sides\n", (unsigned) state.sides);
	return (int) req->size;
}

static int dice_ioctl(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	uint32_t value;
	switch (req->request) {
	case DICE_IOC_RESET:
	case DICE_IOC_ROLLS:
		value = state.rolls;
		break;
	case DICE_IOC_SIDES:
		value = state.sides;
		break;
	default:
		return -ENOTTY;
	}
	int r = chardriver_copyout(req->grant, 0, &value, sizeof(value));
	if (r != 0)
		return r;
	if (req->request == DICE_IOC_RESET) {
		state.rolls = 0;
		state.sides = DICE_SIDES_DEFAULT;
		checkpoint();
		printf("dice: reset (%u rolls)\n", (unsigned) value);
	}
	return 0;
}

static const struct chardriver dice_ops = {
	.read = dice_read,
	.write = dice_write,
	.ioctl = dice_ioctl,
};

static int started(const char *how, const struct sef_init_info *info)
{
	printf("dice: %s (version %d, %u sides, %u rolls)\n", how,
	    DICE_VERSION, (unsigned) state.sides, (unsigned) state.rolls);
	chardriver_announce(info);
	return 0;
}

static int dice_init_fresh(const struct sef_init_info *info)
{
	fresh_state();
	checkpoint();
	return started("started fresh", info);
}

static int dice_init_lu(const struct sef_init_info *info)
{
	restore();
	return started("started as new version", info);
}

static int dice_init_restart(const struct sef_init_info *info)
{
	restore();
	return started("restarted", info);
}

static int dice_lu_state_isvalid(int state_nr)
{
	return state_nr == SEF_LU_STATE_WORK_FREE ||
	    state_nr == SEF_LU_STATE_REQUEST_FREE ||
	    state_nr == SEF_LU_STATE_PROTOCOL_FREE ||
	    state_nr == DICE_LU_STATE_IDLE;
}

static int dice_lu_prepare(int state_nr)
{
	(void) state_nr;
	return 0;               /* every request is answered at once */
}

static int dice_state_save(int state_nr)
{
	(void) state_nr;
	return checkpoint();
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(dice_init_fresh);
	sef_setcb_init_lu(dice_init_lu);
	sef_setcb_init_restart(dice_init_restart);
	sef_setcb_lu_state_isvalid(dice_lu_state_isvalid);
	sef_setcb_lu_prepare(dice_lu_prepare);
	sef_setcb_state_save(dice_state_save);
	sef_startup();
	chardriver_task(&dice_ops);
}
