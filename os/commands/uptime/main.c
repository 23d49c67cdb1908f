/* uptime: time since boot, number of processes and free memory:
 *   "up H:MM:SS, N processes, M KiB free". */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#ifdef __phoenix__
#include <phoenix.h>

#define MAX_PROCS 256

int main(void)
{
	static struct pm_proc_info tab[MAX_PROCS];
	struct kinfo ki;
	int procs = getsysinfo(SI_PROCTAB, tab, sizeof(tab));
	if (getsysinfo(SI_KINFO, &ki, sizeof(ki)) < 0 || procs < 0) {
		fprintf(stderr, "uptime: %s\n", strerror(errno));
		return 1;
	}
	unsigned secs = ki.hz ? ki.uptime / ki.hz : 0;
	printf("up %u:%02u:%02u, %d processes, %u KiB free\n", secs / 3600,
	    secs / 60 % 60, secs % 60, procs / (int) sizeof(tab[0]),
	    (unsigned) ki.mem_free_kib);
	return 0;
}
#else
int main(void)
{
	fprintf(stderr, "uptime: %s (Phoenix only)\n", strerror(ENOSYS));
	return 1;
}
#endif
