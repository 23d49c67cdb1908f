/* Removing files: remove. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

/* remove: unlink PATH, or remove it as a directory when it is one.
 * Returns 0, or -1 with errno. */
int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	return rmdir(path);
}
