/* The terminal driver: the serial console COM1 (minor 0) with a line
 * discipline, mirrored on the VGA text screen, and the test agent's
 * channel COM3 (minor 2, exclusive). Shared declarations of its files. */
#ifndef TTY_H
#define TTY_H

#include "chardriver.h"
#include "line.h"
#include <abi/devices.h>

#define TTY_SIGQ 8          /* keyboard signals queued for PM */
#define TTY_READERS 8       /* reads that may wait at once */
#define TTY_IRQ 4           /* COM1's and COM3's interrupt line */

/* A 16550 UART. */
#define UART_HOLD 512                 /* bytes held during output */

struct uart {
	uint16_t base;                /* first I/O port */
	unsigned tx_burst;            /* bytes the transmitter takes at once */
	int present;                  /* found and set up */
	int rx_on;                    /* its input is on (serial_rx) */
	int stalled;                  /* the transmitter did not drain within
	                               * THRE_WAIT_MS: wait briefly until it
	                               * drains again */
	/* Bytes taken from the receiver while output waited for the
	 * transmitter (a 16-byte FIFO overflows meanwhile on Bochs, which then
	 * drops bytes): a ring, handed to the line discipline first by the
	 * next serial_receive. */
	uint8_t held[UART_HOLD];
	unsigned held_head, held_count;
};

/* A read that waits for input. */
struct tty_reader {
	uint32_t id;                  /* its request id */
	uint32_t grant;               /* VFS's grant for the buffer */
	size_t size;                  /* bytes wanted */
};

struct tty_sig_entry {
	int32_t pgid;
	int32_t sig;
};

/* One terminal. */
struct tty {
	int minor;                    /* its unit (abi/devices.h) */
	struct line line;             /* typed input */
	struct uart *uart;            /* its serial line */
	int vga;                      /* output also on the VGA screen */
	int exclusive;                /* one open at a time; each open starts
	                               * afresh (input dropped, defaults) */
	int opens;                    /* opens not closed yet */
	int32_t pgrp;                 /* foreground process group, 0: none */
	struct tty_reader readers[TTY_READERS];  /* waiting reads, oldest
	                                          * first */
	int nreaders;
	struct tty_sig_entry sigq[TTY_SIGQ];  /* signals PM has not fetched */
	int nsig;
	uint32_t seal;                /* checksum of the settings, the group
	                               * and the opens (tty_seal, keep.c) */
};

/* table.c: the driver's operations. */
extern const struct chardriver tty_ops;

/* main.c */
struct tty *tty_get(int minor);
extern struct tty *const tty_all[];   /* every terminal, for the interrupt */
extern const int tty_count;

/* serial.c: the UARTs. */
int serial_probe(const struct uart *u);
void serial_program(struct uart *u);
void serial_start(struct uart *u);
void serial_rx(struct uart *u, int on);
void serial_write(struct uart *u, const char *s, size_t n);
typedef void (*serial_byte_fn)(struct tty *tp, uint8_t c);
int serial_receive(struct uart *u, serial_byte_fn got, struct tty *tp);
/* serial_held: whether U holds bytes it took during output. */
int serial_held(const struct uart *u);

/* serial_rearm: write U's interrupt enable again for its input state
 * (after a restart that kept the state; nothing is dropped). */
void serial_rearm(struct uart *u);

/* vga.c: the VGA text-screen mirror. */
int vga_init(void);
void vga_write(const char *s, size_t n);
/* vga_kept: the kept screen's hardware cursor set again. */
void vga_kept(void);

/* output.c */
void tty_output(struct tty *tp, const char *s, size_t n);
void tty_echo(void *ctx, const char *s, size_t n);

/* input.c */
void tty_interrupt(uint32_t irqs);
void tty_alarm(uint32_t now);
void tty_poll_arm(void);
void tty_input(struct tty *tp, uint8_t c);
/* tty_drain: pass every byte the UARTs hold (in the receiver or held
 * during output) to the terminals' line disciplines. Not reentrant: a
 * call made while one runs returns at once (that one takes the bytes). */
void tty_drain(void);
/* tty_input_kept: forget what the previous instance was doing (a drain
 * under way, an alarm armed) and arm the backstop again if reads wait. */
void tty_input_kept(void);

/* io.c: the operations of the character-device protocol. */
int tty_open(const struct chardriver_req *req);
int tty_close(const struct chardriver_req *req);
int tty_read(const struct chardriver_req *req);
int tty_write(const struct chardriver_req *req);
int tty_cancel(const struct chardriver_req *req);
int tty_select(const struct chardriver_req *req);
void tty_readers_check(struct tty *tp);

/* ioctl.c */
int tty_ioctl(const struct chardriver_req *req);

/* keep.c: the kept state (SEF_INIT_KEPT). */
/* tty_seal: TP's settings, group or opens changed: seal them again. */
void tty_seal(struct tty *tp);
/* tty_state_check: the state check callback (sef.h): the library's state
 * and every terminal's (input ring, UART, opens, group, waiting reads,
 * queued signals; the sealed settings); 0, or -EINVAL with one line in
 * WHY. */
int tty_state_check(char *why, size_t len);
/* tty_state_corrupt: the corrupt hook (sef.h, `service fi tty corrupt`):
 * the first terminal's foreground group changed without sealing it
 * again, so tty_state_check refuses the state. Returns 0; WHAT (LEN
 * bytes) says which terminal. */
int tty_state_corrupt(char *what, size_t len);
/* tty_kept: the init of a start that kept the memory (SEF ran
 * tty_state_check before): take the IRQ again, re-arm the UARTs, take the
 * bytes typed while down, complete reads that can, tell VFS and PM again
 * of what waits for them. Returns 0. */
int tty_kept(const struct sef_init_info *info);

/* signal.c: keyboard signals for PM. */
void tty_raise(struct tty *tp, int sig);
int tty_other(message *m);

#endif
