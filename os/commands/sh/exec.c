/* sh: the executor. Runs and-or lists, pipelines (one child per command,
 * each foreground pipeline in its own process group holding the terminal),
 * builtins inside the shell, background jobs, and the search of $PATH. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "sh.h"
#include "redirect.h"

extern char **environ;

#define DEFAULT_PATH "/bin:/sbin:/usr/bin"

static int run_andor(struct andor *ao);

/* A command's words after expansion: leading NAME=value assignments, then
 * the command and its arguments. */
struct expanded {
	struct strvec assigns;
	struct strvec argv;
};

/* Expand the words of command C into E. */
static void expand_command(const struct command *c, struct expanded *e)
{
	int i = 0;
	memset(e, 0, sizeof(*e));
	subst_forget();
	expand_failed();        /* forget a failure of another command's */
	for (; i < c->words.n && is_assignment(c->words.v[i]); i++)
		sv_push(&e->assigns, expand_one(c->words.v[i]));
	for (; i < c->words.n; i++)
		expand_word(c->words.v[i], 1, &e->argv);
}

/* Free what expand_command() built. */
static void expanded_free(struct expanded *e)
{
	sv_free(&e->assigns);
	sv_free(&e->argv);
}

/* Put each NAME=value of ASSIGNS into the environment. */
static void assign_all(const struct strvec *assigns)
{
	for (int i = 0; i < assigns->n; i++) {
		char *eq = strchr(assigns->v[i], '=');
		*eq = '\0';
		setenv(assigns->v[i], eq + 1, 1);
		*eq = '=';
	}
}

/* Print "sh: NAME: MESSAGE" on stderr. */
static void complain(const char *name, const char *message)
{
	fprintf(stderr, "sh: %s: %s\n", name, message);
	fflush(stderr);
}

/* Run ARGV[0] with the environment, in this (child) process: a name with a
 * '/' as it is, other names through $PATH. Never returns: a command not
 * found ends the process with 127, one that fails to start with 126. */
void exec_command(char **argv)
{
	const char *name = argv[0];
	if (strchr(name, '/')) {
		execve(name, argv, environ);
		if (errno == ENOENT) {
			complain(name, "not found");
			_exit(127);
		}
		complain(name, strerror(errno));
		_exit(126);
	}
	const char *path = getenv("PATH");
	if (!path)
		path = DEFAULT_PATH;
	struct strbuf full = { 0 };
	while (name[0]) {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t) (colon - path) : strlen(path);
		sb_clear(&full);
		if (len)
			sb_addn(&full, path, len);
		else
			sb_addc(&full, '.');
		sb_addc(&full, '/');
		sb_adds(&full, name);
		struct stat st;
		if (stat(full.s, &st) == 0 && S_ISREG(st.st_mode)) {
			execve(full.s, argv, environ);
			complain(name, strerror(errno));
			_exit(126);
		}
		if (!colon)
			break;
		path = colon + 1;
	}
	complain(name, "not found");
	_exit(127);
}

/* The body of a child that runs command C (already expanded into PRE when
 * not NULL): redirections, then a subshell list, a builtin or a program.
 * Never returns. */
static void child_run(struct command *c, struct expanded *pre)
{
	struct expanded own;
	if (apply_redirects(c->redirs, NULL) < 0)
		_exit(1);
	if (c->sub)
		exit(run_list(c->sub));
	if (c->cmp)
		exit(run_compound(c->cmp));
	if (c->fname) {
		func_define(c);
		exit(0);
	}
	if (!pre) {
		expand_command(c, &own);
		if (expand_failed())
			exit(2);
		pre = &own;
	}
	assign_all(&pre->assigns);
	sh_trace(pre->argv.v, pre->argv.n);
	if (pre->argv.n == 0)
		exit(0);
	struct command *body = func_find(pre->argv.v[0]);
	if (body)
		exit(func_call(body, pre->argv.v, pre->argv.n));
	builtin_fn fn = builtin_find(pre->argv.v[0]);
	if (fn)
		exit(fn(pre->argv.n, pre->argv.v));
	exec_command(pre->argv.v);
}

/* Start the commands of pipeline PL, each in a child joined by pipes to
 * the next, into PIDS (room for PL->ncmds). With job control the children
 * share a new process group, which FOREGROUND gives the terminal. PRE: the
 * expanded words of a one-command pipeline, or NULL. Returns how many
 * started (fewer than PL->ncmds after a failed pipe or fork, reported). */
static int launch(struct pipeline *pl, struct expanded *pre, int foreground,
    pid_t *pids)
{
	int in_fd = -1, n = 0;
	pid_t pgid = 0;

	for (struct command *c = pl->cmds; c; c = c->next) {
		int pfd[2] = { -1, -1 };
		if (c->next && pipe(pfd) < 0) {
			complain("pipe", strerror(errno));
			break;
		}
		fflush(stdout);
		fflush(stderr);
		pid_t pid = fork();
		if (pid < 0) {
			complain("fork", strerror(errno));
			if (pfd[0] >= 0) {
				close(pfd[0]);
				close(pfd[1]);
			}
			break;
		}
		if (pid == 0) {
			if (shell.jobctl) {
				setpgid(0, pgid);
				if (foreground)
					tcsetpgrp(0, pgid ? pgid : getpid());
			}
			sh_in_child();
			if (in_fd >= 0) {
				dup2(in_fd, 0);
				close(in_fd);
			}
			if (pfd[1] >= 0) {
				dup2(pfd[1], 1);
				close(pfd[1]);
				close(pfd[0]);
			}
			child_run(c, pre);
		}
		if (shell.jobctl) {
			setpgid(pid, pgid ? pgid : pid);
			if (foreground && !pgid)
				tcsetpgrp(0, pid);
		}
		if (!pgid)
			pgid = pid;
		pids[n++] = pid;
		if (in_fd >= 0)
			close(in_fd);
		if (pfd[1] >= 0)
			close(pfd[1]);
		in_fd = pfd[0];
	}
	if (in_fd >= 0)
		close(in_fd);
	return n;
}

/* Wait for the N foreground processes PIDS, take the terminal back, report
 * the ones a signal killed, and return the status of the last one. */
static int wait_foreground(const pid_t *pids, int n)
{
	int *wstatus = sh_alloc(n * sizeof(int));
	int sigint_seen = 0;
	for (int i = 0; i < n; i++) {
		pid_t r;
		while ((r = waitpid(pids[i], &wstatus[i], 0)) < 0 && errno == EINTR)
			;
		if (r < 0)
			wstatus[i] = 127 << 8;
	}
	if (shell.jobctl)
		tcsetpgrp(0, shell.pgid);
	if (shell.got_sigint)
		sh_note_interrupt();
	shell.got_sigint = 0;
	for (int i = 0; i < n; i++) {
		if (!WIFSIGNALED(wstatus[i]))
			continue;
		int sig = WTERMSIG(wstatus[i]);
		if (sig == SIGINT)
			sh_note_interrupt();
		if (sig == SIGINT && sigint_seen++)
			continue;
		report_signal(sig, i == n - 1);
	}
	int status = status_of(wstatus[n - 1]);
	free(wstatus);
	return status;
}

/* Run a command that is alone in its pipeline, in the foreground:
 * compound commands, assignments and builtins run inside the shell
 * (redirections undone afterwards), anything else in a child. Returns its
 * status; a command of assignments alone has the status of its last
 * command substitution, or 0. */
static int run_single(struct command *c)
{
	struct expanded e;
	struct saved_fds saved = { 0 };
	int status;

	if (c->cmp) {
		status = apply_redirects(c->redirs, &saved) < 0 ? 1 :
		    run_compound(c->cmp);
		restore_redirects(&saved);
		return status;
	}
	if (c->fname) {
		func_define(c);
		return 0;
	}
	expand_command(c, &e);
	if (expand_failed()) {
		expanded_free(&e);
		return 2;
	}
	struct command *body = e.argv.n ? func_find(e.argv.v[0]) : NULL;
	if (body) {
		sh_trace(e.argv.v, e.argv.n);
		status = apply_redirects(c->redirs, &saved) < 0 ? 1 :
		    func_call(body, e.argv.v, e.argv.n);
		restore_redirects(&saved);
		expanded_free(&e);
		return status;
	}
	builtin_fn fn = e.argv.n ? builtin_find(e.argv.v[0]) : NULL;
	if (e.argv.n == 0 || fn) {
		sh_trace(e.argv.v, e.argv.n);
		if (fn && builtin_is_exec(fn)) {
			/* `exec`: its redirections stay (and the program it
			 * starts, if any, inherits them). */
			status = apply_redirects(c->redirs, NULL) < 0 ? 1 :
			    fn(e.argv.n, e.argv.v);
		} else if (apply_redirects(c->redirs, &saved) < 0) {
			status = 1;
		} else {
			if (fn)
				status = fn(e.argv.n, e.argv.v);
			else {
				assign_all(&e.assigns);
				status = 0;
				subst_status(&status);
			}
		}
		restore_redirects(&saved);
		expanded_free(&e);
		return status;
	}

	struct pipeline alone = { .cmds = c, .ncmds = 1 };
	pid_t pid;
	if (launch(&alone, &e, 1, &pid) == 0)
		status = 1;
	else
		status = wait_foreground(&pid, 1);
	expanded_free(&e);
	return status;
}

/* Run pipeline PL in the foreground and return its status (negated by !). */
static int run_pipeline(struct pipeline *pl)
{
	int status;
	if (pl->ncmds == 1 && !pl->cmds->sub) {   /* compound commands too */
		status = run_single(pl->cmds);
	} else {
		pid_t *pids = sh_alloc(pl->ncmds * sizeof(pid_t));
		int n = launch(pl, NULL, 1, pids);
		if (n == 0)
			status = 1;
		else
			status = wait_foreground(pids, n);
		if (n > 0 && n < pl->ncmds)
			status = 1;
		free(pids);
	}
	return pl->negate ? !status : status;
}

/* Start and-or list AO in the background: a lone pipeline directly, a
 * longer list in a subshell. It is remembered as a job. */
static void run_background(struct andor *ao)
{
	struct pipeline *pl = ao->pipes;
	if (!pl->next && !pl->negate) {
		pid_t *pids = sh_alloc(pl->ncmds * sizeof(pid_t));
		int n = launch(pl, NULL, 0, pids);
		if (n > 0)
			jobs_add(pids, n);
		free(pids);
		return;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		complain("fork", strerror(errno));
		return;
	}
	if (pid == 0) {
		if (shell.jobctl)
			setpgid(0, 0);
		sh_in_child();
		struct andor alone = *ao;
		alone.next = NULL;
		alone.background = 0;
		exit(run_andor(&alone));
	}
	if (shell.jobctl)
		setpgid(pid, pid);
	jobs_add(&pid, 1);
}

/* Run the pipelines of and-or list AO in the foreground, each according to
 * the status of the one before (&& runs on 0, || on non-zero). Returns the
 * status of the last one run. */
static int run_andor(struct andor *ao)
{
	int status = shell.status;
	for (struct pipeline *pl = ao->pipes; pl && !sh_stopping();
	    pl = pl->next) {
		if ((pl->join == JOIN_AND && status != 0) ||
		    (pl->join == JOIN_OR && status == 0))
			continue;
		/* set -e: only the last pipeline's failure counts, and not
		 * one negated with ! */
		int tested = pl->next != NULL || pl->negate;
		sh_condition(tested);
		status = run_pipeline(pl);
		sh_condition(-tested);
		shell.status = status;
		if (!tested && !sh_stopping())
			sh_errexit(status);
	}
	return status;
}

/* Run LIST: every and-or list in turn, the ones ended by & in the
 * background (status 0), until a break or continue leaves it. Sets and
 * returns $?. A list run from the top (not inside another) starts with no
 * jump or ^C pending. */
int run_list(struct andor *list)
{
	static int nesting;
	if (nesting++ == 0)
		sh_loops_reset();
	for (struct andor *ao = list; ao && !sh_stopping(); ao = ao->next) {
		if (!shell.interactive)
			jobs_reap(0);
		if (ao->background) {
			run_background(ao);
			shell.status = 0;
		} else {
			shell.status = run_andor(ao);
		}
	}
	nesting--;
	return shell.status;
}
