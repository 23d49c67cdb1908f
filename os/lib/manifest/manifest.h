/* Service manifests (/etc/system.conf.d/<label>): the parser RS uses for
 * the boot services, `service up` for the others, and the build's check of
 * every manifest in the image (os/tools/manifest_check.c). Pure code: no
 * system calls, so it builds for the guest (libc.a) and for the host.
 *
 * The format (one service per file):
 *
 *     # comment
 *     service hello {
 *             ipc     vfs;              # labels it may send to (ALL)
 *             system  DEVIO IRQCTL;     # kernel calls (KCALL_LIST names, ALL)
 *             io      378:3 3f8;        # hex port base[:hex count]
 *             irq     7;                # IRQ lines 0-15, not 0 or 2
 *             period  2HZ;              # ticks, or NHZ seconds; 0 = none
 *             restart stateful;         # stateful | reset | never | inplace
 *             core    down update;      # commands RS refuses (ALL)
 *     };
 *
 * A key missing from the file keeps its default: no ipc targets, no extra
 * kernel calls, no ports, no IRQs, period 0, restart stateful, core none.
 *
 * `core` marks a core service: the system cannot go on without it, so RS
 * refuses the listed `service` commands (down, refresh, restart, fi,
 * update; ALL = every one) up front with EPERM, changing nothing. List
 * every command that would not keep the service's state completely. Only
 * boot services may be core (`service up` refuses a manifest with `core`),
 * and `restart never` (its failure halts the system) needs `core ALL`. */
#ifndef MANIFEST_H
#define MANIFEST_H

#include <stddef.h>
#include <stdint.h>
#include <abi/rs.h>

/* Clock ticks per second, as the kernel's clock runs (kernel/kernel.h HZ):
 * "NHZ" in a manifest or a `service` option is N * MANIFEST_HZ ticks. */
#include <abi/clock.h>
#define MANIFEST_HZ CLOCK_HZ

/* Parses the manifest TEXT (LEN bytes, need not end with a NUL) read from
 * FILE (used only in messages) into OUT, which it fills completely.
 * Returns 0, or -EINVAL with "FILE:LINE: message" (NUL-terminated, cut to
 * ERR_SIZE) in ERR; ERR may be NULL when ERR_SIZE is 0. */
int manifest_parse(const char *text, size_t len, const char *file,
    struct rs_manifest *out, char *err, size_t err_size);

/* Fills M with the defaults of a manifest that sets nothing, labelled
 * LABEL (cut to RS_LABEL_MAX - 1 characters). */
void manifest_defaults(struct rs_manifest *m, const char *label);

/* Parses a time value: decimal ticks ("50") or seconds ("2HZ" = 2 *
 * MANIFEST_HZ ticks). Returns 0 with the ticks in *TICKS, or -EINVAL for
 * anything else (empty, other characters, more than INT32_MAX ticks). */
int manifest_parse_time(const char *s, int32_t *ticks);

/* Kernel-call names, from KCALL_LIST: the number (SYS_x) of the call named
 * NAME ("DEVIO"), or -1; and the name of call NR, or NULL. */
int manifest_kcall_lookup(const char *name);
const char *manifest_kcall_name(int nr);

/* Whether the manifest file whose status (fstat of the opened file) is
 * ST may be believed: a regular file owned by root (uid 0), writable by
 * nobody else (neither S_IWGRP nor S_IWOTH). Returns NULL if so, else the
 * reason ("not owned by root", "writable by others", ...), for a message
 * "FILE: REASON". `service` checks every manifest it reads. */
struct stat;
const char *manifest_file_trusted(const struct stat *st);

/* Core commands (manifest "core"): the RS_CORE_* bit of command NAME
 * ("down", "refresh", "restart", "fi", "update"), or 0; and the name of
 * the single bit BIT, or "?". */
uint32_t manifest_core_lookup(const char *name);
const char *manifest_core_name(uint32_t bit);

/* The name of restart policy P (RS_RESTART_*): "stateful", "reset",
 * "never", "inplace", or "?" for anything else. */
const char *manifest_restart_name(int p);

#endif
