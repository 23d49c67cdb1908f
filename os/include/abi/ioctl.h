/* How a driver numbers its own ioctl requests: the number says how many
 * bytes the argument has and which way it goes, so VFS can pass a request
 * it does not know to the driver (os/servers/vfs/cdev.c). The terminal's
 * requests (abi/termios.h) predate this and are known to VFS by name. */
#ifndef ABI_IOCTL_H
#define ABI_IOCTL_H

/* Bits of a request: 31-30 direction, 29-16 argument size (1 .. 16383
 * bytes), 15-8 the driver's letter, 7-0 the driver's number. */
#define IOC_OUT   0x40000000u     /* the driver writes the argument */
#define IOC_IN    0x80000000u     /* the driver reads the argument */
#define IOC_INOUT (IOC_IN | IOC_OUT)
#define IOC_SIZE_MAX 0x3fffu

#define _IOC(dir, letter, nr, size) \
	((uint32_t) (dir) | (((uint32_t) (size) & IOC_SIZE_MAX) << 16) | \
	 ((uint32_t) (letter) << 8) | (uint32_t) (nr))
/** The driver gives a TYPE back (e.g. a count). */
#define _IOR(letter, nr, type)  _IOC(IOC_OUT, letter, nr, sizeof(type))
/** The driver takes a TYPE. */
#define _IOW(letter, nr, type)  _IOC(IOC_IN, letter, nr, sizeof(type))
/** The driver takes a TYPE and gives one back. */
#define _IOWR(letter, nr, type) _IOC(IOC_INOUT, letter, nr, sizeof(type))

#define IOC_DIR(req)  ((uint32_t) (req) & IOC_INOUT)
#define IOC_SIZE(req) (((uint32_t) (req) >> 16) & IOC_SIZE_MAX)

#endif
