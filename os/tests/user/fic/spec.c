/* fic's request lines: a T line's words into a struct trial (main.c
 * answers them; os/tests/host/fic checks this file on the host). */
#include <stdlib.h>
#include <string.h>
#include "fic.h"

#define MAX_DELAY 1000      /* ticks */

static const char *const mutation_kinds[] = { "flip", "skip", "pointer",
	"loop" };

#define FI_NAME(id, name, nr) { name, nr },
static const struct { const char *name; int kind; } fi_kinds[] = {
	FI_KIND_LIST(FI_NAME)
};
#undef FI_NAME

/* kind_of: the FI_* number of NAME, FIC_KIND_PATCH for a mutation, or -1. */
static int kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof(fi_kinds) / sizeof(fi_kinds[0]); i++)
		if (strcmp(fi_kinds[i].name, name) == 0)
			return fi_kinds[i].kind;
	for (size_t i = 0; i < sizeof(mutation_kinds) /
	    sizeof(mutation_kinds[0]); i++)
		if (strcmp(mutation_kinds[i], name) == 0)
			return FIC_KIND_PATCH;
	return -1;
}

/* hex_bytes: decode the hex string S into OUT (at most MAX bytes); the
 * count, or -1 when S is not an even number of hex digits. */
static int hex_bytes(const char *s, uint8_t *out, int max)
{
	int n = (int) strlen(s);
	if (n == 0 || n % 2 || n / 2 > max)
		return -1;
	for (int i = 0; i < n / 2; i++) {
		char pair[3] = { s[2 * i], s[2 * i + 1], 0 };
		char *end;
		long v = strtol(pair, &end, 16);
		if (*end != '\0' || pair[0] == '-' || pair[0] == '+')
			return -1;
		out[i] = (uint8_t) v;
	}
	return n / 2;
}

/* fic_parse_trial: the words W[0..N-1] of a T line into *T. 0 or -1. */
int fic_parse_trial(char **w, int n, struct trial *t)
{
	memset(t, 0, sizeof(*t));
	if (n != 5 && n != 8)
		return -1;
	if (strlen(w[2]) >= sizeof(t->label))
		return -1;
	strcpy(t->label, w[2]);
	t->kind = kind_of(w[3]);
	char *end;
	long delay = strtol(w[4], &end, 10);
	if (t->kind < 0 || *end != '\0' || delay < 0 || delay > MAX_DELAY)
		return -1;
	t->delay = (int) delay;
	if ((t->kind == FIC_KIND_PATCH) != (n == 8))
		return -1;
	if (n == 8) {
		unsigned long addr = strtoul(w[5], &end, 16);
		if (*end != '\0' || strncmp(w[5], "0x", 2) != 0)
			return -1;
		t->addr = (uint32_t) addr;
		int a = hex_bytes(w[6], t->old_bytes, RS_PATCH_MAX);
		int b = hex_bytes(w[7], t->new_bytes, RS_PATCH_MAX);
		if (a < 0 || a != b)
			return -1;
		t->len = (uint32_t) a;
	}
	return 0;
}

/* fic_split: LINE's words into W (at most MAX); their count. */
int fic_split(char *line, char **w, int max)
{
	int n = 0;
	for (char *tok = strtok(line, " \t\r\n"); tok && n < max;
	    tok = strtok(NULL, " \t\r\n"))
		w[n++] = tok;
	return n;
}
