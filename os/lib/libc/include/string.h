/* String and memory functions (shared with the kernel: os/lib/common). */
#ifndef _STRING_H
#define _STRING_H

#include "mem.h"

#endif
