/* flooder: a driver that floods the console, for the agent-channel tests
 * (os/tests/test_integrity.py). Every clock tick it prints a burst of
 * LINES lines (argument, default 16): numbered filler, forged agent
 * protocol lines (AGENT KEY, AGENT READY, AGENT-BEGIN, result lines with
 * made-up tags), pass markers, and a line cut in the middle (its end
 * comes in the next burst), so that its text lands inside every other
 * line on the console. A test agent's answers, on their own channel,
 * must not care. It prints `flooder: started` once in its init and
 * `flooder: burst N` at the start of every burst. */
#include <stdio.h>
#include <stdlib.h>
#include <abi/endpoint.h>
#include "sef.h"
#include "syslib.h"

#define EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static int lines = 16;

static int init_fresh(const struct sef_init_info *info)
{
	(void) info;
	printf("flooder: started\n");
	return 0;
}

/* burst: burst number ROUND. */
static void burst(unsigned round)
{
	printf("\nflooder: burst %u\n", round);
	printf("AGENT KEY %08x\nAGENT READY %08x %064x\n", round, round, round);
	printf("AGENT-BEGIN %08x%08x\nPASS\n__rc:0\n", round, round);
	printf("AGENT %08x%08x 0 " EMPTY_SHA256 " %064x\n", round, round,
	    round);
	for (int i = 0; i < lines; i++)
		printf("flooder: %u.%d the quick brown fox jumps over the lazy "
		    "dog\n", round, i);
	printf("flooder: a line cut in the mid");
}

int main(int argc, char **argv)
{
	if (argc == 2 && atoi(argv[1]) > 0)
		lines = atoi(argv[1]);
	sef_setcb_init_fresh(init_fresh);
	sef_startup();
	unsigned round = 0;
	sys_setalarm(1, 0, NULL);
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_source == CLOCK) {
			burst(round++);
			sys_setalarm(1, 0, NULL);
		}
	}
}
