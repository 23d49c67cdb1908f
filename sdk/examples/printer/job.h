/* The print job: the one write request the printer works on. Its bytes
 * are copied from the writer's grant a chunk at a time and handed to the
 * printer one by one, each after the printer acknowledged the previous
 * one (IRQ 7), with a polling alarm in case an interrupt never comes. */
#ifndef JOB_H
#define JOB_H

#include <stddef.h>
#include <stdint.h>
#include <abi/endpoint.h>

/* Bytes copied from the writer per safecopy (and between checkpoints). */
#define JOB_CHUNK 512

/* What the data store keeps about the printer ("LABEL.job"), so that a
 * restarted or updated instance knows whether a job was cut off. */
struct job_checkpoint {
	uint32_t active;      /* 1: a job (or its uncollected result) */
	uint32_t id;          /* VFS's request id */
	int32_t user;         /* the writer */
	uint32_t size;        /* bytes asked for */
	uint32_t done;        /* bytes handed to the printer, at least */
	uint32_t printed;     /* bytes printed since the first start */
	uint32_t polled;      /* bytes moved by the polling fallback */
};

/* job_start: the write operation (chardriver.h) for one job: start
 * printing SIZE bytes of GRANT for request ID. Returns CDEV_SUSPEND (the
 * job completes later with chardriver_complete), 0 for SIZE 0, -EBUSY
 * while another job prints, or the error of the first copy. */
int job_start(uint32_t grant, size_t size, endpoint_t user, uint32_t id);

/* job_cancel: VFS gives up request ID: stop printing it. Returns the bytes
 * handed to the printer, or -EINTR when none were; -EINTR for a request
 * that is not the job. */
int job_cancel(uint32_t id);

/* job_interrupt: IRQ 7 fired: the printer acknowledged a byte; go on. */
void job_interrupt(void);

/* job_alarm: the polling alarm: go on if the printer is ready although
 * no interrupt said so; give up after JOB_TIMEOUT_TICKS of busy. */
void job_alarm(void);

/* job_active: 1 while a job prints. */
int job_active(void);

/* job_waiting: 1 while a byte was handed over and its ACK is awaited. */
int job_waiting(void);

/* job_checkpoint_save: publish the current checkpoint; ACTIVE overrides
 * whether a job counts as cut off (-1: as it is). 0 or DS's error. */
int job_checkpoint_save(int active);

/* job_checkpoint_load: the checkpoint of the previous instance into *CP
 * (zeroes when there is none); the counters continue from it. */
void job_checkpoint_load(struct job_checkpoint *cp);

#endif
