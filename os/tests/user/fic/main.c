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
 *   A ID TOKEN
 *     the line the host types ahead of tty trial ID: read by that trial
 *     once tty recovered (state.c); one read here is ignored.
 *   X LABEL
 *     spoil LABEL's state (state_damage: a test that the checks can
 *     fail) -> `X LABEL done` or `X LABEL refused`.
 *   Q -> `fic: bye`, exit 0 (so does end of input).
 *
 * `fic LABEL...` (core services: pm mm vfs rootfs ds tty memdev rs, and
 * the network services e1000 inet pci) first sets up something of each
 * one's state (state.c, net.c) and checks it after
 * every trial: a failed check makes the trial `wrong` with the reason in
 * DETAIL ("state:LABEL:what"); a set-up that fails prints `fic: state:
 * ...` and fic exits 1 before `fic: ready`.
 *
 * A request it cannot read is answered `R ID error -1 0 0 0 bad-spec`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "fic.h"

/* answer: the T request in LINE: run it, print the R line. */
static void answer(char *line)
{
	char *w[10];
	int n = fic_split(line, w, 10);
	const char *id = n > 1 && strlen(w[1]) < 24 ? w[1] : "0";
	struct trial t;
	if (fic_parse_trial(w, n, &t) != 0) {
		printf("R %s error -1 0 0 0 bad-spec\n", id);
		return;
	}
	strcpy(t.id, w[1]);
	struct outcome o;
	trial_run(&t, &o);
	char why[FIC_WHY_MAX];
	if (strcmp(t.label, "tty") == 0 && state_ahead(t.id, why) != 0 &&
	    strcmp(o.name, "error") != 0) {
		o.name = "wrong";
		snprintf(o.detail, sizeof(o.detail), "state:%s", why);
	}
	printf("R %s %s %lld %lu %lu %lu %s\n", t.id, o.name,
	    (long long) o.recovery_us, (unsigned long) o.counts.ok,
	    (unsigned long) o.counts.err, (unsigned long) o.counts.wrong,
	    o.detail[0] ? o.detail : "-");
}

/* damage: the X request in LINE. */
static void damage(char *line)
{
	char *w[3];
	if (fic_split(line, w, 3) != 2) {
		printf("R 0 error -1 0 0 0 bad-spec\n");
		return;
	}
	printf("X %s %s\n", w[1], state_damage(w[1]) == 0 ? "done" : "refused");
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
int fic_echo_off;      /* fic.h */

/* quiet: turn the console's echo off (the host's requests are not shown
 * again); restored at exit. */
static void quiet(void)
{
	struct termios t;
	if (tcgetattr(0, &saved) != 0)
		return;
	t = saved;
	t.c_lflag &= ~(uint32_t) ECHO;
	fic_echo_off = tcsetattr(0, TCSANOW, &t) == 0;
}

static void restore(void)
{
	if (fic_echo_off)
		tcsetattr(0, TCSANOW, &saved);
}

int main(int argc, char *argv[])
{
	setvbuf(stdout, NULL, _IONBF, 0);
	quiet();
	if (state_setup(argv + 1, argc - 1) != 0) {
		state_teardown();
		restore();
		return 1;
	}
	clock_calibrate();
	printf("fic: ready\n");
	char line[256];
	while (read_line(line, sizeof(line))) {
		if (line[0] == 'Q' && (line[1] == '\n' || line[1] == '\r' ||
		    line[1] == '\0'))
			break;
		if (line[0] == 'T' && line[1] == ' ')
			answer(line);
		else if (line[0] == 'X' && line[1] == ' ')
			damage(line);
		else if (line[0] == 'A' && line[1] == ' ')
			continue;       /* typed ahead of a trial that ended */
		else if (line[strspn(line, " \t\r\n")] != '\0')
			printf("R 0 error -1 0 0 0 bad-spec\n");
	}
	state_teardown();
	restore();
	printf("fic: bye\n");
	return 0;
}
