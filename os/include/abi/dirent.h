/* Directory entries as VFS_GETDENTS returns them: fixed-size records of
 * sizeof(struct dirent) = 68 bytes (4 + 1 + 3 + NAME_MAX + 1). */
#ifndef ABI_DIRENT_H
#define ABI_DIRENT_H

#include <abi/types.h>
#include <abi/fcntl.h>

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8

struct dirent {
	uint32_t d_ino;
	uint8_t d_type;              /* DT_* */
	uint8_t d_pad[3];
	char d_name[NAME_MAX + 1];   /* NUL-terminated */
};
_Static_assert(sizeof(struct dirent) == 68, "dirent records are 68 bytes");

#endif
