/* The manifest's structure: `service LABEL { KEY VALUE... ; ... };`. */
#include <string.h>
#include <abi/errno.h>
#include "manifest_priv.h"

/* Fills M with the defaults of a manifest that sets nothing: no ipc
 * targets, no extra kernel calls, ports or IRQs, no heartbeat, restart
 * stateful; its label LABEL, cut to RS_LABEL_MAX - 1 characters. */
void manifest_defaults(struct rs_manifest *m, const char *label)
{
	memset(m, 0, sizeof(*m));
	if (label != NULL) {
		size_t n = strlen(label);
		if (n > RS_LABEL_MAX - 1)
			n = RS_LABEL_MAX - 1;
		memcpy(m->label, label, n);
	}
	m->period = 0;
	m->restart = RS_RESTART_STATEFUL;
}

/* Whether S is a valid label: 1 to RS_LABEL_MAX - 1 characters from
 * [A-Za-z0-9_.-], starting with a letter or digit. */
static int mf_valid_label(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= RS_LABEL_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-')))
			return 0;
	}
	return 1;
}

/* Parses the manifest TEXT (LEN bytes) of FILE into OUT. Returns 0, or
 * -EINVAL with "FILE:LINE: message" in ERR (see manifest.h). OUT is
 * always filled (defaults where the parse stopped). */
int manifest_parse(const char *text, size_t len, const char *file,
    struct rs_manifest *out, char *err, size_t err_size)
{
	struct mf_lexer lx = {
		.text = text, .len = text != NULL ? len : 0, .line = 1,
		.file = file != NULL ? file : "manifest",
		.err = err, .err_size = err_size,
	};
	if (err != NULL && err_size > 0)
		err[0] = '\0';
	manifest_defaults(out, NULL);

	int r = mf_next(&lx);
	if (r < 0)
		return r;
	if (lx.tok != MF_WORD || strcmp(lx.word, "service") != 0)
		return mf_error(&lx, "expected 'service', found %s",
		    mf_tok_text(&lx));
	int service_line = lx.tok_line;
	if ((r = mf_next(&lx)) < 0)
		return r;
	if (lx.tok != MF_WORD)
		return mf_error(&lx, "expected a label after 'service', found %s",
		    mf_tok_text(&lx));
	if (!mf_valid_label(lx.word))
		return mf_error(&lx, "bad label '%s' (1-%d characters: letters, "
		    "digits, '_', '.', '-')", lx.word, RS_LABEL_MAX - 1);
	strcpy(out->label, lx.word);
	if ((r = mf_next(&lx)) < 0)
		return r;
	if (lx.tok != MF_LBRACE)
		return mf_error(&lx, "expected '{' after the label, found %s",
		    mf_tok_text(&lx));

	uint32_t seen = 0;
	for (;;) {
		if ((r = mf_next(&lx)) < 0)
			return r;
		if (lx.tok == MF_RBRACE)
			break;
		if (lx.tok == MF_SEMI)
			continue;               /* an empty statement */
		if (lx.tok != MF_WORD)
			return mf_error(&lx, "missing '}' (found %s)",
			    mf_tok_text(&lx));
		if ((r = mf_parse_key(&lx, out, &seen)) < 0)
			return r;
	}
	if ((r = mf_next(&lx)) < 0)
		return r;
	if (lx.tok != MF_SEMI)
		return mf_error(&lx, "missing ';' after '}' (found %s)",
		    mf_tok_text(&lx));
	if ((r = mf_next(&lx)) < 0)
		return r;
	if (lx.tok != MF_EOF)
		return mf_error(&lx, "unexpected %s after the service "
		    "(one service per file)", mf_tok_text(&lx));
	if (out->restart == RS_RESTART_NEVER && out->core != RS_CORE_ALL) {
		lx.tok_line = service_line;
		return mf_error(&lx, "'restart never' needs 'core ALL' (a "
		    "failure halts the system, so RS must refuse every "
		    "command)");
	}
	return 0;
}
