/* The suite of os/tests/host/tcp: every case in its files (the kit's
 * runner, a forked child per case). Usage: tcp_host [-l | CASE...]. */
#include "../../kit/kit.h"

static const struct kit_suite suite = {
	.name = "tcp_host",
	.backend = &kit_posix,
	.timeout = 120,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
