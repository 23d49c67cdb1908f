/* libctest: what the cases share. Cases are declared and checked with the
 * test kit (os/tests/kit/kit.h): a failed check prints
 * "libctest: CASE: file:line: what" and ends the case. The cases of
 * posix.c need the servers: the host build leaves that file out. */
#ifndef LIBCTEST_H
#define LIBCTEST_H

#include "../../kit/kit.h"

/* The directory file cases may use (-d DIR, default /tmp). */
extern const char *libctest_dir;

#endif
