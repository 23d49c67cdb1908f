/* The host test's fakes (fake.c): the wire and the completions. */
#ifndef INET_FAKE_H
#define INET_FAKE_H

#define WIRE_MAX 256
#define MAX_DONE 64
#define MAX_SUSP 64

struct wire {
	int n;                     /* frames sent (may exceed WIRE_MAX) */
	int refuse;                /* drv_xmit answers -EAGAIN */
	int dead;                  /* drv_xmit fails: the driver died */
	size_t len[WIRE_MAX];
	uint8_t f[WIRE_MAX][NDEV_FRAME_MAX];
};
extern struct wire wire;

struct completions {
	int n;
	int lost;                  /* completions of requests not suspended */
	uint32_t susp[MAX_SUSP];   /* requests suspended, not completed */
	uint32_t id[MAX_DONE];
	int status[MAX_DONE];
};
extern struct completions done;
extern uint32_t sel_minor, sel_ops;
void fake_suspended(uint32_t id);

#endif
