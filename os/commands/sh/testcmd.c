/* sh: the test and [ builtins. `test EXPR` and `[ EXPR ]` evaluate EXPR
 * and give status 0 (true), 1 (false) or 2 (a usage error, reported on
 * stderr as "sh: test: ..." or "sh: [: ...").
 *
 *   -e -f -d -r -w -x -s -L -h -c -b -p FILE   file tests
 *   -z STR, -n STR, STR                        string empty / not empty
 *   A = B, A != B                              strings
 *   A -eq -ne -lt -le -gt -ge B                integers
 *   ! EXPR, EXPR -a EXPR, EXPR -o EXPR, ( EXPR )
 *
 * Up to four arguments follow POSIX's rules by count (so `test -n` and
 * `test ! =` mean what POSIX says); longer expressions are parsed with
 * the usual precedence: ! above -a above -o. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sh.h"

#define TEST_ERROR 2

struct test_state {
	char **argv;            /* the expression's arguments */
	int n, pos;
	const char *name;       /* "test" or "[" for messages */
	int error;              /* an error was reported */
};

/* Report a usage error of the expression (once). */
static void test_error(struct test_state *t, const char *what,
    const char *arg)
{
	if (t->error)
		return;
	t->error = 1;
	if (arg)
		fprintf(stderr, "sh: %s: %s: %s\n", t->name, arg, what);
	else
		fprintf(stderr, "sh: %s: %s\n", t->name, what);
}

/* Whether S is a unary operator. */
static int is_unary(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("efdrwxsLhcbpzn", s[1]);
}

/* Whether S is a binary operator. */
static int is_binary(const char *s)
{
	static const char *const ops[] = {
		"=", "!=", "==", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
	};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(s, ops[i]) == 0)
			return 1;
	return 0;
}

/* Evaluate unary operator OP on ARG. */
static int unary(const char *op, const char *arg)
{
	struct stat st;
	switch (op[1]) {
	case 'z': return arg[0] == '\0';
	case 'n': return arg[0] != '\0';
	case 'r': return access(arg, R_OK) == 0;
	case 'w': return access(arg, W_OK) == 0;
	case 'x': return access(arg, X_OK) == 0;
	case 'L':
	case 'h': return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	}
	if (stat(arg, &st) < 0)
		return 0;
	switch (op[1]) {
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 's': return st.st_size > 0;
	case 'c': return S_ISCHR(st.st_mode);
	case 'b': return S_ISBLK(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	default: return 1;      /* -e */
	}
}

/* S as an integer (blanks around it allowed) into *V; an error (reported)
 * when it is not one. */
static int integer(struct test_state *t, const char *s, long long *v)
{
	char *end;
	errno = 0;
	*v = strtoll(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == s || *end || errno) {
		test_error(t, "integer expected", s);
		return -1;
	}
	return 0;
}

/* Evaluate A OP B for a binary operator OP. */
static int binary(struct test_state *t, const char *a, const char *op,
    const char *b)
{
	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(a, b) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	long long x, y;
	if (integer(t, a, &x) < 0 || integer(t, b, &y) < 0)
		return 0;
	if (strcmp(op, "-eq") == 0) return x == y;
	if (strcmp(op, "-ne") == 0) return x != y;
	if (strcmp(op, "-lt") == 0) return x < y;
	if (strcmp(op, "-le") == 0) return x <= y;
	if (strcmp(op, "-gt") == 0) return x > y;
	return x >= y;
}

static int eval_or(struct test_state *t);

/* The next argument (NULL at the end). */
static const char *arg_at(struct test_state *t, int k)
{
	return t->pos + k < t->n ? t->argv[t->pos + k] : NULL;
}

/* primary := '(' or ')' | UNARY ARG | ARG BINARY ARG | ARG */
static int eval_primary(struct test_state *t)
{
	const char *a = arg_at(t, 0), *b = arg_at(t, 1), *c = arg_at(t, 2);
	if (!a) {
		test_error(t, "argument expected", NULL);
		return 0;
	}
	if (b && c && is_binary(b)) {
		t->pos += 3;
		return binary(t, a, b, c);
	}
	if (strcmp(a, "(") == 0 && b) {
		t->pos++;
		int v = eval_or(t);
		if (!arg_at(t, 0) || strcmp(arg_at(t, 0), ")") != 0) {
			test_error(t, "')' expected", NULL);
			return 0;
		}
		t->pos++;
		return v;
	}
	if (is_unary(a) && b) {
		t->pos += 2;
		return unary(a, b);
	}
	t->pos++;
	return a[0] != '\0';
}

/* not := '!' not | primary */
static int eval_not(struct test_state *t)
{
	const char *a = arg_at(t, 0);
	if (a && strcmp(a, "!") == 0 && arg_at(t, 1)) {
		t->pos++;
		return !eval_not(t);
	}
	return eval_primary(t);
}

/* and := not { '-a' not } */
static int eval_and(struct test_state *t)
{
	int v = eval_not(t);
	while (arg_at(t, 0) && strcmp(arg_at(t, 0), "-a") == 0) {
		t->pos++;
		v = eval_not(t) && v;
	}
	return v;
}

/* or := and { '-o' and } */
static int eval_or(struct test_state *t)
{
	int v = eval_and(t);
	while (arg_at(t, 0) && strcmp(arg_at(t, 0), "-o") == 0) {
		t->pos++;
		v = eval_and(t) || v;
	}
	return v;
}

/* Evaluate the N arguments at ARGV by POSIX's rules for up to four
 * arguments, the general grammar beyond. */
static int evaluate(struct test_state *t, char **argv, int n)
{
	if (n == 0)
		return 0;
	if (n == 1)
		return argv[0][0] != '\0';
	if (n == 2 && strcmp(argv[0], "!") == 0)
		return !evaluate(t, argv + 1, 1);
	if (n == 2 && !is_unary(argv[0])) {
		test_error(t, "unary operator expected", argv[0]);
		return 0;
	}
	if (n == 3 && is_binary(argv[1]))
		return binary(t, argv[0], argv[1], argv[2]);
	if (n == 3 && strcmp(argv[0], "!") == 0)
		return !evaluate(t, argv + 1, 2);
	if (n == 3 && strcmp(argv[0], "(") == 0 && strcmp(argv[2], ")") == 0)
		return evaluate(t, argv + 1, 1);
	if (n == 4 && strcmp(argv[0], "!") == 0)
		return !evaluate(t, argv + 1, 3);
	if (n == 4 && strcmp(argv[0], "(") == 0 && strcmp(argv[3], ")") == 0)
		return evaluate(t, argv + 1, 2);
	t->argv = argv;
	t->n = n;
	t->pos = 0;
	int v = eval_or(t);
	if (t->pos < n)
		test_error(t, "unexpected argument", argv[t->pos]);
	return v;
}

/* test EXPR, [ EXPR ]: status 0 when EXPR is true, 1 when false, 2 on a
 * usage error (a `[` without its final `]`, a missing operand, a bad
 * integer). */
int builtin_test(int argc, char **argv)
{
	struct test_state t = { .name = argv[0] };
	int n = argc - 1;
	if (strcmp(argv[0], "[") == 0) {
		if (n < 1 || strcmp(argv[argc - 1], "]") != 0) {
			test_error(&t, "missing ']'", NULL);
			return TEST_ERROR;
		}
		n--;
	}
	int v = evaluate(&t, argv + 1, n);
	return t.error ? TEST_ERROR : !v;
}
