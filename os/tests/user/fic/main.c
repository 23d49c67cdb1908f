/* fic: the guest agent of fault-injection campaigns (`make campaign`,
 * harness/campaign.py). The host starts it at the shell prompt; it turns
 * echo off, prints `fic: ready` and answers one request per line:
 *
 *   T ID LABEL KIND DELAY [ADDR OLDHEX NEWHEX]
 *     KIND: a `service fi` kind (crash panic segv hang exit badio badipc)
 *     or a mutation (flip skip pointer loop) with ADDR (hex, 0x...) and
 *     OLDHEX/NEWHEX (the bytes there now and the bytes to write, hex
 *     strings of equal length). DELAY: clock ticks of workload before the
 *     fault.
 *   -> R ID OUTCOME RECOVERY_US OK ERR WRONG DETAIL   (trial.c)
 *   Q -> `fic: bye`, exit 0 (so does end of input).
 *
 * A request it cannot read is answered `R ID error -1 0 0 0 bad-spec`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "fic.h"

#define MAX_DELAY 1000      /* ticks */

static const char *const mutation_kinds[] = { "flip", "skip", "pointer",
	"loop" };

#define FI_NAME(id, name, nr) { name, nr },
static const struct { const char *name; int kind; } fi_kinds[] = {
	FI_KIND_LIST(FI_NAME)
};
#undef FI_NAME

/* kind_of: the FI_* number of NAME, FIC_KIND_PATCH for a mutation, or -1. */
static int kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof(fi_kinds) / sizeof(fi_kinds[0]); i++)
		if (strcmp(fi_kinds[i].name, name) == 0)
			return fi_kinds[i].kind;
	for (size_t i = 0; i < sizeof(mutation_kinds) /
	    sizeof(mutation_kinds[0]); i++)
		if (strcmp(mutation_kinds[i], name) == 0)
			return FIC_KIND_PATCH;
	return -1;
}

/* hex_bytes: decode the hex string S into OUT (at most MAX bytes); the
 * count, or -1 when S is not an even number of hex digits. */
static int hex_bytes(const char *s, uint8_t *out, int max)
{
	int n = (int) strlen(s);
	if (n == 0 || n % 2 || n / 2 > max)
		return -1;
	for (int i = 0; i < n / 2; i++) {
		char pair[3] = { s[2 * i], s[2 * i + 1], 0 };
		char *end;
		long v = strtol(pair, &end, 16);
		if (*end != '\0' || pair[0] == '-' || pair[0] == '+')
			return -1;
		out[i] = (uint8_t) v;
	}
	return n / 2;
}

/* parse_trial: the words W[0..N-1] of a T line into *T. 0 or -1. */
static int parse_trial(char **w, int n, struct trial *t)
{
	memset(t, 0, sizeof(*t));
	if (n != 5 && n != 8)
		return -1;
	if (strlen(w[2]) >= sizeof(t->label))
		return -1;
	strcpy(t->label, w[2]);
	t->kind = kind_of(w[3]);
	char *end;
	long delay = strtol(w[4], &end, 10);
	if (t->kind < 0 || *end != '\0' || delay < 0 || delay > MAX_DELAY)
		return -1;
	t->delay = (int) delay;
	if ((t->kind == FIC_KIND_PATCH) != (n == 8))
		return -1;
	if (n == 8) {
		unsigned long addr = strtoul(w[5], &end, 16);
		if (*end != '\0' || strncmp(w[5], "0x", 2) != 0)
			return -1;
		t->addr = (uint32_t) addr;
		int a = hex_bytes(w[6], t->old_bytes, RS_PATCH_MAX);
		int b = hex_bytes(w[7], t->new_bytes, RS_PATCH_MAX);
		if (a < 0 || a != b)
			return -1;
		t->len = (uint32_t) a;
	}
	return 0;
}

/* split: LINE's words into W (at most MAX); their count. */
static int split(char *line, char **w, int max)
{
	int n = 0;
	for (char *tok = strtok(line, " \t\r\n"); tok && n < max;
	    tok = strtok(NULL, " \t\r\n"))
		w[n++] = tok;
	return n;
}

/* answer: the T request in LINE: run it, print the R line. */
static void answer(char *line)
{
	char *w[10];
	int n = split(line, w, 10);
	const char *id = n > 1 && strlen(w[1]) < 24 ? w[1] : "0";
	struct trial t;
	if (parse_trial(w, n, &t) != 0) {
		printf("R %s error -1 0 0 0 bad-spec\n", id);
		return;
	}
	strcpy(t.id, w[1]);
	struct outcome o;
	trial_run(&t, &o);
	printf("R %s %s %lld %lu %lu %lu %s\n", t.id, o.name,
	    (long long) o.recovery_us, (unsigned long) o.counts.ok,
	    (unsigned long) o.counts.err, (unsigned long) o.counts.wrong,
	    o.detail[0] ? o.detail : "-");
}

/* read_line: one line of standard input into LINE (SIZE bytes, NUL
 * ended, the newline kept). A read cut short by a signal (the workload
 * child's end) is retried. 1, or 0 at end of input. */
static int read_line(char *line, size_t size)
{
	size_t n = 0;
	while (n + 1 < size) {
		ssize_t r = read(0, line + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (line[n++] == '\n')
			break;
	}
	line[n] = '\0';
	return n > 0;
}

static struct termios saved;
static int echo_off;

/* quiet: turn the console's echo off (the host's requests are not shown
 * again); restored at exit. */
static void quiet(void)
{
	struct termios t;
	if (tcgetattr(0, &saved) != 0)
		return;
	t = saved;
	t.c_lflag &= ~(uint32_t) ECHO;
	echo_off = tcsetattr(0, TCSANOW, &t) == 0;
}

static void restore(void)
{
	if (echo_off)
		tcsetattr(0, TCSANOW, &saved);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	quiet();
	clock_calibrate();
	printf("fic: ready\n");
	char line[256];
	while (read_line(line, sizeof(line))) {
		if (line[0] == 'Q' && (line[1] == '\n' || line[1] == '\r' ||
		    line[1] == '\0'))
			break;
		if (line[0] == 'T' && line[1] == ' ')
			answer(line);
		else if (line[strspn(line, " \t\r\n")] != '\0')
			printf("R 0 error -1 0 0 0 bad-spec\n");
	}
	restore();
	printf("fic: bye\n");
	return 0;
}
