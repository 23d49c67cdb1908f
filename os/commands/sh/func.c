/* sh: functions. `NAME() BODY` stores BODY (a compound command or a
 * subshell) under NAME; a command called NAME then runs BODY with the
 * command's arguments as $1... ($0 stays), inside the shell. `return [N]`
 * ends the function with status N (default $?). A definition keeps the
 * body its parse tree made for as long as the shell lives (a body replaced
 * by a new definition is not freed: the old tree may still run it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct func {
	char *name;
	struct command *body;
	struct func *next;
};

static struct func *funcs;
static int call_depth;       /* functions running */
static int returning;        /* a return is on its way to its call */
static int return_status;

/* Run the definition DEF (a command with fname): NAME now runs its body.
 * The table takes the body from DEF's tree. */
void func_define(struct command *def)
{
	struct func *f;
	for (f = funcs; f; f = f->next)
		if (strcmp(f->name, def->fname) == 0)
			break;
	if (!f) {
		f = sh_alloc(sizeof(*f));
		f->name = sh_strdup(def->fname);
		f->next = funcs;
		funcs = f;
	}
	f->body = def->fbody;
	def->fbody_owned = 0;
}

/* The body of the function called NAME, or NULL. */
struct command *func_find(const char *name)
{
	for (struct func *f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->body;
	return NULL;
}

/* Whether a return is ending the running function. */
int func_returning(void)
{
	return returning;
}

/* Call the function BODY with ARGV (ARGC words, ARGV[0] its name) as its
 * arguments: $1... are ARGV[1]..., restored afterwards; the loops around
 * the call are out of reach of its break and continue. Returns its status:
 * that of return N, or of the body. */
int func_call(struct command *body, char **argv, int argc)
{
	int saved_argc = shell.argc;
	char **saved_argv = shell.argv;
	char **args = sh_alloc((size_t) (argc + 1) * sizeof(char *));
	args[0] = saved_argc > 0 ? saved_argv[0] : argv[0];
	for (int i = 1; i < argc; i++)
		args[i] = argv[i];
	args[argc] = NULL;
	shell.argv = args;
	shell.argc = argc;
	int loops = sh_loops_save();
	call_depth++;

	struct pipeline alone = { .cmds = body, .ncmds = 1 };
	struct andor list = { .pipes = &alone };
	int status = run_list(&list);
	if (returning) {
		status = return_status;
		returning = 0;
	}

	call_depth--;
	sh_loops_restore(loops);
	shell.argv = saved_argv;
	shell.argc = saved_argc;
	free(args);
	shell.status = status;
	return status;
}

/* return [N]: end the running function with status N (default $?).
 * Outside a function: `sh: return: not in a function`, status 1. */
int builtin_return(int argc, char **argv)
{
	int status = shell.status;
	if (call_depth == 0) {
		fprintf(stderr, "sh: return: not in a function\n");
		return 1;
	}
	if (argc > 1) {
		char *end;
		long n = strtol(argv[1], &end, 10);
		if (argv[1][0] == '\0' || *end != '\0') {
			fprintf(stderr, "sh: return: %s: numeric argument required\n",
			    argv[1]);
			n = 2;
		}
		status = (int) (n & 0xff);
	}
	returning = 1;
	return_status = status;
	return status;
}
