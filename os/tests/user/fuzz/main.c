/* fuzz: random and malformed messages from an unprivileged process to
 * every server, driver and kernel call, and random system-call arguments
 * (see README.md).
 *
 *   fuzz -s SEED -n COUNT [-f FIRST] [-t SECONDS]
 *
 * Sends messages FIRST .. FIRST+COUNT-1 (default FIRST 0) of SEED. Prints
 * the targets, the skipped requests, one line per finding, the messages by
 * class and target, and last
 *   fuzz: done seed=S sent=N kcalls=K syscalls=C ipc=I server=R
 *         timeouts=T runaways=W deaths=D accepted=A garbled=G hash=0xH
 * Exit status: 0 no finding, 1 findings, 2 bad arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"
#include "supervise.h"

static int usage(void)
{
	fprintf(stderr, "usage: fuzz -s SEED -n COUNT [-f FIRST] "
	    "[-t SECONDS]\n");
	return 2;
}

/* A decimal number in TEXT into *OUT; 0 or -1 when it is not one. */
static int number(const char *text, uint32_t *out)
{
	char *end;
	unsigned long v = strtoul(text, &end, 0);
	if (!*text || *end || text[0] == '-')
		return -1;
	*out = (uint32_t) v;
	return 0;
}

static void print_targets(void)
{
	printf("fuzz: targets");
	for (int i = 0; i < fz_nr_targets; i++)
		printf(" %s=%d", fz_targets[i].name, (int) fz_targets[i].ep);
	printf("\nfuzz: skipped");
	for (int i = 0; i < fz_nr_skip; i++)
		printf(" %s", fz_skip_names[i]);
	printf("\n");
}

/* Count and hash messages FIRST .. FIRST+COUNT-1 (regenerated). */
static uint32_t summarize(uint32_t seed, uint32_t first, uint32_t count,
    uint32_t *cls, uint32_t *per_target)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = first; i < first + count; i++) {
		struct fz_msg m;
		fz_generate(seed, i, &m);
		h = fz_hash(h, &m);
		cls[m.cls]++;
		if (m.cls == FZ_CLS_SERVER)
			per_target[m.target]++;
	}
	return h;
}

int main(int argc, char **argv)
{
	uint32_t seed = 0, count = 0, first = 0, timeout = 10;
	int have_seed = 0, have_count = 0, c;
	while ((c = getopt(argc, argv, "s:n:f:t:")) != -1) {
		switch (c) {
		case 's': if (number(optarg, &seed)) return usage();
			have_seed = 1; break;
		case 'n': if (number(optarg, &count) || count == 0)
				return usage();
			have_count = 1; break;
		case 'f': if (number(optarg, &first)) return usage(); break;
		case 't': if (number(optarg, &timeout) || timeout == 0)
				return usage();
			break;
		default: return usage();
		}
	}
	if (!have_seed || !have_count || optind != argc)
		return usage();
	fz_targets_init();
	printf("fuzz: start seed=%u n=%u first=%u\n", (unsigned) seed,
	    (unsigned) count, (unsigned) first);
	print_targets();
	struct fz_stats st;
	memset(&st, 0, sizeof(st));
	fz_supervise(seed, first, count, (int) timeout, &st);
	uint32_t cls[FZ_NR_CLS] = { 0 }, per_target[FZ_TARGETS_MAX] = { 0 };
	uint32_t h = summarize(seed, first, count, cls, per_target);
	printf("fuzz: server-targets");
	for (int i = 0; i < fz_nr_targets; i++)
		printf(" %s=%u", fz_targets[i].name, (unsigned) per_target[i]);
	printf("\nfuzz: done seed=%u sent=%u kcalls=%u syscalls=%u ipc=%u "
	    "server=%u timeouts=%u runaways=%u deaths=%u accepted=%u "
	    "garbled=%u hash=0x%08x\n", (unsigned) seed, (unsigned) st.sent,
	    (unsigned) cls[FZ_CLS_KCALL], (unsigned) cls[FZ_CLS_SYSCALL],
	    (unsigned) cls[FZ_CLS_IPC], (unsigned) cls[FZ_CLS_SERVER],
	    (unsigned) st.timeouts, (unsigned) st.runaways,
	    (unsigned) st.deaths, (unsigned) st.accepted,
	    (unsigned) st.garbled, (unsigned) h);
	return st.timeouts || st.accepted ? 1 : 0;
}
