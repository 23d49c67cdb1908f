/**
 * @file ds.h
 * @brief Client calls of the data store (DS): typed entries under string
 *        keys, owned by the publisher's label, kept across restarts.
 *
 * Every call sendrecs DS (abi/ds.h) and returns 0 or a negative error.
 */
#ifndef DS_H
#define DS_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/ds.h>

/**
 * @brief Publish (or with DSF_OVERWRITE replace) the u32 KEY = VALUE.
 * @retval -EEXIST KEY exists and DSF_OVERWRITE is not set
 * @retval -EPERM KEY belongs to another label, or the caller has no label
 * @retval -EINVAL KEY is empty or too long, or exists with another type
 * @retval -ENOSPC DS is full
 */
int ds_publish_u32(const char *key, uint32_t value, int flags);
/** @brief Publish the string KEY = VALUE (at most DS_STR_MAX bytes with the
 *  NUL). Errors as ds_publish_u32, and -E2BIG for a too long value. */
int ds_publish_str(const char *key, const char *value, int flags);
/** @brief Publish the memory blob KEY (LEN bytes at DATA, at most
 *  DS_MEM_MAX). Errors as ds_publish_str. */
int ds_publish_mem(const char *key, const void *data, size_t len, int flags);

/**
 * @brief Retrieve the u32 KEY into *VALUE.
 * @retval -ENOENT no such key of this type
 */
int ds_retrieve_u32(const char *key, uint32_t *value);
/** @brief Retrieve the string KEY into BUF (SIZE bytes, NUL-terminated).
 *  @retval -ENOENT no such key @retval -E2BIG BUF is too small */
int ds_retrieve_str(const char *key, char *buf, size_t size);
/** @brief Retrieve the blob KEY into BUF (SIZE bytes); *LEN gets its length.
 *  @retval -ENOENT no such key @retval -E2BIG BUF is too small */
int ds_retrieve_mem(const char *key, void *buf, size_t size, size_t *len);
/** @brief The endpoint of the running service LABEL (published by RS).
 *  @retval -ENOENT no such label */
int ds_retrieve_label_endpt(const char *label, endpoint_t *ep);

/** @brief Delete KEY of TYPE (DS_TYPE_*).
 *  @retval -ENOENT no such key @retval -EPERM not the owner */
int ds_delete(const char *key, int type);

/**
 * @brief Subscribe to changes of keys matching PATTERN ('*' matches any
 *        run of characters). DS notifies the caller on each change; the
 *        caller then calls ds_check() until it returns -ENOENT.
 * @param flags DSF_INITIAL: report keys that already exist as changed
 * @retval -ENOSPC too many subscriptions
 */
int ds_subscribe(const char *pattern, int flags);

/**
 * @brief The next changed key among the caller's subscriptions.
 * @param key buffer for the key (DS_KEY_MAX bytes)
 * @param type out: its type (DS_TYPE_*), 0 when it was deleted
 * @param owner out: the owner's current endpoint (NONE: not running)
 * @retval -ENOENT nothing changed since the last check
 */
int ds_check(char *key, int *type, endpoint_t *owner);

#endif
