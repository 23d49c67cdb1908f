/* ps: one line per process, servers and drivers included, from PM's
 * process table (getsysinfo(SI_PROCTAB)):
 *   "  PID S NAME             ENDPOINT". */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#ifdef __phoenix__
#include <phoenix.h>

#define MAX_PROCS 256

int main(void)
{
	static struct pm_proc_info tab[MAX_PROCS];
	int bytes = getsysinfo(SI_PROCTAB, tab, sizeof(tab));
	if (bytes < 0) {
		fprintf(stderr, "ps: %s\n", strerror(errno));
		return 1;
	}
	int n = bytes / (int) sizeof(tab[0]);
	printf("  PID S NAME             ENDPOINT\n");
	for (int i = 0; i < n; i++)
		printf("%5d %c %-16.16s %d\n", (int) tab[i].pid,
		    tab[i].state ? tab[i].state : '?', tab[i].name,
		    (int) tab[i].endpoint);
	return 0;
}
#else
int main(void)
{
	fprintf(stderr, "ps: %s (Phoenix only)\n", strerror(ENOSYS));
	return 1;
}
#endif
