/* umount: umount DIR: unmount the file system mounted on DIR (root only;
 * VFS hands back its file server's label) and stop that server with
 * `/sbin/service down LABEL`. Status 0; 1 with `umount: DIR: <strerror>`
 * (EINVAL: nothing is mounted there, EBUSY: a file or working directory
 * in it is in use); 2 for bad use. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __phoenix__
#include <sys/mount.h>
#include <sys/wait.h>

#define SERVICE "/sbin/service"

/* service_down: run `service down LABEL` and wait. Returns its exit
 * status, or -1 when it could not run. */
static int service_down(char *label)
{
	char *argv[] = { SERVICE, "down", label, NULL };
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	char label[MNT_LABEL_MAX];
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: umount DIR\n");
		return 2;
	}
	memset(label, 0, sizeof(label));
	int r = umount(argv[1], label);
	int err = errno;
	if (r != 0 && !(err == EIO && label[0])) {
		fprintf(stderr, "umount: %s: %s\n", argv[1], strerror(err));
		return 1;
	}
	if (label[0] && service_down(label) != 0)
		fprintf(stderr, "umount: %s: cannot stop the file server %s\n",
		    argv[1], label);
	if (r != 0) {
		fprintf(stderr, "umount: %s: %s\n", argv[1], strerror(err));
		return 1;
	}
	return 0;
}
#else
int main(void)
{
	fprintf(stderr, "umount: %s (Phoenix only)\n", strerror(ENOSYS));
	return 1;
}
#endif
