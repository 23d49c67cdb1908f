/* What ktest-payload (payload/) sends back in "report" mode: how the
 * kernel laid out its argv, envp and initial stack. Shared by the payload
 * and the exec cases. */
#ifndef KTEST_PAYLOAD_H
#define KTEST_PAYLOAD_H

#include <abi/message.h>

#define PAYLOAD_REPORT 0x7001     /* m_type of the report */

/* payload_report.flags: the layout checks that held. */
#define PAYLOAD_ALIGNED 0x1       /* the initial %esp was 16-byte aligned */
#define PAYLOAD_NULLS   0x2       /* argv[argc] and envp[envc] are NULL */
#define PAYLOAD_STRINGS 0x4       /* the strings follow the vectors, in
                                   * order, ending at the stack top */
#define PAYLOAD_LAYOUT_OK (PAYLOAD_ALIGNED | PAYLOAD_NULLS | PAYLOAD_STRINGS)

/* In m.u.raw of the report. */
struct payload_report {
	int32_t argc;
	int32_t envc;
	uint32_t flags;
	char text[44];            /* "argv0|argv1;envp0|envp1", truncated */
};
_Static_assert(sizeof(struct payload_report) <= PAYLOAD_SIZE,
    "the report must fit a message payload");

#endif
