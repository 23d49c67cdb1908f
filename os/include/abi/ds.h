/* The data store's protocol (DS, endpoint DS_EP).
 *
 * DS keeps typed entries under string keys: u32 values, strings, memory
 * blobs and labels (label -> endpoint, published by RS). Every entry has an
 * owner, the label of the process that first published it; only a process
 * with that label may overwrite or delete it. Labels survive restarts, so a
 * restarted service finds and may update its own entries: data outlives its
 * owner's crash. A caller DS knows no label for may read but not publish.
 *
 * Subscriptions: DS_SUBSCRIBE with a key pattern ('*' matches any run of
 * characters, e.g. "drv.chr.*"). On every change of a matching key DS
 * notifies the subscriber, which then calls DS_CHECK until -ENOENT to learn
 * the changed keys. DS never sends requests, so nobody deadlocks on it.
 *
 * Keys and strings are NUL-terminated in the caller's memory; DS copies
 * them with SYS_VIRCOPY. key_len is the size of the caller's key buffer
 * (at most DS_KEY_MAX bytes are read or written).
 *
 * Driver up: a character driver announces itself by publishing the u32
 * "drv.chr.<label>" = its device major (os/lib/chardriver does it). VFS
 * subscribes to "drv.chr.*" and binds the major to the publisher's endpoint
 * (DS_CHECK and DS_RETRIEVE return the owner's current endpoint). */
#ifndef ABI_DS_H
#define ABI_DS_H

#include <abi/payload.h>

#define DS_BASE 0xB00
#define DS_PUBLISH    (DS_BASE + 0)  /* ds_req: key, type, value -> 0 */
#define DS_RETRIEVE   (DS_BASE + 1)  /* ds_req: key, type, buf -> 0; out
                                      * val_u32 (u32, label: endpoint) or
                                      * val_len, owner */
#define DS_DELETE     (DS_BASE + 2)  /* ds_req: key, type -> 0 */
#define DS_SUBSCRIBE  (DS_BASE + 3)  /* ds_req: key = pattern, flags -> 0 */
#define DS_CHECK      (DS_BASE + 4)  /* ds_req: key = buffer for the key ->
                                      * 0, out type, owner; -ENOENT: none */

#define DS_KEY_MAX  64       /* bytes, NUL included */
#define DS_STR_MAX  256      /* string values, NUL included */
#define DS_MEM_MAX  4096     /* memory blobs */
#define DS_MAX_ENTRIES 256
#define DS_MAX_SUBS 32

/* Entry types. */
#define DS_TYPE_U32   1
#define DS_TYPE_STR   2
#define DS_TYPE_MEM   3
#define DS_TYPE_LABEL 4      /* value: an endpoint; only RS publishes these */

/* ds_req.flags */
#define DSF_OVERWRITE 0x1    /* PUBLISH: replace an existing entry */
#define DSF_INITIAL   0x2    /* SUBSCRIBE: report existing matches too */

struct mess_ds_req {
	vir_bytes key;           /* the key (or pattern, or CHECK's buffer) */
	uint32_t key_len;        /* bytes DS may read/write there */
	int32_t type;            /* DS_TYPE_*; out for CHECK */
	uint32_t flags;          /* DSF_* */
	uint32_t val_u32;        /* u32/label value; out for RETRIEVE */
	vir_bytes val;           /* STR/MEM: the value (or RETRIEVE's buffer) */
	uint32_t val_len;        /* its size; out for RETRIEVE: bytes stored */
	endpoint_t owner;        /* out: RETRIEVE, CHECK: the owner's endpoint
	                          * (NONE when it is not running) */
};
MESS_PAYLOAD(mess_ds_req);

#endif
