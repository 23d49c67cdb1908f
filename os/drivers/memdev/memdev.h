/* The memory devices /dev/null, /dev/zero and /dev/full: declarations
 * shared by the driver's files. */
#ifndef MEMDEV_H
#define MEMDEV_H

#include "chardriver.h"

/* table.c: the driver's operations. */
extern const struct chardriver memdev_ops;

/* memdev.c: the operations. */
int memdev_open(int minor, int flags, endpoint_t user);
int memdev_close(int minor);
int memdev_read(int minor, int32_t pos, uint32_t grant, size_t size,
    int flags, endpoint_t user, uint32_t id);
int memdev_write(int minor, int32_t pos, uint32_t grant, size_t size,
    int flags, endpoint_t user, uint32_t id);

#endif
