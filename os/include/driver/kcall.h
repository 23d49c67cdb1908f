/**
 * @file kcall.h
 * @brief Kernel calls for drivers: port I/O, IRQ control, alarms, times,
 *        safe copies and memory grants.
 *
 * Each function sends one kernel call to the SYSTEM task and waits for its
 * answer. Every one of them can fail with -ECALLDENIED when the driver's
 * privileges do not include the call: a manifest grants the calls of
 * RS_BASIC_KCALLS (abi/rs.h: times, alarms, grants, safe copies, ...) to
 * every service; port I/O needs `io` and `system DEVIO;`, IRQs `irq` and
 * `system IRQCTL;` (os/lib/manifest/manifest.h). Errors are negative
 * numbers from abi/errno.h. os/lib/sys/syslib.h includes this header: these
 * are declared here and nowhere else.
 */
#ifndef KCALL_H
#define KCALL_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/errno.h>
#include <abi/grant.h>
#include <abi/message.h>

/* ---- port I/O (sys_devio.c) ---- */

/**
 * @brief Read an I/O port.
 * @param port the port number (0-0xFFFF)
 * @param value where the value read goes (zero-extended)
 * @param size the width in bytes: 1, 2 or 4
 * @return 0 when *value holds the port's value.
 * @retval -EINVAL @p size is not 1, 2 or 4
 * @retval -EPERM the ports are outside the driver's `io` ranges (the
 *         kernel logs it)
 * @retval -ECALLDENIED the driver may not use SYS_DEVIO
 */
int sys_in(unsigned port, uint32_t *value, int size);

/**
 * @brief Write an I/O port.
 * @param port the port number (0-0xFFFF)
 * @param value the value (its low @p size bytes are written)
 * @param size the width in bytes: 1, 2 or 4
 * @return 0 when the value was written.
 * @retval -EINVAL @p size is not 1, 2 or 4
 * @retval -EPERM the ports are outside the driver's `io` ranges (the
 *         kernel logs it)
 * @retval -ECALLDENIED the driver may not use SYS_DEVIO
 */
int sys_out(unsigned port, uint32_t value, int size);

/**
 * @brief Move a string of values between one I/O port and memory (rep
 *        ins / rep outs): a disk block in one call.
 * @param dir DIO_IN (port to @p buf) or DIO_OUT (@p buf to port)
 *        (abi/message.h)
 * @param port the port number (0-0xFFFF)
 * @param buf the caller's buffer, @p count * @p size bytes
 * @param count how many values (1 .. SDEVIO_MAX_BYTES / @p size)
 * @param size the width of each value in bytes: 2 or 4
 * @return 0 when every value was moved.
 * @retval -EINVAL a bad @p dir, @p size or @p count
 * @retval -EPERM the port is outside the driver's `io` ranges (the
 *         kernel logs it)
 * @retval -EFAULT @p buf is not the caller's memory (DIO_IN: the values
 *         were read from the port and are lost)
 * @retval -ECALLDENIED the driver may not use SYS_SDEVIO (its manifest's
 *         `system` must list SDEVIO)
 */
int sys_sdevio(int dir, unsigned port, void *buf, uint32_t count, int size);

/* ---- IRQ control (sys_irqctl.c) ---- */

/**
 * @brief Control a hardware interrupt line.
 *
 * IRQ_SETPOLICY routes the line to the caller and unmasks it; when it
 * fires, the kernel masks it and sends the caller a notification from
 * HARDWARE (m.u.notify.irqs has bit @p irq set; the character-driver
 * library calls the driver's interrupt operation). IRQ_ENABLE unmasks it
 * again after handling, IRQ_DISABLE masks it, IRQ_RMPOLICY stops routing.
 * A PCI device's line (added to the driver's privileges when it reserved
 * the device, pci.h) may be shared: several drivers route it, each is
 * notified, and the line is unmasked once every one of them made
 * IRQ_ENABLE; a driver whose device did not interrupt just enables it.
 * @param request IRQ_SETPOLICY, IRQ_RMPOLICY, IRQ_ENABLE or IRQ_DISABLE
 *        (abi/message.h)
 * @param irq the line: 1 or 3-15
 * @return 0 when done.
 * @retval -EINVAL a bad request, or IRQ 0, 2 or above 15
 * @retval -EPERM the line is not in the driver's `irq` list, or another
 *         process owns it
 * @retval -EBUSY another live process owns the line and it is not a
 *         shareable PCI line for both (IRQ_SETPOLICY)
 * @retval -ECALLDENIED the driver may not use SYS_IRQCTL
 */
int sys_irqctl(int request, int irq);

/* ---- time (sys_setalarm.c, sys_times.c, clock_time.c) ---- */

/**
 * @brief Set, replace or cancel the caller's one alarm.
 *
 * When it expires, the caller gets a notification from CLOCK (the
 * character-driver library calls the driver's alarm operation).
 * @param ticks the delay in clock ticks (the rate is sys_times()'s hz), or
 *        the tick to expire at when @p absolute; 0 cancels the alarm
 * @param absolute nonzero: @p ticks is a time since boot, not a delay
 * @param remaining if not NULL, gets the ticks the previous alarm had left
 *        (0 for none)
 * @return 0 when the alarm is set.
 * @retval -ECALLDENIED the driver may not use SYS_SETALARM
 */
int sys_setalarm(uint32_t ticks, int absolute, uint32_t *remaining);

/**
 * @brief A process's CPU time, the uptime and the clock rate.
 * @param ep whose times: SELF for the caller, or any live process
 * @param out gets user_ticks, sys_ticks, uptime (ticks since boot), hz
 *        (ticks per second) and boottime (the wall clock at tick 0, in
 *        seconds since 1970-01-01 00:00 UTC, read from the CMOS clock at
 *        boot; 0 when the kernel could not read it)
 * @return 0 when @p out is filled in.
 * @retval -EINVAL @p ep is not a valid endpoint
 * @retval -EDEADSRCDST @p ep's process is gone
 * @retval -ECALLDENIED the driver may not use SYS_TIMES
 */
int sys_times(endpoint_t ep, struct mess_kc_times *out);

/**
 * @brief The wall clock, for servers and drivers: what time() says,
 *        without asking PM.
 *
 * A server must not wait for PM (PM may be waiting for it: time() asks
 * PM); this asks the kernel (SYS_TIMES): boottime + uptime / hz. A file
 * server stamps its files with it.
 * @return seconds since 1970-01-01 00:00 UTC (only the seconds since
 *         boot when the kernel read no clock); 0 when SYS_TIMES fails
 *         (-ECALLDENIED: the manifest lacks TIMES)
 */
uint32_t clock_time(void);

/* ---- safe copies through grants (sys_safecopy.c) ---- */

/**
 * @brief Copy from another process's memory through a grant it made.
 * @param granter the process that made the grant (for a driver: the
 *        endpoint in the request, usually VFS)
 * @param grant the grant id
 * @param offset where to start, in bytes from the start of the grant
 * @param addr the caller's buffer
 * @param bytes how many bytes
 * @return 0 when all @p bytes were copied.
 * @retval -EINVAL @p granter is not a valid endpoint
 * @retval -EDEADSRCDST @p granter is gone
 * @retval -EPERM the grant does not allow it: unknown, revoked or stale,
 *         made for another process, not readable, or @p offset + @p bytes
 *         past its size
 * @retval -EFAULT either side's memory is not valid
 * @retval -ECALLDENIED the driver may not use SYS_SAFECOPYFROM
 */
int sys_safecopyfrom(endpoint_t granter, uint32_t grant, uint32_t offset,
    void *addr, size_t bytes);

/**
 * @brief Copy into another process's memory through a grant it made.
 * @param granter the process that made the grant
 * @param grant the grant id
 * @param offset where to start, in bytes from the start of the grant
 * @param addr the caller's data
 * @param bytes how many bytes
 * @return 0 when all @p bytes were copied.
 * @retval -EINVAL @p granter is not a valid endpoint
 * @retval -EDEADSRCDST @p granter is gone
 * @retval -EPERM the grant does not allow it: unknown, revoked or stale,
 *         made for another process, not writable, or @p offset + @p bytes
 *         past its size
 * @retval -EFAULT either side's memory is not valid
 * @retval -ECALLDENIED the driver may not use SYS_SAFECOPYTO
 */
int sys_safecopyto(endpoint_t granter, uint32_t grant, uint32_t offset,
    const void *addr, size_t bytes);

/* ---- the caller's own grants (grant.c, sys_setgrant.c) ---- */

/** @brief The number of grants a process can hold at once. */
#define GRANT_TABLE_SIZE 64

/**
 * @brief Register the caller's grant table with the kernel.
 *
 * cpf_grant_direct() does it on first use: drivers rarely call it.
 * @param table the table (it stays in the caller's memory; the kernel
 *        reads it on every safe copy)
 * @param count its number of entries
 * @return 0 when registered.
 * @retval -EINVAL more than 65536 entries
 * @retval -EFAULT the table is not in the caller's memory
 * @retval -ECALLDENIED the caller may not use SYS_SETGRANT
 */
int sys_setgrant(struct grant_entry *table, unsigned count);

/**
 * @brief Let another process copy from or into a range of the caller's
 *        memory.
 * @param grantee the only process that may use the grant
 * @param addr the start of the range
 * @param size its length in bytes
 * @param access GRANT_READ, GRANT_WRITE or both (abi/grant.h)
 * @return the grant id, to pass to @p grantee.
 * @retval GRANT_INVALID all GRANT_TABLE_SIZE grants are in use, or the
 *         table could not be registered
 */
uint32_t cpf_grant_direct(endpoint_t grantee, vir_bytes addr, size_t size,
    int access);

/**
 * @brief Let another process copy from or into a range of a THIRD
 *        process's memory (a magic grant, abi/grant.h GRANT_MAGIC).
 *
 * Only a caller with PRIV_MAGIC_GRANT (VFS) makes one that works: for
 * anyone else the kernel refuses every copy through it (-EPERM). VFS
 * makes one on a user's buffer for the driver of the user's read or
 * write, and revokes it when the request ends.
 * @param grantee the only process that may use the grant
 * @param owner the process whose memory the range is (its endpoint: the
 *        grant dies with that process)
 * @param addr the start of the range in @p owner
 * @param size its length in bytes
 * @param access GRANT_READ, GRANT_WRITE or both
 * @return the grant id, to pass to @p grantee.
 * @retval GRANT_INVALID no free entry, the table could not be
 *         registered, or @p owner is NONE or ANY
 */
uint32_t cpf_grant_magic(endpoint_t grantee, endpoint_t owner,
    vir_bytes addr, size_t size, int access);

/**
 * @brief Revoke a grant: it stops working at once.
 * @param grant a grant id from cpf_grant_direct() or cpf_grant_magic()
 * @return 0 when revoked.
 * @retval -EINVAL @p grant is not one of the caller's valid grants
 */
int cpf_revoke(uint32_t grant);

/* ---- identity (sys_getinfo.c) ---- */

/**
 * @brief The caller's own endpoint.
 * @return the endpoint (which changes when RS restarts or updates the
 *         driver); NONE if the kernel does not answer.
 */
endpoint_t sys_self(void);

#endif
