/* fuzz: random and malformed messages from an unprivileged process to
 * every server, driver and kernel call, and random system-call arguments
 * (see README.md).
 *
 *   fuzz -s SEED -n COUNT [-f FIRST] [-t SECONDS] [-R]
 *
 * Sends messages FIRST .. FIRST+COUNT-1 (default FIRST 0) of SEED from
 * workers that run as user `student` (/etc/passwd); -R (development
 * only) leaves them root. Prints the targets, the skipped requests, the
 * workers' identity, one line per finding, the messages by class and
 * target, one line per counted request, and last
 *   fuzz: done seed=S sent=N kcalls=K syscalls=C ipc=I server=R
 *         timeouts=T runaways=W deaths=D accepted=A garbled=G hash=0xH
 *         exits=X privileged=P replaced=E
 * Exit status: 0 no finding, 1 findings, 2 bad arguments, 3 the workers
 * could not become the student (nothing sent). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"
#include "supervise.h"

static int usage(void)
{
	fprintf(stderr, "usage: fuzz -s SEED -n COUNT [-f FIRST] "
	    "[-t SECONDS] [-R]\n");
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

/* The targets, and the counted requests this run never sends (a root
 * worker withholds those that would stop the system). */
static void print_targets(int as_root)
{
	printf("fuzz: targets");
	for (int i = 0; i < fz_nr_targets; i++)
		printf(" %s=%d", fz_targets[i].name, (int) fz_targets[i].ep);
	printf("\nfuzz: skipped");
	for (int i = 0; as_root && i < FZ_NR_REQUESTS; i++)
		if (fz_requests[i].flags & FZ_REQ_WITHHELD_AS_ROOT)
			printf(" %s", fz_requests[i].name);
	printf("\n");
}

/* One line per counted request: generated (sent unless withheld), the
 * replies by class, the error codes, the findings. */
static void print_requests(const uint32_t *generated,
    const struct fz_stats *st)
{
	for (int i = 0; i < FZ_NR_REQUESTS; i++) {
		const struct fz_req_count *c = &st->req[i];
		uint32_t sent = generated[i] - c->withheld;
		uint32_t answered = c->ok + c->refused + c->errors + c->findings;
		printf("fuzz: request %s sent=%u withheld=%u ok=%u refused=%u "
		    "errors=%u noreply=%u findings=%u codes=", fz_requests[i].name,
		    (unsigned) sent, (unsigned) c->withheld, (unsigned) c->ok,
		    (unsigned) c->refused, (unsigned) c->errors,
		    (unsigned) (sent > answered ? sent - answered : 0),
		    (unsigned) c->findings);
		const char *sep = "";
		for (int e = 0; e <= FZ_CODES; e++) {
			if (!c->code[e])
				continue;
			printf("%s%d:%u", sep, e ? -e : -(FZ_CODES + 1),
			    (unsigned) c->code[e]);
			sep = ",";
		}
		printf("%s\n", *sep ? "" : "-");
	}
}

/* Count and hash messages FIRST .. FIRST+COUNT-1 (regenerated). */
static uint32_t summarize(uint32_t seed, uint32_t first, uint32_t count,
    uint32_t *cls, uint32_t *per_target, uint32_t *per_request)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = first; i < first + count; i++) {
		struct fz_msg m;
		fz_generate(seed, i, &m);
		h = fz_hash(h, &m);
		cls[m.cls]++;
		if (m.cls == FZ_CLS_SERVER)
			per_target[m.target]++;
		int k = fz_request_of(&m);
		if (k >= 0)
			per_request[k]++;
	}
	return h;
}

int main(int argc, char **argv)
{
	uint32_t seed = 0, count = 0, first = 0, timeout = 10;
	int have_seed = 0, have_count = 0, as_root = 0, c;
	while ((c = getopt(argc, argv, "s:n:f:t:R")) != -1) {
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
		case 'R': as_root = 1; break;
		default: return usage();
		}
	}
	if (!have_seed || !have_count || optind != argc)
		return usage();
	fz_targets_init();
	printf("fuzz: start seed=%u n=%u first=%u\n", (unsigned) seed,
	    (unsigned) count, (unsigned) first);
	print_targets(as_root);
	static struct fz_stats st;
	struct fz_cred student;
	if (fz_student(&student) != 0) {
		printf("fuzz: error: no user student in /etc/passwd; nothing "
		    "was sent\n");
		return 3;
	}
	fz_supervise(seed, first, count, (int) timeout,
	    as_root ? NULL : &student, &student, &st);
	if (st.cred_failed)
		return 3;
	uint32_t cls[FZ_NR_CLS] = { 0 }, per_target[FZ_TARGETS_MAX] = { 0 };
	uint32_t per_request[FZ_NR_REQUESTS] = { 0 };
	uint32_t h = summarize(seed, first, count, cls, per_target,
	    per_request);
	printf("fuzz: server-targets");
	for (int i = 0; i < fz_nr_targets; i++)
		printf(" %s=%u", fz_targets[i].name, (unsigned) per_target[i]);
	printf("\n");
	print_requests(per_request, &st);
	printf("fuzz: done seed=%u sent=%u kcalls=%u syscalls=%u ipc=%u "
	    "server=%u timeouts=%u runaways=%u deaths=%u accepted=%u "
	    "garbled=%u hash=0x%08x exits=%u privileged=%u replaced=%u\n",
	    (unsigned) seed, (unsigned) st.sent,
	    (unsigned) cls[FZ_CLS_KCALL], (unsigned) cls[FZ_CLS_SYSCALL],
	    (unsigned) cls[FZ_CLS_IPC], (unsigned) cls[FZ_CLS_SERVER],
	    (unsigned) st.timeouts, (unsigned) st.runaways,
	    (unsigned) st.deaths, (unsigned) st.accepted,
	    (unsigned) st.garbled, (unsigned) h, (unsigned) st.exits,
	    (unsigned) st.privileged, (unsigned) st.replaced);
	return st.timeouts || st.accepted || st.privileged || st.replaced ?
	    1 : 0;
}
