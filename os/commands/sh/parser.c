/* sh: the parser. A recursive descent over the tokens that builds the tree
 * of sh.h: a list of and-or lists (each maybe in the background), of
 * pipelines, of commands with their redirections.
 *
 *   list     := { andor ( ';' | '&' | newline ) } [ andor ]
 *   andor    := pipeline { ( '&&' | '||' ) newlines pipeline }
 *   pipeline := [ '!' ] command { '|' newlines command }
 *   command  := ( '(' list ')' | compound ) { redirect }
 *             | NAME '(' ')' newlines ( '(' list ')' | compound ) { redirect }
 *             | ( word | redirect ) { word | redirect }
 *   compound := 'if' list 'then' list { 'elif' list 'then' list }
 *                 [ 'else' list ] 'fi'
 *             | ( 'while' | 'until' ) list 'do' list 'done'
 *             | 'for' NAME [ newlines 'in' { word } ( ';' | newline ) | ';' ]
 *                 newlines 'do' list 'done'
 *             | '{' list '}'
 *             | 'case' word newlines 'in' newlines
 *                 { [ '(' ] word { '|' word } ')' list [ ';;' newlines ] } 'esac'
 *   redirect := [ IO_NUMBER ] ( '<' | '>' | '>>' | '<&' | '>&' | '<<'
 *               | '<<-' ) word
 *
 * Reserved words (if then elif else fi while until for in do done { }
 * case esac) are plain words that count only where a command starts (`in`
 * right after `for NAME` and `case WORD`, `esac` where a pattern starts):
 * `echo if` prints "if". The lists inside a compound command may not be
 * empty (a case item's may). */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct parser {
	const struct toklist *toks;
	int pos;
	int depth;              /* open parentheses */
	int in_case;            /* open case items (a list ends at ;;) */
	int result;             /* PARSE_* once something went wrong */
	const char *errtok;
};

static struct andor *parse_list(struct parser *p);
static struct compound *parse_compound(struct parser *p);
static void compound_free(struct compound *c);
static int valid_name(const char *s);

/* The words that close a list when they stand where a command starts. */
static const char *const closers[] = {
	"then", "elif", "else", "fi", "do", "done", "}", "esac",
};

/* The words that open a compound command where a command starts. */
static const char *const openers[] = {
	"if", "while", "until", "for", "{", "case",
};

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

/* Whether the current token is the unquoted word WORD. */
static int at_word(struct parser *p, const char *word)
{
	return peek(p) == TOK_WORD && strcmp(p->toks->t[p->pos].text, word) == 0;
}

/* Whether the current token is one of the N words of SET. */
static int at_one_of(struct parser *p, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (at_word(p, set[i]))
			return 1;
	return 0;
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
	    k == TOK_DGREAT || k == TOK_LESSAND || k == TOK_GREATAND ||
	    k == TOK_DLESS || k == TOK_DLESSDASH;
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
	case TOK_DLESS:
	case TOK_DLESSDASH: op = R_HEREDOC; break;
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
	memset(r, 0, sizeof(*r));
	r->fd = fd >= 0 ? fd :
	    (op == R_IN || op == R_DUPIN || op == R_HEREDOC) ? 0 : 1;
	r->op = op;
	if (op == R_HEREDOC) {
		const struct token *t = &p->toks->t[p->pos];
		r->body = sh_strdup(t->body ? t->body : "");
		r->literal = strpbrk(t->text, "'\"\\") != NULL;
	}
	r->word = sh_strdup(p->toks->t[p->pos++].text);
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
		free(r->body);
		free(r);
	}
	andor_free(c->sub);
	compound_free(c->cmp);
	if (c->fbody_owned)
		command_free(c->fbody);
	free(c->fname);
	free(c);
}

/* Parse a command: a compound command, a subshell or a simple command
 * (a closing reserved word there is a syntax error). NULL after a failure. */
static struct command *parse_command(struct parser *p)
{
	struct command *c = sh_alloc(sizeof(*c));
	memset(c, 0, sizeof(*c));
	struct redir **tail = &c->redirs;

	if (at_one_of(p, closers, sizeof(closers) / sizeof(closers[0]))) {
		fail(p);                /* `true && fi` */
	} else if (peek(p) == TOK_WORD && valid_name(p->toks->t[p->pos].text) &&
	    p->toks->t[p->pos + 1].kind == TOK_LPAREN &&
	    p->toks->t[p->pos + 2].kind == TOK_RPAREN) {
		/* NAME ( ) BODY: a function definition. */
		c->fname = sh_strdup(p->toks->t[p->pos].text);
		p->pos += 3;
		skip_newlines(p);
		if (!at_one_of(p, openers, sizeof(openers) / sizeof(openers[0])) &&
		    peek(p) != TOK_LPAREN) {
			fail(p);
		} else {
			c->fbody = parse_command(p);
			c->fbody_owned = c->fbody != NULL;
		}
	} else if (at_one_of(p, openers, sizeof(openers) / sizeof(openers[0]))) {
		c->cmp = parse_compound(p);
		while (p->result == PARSE_OK && at_redirect(p))
			parse_redirect(p, &tail);
	} else if (peek(p) == TOK_LPAREN) {
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

/* Whether a list ends at the current token: the end of the input, the ')'
 * of an open subshell, a closing reserved word, the ;; of a case item. */
static int at_list_end(struct parser *p)
{
	enum tok_kind k = peek(p);
	return k == TOK_END || (p->depth && k == TOK_RPAREN) ||
	    (p->in_case && k == TOK_DSEMI) ||
	    at_one_of(p, closers, sizeof(closers) / sizeof(closers[0]));
}

/* Parse a list up to the end of the input (or the ')' closing a
 * subshell, a closing reserved word, a ;;). An empty list is NULL with
 * p->result still PARSE_OK. */
static struct andor *parse_list(struct parser *p)
{
	struct andor *head = NULL, **tail = &head;
	skip_newlines(p);
	while (p->result == PARSE_OK && !at_list_end(p)) {
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
		} else if (!at_list_end(p)) {
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
 * construct (after '|', '&&', '||', inside '(' or an open if, while,
 * until, for or { }), so that more lines may
 * complete it; PARSE_ERROR with *ERRTOK the offending token's text. */
int parse(const struct toklist *toks, struct andor **out, const char **errtok)
{
	struct parser p = { .toks = toks, .result = PARSE_OK };
	*out = parse_list(&p);
	if (p.result == PARSE_OK && peek(&p) != TOK_END) {
		fail(&p);           /* a stray `fi`, `done`, `then`... */
		andor_free(*out);
		*out = NULL;
	}
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

/* ---- compound commands ---- */

/* Expect the reserved word WORD at the current token and step past it;
 * otherwise fail there (incomplete at the end of the input). */
static void expect(struct parser *p, const char *word)
{
	if (p->result != PARSE_OK)
		return;
	if (at_word(p, word))
		p->pos++;
	else
		fail(p);
}

/* Parse the list inside a compound command, which may not be empty: an
 * empty one fails at the token that stopped it. NULL after a failure. */
static struct andor *parse_body(struct parser *p)
{
	if (p->result != PARSE_OK)
		return NULL;
	struct andor *list = parse_list(p);
	if (p->result == PARSE_OK && !list)
		fail(p);
	return list;
}

/* Append a clause COND/BODY to *TAIL's chain and return it. */
static struct clause *add_clause(struct clause ***tail, struct andor *cond,
    struct andor *body)
{
	struct clause *cl = sh_alloc(sizeof(*cl));
	memset(cl, 0, sizeof(*cl));
	cl->cond = cond;
	cl->body = body;
	**tail = cl;
	*tail = &cl->next;
	return cl;
}

/* if LIST then LIST { elif LIST then LIST } [ else LIST ] fi, into C
 * (the current token is `if`). */
static void parse_if(struct parser *p, struct compound *c)
{
	struct clause **tail = &c->clauses;
	do {
		p->pos++;               /* `if` or `elif` */
		struct andor *cond = parse_body(p);
		expect(p, "then");
		struct andor *body = parse_body(p);
		if (p->result != PARSE_OK) {
			andor_free(cond);
			andor_free(body);
			return;
		}
		add_clause(&tail, cond, body);
	} while (at_word(p, "elif"));
	if (at_word(p, "else")) {
		p->pos++;
		struct andor *body = parse_body(p);
		if (p->result != PARSE_OK)
			return;
		add_clause(&tail, NULL, body);
	}
	expect(p, "fi");
}

/* while|until LIST do LIST done, into C (the current token is the first
 * word). */
static void parse_while(struct parser *p, struct compound *c)
{
	p->pos++;
	struct andor *cond = parse_body(p);
	expect(p, "do");
	struct andor *body = parse_body(p);
	if (p->result == PARSE_OK) {
		struct clause **tail = &c->clauses;
		add_clause(&tail, cond, body);
	} else {
		andor_free(cond);
		andor_free(body);
	}
	expect(p, "done");
}

/* Whether S is a valid variable name. */
static int valid_name(const char *s)
{
	if (!(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (s++; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

/* for NAME [in WORDS ;] do LIST done, into C (the current token is
 * `for`). Without `in`, the loop goes over "$@". */
static void parse_for(struct parser *p, struct compound *c)
{
	p->pos++;
	if (peek(p) != TOK_WORD || !valid_name(p->toks->t[p->pos].text)) {
		fail(p);
		return;
	}
	c->var = sh_strdup(p->toks->t[p->pos++].text);
	skip_newlines(p);
	if (at_word(p, "in")) {
		p->pos++;
		c->has_in = 1;
		while (peek(p) == TOK_WORD)
			sv_push(&c->words, sh_strdup(p->toks->t[p->pos++].text));
		if (peek(p) != TOK_SEMI && peek(p) != TOK_NEWLINE) {
			fail(p);
			return;
		}
		p->pos++;
	} else if (peek(p) == TOK_SEMI) {
		p->pos++;
	}
	skip_newlines(p);
	expect(p, "do");
	struct andor *body = parse_body(p);
	if (p->result != PARSE_OK)
		return;
	struct clause **tail = &c->clauses;
	add_clause(&tail, NULL, body);
	expect(p, "done");
}

/* One item of a case: [ '(' ] PATTERN { '|' PATTERN } ')' LIST [ ';;' ],
 * appended to *TAIL. */
static void parse_case_item(struct parser *p, struct clause ***tail)
{
	struct strvec patterns = { 0 };
	if (peek(p) == TOK_LPAREN)
		p->pos++;
	for (;;) {
		if (peek(p) != TOK_WORD) {
			fail(p);
			sv_free(&patterns);
			return;
		}
		sv_push(&patterns, sh_strdup(p->toks->t[p->pos++].text));
		if (peek(p) != TOK_PIPE)
			break;
		p->pos++;
	}
	if (peek(p) != TOK_RPAREN) {
		fail(p);
		sv_free(&patterns);
		return;
	}
	p->pos++;
	p->in_case++;
	int depth = p->depth;
	p->depth = 0;           /* a ')' here is no subshell's end */
	struct andor *body = parse_list(p);
	p->depth = depth;
	p->in_case--;
	if (p->result != PARSE_OK) {
		sv_free(&patterns);
		return;
	}
	add_clause(tail, NULL, body)->patterns = patterns;
	if (peek(p) == TOK_DSEMI) {
		p->pos++;
		skip_newlines(p);
	} else if (!at_word(p, "esac")) {
		fail(p);
	}
}

/* case WORD in ITEMS esac, into C (the current token is `case`). */
static void parse_case(struct parser *p, struct compound *c)
{
	p->pos++;
	if (peek(p) != TOK_WORD) {
		fail(p);
		return;
	}
	c->var = sh_strdup(p->toks->t[p->pos++].text);
	skip_newlines(p);
	expect(p, "in");
	skip_newlines(p);
	struct clause **tail = &c->clauses;
	while (p->result == PARSE_OK && !at_word(p, "esac"))
		parse_case_item(p, &tail);
	expect(p, "esac");
}

/* Parse the compound command at the current token (one of `openers`).
 * NULL after a failure. */
static struct compound *parse_compound(struct parser *p)
{
	struct compound *c = sh_alloc(sizeof(*c));
	memset(c, 0, sizeof(*c));
	if (at_word(p, "if")) {
		c->kind = CMP_IF;
		parse_if(p, c);
	} else if (at_word(p, "while") || at_word(p, "until")) {
		c->kind = at_word(p, "while") ? CMP_WHILE : CMP_UNTIL;
		parse_while(p, c);
	} else if (at_word(p, "for")) {
		c->kind = CMP_FOR;
		parse_for(p, c);
	} else if (at_word(p, "case")) {
		c->kind = CMP_CASE;
		parse_case(p, c);
	} else {
		c->kind = CMP_GROUP;
		p->pos++;
		struct andor *body = parse_body(p);
		if (p->result == PARSE_OK) {
			struct clause **tail = &c->clauses;
			add_clause(&tail, NULL, body);
		}
		expect(p, "}");
	}
	if (p->result != PARSE_OK) {
		compound_free(c);
		return NULL;
	}
	return c;
}

/* Free a compound command (NULL is fine). */
static void compound_free(struct compound *c)
{
	if (!c)
		return;
	while (c->clauses) {
		struct clause *cl = c->clauses;
		c->clauses = cl->next;
		andor_free(cl->cond);
		andor_free(cl->body);
		sv_free(&cl->patterns);
		free(cl);
	}
	free(c->var);
	sv_free(&c->words);
	free(c);
}
