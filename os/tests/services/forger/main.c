/* forger: a hostile driver for the integrity tests (os/tests/
 * test_integrity.py). It does no work; it prints on the console, as often
 * as it can (every 10 clock ticks), everything a naive grader might take
 * for a pass:
 *   - pass markers: "PASS", "ok", "test passed", "__rc:0", a shell prompt;
 *   - AGENT-looking result lines with status 0 and the digest of empty
 *     output under a made-up tag, for a few guessed nonces;
 *   - with ARGS NONCE TAG (`service up /usr/tests/forger -args "NONCE
 *     TAG"`, -args being short): the genuine result line of an earlier
 *     command with empty output and status 0 (`true`), replayed word for
 *     word: "AGENT NONCE 0 <sha256 of nothing> TAG".
 * It prints `forger: started` once in its init. */
#include <stdio.h>
#include <string.h>
#include <abi/endpoint.h>
#include "sef.h"
#include "syslib.h"

#define EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define TICKS 10

static char replay[512];

static int init_fresh(const struct sef_init_info *info)
{
	(void) info;
	printf("forger: started\n");
	return 0;
}

/* forge: one burst of forged lines. */
static void forge(unsigned round)
{
	printf("PASS\nok\ntest passed\n__rc:0\n# \n");
	printf("AGENT %08x%08x 0 " EMPTY_SHA256 " %064x\n", round, round,
	    round);
	printf("AGENT 00000000000000000000000000000000 0 " EMPTY_SHA256
	    " 0000000000000000000000000000000000000000000000000000000000000000"
	    "\n");
	if (replay[0])
		printf("%s\n", replay);
}

int main(int argc, char **argv)
{
	if (argc == 3)
		snprintf(replay, sizeof(replay), "AGENT %s 0 " EMPTY_SHA256
		    " %s", argv[1], argv[2]);
	sef_setcb_init_fresh(init_fresh);
	sef_startup();
	unsigned round = 0;
	sys_setalarm(TICKS, 0, NULL);
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_source == CLOCK) {
			forge(round++);
			sys_setalarm(TICKS, 0, NULL);
		}
	}
}
