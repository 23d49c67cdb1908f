/* ktest-payload: the tiny program the exec cases of ktest run.
 *
 *   ktest-payload [STATUS]     print one line with argc and argv[0], exit
 *                              with STATUS (42 without one)
 *   ktest-payload report ...   send the manager (the process that exec'd
 *                              us or forked our parent) a PAYLOAD_REPORT
 *                              message describing argv, envp and the
 *                              initial stack, then exit 0
 *   ktest-payload keep HOW     count this start in memory a keep-state exec
 *                              keeps (EXEC_KEEP_STATE), report "keep RUNS
 *                              DATA MARKER ADDR" to the manager (a .bss
 *                              counter, a .data value, what the text
 *                              function keep_marker returns and its
 *                              address), then fail: HOW "crash" (invalid
 *                              opcode) or "exit" (status 3); "ask": the
 *                              report is a sendrec, then crash
 *
 * It reads envp from the stack itself (right after argv's NULL), so it does
 * not depend on how crt0 passes it to main. */
#include <stdio.h>
#include <string.h>
#include "syslib.h"
#include "../payload.h"

#define USER_STACK_TOP 0xBFFFF000u

/* parse_status: the decimal number in S, or 42 when S is NULL or not a
 * number. */
static int parse_status(const char *s)
{
	int v = 0;
	if (!s || !*s)
		return 42;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 42;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* layout_flags: the PAYLOAD_* checks of the System V stack layout that
 * hold for ARGV (crt0 takes it as the initial %esp + 4) and ENVP (ENVC
 * strings after argv's NULL). */
static uint32_t layout_flags(int argc, char **argv, char **envp, int envc)
{
	uint32_t flags = 0;
	if (((uintptr_t) argv - 4) % 16 == 0)
		flags |= PAYLOAD_ALIGNED;
	if (argv[argc] == NULL && envp[envc] == NULL)
		flags |= PAYLOAD_NULLS;
	/* The strings follow the vectors, one after the other, in order. */
	const char *expect = argv[0];
	int contiguous = expect > (const char *) &envp[envc];
	for (int i = 0; i < argc + envc && contiguous; i++) {
		const char *s = i < argc ? argv[i] : envp[i - argc];
		contiguous = s == expect;
		expect = s + strlen(s) + 1;
	}
	if (contiguous && (uintptr_t) expect <= USER_STACK_TOP &&
	    (uintptr_t) expect > USER_STACK_TOP - 4)
		flags |= PAYLOAD_STRINGS;
	return flags;
}

/* report: send the manager a PAYLOAD_REPORT and return the IPC result. */
static int report(int argc, char **argv)
{
	char **envp = argv + argc + 1;
	int envc = 0;
	while (envp[envc])
		envc++;
	struct proc_info self;
	int r = sys_getinfo(GET_PROC, SELF, &self, sizeof(self));
	if (r < 0)
		return r;

	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = PAYLOAD_REPORT;
	struct payload_report *p = (struct payload_report *) m.u.raw;
	p->argc = argc;
	p->envc = envc;
	p->flags = layout_flags(argc, argv, envp, envc);
	/* "argv0|argv1|...;envp0|envp1|..." (truncated). */
	size_t n = 0;
	for (int i = 0; i < argc + envc; i++) {
		const char *s = i < argc ? argv[i] : envp[i - argc];
		if (i > 0 && n < sizeof(p->text) - 1)
			p->text[n++] = i == argc ? ';' : '|';
		while (*s && n < sizeof(p->text) - 1)
			p->text[n++] = *s++;
	}
	if (envc == 0 && n < sizeof(p->text) - 1)
		p->text[n++] = ';';
	return ipc_send(self.sig_mgr, &m);
}

/* keep_marker: returns 1 ("movl $1, %eax; ret": b8 01 00 00 00 c3); in
 * .text, read-only: the keep cases patch it and expect the image's bytes
 * back after a keep-state exec. */
int keep_marker(void);
__asm__(".text\n"
    ".globl keep_marker\n"
    "keep_marker:\n"
    "\tmovl $1, %eax\n"
    "\tret\n");

static int keep_runs;          /* .bss: starts in this memory */
static int keep_data = 100;    /* .data: one more after each start */

/* keep: the "keep" mode (see the top of the file); never returns. */
static void __attribute__((noreturn)) keep(const char *how)
{
	struct proc_info self;
	keep_runs++;
	if (sys_getinfo(GET_PROC, SELF, &self, sizeof(self)) < 0)
		sys_exit(1);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = PAYLOAD_REPORT;
	struct payload_report *p = (struct payload_report *) m.u.raw;
	snprintf(p->text, sizeof(p->text), "keep %d %d %d %lx", keep_runs,
	    keep_data, keep_marker(), (unsigned long) (uintptr_t) keep_marker);
	keep_data++;
	if (how && strcmp(how, "ask") == 0)
		ipc_sendrec(self.sig_mgr, &m);
	else
		ipc_send(self.sig_mgr, &m);
	if (how && strcmp(how, "exit") == 0)
		sys_exit(3);
	__asm__ volatile("ud2");
	sys_exit(1);
}

/* main: keep, report, or say hello with argc and argv[0] and exit with the
 * requested status. */
int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "keep") == 0)
		keep(argc > 2 ? argv[2] : NULL);
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return report(argc, argv) == 0 ? 0 : 1;
	int status = parse_status(argc > 1 ? argv[1] : NULL);
	printf("ktest-payload: hello (argc %d, argv[0] %s, exiting with %d)\n",
	    argc, argc > 0 ? argv[0] : "(none)", status);
	return status;
}
