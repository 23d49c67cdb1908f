/* The POSIX system types, sized as the ABI structs carry them (32 bits). */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t pid_t;
typedef int32_t off_t;
typedef uint32_t mode_t;
typedef uint32_t dev_t;
typedef uint32_t ino_t;
typedef uint32_t nlink_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef __PTRDIFF_TYPE__ ssize_t;  /* the signed size_t (%zd) */
typedef long time_t;               /* seconds since 1970 UTC (time.h) */
typedef long clock_t;              /* clock ticks */
typedef uint32_t useconds_t;
typedef int32_t suseconds_t;

#endif
