/* sh: the Phoenix shell. Reads commands from the terminal (prompt "# "), a
 * script file (sh FILE ARGS) or a string (sh -c CMDS), a line at a time,
 * and runs each complete command as soon as it has been read. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include "sh.h"

/* The shell's state: $?, $$, $!, the positional parameters and whether it
 * is interactive. One shell per process; children reset what they must
 * with sh_in_child(). */
struct sh_state shell;

#define PROMPT      "# "
#define PROMPT_MORE "> "

/* SIGINT at an interactive shell: remember it; the read or wait it
 * interrupted returns EINTR and the shell starts a fresh line (the line
 * editor also looks at the flag before each read that may wait). No
 * system call here: on Phoenix one made while the interrupted call is
 * still in VFS's hands can wait forever. */
static void on_sigint(int sig)
{
	(void) sig;
	shell.got_sigint = 1;
}

/* Set up an interactive shell: catch SIGINT, ignore SIGQUIT (and the
 * terminal-stop signals of hosts that have them); with job control lead a
 * process group that holds the terminal. */
static void setup_interactive(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;               /* no SA_RESTART: reads return EINTR */
	sigaction(SIGINT, &sa, NULL);
	signal(SIGQUIT, SIG_IGN);
#ifdef SIGTTOU
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
#endif
	if (shell.jobctl) {
		if (getpgrp() != getpid())
			setpgid(0, 0);
		tcsetpgrp(0, getpgrp());
	}
	shell.pgid = getpgrp();
}

/* Called in every child the shell forks, before it runs anything: the
 * default actions come back for the signals the shell caught or ignored,
 * and the child is no longer interactive (no prompts, no job control). */
void sh_in_child(void)
{
	if (shell.interactive) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
#ifdef SIGTTOU
		signal(SIGTTOU, SIG_DFL);
		signal(SIGTTIN, SIG_DFL);
#endif
	}
	shell.interactive = 0;
	shell.jobctl = 0;
}

/* Lex, parse and run TEXT. Returns PARSE_INCOMPLETE (nothing run: more
 * lines are needed), PARSE_ERROR (reported, $? = 2) or PARSE_OK. */
static int try_run(const char *text)
{
	struct toklist toks = { 0 };
	struct andor *list = NULL;
	const char *errtok = NULL;
	int r;

	if (lex(text, &toks) == LEX_INCOMPLETE) {
		toklist_free(&toks);
		return PARSE_INCOMPLETE;
	}
	r = parse(&toks, &list, &errtok);
	if (r == PARSE_ERROR) {
		fprintf(stderr, "sh: syntax error near '%s'\n", errtok);
		fflush(stderr);
		shell.status = 2;
	} else if (r == PARSE_OK) {
		run_list(list);
	}
	andor_free(list);
	toklist_free(&toks);
	return r;
}

/* Write the prompt P on stdout. */
static void prompt(const char *p)
{
	fputs(p, stdout);
	fflush(stdout);
}

/* Read and run IN to its end, a command at a time (a command may span
 * lines: open quotes, a trailing |, && or ||, an open parenthesis). */
static void run_input(struct sh_input *in)
{
	struct strbuf line = { 0 }, text = { 0 };
	for (;;) {
		if (shell.interactive) {
			if (!text.len)
				jobs_reap(1);
			in->prompt = text.len ? PROMPT_MORE : PROMPT;
			if (!in->edit)         /* the editor shows it */
				prompt(in->prompt);
		}
		int r = input_line(in, &line);
		if (r == INPUT_INTR) {
			if (shell.interactive)
				prompt("\n");
			shell.got_sigint = 0;
			shell.status = 128 + SIGINT;
			sb_clear(&text);
			continue;
		}
		if (r == INPUT_ERROR)
			break;
		if (r == INPUT_EOF) {
			if (text.len) {
				fprintf(stderr, "sh: syntax error near 'end of file'\n");
				shell.status = 2;
			}
			if (shell.interactive)
				prompt("\n");
			break;
		}
		if (shell.interactive)
			history_add(line.s);
		sb_adds(&text, line.s);
		if (try_run(text.s) != PARSE_INCOMPLETE)
			sb_clear(&text);
	}
	sb_free(&line);
	sb_free(&text);
}

/* Print how to call the shell and end with status 2. */
static void usage(void)
{
	fprintf(stderr, "usage: sh [-i] [FILE [ARG...]]\n"
	    "       sh [-i] -c COMMANDS [NAME [ARG...]]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int i = 1, from_string = 0, force_interactive = 0;
	struct sh_input in;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'c')
				from_string = 1;
			else if (*o == 'i')
				force_interactive = 1;
			else
				usage();
		}
	}
	shell.pid = getpid();
	signal(SIGCHLD, SIG_DFL);

	if (from_string) {
		if (i >= argc)
			usage();
		input_from_string(&in, argv[i]);
		/* sh -c CMDS NAME ARGS: $0 is NAME. */
		shell.argc = argc - i - 1;
		shell.argv = argv + i + 1;
		if (shell.argc == 0) {
			shell.argc = 1;
			shell.argv = argv;
		}
	} else if (i < argc) {
		int fd = open(argv[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[i], strerror(errno));
			return errno == ENOENT ? 127 : 126;
		}
		input_from_fd(&in, fd);
		shell.argc = argc - i;
		shell.argv = argv + i;
	} else {
		input_from_fd(&in, 0);
		shell.argc = 1;
		shell.argv = argv;
		shell.interactive = force_interactive || isatty(0);
	}
	if (force_interactive)
		shell.interactive = 1;
	shell.jobctl = shell.interactive && isatty(0);
	shell.pgid = getpgrp();
	if (shell.interactive) {
		setup_interactive();
		input_edit(&in);
	}

	run_input(&in);
	fflush(stdout);
	return shell.status;
}
