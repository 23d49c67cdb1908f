/**
 * @file sdk/include/ds.h
 * @brief Client calls of the data store (DS): typed entries under string
 *        keys, owned by the publisher's label, kept across restarts.
 *
 * Every call sendrecs DS (abi/ds.h) and returns 0 or a negative error.
 *
 * Limits (abi/ds.h), the same for every caller:
 * - a key: at most DS_KEY_MAX (64) bytes with its NUL;
 * - a string value: at most DS_STR_MAX (256) bytes with its NUL;
 * - a memory blob: at most DS_MEM_MAX (4,096) bytes; a bigger one is
 *   refused with -E2BIG and nothing is stored. A state bigger than that
 *   goes through dsstate.h (ds_state_save(), ds_state_restore()), which
 *   splits it over several blobs (up to DS_STATE_MAX, 64 KiB) and checks
 *   it whole on the way back;
 * - entries: DS_MAX_ENTRIES (256) for the whole system (-ENOSPC when
 *   full); subscriptions: DS_MAX_SUBS (32).
 * Values live in DS's memory: they survive their owner's crash and
 * restart, not a reboot.
 */
#ifndef DS_H
#define DS_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/ds.h>

/**
 * @brief Publish (or with DSF_OVERWRITE replace) the u32 entry KEY = VALUE.
 * @param key the key (at most DS_KEY_MAX bytes with the NUL)
 * @param value the value
 * @param flags 0, or DSF_OVERWRITE to replace an existing entry
 * @return 0 when published.
 * @retval -EEXIST @p key exists and DSF_OVERWRITE is not set
 * @retval -EPERM @p key belongs to another label, or the caller has no label
 * @retval -EINVAL @p key is empty or too long, or exists with another type
 * @retval -ENOSPC DS is full
 * @retval -ENOMEM DS is out of memory for the value
 */
int ds_publish_u32(const char *key, uint32_t value, int flags);

/**
 * @brief Publish (or replace) the string entry KEY = VALUE.
 * @param key the key (at most DS_KEY_MAX bytes with the NUL)
 * @param value the string (at most DS_STR_MAX bytes with the NUL)
 * @param flags 0, or DSF_OVERWRITE to replace an existing entry
 * @return 0 when published.
 * @retval -EEXIST @p key exists and DSF_OVERWRITE is not set
 * @retval -EPERM @p key belongs to another label, or the caller has no label
 * @retval -EINVAL @p key is empty or too long, or exists with another type
 * @retval -E2BIG @p value is too long
 * @retval -ENOSPC DS is full
 * @retval -ENOMEM DS is out of memory for the value
 */
int ds_publish_str(const char *key, const char *value, int flags);

/**
 * @brief Publish (or replace) the memory blob KEY: LEN bytes at DATA.
 * @param key the key (at most DS_KEY_MAX bytes with the NUL)
 * @param data the bytes
 * @param len their number (at most DS_MEM_MAX)
 * @param flags 0, or DSF_OVERWRITE to replace an existing entry
 * @return 0 when published.
 * @retval -EEXIST @p key exists and DSF_OVERWRITE is not set
 * @retval -EPERM @p key belongs to another label, or the caller has no label
 * @retval -EINVAL @p key is empty or too long, or exists with another type
 * @retval -E2BIG @p len is above DS_MEM_MAX
 * @retval -ENOSPC DS is full
 * @retval -ENOMEM DS is out of memory for the value
 */
int ds_publish_mem(const char *key, const void *data, size_t len, int flags);

/**
 * @brief Retrieve the u32 entry KEY.
 * @param key the key
 * @param value gets the value
 * @return 0 when @p value holds it.
 * @retval -ENOENT no u32 entry @p key
 * @retval -EINVAL @p key is empty or too long
 */
int ds_retrieve_u32(const char *key, uint32_t *value);

/**
 * @brief Retrieve the string entry KEY.
 * @param key the key
 * @param buf gets the string, NUL-terminated
 * @param size the size of @p buf
 * @return 0 when @p buf holds it.
 * @retval -ENOENT no string entry @p key
 * @retval -EINVAL @p key is empty or too long
 * @retval -E2BIG @p buf is too small
 */
int ds_retrieve_str(const char *key, char *buf, size_t size);

/**
 * @brief Retrieve the memory blob KEY.
 * @param key the key
 * @param buf gets the bytes
 * @param size the size of @p buf
 * @param len gets the blob's length
 * @return 0 when @p buf holds it.
 * @retval -ENOENT no blob @p key
 * @retval -EINVAL @p key is empty or too long
 * @retval -E2BIG @p buf is too small
 */
int ds_retrieve_mem(const char *key, void *buf, size_t size, size_t *len);

/**
 * @brief The endpoint of the running service LABEL (RS publishes it).
 * @param label the service's label
 * @param ep gets its endpoint
 * @return 0 when @p ep holds it.
 * @retval -ENOENT no running service @p label
 */
int ds_retrieve_label_endpt(const char *label, endpoint_t *ep);

/**
 * @brief Delete the entry KEY of type TYPE.
 * @param key the key
 * @param type its type (DS_TYPE_*)
 * @return 0 when deleted.
 * @retval -ENOENT no entry @p key of type @p type
 * @retval -EPERM the entry belongs to another label
 * @retval -EINVAL @p key is empty or too long
 */
int ds_delete(const char *key, int type);

/**
 * @brief Subscribe to changes of keys matching PATTERN. DS notifies the
 *        caller on each change; the caller then calls ds_check() until it
 *        returns -ENOENT.
 * @param pattern the keys to watch ('*' matches any run of characters)
 * @param flags DSF_INITIAL: report keys that already exist as changed
 * @return 0 when subscribed.
 * @retval -ENOSPC too many subscriptions
 * @retval -EINVAL @p pattern is empty or too long
 */
int ds_subscribe(const char *pattern, int flags);

/**
 * @brief The next changed key among the caller's subscriptions.
 * @param key buffer for the key (DS_KEY_MAX bytes)
 * @param type out: its type (DS_TYPE_*), 0 when it was deleted
 * @param owner out: the owner's current endpoint (NONE: not running)
 * @return 0 when @p key holds a changed key.
 * @retval -ENOENT nothing changed since the last check
 */
int ds_check(char *key, int *type, endpoint_t *owner);

#endif
