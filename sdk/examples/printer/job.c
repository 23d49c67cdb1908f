/* The print job: one write request at a time, printed a byte per ACK
 * interrupt, with a polling alarm as the fallback. */
#include <stdio.h>
#include <string.h>
#include "chardriver.h"
#include "ds.h"
#include "sef.h"
#include "kcall.h"
#include <abi/clock.h>
#include "job.h"
#include "lpt.h"

/* While a job prints, the alarm looks at the printer this often. */
#define JOB_POLL_TICKS 2
/* A printer busy this long with one byte ends the job (-EIO, or the bytes
 * handed over so far). */
#define JOB_TIMEOUT_TICKS (30 * CLOCK_HZ)

static struct {
	int active;
	int waiting;             /* a byte handed over, its ACK awaited */
	uint32_t id;
	uint32_t grant;
	endpoint_t user;
	size_t size;
	size_t done;             /* bytes handed to the printer */
	uint8_t buf[JOB_CHUNK];  /* the writer's bytes [done - pos, ...) */
	size_t buf_len, buf_pos;
	uint32_t busy_ticks;     /* polled ticks without progress */
} job;

/* Counters kept across restarts and updates (through the checkpoint). */
static uint32_t printed, polled;

/* checkpoint_key: the DS key of the checkpoint, "LABEL.job". */
static const char *checkpoint_key(void)
{
	static char key[DS_KEY_MAX];
	snprintf(key, sizeof(key), "%s.job",
	    sef_label()[0] ? sef_label() : "printer");
	return key;
}

/* job_checkpoint_save: see job.h. */
int job_checkpoint_save(int active)
{
	struct job_checkpoint cp = {
		.active = active >= 0 ? (uint32_t) active : (uint32_t) job.active,
		.id = job.id, .user = job.user, .size = job.size,
		.done = job.done, .printed = printed, .polled = polled,
	};
	return ds_publish_mem(checkpoint_key(), &cp, sizeof(cp),
	    DSF_OVERWRITE);
}

/* job_checkpoint_load: see job.h. */
void job_checkpoint_load(struct job_checkpoint *cp)
{
	size_t len;
	memset(cp, 0, sizeof(*cp));
	if (ds_retrieve_mem(checkpoint_key(), cp, sizeof(*cp), &len) != 0 ||
	    len != sizeof(*cp))
		memset(cp, 0, sizeof(*cp));
	printed = cp->printed;
	polled = cp->polled;
}

/* alarm_set: the polling alarm on (ON) or off. */
static void alarm_set(int on)
{
	sys_setalarm(on ? JOB_POLL_TICKS : 0, 0, NULL);
}

/* finish: the job is over with STATUS (bytes, or an error when none were
 * handed over): tell VFS, stop polling, checkpoint. */
static void finish(int status)
{
	if (status < 0 && job.done > 0)
		status = (int) job.done;
	job.active = 0;
	job.waiting = 0;
	alarm_set(0);
	job_checkpoint_save(-1);
	chardriver_complete(job.id, status);
}

/* refill: copy the writer's next chunk (from offset DONE) into the
 * buffer. 0 or the copy's error. */
static int refill(void)
{
	size_t n = job.size - job.done;
	if (n > JOB_CHUNK)
		n = JOB_CHUNK;
	int r = chardriver_copyin(job.grant, job.done, job.buf, n);
	if (r)
		return r;
	job.buf_len = n;
	job.buf_pos = 0;
	return 0;
}

/* advance: if the printer is ready, account for the byte it took and
 * hand it the next one (or end the job after the last). FROM_POLL: the
 * alarm, not an interrupt, noticed. Returns 1 when something moved. */
static int advance(int from_poll)
{
	int r = lpt_ready();
	if (r < 0) {
		finish(r);
		return 1;
	}
	if (r == 0)
		return 0;
	if (job.waiting) {
		job.waiting = 0;
		printed++;
		if (from_poll)
			polled++;
	}
	if (job.done == job.size) {
		finish((int) job.done);
		return 1;
	}
	if (job.buf_pos == job.buf_len) {
		if (job.done > 0)
			job_checkpoint_save(-1);
		r = refill();
		if (r) {
			finish(r);
			return 1;
		}
	}
	r = lpt_put(job.buf[job.buf_pos]);
	if (r) {
		finish(r);
		return 1;
	}
	job.buf_pos++;
	job.done++;
	job.waiting = 1;
	job.busy_ticks = 0;
	return 1;
}

/* job_start: see job.h. */
int job_start(uint32_t grant, size_t size, endpoint_t user, uint32_t id)
{
	if (job.active)
		return -EBUSY;
	if (size == 0)
		return 0;
	job.grant = grant;
	job.size = size;
	job.user = user;
	job.id = id;
	job.done = 0;
	job.waiting = 0;
	job.busy_ticks = 0;
	int r = refill();
	if (r)
		return r;
	job.active = 1;
	job_checkpoint_save(-1);
	alarm_set(1);
	advance(0);
	return CDEV_SUSPEND;
}

/* job_cancel: see job.h. A byte already on the data lines stays there:
 * it counts as printed. */
int job_cancel(uint32_t id)
{
	if (!job.active || job.id != id)
		return -EINTR;
	job.active = 0;
	job.waiting = 0;
	alarm_set(0);
	job_checkpoint_save(-1);
	return job.done > 0 ? (int) job.done : -EINTR;
}

/* job_interrupt: see job.h. Also reached when the line fired for a byte
 * the alarm handled already: advance then finds the printer busy. */
void job_interrupt(void)
{
	if (job.active)
		advance(0);
	else
		lpt_status();      /* ends the ACK, lowers the line */
}

/* job_alarm: see job.h. */
void job_alarm(void)
{
	if (!job.active)
		return;
	if (!advance(1) && (job.busy_ticks += JOB_POLL_TICKS) >= JOB_TIMEOUT_TICKS) {
		printf("printer: the printer stays busy; job ended after %u "
		    "of %u bytes\n", (unsigned) job.done, (unsigned) job.size);
		finish(-EIO);
	}
	if (job.active)
		alarm_set(1);
}

/* job_active: see job.h. */
int job_active(void)
{
	return job.active;
}

/* job_waiting: see job.h. */
int job_waiting(void)
{
	return job.active && job.waiting;
}
