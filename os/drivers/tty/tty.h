/* The terminal driver: the serial console COM1 (minor 0) with a line
 * discipline, mirrored on the VGA text screen. Shared declarations of its
 * files. */
#ifndef TTY_H
#define TTY_H

#include "chardriver.h"
#include "line.h"
#include <abi/devices.h>

#define TTY_SIGQ 8          /* keyboard signals queued for PM */
#define TTY_READERS 8       /* reads that may wait at once */

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
	struct line line;             /* typed input */
	int32_t pgrp;                 /* foreground process group, 0: none */
	struct tty_reader readers[TTY_READERS];  /* waiting reads, oldest
	                                          * first */
	int nreaders;
	struct tty_sig_entry sigq[TTY_SIGQ];  /* signals PM has not fetched */
	int nsig;
};

/* table.c: the driver's operations. */
extern const struct chardriver tty_ops;

/* main.c */
struct tty *tty_get(int minor);

/* serial.c: COM1. */
int serial_init(void);
void serial_write(const char *s, size_t n);
typedef void (*serial_byte_fn)(uint8_t c);
void serial_receive(serial_byte_fn got);

/* vga.c: the VGA text-screen mirror. */
int vga_init(void);
void vga_write(const char *s, size_t n);

/* output.c */
void tty_output(const char *s, size_t n);
void tty_echo(void *ctx, const char *s, size_t n);

/* input.c */
void tty_interrupt(uint32_t irqs);
void tty_input(struct tty *tp, uint8_t c);

/* io.c: the operations of the character-device protocol. */
int tty_open(int minor, int flags, endpoint_t user);
int tty_close(int minor);
int tty_read(int minor, int32_t pos, uint32_t grant, size_t size, int flags,
    endpoint_t user, uint32_t id);
int tty_write(int minor, int32_t pos, uint32_t grant, size_t size, int flags,
    endpoint_t user, uint32_t id);
int tty_cancel(int minor, uint32_t id);
void tty_readers_check(struct tty *tp);

/* ioctl.c */
int tty_ioctl(int minor, uint32_t request, uint32_t grant, endpoint_t user,
    uint32_t id);

/* signal.c: keyboard signals for PM. */
void tty_raise(struct tty *tp, int sig);
int tty_other(message *m);

#endif
