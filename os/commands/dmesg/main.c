/* dmesg: print the kernel log (the newest part that fits in its buffer),
 * from getsysinfo(SI_KLOG). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __phoenix__
#include <phoenix.h>

#define LOG_MAX (64 * 1024)

int main(void)
{
	static char log[LOG_MAX];
	int n = getsysinfo(SI_KLOG, log, sizeof(log));
	if (n < 0) {
		fprintf(stderr, "dmesg: %s\n", strerror(errno));
		return 1;
	}
	for (int off = 0; off < n; ) {
		ssize_t w = write(1, log + off, (size_t) (n - off));
		if (w <= 0)
			return 1;
		off += (int) w;
	}
	if (n > 0 && log[n - 1] != '\n')
		write(1, "\n", 1);
	return 0;
}
#else
int main(void)
{
	fprintf(stderr, "dmesg: %s (Phoenix only)\n", strerror(ENOSYS));
	return 1;
}
#endif
