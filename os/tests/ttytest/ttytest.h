/* ttytest: a boot-module test program that plays VFS (and PM) for the
 * terminal and memory-device drivers. Shared declarations of its files;
 * cases and checks are the test kit's (os/tests/kit/kit.h). */
#ifndef TTYTEST_H
#define TTYTEST_H

#include <stdio.h>
#include <string.h>
#include "syslib.h"
#include "chardriver.h"
#include <abi/devices.h>
#include <abi/fcntl.h>
#include <abi/termios.h>
#include "../kit/kit.h"

/* The drivers under test (main.c). */
extern endpoint_t tt_tty, tt_memdev;

/* ---- the VFS side of the protocol (cdev.c) ---- */
/* tt_call: send request TYPE with payload *REQ to EP and wait for the
 * reply; returns the reply's status (or the IPC error), *REPLY_TYPE its
 * m_type (if not NULL). */
int tt_call(endpoint_t ep, int type, struct mess_cdev_req *req,
    int *reply_type);
int tt_open(endpoint_t ep, int minor);
int tt_close(endpoint_t ep, int minor);
/* tt_read: CDEV_READ of SIZE bytes into BUF; *ID gets the request's id.
 * A suspended read keeps its grant until tt_await or tt_cancel. */
int tt_read(endpoint_t ep, int minor, void *buf, size_t size, int flags,
    uint32_t *id);
int tt_write(endpoint_t ep, int minor, const void *buf, size_t size);
/* tt_ioctl: CDEV_IOCTL REQUEST with the SIZE-byte argument ARG. */
int tt_ioctl(endpoint_t ep, int minor, uint32_t request, void *arg,
    size_t size);
int tt_cancel(endpoint_t ep, uint32_t id);
/* tt_status: one CDEV_STATUS; returns its m_type, *ID and *STATUS the
 * reply's fields. */
int tt_status(endpoint_t ep, uint32_t *id, int *status);
/* tt_await: wait (at most TIMEOUT_S seconds) until EP completes request
 * ID; 0 and *STATUS its result, or -EINTR at the timeout. */
int tt_await(endpoint_t ep, uint32_t id, int timeout_s, int *status);
/* tt_await_signal: wait (at most TIMEOUT_S seconds) for a signal from the
 * terminal; 0 and *SIG, or -EINTR at the timeout. */
int tt_await_signal(int timeout_s, struct mess_tty_sig *sig);
/* tt_signals_left: how many signals have been collected but not taken
 * with tt_await_signal (after asking the terminal once more). */
int tt_signals_left(void);

/* ---- the cases (memdev.c, tty.c, typed.c): the kit's TEST(name) ---- */
/* tt_show: print "ttytest: NAME -> N "BYTES"" for a read's result. */
void tt_show(const char *name, int n, const char *buf);

#endif
