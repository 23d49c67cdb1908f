/* Whether a manifest file may be believed: a manifest gives a program
 * kernel calls, I/O ports and IPC targets, so only root may have written
 * it. Pure: it judges a struct stat the caller took of the file it opened
 * (fstat, so the file judged is the file read). */
#include <sys/stat.h>
#include "manifest.h"

/* manifest_file_trusted: see manifest.h. */
const char *manifest_file_trusted(const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return "not a regular file";
	if (st->st_uid != 0)
		return "not owned by root";
	if ((st->st_mode & S_IWGRP) && (st->st_mode & S_IWOTH))
		return "writable by its group and others";
	if (st->st_mode & S_IWGRP)
		return "writable by its group";
	if (st->st_mode & S_IWOTH)
		return "writable by others";
	return NULL;
}
