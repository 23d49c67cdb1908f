/* service's argument parser on the host (os/tests/test_service_host.py):
 * parses its own command line as `service` would and prints the result,
 * one key=value a line, or "error=N message". */
#include <stdio.h>
#include "service.h"

int main(int argc, char *argv[])
{
	struct svc_cmd c;
	char err[256];
	int r = svc_parse(argc, argv, &c, err, sizeof(err));
	if (r) {
		printf("error=%d %s\n", r, err);
		return r;
	}
	const struct rs_start *s = &c.start;
	printf("verb=%s\nlabel=%s\nbinary=%s\nself=%d\nargs=%s\ndev=%s\n"
	    "period=%d\nscript=%s\nconfig=%s\nflags=%#x\nstate=%d\n"
	    "maxtime=%d\nfi=%d\nall=%d\ndev_major=%d\n",
	    svc_verb_name(c.verb), s->label, s->binary, c.self, s->args, s->dev,
	    (int) s->period, s->script, c.config ? c.config : "",
	    (unsigned) s->flags, (int) s->state, (int) s->maxtime, c.fi_kind,
	    c.all, (int) s->dev_major);
	printf("sysctl=%d\n", c.sysctl);
	printf("patch=%d\npatch_label=%s\npatch_addr=%#x\npatch_len=%u\n",
	    c.fi_patch, c.patch.label, (unsigned) c.patch.addr,
	    (unsigned) c.patch.len);
	printf("patch_old=");
	for (uint32_t i = 0; i < c.patch.len; i++)
		printf("%02x", c.patch.old_bytes[i]);
	printf("\npatch_new=");
	for (uint32_t i = 0; i < c.patch.len; i++)
		printf("%02x", c.patch.new_bytes[i]);
	printf("\n");
	return 0;
}
