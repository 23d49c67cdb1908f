/* dd's operands: NAME=VALUE words (if= of= bs= ibs= obs= count= skip=
 * seek= conv= iflag= status=), numbers with GNU's suffixes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dd.h"

/* A size suffix and what it multiplies by. */
struct suffix {
	const char *name;
	unsigned long long factor;
};

static const struct suffix suffixes[] = {
	{ "", 1 }, { "c", 1 }, { "w", 2 }, { "b", 512 },
	{ "kB", 1000 }, { "K", 1024 }, { "k", 1024 }, { "KiB", 1024 },
	{ "MB", 1000000 }, { "M", 1048576 }, { "MiB", 1048576 },
	{ "GB", 1000000000 }, { "G", 1073741824 }, { "GiB", 1073741824 },
};

/* number: VALUE of operand NAME as a count of bytes or blocks: decimal
 * digits and one of the suffixes above. Returns 0 and *OUT, or -1 after
 * saying it is invalid. */
static int number(const char *name, const char *value,
    unsigned long long *out)
{
	char *end;
	if (value[0] < '0' || value[0] > '9')
		goto bad;
	unsigned long long v = strtoull(value, &end, 10);
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (strcmp(end, suffixes[i].name) != 0)
			continue;
		if (v > DD_ALL / suffixes[i].factor)
			goto bad;
		*out = v * suffixes[i].factor;
		return 0;
	}
bad:
	fprintf(stderr, "dd: invalid number in %s=%s\n", name, value);
	return -1;
}

/* block_size: as number(), and between 1 and 16 MiB. */
static int block_size(const char *name, const char *value, size_t *out)
{
	unsigned long long v;
	if (number(name, value, &v) < 0)
		return -1;
	if (v == 0 || v > 16u << 20) {
		fprintf(stderr, "dd: %s=%s: a block is 1 byte to 16 MiB\n",
		    name, value);
		return -1;
	}
	*out = (size_t) v;
	return 0;
}

/* flags: the comma-separated words of VALUE for operand NAME, each
 * setting the int WORDS[i] names in FIELDS[i]. Returns 0, or -1 after
 * naming an unknown word. */
static int flags(const char *name, const char *value, const char *const *words,
    int *const *fields, int n)
{
	const char *w = value;
	while (*w) {
		size_t len = strcspn(w, ",");
		int i = 0;
		while (i < n && (strlen(words[i]) != len ||
		    strncmp(words[i], w, len) != 0))
			i++;
		if (i == n) {
			fprintf(stderr, "dd: %s=: unknown flag '%.*s'\n", name,
			    (int) len, w);
			return -1;
		}
		*fields[i] = 1;
		w += len + (w[len] == ',');
	}
	return 0;
}

/* operand: one NAME=VALUE word into O. Returns 0 or -1 (said). */
static int operand(char *word, struct dd_opts *o)
{
	char *value = strchr(word, '=');
	if (!value) {
		fprintf(stderr, "dd: unknown operand %s\n", word);
		return -1;
	}
	*value++ = '\0';
	if (strcmp(word, "if") == 0)
		o->in = value;
	else if (strcmp(word, "of") == 0)
		o->out = value;
	else if (strcmp(word, "bs") == 0)
		return block_size(word, value, &o->bs);
	else if (strcmp(word, "ibs") == 0)
		return block_size(word, value, &o->ibs);
	else if (strcmp(word, "obs") == 0)
		return block_size(word, value, &o->obs);
	else if (strcmp(word, "count") == 0)
		return number(word, value, &o->count);
	else if (strcmp(word, "skip") == 0)
		return number(word, value, &o->skip);
	else if (strcmp(word, "seek") == 0)
		return number(word, value, &o->seek);
	else if (strcmp(word, "conv") == 0) {
		static const char *const words[] = { "notrunc", "sync" };
		int *const fields[] = { &o->notrunc, &o->sync };
		return flags(word, value, words, fields, 2);
	} else if (strcmp(word, "iflag") == 0) {
		static const char *const words[] = { "fullblock" };
		int *const fields[] = { &o->fullblock };
		return flags(word, value, words, fields, 1);
	} else if (strcmp(word, "status") == 0) {
		if (strcmp(value, "none") == 0)
			o->status = STATUS_NONE;
		else if (strcmp(value, "noxfer") == 0)
			o->status = STATUS_NOXFER;
		else if (strcmp(value, "progress") != 0) {
			fprintf(stderr, "dd: invalid status level %s\n", value);
			return -1;
		}
	} else {
		fprintf(stderr, "dd: unknown operand %s\n", word);
		return -1;
	}
	return 0;
}

/* dd_parse: see dd.h. Defaults: 512-byte blocks, everything. bs= wins
 * over ibs= and obs= wherever it stands. */
int dd_parse(int argc, char **argv, struct dd_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->ibs = o->obs = 512;
	o->count = DD_ALL;
	for (int i = 1; i < argc; i++)
		if (operand(argv[i], o) < 0)
			return -1;
	if (o->bs)
		o->ibs = o->obs = o->bs;
	return 0;
}
