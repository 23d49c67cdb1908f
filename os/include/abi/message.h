/* The fixed-size message every IPC carries: 64 bytes.
 *
 * A message is a source, a type and a payload. Each request has its own
 * payload struct, named mess_<from>_<to>_<call>, declared with MESS_PAYLOAD so
 * its size is checked at compile time against the 56 bytes available. */
#ifndef ABI_MESSAGE_H
#define ABI_MESSAGE_H

#include <abi/types.h>

#define MESSAGE_SIZE   64
#define PAYLOAD_SIZE   (MESSAGE_SIZE - 2 * sizeof(int32_t))

/* MESS_PAYLOAD(name): asserts that struct name fits a message payload. */
#define MESS_PAYLOAD(name) \
	_Static_assert(sizeof(struct name) <= PAYLOAD_SIZE, \
	    #name " does not fit in a message payload")

/* Kernel call: print a string on the console and into the kernel log. */
struct mess_kc_diag {
	vir_bytes buf;       /* caller's address of the text */
	uint32_t len;        /* its length in bytes */
};
MESS_PAYLOAD(mess_kc_diag);

/* Kernel call: the calling process ends with a status. */
struct mess_kc_exit {
	int32_t status;
};
MESS_PAYLOAD(mess_kc_exit);

/* Kernel call: halt or power off the machine. */
struct mess_kc_shutdown {
	int32_t how;         /* SHUTDOWN_POWEROFF, SHUTDOWN_REBOOT, SHUTDOWN_PANIC */
};
MESS_PAYLOAD(mess_kc_shutdown);

#define SHUTDOWN_POWEROFF 0
#define SHUTDOWN_REBOOT   1
#define SHUTDOWN_PANIC    2

typedef struct {
	endpoint_t m_source;   /* filled in by the kernel, never trusted */
	int32_t m_type;        /* request or reply code */
	union {
		struct mess_kc_diag kc_diag;
		struct mess_kc_exit kc_exit;
		struct mess_kc_shutdown kc_shutdown;
		uint8_t raw[PAYLOAD_SIZE];
	} u;
} message;

_Static_assert(sizeof(message) == MESSAGE_SIZE, "message must be 64 bytes");

#endif
