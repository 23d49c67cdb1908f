/* The memory devices /dev/null, /dev/zero and /dev/full: declarations
 * shared by the driver's files. */
#ifndef MEMDEV_H
#define MEMDEV_H

#include "chardriver.h"

/* table.c: the driver's operations. */
extern const struct chardriver memdev_ops;

/* memdev.c: the operations. */
int memdev_open(const struct chardriver_req *req);
int memdev_close(const struct chardriver_req *req);
int memdev_read(const struct chardriver_req *req);
int memdev_write(const struct chardriver_req *req);

#endif
