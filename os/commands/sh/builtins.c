/* sh: the builtins, commands the shell runs itself because they change the
 * shell (cd, exit, export, unset, wait, exec, umask), show its state
 * (history) or are trivial (pwd, true, false, help). echo is a program (/bin/echo). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sh.h"

extern char **environ;

#define CWD_MAX 1024

/* cd [DIR | -]: change the working directory (no DIR: $HOME, or /; -: the
 * previous one, $OLDPWD, which is printed) and keep $PWD and $OLDPWD up to
 * date. */
static int do_cd(int argc, char **argv)
{
	char old[CWD_MAX];
	const char *dir = argc > 1 ? argv[1] : getenv("HOME");
	int back = 0;
	if (!dir || !dir[0])
		dir = "/";
	if (strcmp(dir, "-") == 0) {
		back = 1;
		dir = getenv("OLDPWD");
		if (!dir) {
			fprintf(stderr, "sh: cd: OLDPWD not set\n");
			return 1;
		}
	}
	if (!getcwd(old, sizeof(old)))
		old[0] = '\0';
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	char now[CWD_MAX];
	if (old[0])
		setenv("OLDPWD", old, 1);
	if (getcwd(now, sizeof(now))) {
		setenv("PWD", now, 1);
		if (back)
			printf("%s\n", now);
	}
	return 0;
}

/* exit [N]: end the shell with status N (default: $?). */
static int do_exit(int argc, char **argv)
{
	int status = shell.status;
	if (argc > 1) {
		char *end;
		long n = strtol(argv[1], &end, 10);
		if (argv[1][0] == '\0' || *end != '\0') {
			fprintf(stderr, "sh: exit: %s: numeric argument required\n",
			    argv[1]);
			status = 2;
		} else {
			status = (int) (n & 0xff);
		}
	}
	fflush(stdout);
	exit(status);
}

/* Whether ARG is NAME or NAME=VALUE with a valid variable name. */
static int valid_name(const char *arg)
{
	if (!(isalpha((unsigned char) arg[0]) || arg[0] == '_'))
		return 0;
	while (*++arg && *arg != '=')
		if (!(isalnum((unsigned char) *arg) || *arg == '_'))
			return 0;
	return 1;
}

/* export [NAME[=VALUE]...]: set variables (every shell variable is in the
 * environment, so NAME alone only makes sure it exists); with no argument
 * list them. */
static int do_export(int argc, char **argv)
{
	if (argc == 1) {
		for (char **e = environ; *e; e++)
			printf("export %s\n", *e);
		return 0;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!valid_name(argv[i])) {
			fprintf(stderr, "sh: export: %s: bad variable name\n", argv[i]);
			status = 1;
		} else if (eq) {
			*eq = '\0';
			setenv(argv[i], eq + 1, 1);
			*eq = '=';
		} else if (!getenv(argv[i])) {
			setenv(argv[i], "", 1);
		}
	}
	return status;
}

/* unset NAME...: remove variables. */
static int do_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		unsetenv(argv[i]);
	return 0;
}

/* pwd: print the working directory. */
static int do_pwd(int argc, char **argv)
{
	char cwd[CWD_MAX];
	(void) argc;
	(void) argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

/* true: status 0. */
static int do_true(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	return 0;
}

/* false: status 1. */
static int do_false(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	return 1;
}

/* wait [PID]: wait for a background process, or for all of them. */
static int do_wait(int argc, char **argv)
{
	if (argc == 1)
		return jobs_wait(-1);
	int status = 0;
	for (int i = 1; i < argc; i++)
		status = jobs_wait((pid_t) atoi(argv[i]));
	return status;
}

/* exec [COMMAND [ARGS]]: replace the shell with COMMAND (the redirections
 * of an exec line stay, see run_single()). */
static int do_exec(int argc, char **argv)
{
	if (argc == 1)
		return 0;
	fflush(stdout);
	exec_command(argv + 1);
}

/* umask [MODE]: print the file-creation mask (4 octal digits), or set it
 * to the octal MODE (0..777; anything else: status 2). Children inherit
 * it. */
static int do_umask(int argc, char **argv)
{
	if (argc == 1) {
		mode_t old = umask(0);
		umask(old);
		printf("%04o\n", (unsigned) old);
		return 0;
	}
	char *end;
	unsigned long mask = strtoul(argv[1], &end, 8);
	if (argc > 2 || !argv[1][0] || *end || mask > 0777) {
		fprintf(stderr, "sh: umask: usage: umask [OCTAL MODE 0..777]\n");
		return 2;
	}
	umask((mode_t) mask);
	return 0;
}

/* history [-c] [N]: list the lines typed at the prompt, numbered (the
 * newest N only); -c forgets them. */
static int do_history(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "-c") == 0) {
		history_clear();
		return 0;
	}
	char *end = NULL;
	long last = argc == 2 ? strtol(argv[1], &end, 10) : -1;
	if (argc > 2 || (end && (!argv[1][0] || *end || last < 0))) {
		fprintf(stderr, "sh: history: usage: history [-c] [N]\n");
		return 2;
	}
	history_print((int) last);
	return 0;
}

static int do_help(int argc, char **argv);

struct builtin {
	const char *name;
	builtin_fn fn;
	const char *usage;
};

static const struct builtin builtins[] = {
	{ ":", do_true, ":                status 0 (its arguments are expanded)" },
	{ "[", builtin_test, "[ EXPR ]         test EXPR (see test)" },
	{ "break", builtin_break, "break [N]        leave the N innermost loops" },
	{ "cd", do_cd, "cd [DIR | -]     change directory (default $HOME)" },
	{ "continue", builtin_continue, "continue [N]     next turn of the Nth innermost loop" },
	{ "exec", do_exec, "exec COMMAND     replace the shell with COMMAND" },
	{ "exit", do_exit, "exit [N]         leave the shell with status N" },
	{ "export", do_export, "export NAME=VAL  set a variable (all are exported)" },
	{ "false", do_false, "false            status 1" },
	{ "help", do_help, "help             this list" },
	{ "history", do_history, "history [-c] [N] list (or clear) the lines typed" },
	{ "pwd", do_pwd, "pwd              print the working directory" },
	{ "read", builtin_read, "read [NAME...]   read a line into variables (-r: raw)" },
	{ "return", builtin_return, "return [N]       leave the function with status N" },
	{ "set", builtin_set, "set [-ex] [-- ARG...] options (-e: stop at an error, -x: trace), $1..." },
	{ "shift", builtin_shift, "shift [N]        drop the first N arguments ($1...)" },
	{ "test", builtin_test, "test EXPR        -e -f -d -r -w -x -s -z -n = != -eq -lt ... ! -a -o ( )" },
	{ "true", do_true, "true             status 0" },
	{ "umask", do_umask, "umask [MODE]     print or set the file-creation mask (octal)" },
	{ "unset", do_unset, "unset NAME       remove a variable" },
	{ "wait", do_wait, "wait [PID]       wait for background jobs" },
};

#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

/* help: list the builtins and where the programs are. */
static int do_help(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	printf("Builtins:\n");
	for (size_t i = 0; i < NBUILTINS; i++)
		printf("  %s\n", builtins[i].usage);
	printf("Everything else is a program: programs are in /bin "
	    "(searched through $PATH).\n");
	return 0;
}

/* The builtin called NAME, or NULL. */
builtin_fn builtin_find(const char *name)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].fn;
	return NULL;
}

/* The name of builtin I (0, 1, ...), or NULL past the last one. */
const char *builtin_name(int i)
{
	return i >= 0 && (size_t) i < NBUILTINS ? builtins[i].name : NULL;
}

/* Whether FN is `exec` (its redirections are not undone). */
int builtin_is_exec(builtin_fn fn)
{
	return fn == do_exec;
}
