/* sh: the set builtin: the options -e (errexit) and -x (trace), and new
 * positional parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

struct sh_options sh_opts;

static char **owned_args;  /* the positional parameters set by `set --` */
static int in_condition;   /* conditions being run (set -e ignores them) */

/* Note that a condition (of if, elif, while, until, or a pipeline after
 * which && or || tests the status) starts (DELTA 1) or ends (-1): a
 * failure there does not end the shell under set -e. */
void sh_condition(int delta)
{
	in_condition += delta;
}

/* Under set -e, end the shell when STATUS, the status of a command that
 * no condition tests, is a failure. */
void sh_errexit(int status)
{
	if (sh_opts.errexit && status != 0 && in_condition == 0) {
		fflush(stdout);
		exit(status);
	}
}

/* Under set -x, print the command ARGV (N words) on stderr, as "+ WORD
 * WORD...", before it runs: in one write, so that the lines of commands
 * of one pipeline, traced at the same time, never mix. */
void sh_trace(char **argv, int n)
{
	if (!sh_opts.xtrace || n == 0)
		return;
	struct strbuf b = { 0 };
	sb_adds(&b, "+");
	for (int i = 0; i < n; i++) {
		sb_addc(&b, ' ');
		sb_adds(&b, argv[i]);
	}
	sb_addc(&b, '\n');
	fflush(stderr);
	ssize_t r = write(2, b.s, b.len);
	(void) r;
	sb_free(&b);
}

/* Make ARGS (N words) the positional parameters $1...; $0 stays. */
static void set_args(char **args, int n)
{
	char **v = sh_alloc((size_t) (n + 2) * sizeof(char *));
	v[0] = shell.argc > 0 ? sh_strdup(shell.argv[0]) : sh_strdup("sh");
	for (int i = 0; i < n; i++)
		v[i + 1] = sh_strdup(args[i]);
	v[n + 1] = NULL;
	if (owned_args) {
		for (char **p = owned_args; *p; p++)
			free(*p);
		free(owned_args);
	}
	owned_args = v;
	shell.argv = v;
	shell.argc = n + 1;
}

/* set [-ex] [+ex] [--] [ARG...]: -e ends the shell when a command that no
 * condition tests fails, -x prints each command (+ WORDS) on stderr before
 * it runs, +e and +x turn them off; ARGs (all words after --, or after the
 * options) become $1... Without arguments: print the variables. A bad
 * option: status 2. */
int builtin_set(int argc, char **argv)
{
	extern char **environ;
	int i = 1;
	if (argc == 1) {
		for (char **e = environ; *e; e++)
			printf("%s\n", *e);
		return 0;
	}
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			set_args(argv + i, argc - i);
			return 0;
		}
		if ((a[0] != '-' && a[0] != '+') || a[1] == '\0')
			break;
		for (const char *o = a + 1; *o; o++) {
			int on = a[0] == '-';
			if (*o == 'e') {
				sh_opts.errexit = on;
			} else if (*o == 'x') {
				sh_opts.xtrace = on;
			} else {
				fprintf(stderr, "sh: set: %c%c: unknown option\n",
				    a[0], *o);
				return 2;
			}
		}
	}
	if (i < argc)
		set_args(argv + i, argc - i);
	return 0;
}
