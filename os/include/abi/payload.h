/* Message sizes and the compile-time check every payload struct carries. */
#ifndef ABI_PAYLOAD_H
#define ABI_PAYLOAD_H

#include <abi/types.h>

#define MESSAGE_SIZE   64
#define PAYLOAD_SIZE   (MESSAGE_SIZE - 2 * sizeof(int32_t))

/* MESS_PAYLOAD(name): asserts that struct name fits a message payload. */
#define MESS_PAYLOAD(name) \
	_Static_assert(sizeof(struct name) <= PAYLOAD_SIZE, \
	    #name " does not fit in a message payload")

#endif
