/* Device majors: which driver serves which device files. Declared once;
 * VFS binds majors to drivers from it and os/rootfs/proto names the files.
 * X(NAME, major, driver endpoint) */
#ifndef ABI_DEVICES_H
#define ABI_DEVICES_H

#include <abi/boot.h>

#define DEVICE_LIST(X) \
	X(MEMORY, 1, MEMDEV_EP)   /* /dev/null 3, /dev/zero 5, /dev/full 7 */ \
	X(TTY,    4, TTY_EP)      /* /dev/console 0, /dev/tty 0, /dev/agent 2 */

#define DEV_ENUM(name, major, ep) name##_MAJOR = major,
enum dev_major { DEVICE_LIST(DEV_ENUM) };
#undef DEV_ENUM

#define MEMORY_MINOR_NULL 3
#define MEMORY_MINOR_ZERO 5
#define MEMORY_MINOR_FULL 7
#define TTY_MINOR_CONSOLE 0
#define TTY_MINOR_AGENT   2   /* COM3: the test agent's channel */

/* Majors of drivers started from the file system (not boot services, so
 * not in DEVICE_LIST: their driver-up event binds them; os/rootfs/proto
 * names their files): hello 10, printer 11, rtc 12 (character), inet 15
 * (INET_MAJOR, abi/socket.h: /dev/tcp, udp, icmp, ip), and the block
 * devices: */
#define ATA_MAJOR 3           /* os/drivers/ata: /dev/c0dD D*5, c0dDpP D*5+1+P */
#define RAMDISK_MAJOR 13      /* /dev/ram0 0, /dev/ram0p0..p3 1..4 */
#define SDISK_MAJOR 14        /* labs/lab6-block-driver: /dev/sd0 0, sd0p0..p3 1..4 */

#endif
