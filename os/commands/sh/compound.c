/* sh: running compound commands (if, while, until, for, case, { list }) and the
 * loop controls break and continue. A break or continue, or a ^C at an
 * interactive shell, is a pending jump: run_list() and run_andor() stop
 * running commands while one is pending (sh_stopping()), and each loop it
 * crosses on the way out takes its part of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static int loop_depth;     /* loops being run around the current command */
static int jump_levels;    /* loops still to leave (break N, continue N) */
static int jump_continue;  /* once they are left: go on with the next turn */
static int interrupted;    /* a ^C stopped an interactive shell's command */

/* Whether commands must stop running: a break or continue is on its way to
 * its loop, or a return to its function's caller. */
int sh_stopping(void)
{
	return jump_levels || jump_continue || func_returning();
}

/* Enter a function: the loops around the call are not the function's
 * (break and continue inside do not reach them). Returns what
 * sh_loops_restore() needs after the call. */
int sh_loops_save(void)
{
	int depth = loop_depth;
	loop_depth = 0;
	return depth;
}

/* Leave a function: the loops around the call (DEPTH from sh_loops_save())
 * are back. */
void sh_loops_restore(int depth)
{
	loop_depth = depth;
}

/* Forget every pending jump and interruption (a new top-level command). */
void sh_loops_reset(void)
{
	jump_levels = jump_continue = interrupted = 0;
	shell.got_sigint = 0;
}

/* Note that a ^C interrupted a foreground command of an interactive shell:
 * the loops and lists around it stop too. */
void sh_note_interrupt(void)
{
	if (shell.interactive)
		interrupted = 1;
}

/* After one part of a loop ran: whether the loop must end now. It ends
 * when the interactive shell was interrupted (^C: a program killed by
 * SIGINT, or the shell's own handler while only builtins ran) or when a
 * jump still has loops to leave (this one takes its level); a continue that
 * reached it is used up. */
static int loop_must_end(void)
{
	if (interrupted || (shell.interactive && shell.got_sigint)) {
		interrupted = 1;
		return 1;
	}
	if (!sh_stopping())
		return 0;
	if (func_returning())
		return 1;
	if (jump_levels) {
		jump_levels--;
		return 1;
	}
	jump_continue = 0;
	return 0;
}

/* Parse the loop count of break/continue (ARGV[1], default 1) into *N;
 * returns 0, or the status of the error it reported. */
static int loop_count(int argc, char **argv, int *n)
{
	*n = loop_depth < 1 ? loop_depth : 1;
	if (argc < 2)
		return 0;
	char *end;
	long v = strtol(argv[1], &end, 10);
	if (argv[1][0] == '\0' || *end != '\0') {
		fprintf(stderr, "sh: %s: %s: numeric argument required\n",
		    argv[0], argv[1]);
		return 2;
	}
	if (v < 1 || argc > 2) {
		fprintf(stderr, "sh: %s: %s: loop count out of range\n",
		    argv[0], argv[1]);
		return 1;
	}
	*n = v > loop_depth ? loop_depth : (int) v;
	return 0;
}

/* break [N]: leave the N innermost loops (all of them when fewer). Outside
 * a loop it does nothing. */
int builtin_break(int argc, char **argv)
{
	int n, err = loop_count(argc, argv, &n);
	if (err)
		return err;
	jump_levels = n;
	jump_continue = 0;
	return 0;
}

/* continue [N]: go on with the next turn of the Nth innermost loop
 * (leaving the N-1 inside it). Outside a loop it does nothing. */
int builtin_continue(int argc, char **argv)
{
	int n, err = loop_count(argc, argv, &n);
	if (err)
		return err;
	if (n > 0) {
		jump_levels = n - 1;
		jump_continue = 1;
	}
	return 0;
}

/* if: run the condition of each clause in turn; the body of the first that
 * succeeds (or of the else) runs. Status: that body's, or 0 when none ran. */
static int run_if(struct compound *c)
{
	for (struct clause *cl = c->clauses; cl; cl = cl->next) {
		if (cl->cond) {
			sh_condition(1);
			int st = run_list(cl->cond);
			sh_condition(-1);
			if (sh_stopping())
				return st;
			if (st != 0)
				continue;
		}
		return run_list(cl->body);
	}
	return 0;
}

/* while/until: run the body as long as the condition succeeds (while) or
 * fails (until). Status: the last body's, or 0 when it never ran. */
static int run_while(struct compound *c)
{
	struct clause *cl = c->clauses;
	int status = 0;
	loop_depth++;
	for (;;) {
		sh_condition(1);
		int st = run_list(cl->cond);
		sh_condition(-1);
		if (loop_must_end())
			break;
		if ((st == 0) != (c->kind == CMP_WHILE))
			break;
		status = run_list(cl->body);
		if (loop_must_end())
			break;
	}
	loop_depth--;
	return status;
}

/* for: expand the words (globbing too), or take "$@", and run the body
 * once with the variable set to each. Status: the last body's, or 0. */
static int run_for(struct compound *c)
{
	struct strvec items = { 0 };
	int status = 0;
	if (c->has_in) {
		expand_failed();
		for (int i = 0; i < c->words.n; i++)
			expand_word(c->words.v[i], 1, &items);
		if (expand_failed()) {
			sv_free(&items);
			return 2;
		}
	} else {
		for (int i = 1; i < shell.argc; i++)
			sv_push(&items, sh_strdup(shell.argv[i]));
	}
	loop_depth++;
	for (int i = 0; i < items.n; i++) {
		setenv(c->var, items.v[i], 1);
		status = run_list(c->clauses->body);
		if (loop_must_end())
			break;
	}
	loop_depth--;
	sv_free(&items);
	return status;
}

/* case: expand the word, then run the list of the first item with a
 * pattern that matches it (patterns expanded in turn, quoted characters
 * literal). Status: that list's, or 0 when none matched. */
static int run_case(struct compound *c)
{
	char *word = expand_one(c->var);
	int status = 0, done = 0;
	for (struct clause *cl = c->clauses; cl && !done; cl = cl->next) {
		for (int i = 0; i < cl->patterns.n && !done; i++) {
			char *pat = expand_pattern(cl->patterns.v[i]);
			if (glob_match(pat, word)) {
				done = 1;
				status = cl->body ? run_list(cl->body) : 0;
			}
			free(pat);
		}
	}
	free(word);
	return status;
}

/* Run compound command C in this shell and return its status (also $?). */
int run_compound(struct compound *c)
{
	int status;
	switch (c->kind) {
	case CMP_IF:
		status = run_if(c);
		break;
	case CMP_WHILE:
	case CMP_UNTIL:
		status = run_while(c);
		break;
	case CMP_FOR:
		status = run_for(c);
		break;
	case CMP_CASE:
		status = run_case(c);
		break;
	default:
		status = run_list(c->clauses->body);
		break;
	}
	shell.status = status;
	return status;
}
