/* service: ask the reincarnation server to start, stop, restart, update
 * or report system services. Usage: `service -h`, or os/commands/service/
 * README.md. Exit status 0, or the error number (RS's negative reply,
 * negated). */
#include <stdio.h>
#include <string.h>
#ifdef __phoenix__
#include "service.h"
#include "request.h"

int main(int argc, char *argv[])
{
	struct svc_cmd cmd;
	char err[256];
	int r = svc_parse(argc, argv, &cmd, err, sizeof(err));
	if (r) {
		fprintf(stderr, "service: %s\n", err);
		svc_usage(stderr);
		return r;
	}
	switch (cmd.verb) {
	case SVC_HELP:
		svc_usage(stdout);
		return 0;
	case SVC_UP:
		return svc_up(&cmd);
	case SVC_UPDATE:
		return svc_update(&cmd);
	case SVC_STATUS:
		return svc_status(&cmd);
	case SVC_SYSCTL:
		return svc_sysctl(&cmd);
	default:
		return svc_simple(&cmd);
	}
}
#else
int main(void)
{
	fprintf(stderr, "service: function not implemented (Phoenix only)\n");
	return 1;
}
#endif
