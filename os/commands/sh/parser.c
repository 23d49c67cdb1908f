/* sh: the parser. A recursive descent over the tokens that builds the tree
 * of sh.h: a list of and-or lists (each maybe in the background), of
 * pipelines, of commands with their redirections.
 *
 *   list     := { andor ( ';' | '&' | newline ) } [ andor ]
 *   andor    := pipeline { ( '&&' | '||' ) newlines pipeline }
 *   pipeline := [ '!' ] command { '|' newlines command }
 *   command  := '(' list ')' { redirect } | ( word | redirect ) { word | redirect }
 *   redirect := [ IO_NUMBER ] ( '<' | '>' | '>>' | '<&' | '>&' ) word */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct parser {
	const struct toklist *toks;
	int pos;
	int depth;              /* open parentheses */
	int result;             /* PARSE_* once something went wrong */
	const char *errtok;
};

static struct andor *parse_list(struct parser *p);

/* The kind of the current token. */
static enum tok_kind peek(struct parser *p)
{
	return p->toks->t[p->pos].kind;
}

/* Fail at the current token: the input is incomplete when it ended there
 * (more lines may follow), a syntax error otherwise. */
static void fail(struct parser *p)
{
	if (p->result != PARSE_OK)
		return;
	if (peek(p) == TOK_END) {
		p->result = PARSE_INCOMPLETE;
		p->errtok = "newline";
	} else {
		p->result = PARSE_ERROR;
		p->errtok = p->toks->t[p->pos].kind == TOK_NEWLINE ?
		    "newline" : p->toks->t[p->pos].text;
	}
}

/* Skip newline tokens. */
static void skip_newlines(struct parser *p)
{
	while (peek(p) == TOK_NEWLINE)
		p->pos++;
}

/* Whether the current token starts a redirection. */
static int at_redirect(struct parser *p)
{
	enum tok_kind k = peek(p);
	return k == TOK_IO_NUMBER || k == TOK_LESS || k == TOK_GREAT ||
	    k == TOK_DGREAT || k == TOK_LESSAND || k == TOK_GREATAND;
}

/* Parse one redirection at the current token and append it to *TAIL's
 * list. A missing target is a syntax error even at the end of the input. */
static void parse_redirect(struct parser *p, struct redir ***tail)
{
	int fd = -1;
	if (peek(p) == TOK_IO_NUMBER)
		fd = atoi(p->toks->t[p->pos++].text);
	enum tok_kind k = peek(p);
	enum redir_op op;
	switch (k) {
	case TOK_LESS: op = R_IN; break;
	case TOK_GREAT: op = R_OUT; break;
	case TOK_DGREAT: op = R_APPEND; break;
	case TOK_LESSAND: op = R_DUPIN; break;
	case TOK_GREATAND: op = R_DUPOUT; break;
	default: fail(p); return;
	}
	p->pos++;
	if (peek(p) != TOK_WORD) {
		if (peek(p) == TOK_END) {
			p->result = PARSE_ERROR;
			p->errtok = "newline";
		}
		fail(p);
		return;
	}
	struct redir *r = sh_alloc(sizeof(*r));
	r->fd = fd >= 0 ? fd : (op == R_IN || op == R_DUPIN) ? 0 : 1;
	r->op = op;
	r->word = sh_strdup(p->toks->t[p->pos++].text);
	r->next = NULL;
	**tail = r;
	*tail = &r->next;
}

/* Free one command (and the subshell tree it holds). */
static void command_free(struct command *c)
{
	sv_free(&c->words);
	while (c->redirs) {
		struct redir *r = c->redirs;
		c->redirs = r->next;
		free(r->word);
		free(r);
	}
	andor_free(c->sub);
	free(c);
}

/* Parse a command: a subshell or a simple command. NULL after a failure. */
static struct command *parse_command(struct parser *p)
{
	struct command *c = sh_alloc(sizeof(*c));
	memset(c, 0, sizeof(*c));
	struct redir **tail = &c->redirs;

	if (peek(p) == TOK_LPAREN) {
		p->pos++;
		p->depth++;
		c->sub = parse_list(p);
		p->depth--;
		if (p->result == PARSE_OK && peek(p) != TOK_RPAREN)
			fail(p);
		else if (p->result == PARSE_OK && !c->sub) {
			fail(p);        /* "()" holds no command */
		}
		if (p->result != PARSE_OK) {
			command_free(c);
			return NULL;
		}
		p->pos++;
		while (p->result == PARSE_OK && at_redirect(p))
			parse_redirect(p, &tail);
	} else {
		while (p->result == PARSE_OK) {
			if (peek(p) == TOK_WORD)
				sv_push(&c->words, sh_strdup(p->toks->t[p->pos++].text));
			else if (at_redirect(p))
				parse_redirect(p, &tail);
			else
				break;
		}
		if (p->result == PARSE_OK && c->words.n == 0 && !c->redirs)
			fail(p);
	}
	if (p->result != PARSE_OK) {
		command_free(c);
		return NULL;
	}
	return c;
}

/* Free a chain of pipelines. */
static void pipeline_free(struct pipeline *pl)
{
	while (pl) {
		struct pipeline *next = pl->next;
		while (pl->cmds) {
			struct command *c = pl->cmds;
			pl->cmds = c->next;
			command_free(c);
		}
		free(pl);
		pl = next;
	}
}

/* Parse a pipeline joined to the previous one by JOIN. NULL on failure. */
static struct pipeline *parse_pipeline(struct parser *p, int join)
{
	struct pipeline *pl = sh_alloc(sizeof(*pl));
	memset(pl, 0, sizeof(*pl));
	pl->join = join;
	if (peek(p) == TOK_WORD && strcmp(p->toks->t[p->pos].text, "!") == 0) {
		pl->negate = 1;
		p->pos++;
	}
	struct command **tail = &pl->cmds;
	for (;;) {
		struct command *c = parse_command(p);
		if (!c) {
			pipeline_free(pl);
			return NULL;
		}
		*tail = c;
		tail = &c->next;
		pl->ncmds++;
		if (peek(p) != TOK_PIPE)
			return pl;
		p->pos++;
		skip_newlines(p);
	}
}

/* Parse an and-or list. NULL on failure. */
static struct andor *parse_andor(struct parser *p)
{
	struct andor *ao = sh_alloc(sizeof(*ao));
	memset(ao, 0, sizeof(*ao));
	struct pipeline **tail = &ao->pipes;
	int join = JOIN_FIRST;
	for (;;) {
		struct pipeline *pl = parse_pipeline(p, join);
		if (!pl) {
			andor_free(ao);
			return NULL;
		}
		*tail = pl;
		tail = &pl->next;
		if (peek(p) == TOK_AND)
			join = JOIN_AND;
		else if (peek(p) == TOK_OR)
			join = JOIN_OR;
		else
			return ao;
		p->pos++;
		skip_newlines(p);
	}
}

/* Parse a list up to the end of the input (or the ')' closing a
 * subshell). An empty list is NULL with p->result still PARSE_OK. */
static struct andor *parse_list(struct parser *p)
{
	struct andor *head = NULL, **tail = &head;
	skip_newlines(p);
	while (p->result == PARSE_OK && peek(p) != TOK_END &&
	    !(p->depth && peek(p) == TOK_RPAREN)) {
		struct andor *ao = parse_andor(p);
		if (!ao)
			break;
		*tail = ao;
		tail = &ao->next;
		enum tok_kind k = peek(p);
		if (k == TOK_AMP || k == TOK_SEMI || k == TOK_NEWLINE) {
			ao->background = k == TOK_AMP;
			p->pos++;
			skip_newlines(p);
		} else if (k != TOK_END && !(p->depth && k == TOK_RPAREN)) {
			fail(p);
		}
	}
	if (p->result == PARSE_OK && p->depth && peek(p) == TOK_END)
		fail(p);            /* an open '(' */
	if (p->result != PARSE_OK) {
		andor_free(head);
		return NULL;
	}
	return head;
}

/* Parse TOKS (ended by TOK_END) into *OUT (NULL for an empty input).
 * Returns PARSE_OK; PARSE_INCOMPLETE when the input stops inside a
 * construct (after '|', '&&', '||' or inside '('), so that more lines may
 * complete it; PARSE_ERROR with *ERRTOK the offending token's text. */
int parse(const struct toklist *toks, struct andor **out, const char **errtok)
{
	struct parser p = { .toks = toks, .result = PARSE_OK };
	*out = parse_list(&p);
	*errtok = p.errtok;
	return p.result;
}

/* Free a list built by parse(). */
void andor_free(struct andor *list)
{
	while (list) {
		struct andor *next = list->next;
		pipeline_free(list->pipes);
		free(list);
		list = next;
	}
}
