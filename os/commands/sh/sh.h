/* sh: the shell's map. Declarations shared by its files, grouped by the file
 * that defines them: input, lexer, parser, expander, executor, builtins, jobs. */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

/* ---- util.c: growable strings and string vectors; allocation ---- */

struct strbuf {
	char *s;          /* NUL-terminated; NULL until the first append */
	size_t len, cap;
};

struct strvec {
	char **v;         /* NULL-terminated; NULL until the first push */
	int n, cap;
};

void *sh_alloc(size_t size);
void *sh_realloc(void *p, size_t size);
char *sh_strdup(const char *s);
char *sh_strndup(const char *s, size_t n);
void sb_addc(struct strbuf *b, char c);
void sb_adds(struct strbuf *b, const char *s);
void sb_addn(struct strbuf *b, const char *s, size_t n);
void sb_clear(struct strbuf *b);
void sb_free(struct strbuf *b);
char *sb_take(struct strbuf *b);
void sv_push(struct strvec *v, char *s);
void sv_free(struct strvec *v);

/* ---- input.c: reading lines from a descriptor or a string ---- */

struct sh_input {
	int fd;               /* -1: read from str */
	const char *str;
	size_t pos;
	int bytewise;         /* read one byte at a time (a shared pipe) */
	char buf[512];
	int off, len;
	int edit;             /* a terminal: lines are edited (lineedit.c) */
	const char *prompt;   /* the prompt shown, for the editor's redraws */
};

#define INPUT_LINE  1     /* a line (with its '\n' if it had one) */
#define INPUT_EOF   0
#define INPUT_INTR  (-1)  /* a signal interrupted the read */
#define INPUT_ERROR (-2)

void input_from_fd(struct sh_input *in, int fd);
void input_from_string(struct sh_input *in, const char *s);
int input_line(struct sh_input *in, struct strbuf *line);
void input_edit(struct sh_input *in);

/* ---- lexer.c: input text -> tokens ---- */

enum tok_kind {
	TOK_WORD,        /* raw text, quotes and all; expanded at run time */
	TOK_IO_NUMBER,   /* digits right before < or > */
	TOK_SEMI, TOK_AMP, TOK_PIPE, TOK_AND, TOK_OR,
	TOK_LESS, TOK_GREAT, TOK_DGREAT, TOK_LESSAND, TOK_GREATAND,
	TOK_LPAREN, TOK_RPAREN, TOK_NEWLINE,
	TOK_DSEMI,       /* ;; (ends a case item) */
	TOK_DLESS, TOK_DLESSDASH,  /* << and <<- (here-documents) */
	TOK_END
};

struct token {
	enum tok_kind kind;
	char *text;      /* the word, or the operator's spelling */
	char *body;      /* the delimiter word of a here-document: its lines */
};

struct toklist {
	struct token *t;
	int n, cap;
};

#define LEX_OK         0
#define LEX_INCOMPLETE 1  /* an open quote, $( ${ or `, or a final backslash */

int lex(const char *text, struct toklist *out);
void toklist_free(struct toklist *l);

/* ---- parser.c: tokens -> syntax tree ---- */

enum redir_op { R_IN, R_OUT, R_APPEND, R_DUPIN, R_DUPOUT, R_HEREDOC };

struct redir {
	int fd;                 /* the descriptor redirected */
	enum redir_op op;
	char *word;             /* raw file name, or descriptor for R_DUP* */
	char *body;             /* R_HEREDOC: the lines of the document */
	int literal;            /* R_HEREDOC: delimiter quoted, no expansion */
	struct redir *next;
};

struct andor;
struct compound;

struct command {
	struct strvec words;    /* raw words (assignments first) */
	struct redir *redirs;
	struct andor *sub;      /* ( list ): a subshell, words empty */
	struct compound *cmp;   /* if/while/until/for/case/{ }: words empty */
	char *fname;            /* NAME() BODY: a function definition */
	struct command *fbody;  /* its body (a compound command or subshell) */
	int fbody_owned;        /* the tree still owns fbody (not defined yet) */
	struct command *next;   /* next in the pipeline */
};

#define JOIN_FIRST 0
#define JOIN_AND   1
#define JOIN_OR    2

struct pipeline {
	struct command *cmds;
	int ncmds;
	int negate;             /* ! pipeline */
	int join;               /* JOIN_*: how it follows the previous one */
	struct pipeline *next;
};

struct andor {
	struct pipeline *pipes;
	int background;         /* ended by & */
	struct andor *next;
};

#define PARSE_OK         0
#define PARSE_INCOMPLETE 1  /* the input ended inside a construct */
#define PARSE_ERROR      2

int parse(const struct toklist *toks, struct andor **out, const char **errtok);
void andor_free(struct andor *list);

/* ---- expand.c: raw words -> fields ---- */

int is_assignment(const char *raw);
void expand_word(const char *raw, int split, struct strvec *out);
char *expand_one(const char *raw);
char *expand_pattern(const char *raw);
char *expand_heredoc(const char *body);
int expand_failed(void);

/* ---- exec.c: running the tree ---- */

int run_list(struct andor *list);
void exec_command(char **argv) __attribute__((noreturn));

/* ---- scripting: compound.c, func.c, subst.c, glob.c, arith.c, and the
 * builtins of read.c, setopt.c, shift.c, testcmd.c ---- */

/* compound.c: if, while, until, for, case, { list }; break and continue. */
enum cmp_kind { CMP_IF, CMP_WHILE, CMP_UNTIL, CMP_FOR, CMP_GROUP, CMP_CASE };

struct clause {
	struct andor *cond;     /* if/elif/while/until condition; NULL: else */
	struct andor *body;     /* then / do / { } / case item list (case:
	                         * may be NULL) */
	struct strvec patterns; /* case: the item's raw patterns */
	struct clause *next;    /* if: the next elif or else; case: item */
};

struct compound {
	enum cmp_kind kind;
	struct clause *clauses; /* if: one per if/elif/else; case: one per
	                         * item; others: one */
	char *var;              /* for: the loop variable; case: the raw word */
	int has_in;             /* for: an `in` list (otherwise "$@") */
	struct strvec words;    /* for: the raw words after `in` */
};

int run_compound(struct compound *c);
int sh_stopping(void);
void sh_loops_reset(void);
void sh_note_interrupt(void);
int sh_loops_save(void);
void sh_loops_restore(int depth);
int builtin_break(int argc, char **argv);
int builtin_continue(int argc, char **argv);

/* subst.c: command substitution. */
const char *subst_paren_end(const char *p);
const char *subst_dquote_end(const char *p);
const char *subst_brace_end(const char *p);
const char *subst_bquote_end(const char *p);
char *subst_run(const char *text);
int subst_status(int *status);
void subst_forget(void);

/* glob.c: pathname patterns. */
int glob_has_meta(const char *pat);
int glob_match(const char *pat, const char *name);
int glob_expand(const char *pat, struct strvec *out);

/* arith.c: $((EXPR)). */
int arith_eval(const char *text, long *value);

/* read.c: the read builtin. */
int builtin_read(int argc, char **argv);

/* func.c: functions and return. */
void func_define(struct command *def);
struct command *func_find(const char *name);
int func_call(struct command *body, char **argv, int argc);
int func_returning(void);
int builtin_return(int argc, char **argv);

/* setopt.c: set -e, set -x, set -- ARGS. */
struct sh_options {
	int errexit;            /* -e */
	int xtrace;             /* -x */
};

extern struct sh_options sh_opts;

void sh_condition(int delta);
void sh_errexit(int status);
void sh_trace(char **argv, int n);
int builtin_set(int argc, char **argv);

/* shift.c: the shift builtin. */
int builtin_shift(int argc, char **argv);

/* testcmd.c: test and [. */
int builtin_test(int argc, char **argv);

/* ---- builtins.c ---- */

typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_find(const char *name);
const char *builtin_name(int i);
int builtin_is_exec(builtin_fn fn);

/* ---- lineedit.c, history.c, complete.c: the interactive line editor,
 * its history and Tab completion ---- */

#define INPUT_NOEDIT 2    /* lineedit_read: the terminal cannot be set up */

int lineedit_read(struct sh_input *in, struct strbuf *line);
void history_add(const char *line);
int history_count(void);
const char *history_get(int i);
void history_clear(void);
void history_print(int last);
void complete_word(const char *line, size_t pos, size_t *start,
    struct strvec *out);

/* ---- jobs.c: background jobs and wait statuses ---- */

void jobs_add(const pid_t *pids, int n);
void jobs_reap(int report);
int jobs_wait(pid_t pid);
int status_of(int wstatus);
const char *signal_text(int sig);
void report_signal(int sig, int last);

/* ---- main.c: the shell's state ---- */

struct sh_state {
	int status;             /* $? */
	int interactive;        /* prompts, catches SIGINT, reports jobs */
	int jobctl;             /* process groups and the terminal's foreground */
	pid_t pgid;             /* the shell's own process group */
	pid_t last_bg;          /* $! */
	pid_t pid;              /* $$ (the top shell's, also in subshells) */
	int argc;               /* $0, $1..$9, $#, $@ */
	char **argv;
	volatile int got_sigint;
};

extern struct sh_state shell;

void sh_in_child(void);

#endif
