/**
 * @file dsstate.h
 * @brief Keeping a driver's state in the data store across a crash restart
 *        and a live update, whatever its size, with a layout version and a
 *        migration hook.
 *
 * A DS memory blob holds at most DS_MEM_MAX (4,096) bytes. This helper
 * cuts a state of up to DS_STATE_MAX bytes into chunks, published as the
 * blobs `NAME.0`, `NAME.1`, ... (NAME is `LABEL.state` unless the driver
 * names it), and then, last, a header blob `NAME` with the state's size,
 * its layout version and a CRC-32 of its bytes. A save cut short (the
 * driver crashed half-way) leaves an old header that does not match the new
 * chunks: ds_state_restore() finds the checksum wrong and says so, it never
 * hands back a mix of two states.
 *
 * Use: describe the state once in a struct ds_state, call ds_state_save()
 * whenever it changed (and in the SEF state-save callback), and
 * ds_state_restore() in the init callbacks of a restart and of a live
 * update. When the saved state has another layout version (the new version
 * of a live update changed the layout), ds_state_restore() calls the
 * driver's migrate hook with the old version and the old bytes; when there
 * is no hook, or it cannot convert that version, the restore fails with
 * -ENOSYS: returned from the live-update init callback, RS rolls the update
 * back and the old version keeps running with its state (`service update`
 * exits 78).
 *
 * Every failure returns a negative error and leaves a sentence saying what
 * went wrong in ds_state_error() (for a log line such as "template: state
 * not restored: chunk 2 of 4 (template.state.2) is missing: the state is
 * incomplete"). The state's memory is changed only by a restore that
 * succeeds (a failed migration leaves it zeroed).
 *
 * Limits: DS holds DS_MAX_ENTRIES (256) entries for the whole system; a
 * state takes one entry per DS_STATE_CHUNK bytes plus one for the header
 * (a 16 KiB state: 5 entries). Saving costs one DS request per chunk.
 */
#ifndef DSSTATE_H
#define DSSTATE_H

#include <abi/types.h>
#include <abi/ds.h>

/** @brief Bytes of state in one chunk (one DS memory blob). */
#define DS_STATE_CHUNK DS_MEM_MAX
/** @brief At most this many chunks. */
#define DS_STATE_CHUNKS_MAX 16
/** @brief The largest state kept: 64 KiB. */
#define DS_STATE_MAX (DS_STATE_CHUNK * DS_STATE_CHUNKS_MAX)

/**
 * @brief A migration hook: convert a state saved with another layout
 *        version into this version's layout.
 * @param old_version the layout version the bytes were saved with
 * @param old the saved bytes (checked: complete, checksum right)
 * @param old_len their number
 * @param state this version's state, to fill (zeroed before the call,
 *        and again when the hook fails)
 * @param size its size
 * @return 0 when @p state holds the converted state.
 * @retval -ENOSYS no migration from @p old_version (the restore then fails
 *         with -ENOSYS: a live update is rolled back)
 * @retval -EINVAL the old bytes make no sense (any other negative error is
 *         passed on too)
 */
typedef int (*ds_state_migrate_t)(uint32_t old_version, const void *old,
    size_t old_len, void *state, size_t size);

/** @brief What a driver keeps, described once. */
struct ds_state {
	const char *name;          /**< key prefix; NULL: "LABEL.state" */
	uint32_t version;          /**< this build's layout version (>= 1) */
	void *data;                /**< the state in memory */
	size_t size;               /**< its size (at most DS_STATE_MAX) */
	ds_state_migrate_t migrate; /**< converts older layouts; NULL: none */
};

/**
 * @brief Save the state: its chunks, then its header.
 * @param st the state's description
 * @return 0 when DS holds the state.
 * @retval -E2BIG @p st->size is above DS_STATE_MAX
 * @retval -EINVAL no name and no label, the name is too long for the
 *         chunk keys, or a key of the state exists with another type
 * @retval -EPERM the keys belong to another label
 * @retval -ENOSPC DS is full (DS_MAX_ENTRIES entries)
 * @retval -ENOMEM DS is out of memory
 */
int ds_state_save(const struct ds_state *st);

/**
 * @brief Restore the state saved last: check it is whole and unchanged,
 *        copy it to @p st->data, or migrate it when it has another layout
 *        version. On a failure @p st->data is left as it was, except after
 *        a failed migration: zeroed then. Uses no heap (a static buffer of
 *        DS_STATE_MAX bytes), so it works in any init callback.
 * @param st the state's description
 * @param old_version gets the version the state was saved with (may be
 *        NULL; set whenever the header was read)
 * @return 0 when @p st->data holds the state.
 * @retval -ENOENT nothing saved under the name (a first start)
 * @retval -EINVAL the header is not a state header, or the state has this
 *         version but another size (the layout changed but not the
 *         version number)
 * @retval -E2BIG the saved state is bigger than DS_STATE_MAX
 * @retval -EIO a chunk is missing or of the wrong size (incomplete), or the
 *         checksum is wrong (corrupt, or a save was cut short)
 * @retval -ENOSYS the state has another version and there is no
 *         migration for it
 */
int ds_state_restore(const struct ds_state *st, uint32_t *old_version);

/**
 * @brief Delete the saved state (the header first, then the chunks).
 * @param st the state's description
 * @return 0, also when nothing was saved.
 * @retval -EPERM the keys belong to another label
 * @retval -EINVAL no name and no label, or the name is too long
 */
int ds_state_delete(const struct ds_state *st);

/**
 * @brief Why the last ds_state_save(), ds_state_restore() or
 *        ds_state_delete() failed.
 * @return a sentence without a final period ("" after a success)
 */
const char *ds_state_error(void);

/**
 * @brief The CRC-32 (IEEE 802.3, as zlib computes it) of LEN bytes.
 * @param data the bytes
 * @param len their number
 * @return the checksum
 */
uint32_t ds_state_crc32(const void *data, size_t len);

#endif
