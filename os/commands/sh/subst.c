/* sh: command substitution. `$(LIST)` and `` `LIST` `` run LIST in a child
 * shell whose standard output is a pipe; the text it wrote, without its
 * trailing newlines, replaces the construct. The scanners here find where
 * such a construct ends; the lexer and the expander share them, so both
 * agree on nesting, quotes inside and an input that stops too early. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

static int last_status;      /* status of the last substitution run */
static int ran;              /* a substitution ran since subst_forget() */

/* P points just after an opening '"'. Returns the closing '"' (skipping
 * backslash escapes, $(...) and `...` inside), or NULL when the text ends
 * first. */
const char *subst_dquote_end(const char *p)
{
	while (*p != '"') {
		if (*p == '\0')
			return NULL;
		if (*p == '\\') {
			if (p[1] == '\0')
				return NULL;
			p += 2;
		} else if (p[0] == '$' && p[1] == '(') {
			p = subst_paren_end(p + 2);
			if (!p)
				return NULL;
			p++;
		} else if (*p == '`') {
			p = subst_bquote_end(p + 1);
			if (!p)
				return NULL;
			p++;
		} else {
			p++;
		}
	}
	return p;
}

/* P points just after an opening '`'. Returns the closing '`' (a
 * backslash escapes the next character), or NULL when the text ends
 * first. */
const char *subst_bquote_end(const char *p)
{
	while (*p != '`') {
		if (*p == '\0')
			return NULL;
		if (*p == '\\' && p[1] != '\0')
			p++;
		p++;
	}
	return p;
}

/* P points just after "${". Returns the '}' that closes it (quotes,
 * backslashes, inner ${...}, $(...) and `...` skipped), or NULL when the
 * text ends first. */
const char *subst_brace_end(const char *p)
{
	while (*p != '}') {
		const char *q = p;
		if (*p == '\0')
			return NULL;
		if (*p == '\\') {
			if (p[1] == '\0')
				return NULL;
			q = p + 1;
		} else if (*p == '\'') {
			q = strchr(p + 1, '\'');
		} else if (*p == '"') {
			q = subst_dquote_end(p + 1);
		} else if (*p == '`') {
			q = subst_bquote_end(p + 1);
		} else if (p[0] == '$' && p[1] == '(') {
			q = subst_paren_end(p + 2);
		} else if (p[0] == '$' && p[1] == '{') {
			q = subst_brace_end(p + 2);
		}
		if (!q)
			return NULL;
		p = q + 1;
	}
	return p;
}

/* P points just after "$(". Returns the ')' that closes it: parentheses
 * nest, quotes, backslashes, comments and inner substitutions are skipped.
 * NULL when the text ends first (more input may complete it). */
const char *subst_paren_end(const char *p)
{
	int depth = 0, word_start = 1;
	while (*p) {
		char c = *p;
		const char *q = p;
		if (c == '\\') {
			if (p[1] == '\0')
				return NULL;
			p += 2;
			word_start = 0;
			continue;
		}
		if (c == '\'') {
			q = strchr(p + 1, '\'');
		} else if (c == '"') {
			q = subst_dquote_end(p + 1);
		} else if (c == '`') {
			q = subst_bquote_end(p + 1);
		} else if (c == '$' && p[1] == '(') {
			q = subst_paren_end(p + 2);
		} else if (c == '#' && word_start) {
			while (*p && *p != '\n')
				p++;
			continue;
		} else if (c == '(') {
			depth++;
		} else if (c == ')') {
			if (depth == 0)
				return p;
			depth--;
		}
		if (!q)
			return NULL;
		p = q + 1;
		word_start = strchr(" \t\n;&|()<>", c) != NULL;
	}
	return NULL;
}

/* Lex, parse and run TEXT in this (child) shell; returns its status. A
 * syntax error is reported as the shell's own are (status 2). */
static int eval_text(const char *text)
{
	struct toklist toks = { 0 };
	struct andor *list = NULL;
	const char *errtok = "end of file";
	int status, r = PARSE_ERROR;

	if (lex(text, &toks) == LEX_OK) {
		r = parse(&toks, &list, &errtok);
		if (r == PARSE_INCOMPLETE)
			errtok = "end of file";
	}
	if (r != PARSE_OK) {
		fprintf(stderr, "sh: syntax error near '%s'\n", errtok);
		status = 2;
	} else {
		status = run_list(list);
	}
	andor_free(list);
	toklist_free(&toks);
	return status;
}

/* Run TEXT (the inside of a substitution) in a child shell and return what
 * it wrote on its standard output, trailing newlines removed (the caller
 * frees it). Its status is kept for subst_status(). A failed pipe or fork
 * is reported and gives "" with status 1. */
char *subst_run(const char *text)
{
	struct strbuf out = { 0 };
	int pfd[2];
	ran = 1;
	last_status = 1;
	if (pipe(pfd) < 0) {
		fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
		return sh_strdup("");
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return sh_strdup("");
	}
	if (pid == 0) {
		sh_in_child();
		close(pfd[0]);
		if (pfd[1] != 1) {
			dup2(pfd[1], 1);
			close(pfd[1]);
		}
		exit(eval_text(text));
	}
	close(pfd[1]);
	for (;;) {
		char buf[512];
		ssize_t n = read(pfd[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sb_addn(&out, buf, (size_t) n);
	}
	close(pfd[0]);
	int wstatus;
	pid_t r;
	while ((r = waitpid(pid, &wstatus, 0)) < 0 && errno == EINTR)
		;
	last_status = r < 0 ? 127 : status_of(wstatus);
	while (out.len && out.s[out.len - 1] == '\n')
		out.s[--out.len] = '\0';
	return sb_take(&out);
}

/* Whether a substitution ran since the last subst_forget(); if so, *STATUS
 * is the status of the last one (the status of a command made only of
 * assignments). */
int subst_status(int *status)
{
	if (ran)
		*status = last_status;
	return ran;
}

/* Forget the substitutions run so far (before a command is expanded). */
void subst_forget(void)
{
	ran = 0;
}
