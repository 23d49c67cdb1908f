/* sh: arithmetic expansion, $((EXPR)). EXPR has already been through
 * parameter expansion and command substitution (so $i works); what is left
 * is evaluated here in long integers with C's operators and precedence:
 *
 *   ( )   unary + - ! ~   * / %   + -   << >>   < <= > >=   == !=
 *   &   ^   |   &&   ||   COND ? A : B
 *
 * Numbers are decimal, 0x hexadecimal or 0 octal; a bare NAME is the
 * variable's value (empty or unset: 0). Errors (a bad character, a missing
 * operand, division by zero) are reported as
 * "sh: arithmetic: MESSAGE: EXPR" and give status 2 to the command. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct arith {
	const char *text;       /* the whole expression, for messages */
	const char *p;          /* the next character */
	const char *error;      /* the first error, or NULL */
	int depth;              /* nesting, bounded so that C's stack is */
};

#define ARITH_MAX_DEPTH 64

static long arith_cond(struct arith *a);

/* Record the first error MESSAGE. */
static void arith_fail(struct arith *a, const char *message)
{
	if (!a->error)
		a->error = message;
}

/* Skip blanks. */
static void skip_blanks(struct arith *a)
{
	while (*a->p == ' ' || *a->p == '\t' || *a->p == '\n')
		a->p++;
}

/* Whether the operator OP comes next (and not a longer one it begins, such
 * as "<" in "<="); if so, step past it. */
static int take(struct arith *a, const char *op)
{
	skip_blanks(a);
	size_t n = strlen(op);
	if (strncmp(a->p, op, n) != 0)
		return 0;
	char next = a->p[n];
	if (n == 1 && strchr("<>&|=!", op[0]) && (next == op[0] || next == '='))
		return 0;
	if (n == 1 && op[0] == '=' && next == '=')
		return 0;
	a->p += n;
	return 1;
}

/* The value of a string as a number: decimal, 0x hexadecimal, 0 octal; an
 * empty string is 0. Anything else is an error. */
static long number_of(struct arith *a, const char *s)
{
	char *end;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return 0;
	long v = strtol(s, &end, 0);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end != '\0')
		arith_fail(a, "not a number");
	return v;
}

/* primary := NUMBER | NAME | '(' cond ')' */
static long arith_primary(struct arith *a)
{
	skip_blanks(a);
	const char *s = a->p;
	if (*s == '(') {
		a->p++;
		long v = arith_cond(a);
		if (!take(a, ")"))
			arith_fail(a, "')' expected");
		return v;
	}
	if (isdigit((unsigned char) *s)) {
		while (isalnum((unsigned char) *a->p))
			a->p++;
		char *num = sh_strndup(s, (size_t) (a->p - s));
		long v = number_of(a, num);
		free(num);
		return v;
	}
	if (isalpha((unsigned char) *s) || *s == '_') {
		while (isalnum((unsigned char) *a->p) || *a->p == '_')
			a->p++;
		char *name = sh_strndup(s, (size_t) (a->p - s));
		const char *value = getenv(name);
		free(name);
		return value ? number_of(a, value) : 0;
	}
	arith_fail(a, *s ? "unexpected character" : "operand expected");
	return 0;
}

/* unary := ( '+' | '-' | '!' | '~' ) unary | primary */
static long arith_unary(struct arith *a)
{
	if (++a->depth > ARITH_MAX_DEPTH) {
		arith_fail(a, "too deeply nested");
		return 0;
	}
	long v;
	skip_blanks(a);
	if (take(a, "+"))
		v = arith_unary(a);
	else if (take(a, "-"))
		v = -arith_unary(a);
	else if (take(a, "!"))
		v = !arith_unary(a);
	else if (take(a, "~"))
		v = ~arith_unary(a);
	else
		v = arith_primary(a);
	a->depth--;
	return v;
}

/* The binary operators by precedence level, loosest last. */
static const char *const levels[][5] = {
	{ "*", "/", "%", NULL },
	{ "+", "-", NULL },
	{ "<<", ">>", NULL },
	{ "<=", ">=", "<", ">", NULL },
	{ "==", "!=", NULL },
	{ "&", NULL },
	{ "^", NULL },
	{ "|", NULL },
	{ "&&", NULL },
	{ "||", NULL },
};

#define NLEVELS ((int) (sizeof(levels) / sizeof(levels[0])))

/* Apply the binary operator OP to X and Y. */
static long apply(struct arith *a, const char *op, long x, long y)
{
	switch (op[0]) {
	case '*': return x * y;
	case '/':
	case '%':
		if (y == 0) {
			arith_fail(a, "division by zero");
			return 0;
		}
		return op[0] == '/' ? x / y : x % y;
	case '+': return x + y;
	case '-': return x - y;
	case '<':
		if (op[1] == '<') return x << (y & 63);
		return op[1] == '=' ? x <= y : x < y;
	case '>':
		if (op[1] == '>') return x >> (y & 63);
		return op[1] == '=' ? x >= y : x > y;
	case '=': return x == y;
	case '!': return x != y;
	case '&': return op[1] == '&' ? x && y : (x & y);
	case '^': return x ^ y;
	default: return op[1] == '|' ? x || y : (x | y);
	}
}

/* binary(LEVEL) := binary(LEVEL-1) { OP(LEVEL) binary(LEVEL-1) } */
static long arith_binary(struct arith *a, int level)
{
	if (level < 0)
		return arith_unary(a);
	long v = arith_binary(a, level - 1);
	for (;;) {
		const char *op = NULL;
		for (int i = 0; levels[level][i]; i++) {
			if (take(a, levels[level][i])) {
				op = levels[level][i];
				break;
			}
		}
		if (!op || a->error)
			return v;
		long w = arith_binary(a, level - 1);
		v = apply(a, op, v, w);
	}
}

/* cond := binary [ '?' cond ':' cond ] */
static long arith_cond(struct arith *a)
{
	long v = arith_binary(a, NLEVELS - 1);
	if (!take(a, "?"))
		return v;
	long x = arith_cond(a);
	if (!take(a, ":"))
		arith_fail(a, "':' expected");
	long y = arith_cond(a);
	return v ? x : y;
}

/* Evaluate the arithmetic expression TEXT into *VALUE. Returns 0, or -1
 * after reporting an error. */
int arith_eval(const char *text, long *value)
{
	struct arith a = { .text = text, .p = text };
	*value = arith_cond(&a);
	skip_blanks(&a);
	if (!a.error && *a.p)
		arith_fail(&a, "unexpected character");
	if (a.error) {
		fprintf(stderr, "sh: arithmetic: %s: %s\n", a.error, text);
		return -1;
	}
	return 0;
}
