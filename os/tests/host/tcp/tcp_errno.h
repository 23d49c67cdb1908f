/* The test kit (its host <errno.h>) first, then Phoenix's error numbers
 * in place of the host's where they differ: the engine returns
 * Phoenix's (abi/errno.h). */
#include "../kit_errno.h"
#include <abi/errno.h>
