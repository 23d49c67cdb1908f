/* sh: the history of an interactive shell, the lines typed at its prompts
 * (the newest HISTORY_MAX of them), numbered from 1 since the shell
 * started. The line editor browses it with up and down; the `history`
 * builtin lists it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define HISTORY_MAX 500

static char *entries[HISTORY_MAX];  /* a ring: entries[first] is the oldest */
static int first, count;
static int dropped;                 /* entries that fell off the front */

/* Add LINE (a typed line, its '\n' left out of the entry) to the history.
 * Blank lines and a repeat of the newest entry are not added. */
void history_add(const char *line)
{
	size_t n = strcspn(line, "\n");
	size_t blank = strspn(line, " \t");
	if (blank >= n)
		return;
	if (count) {
		const char *last = history_get(count - 1);
		if (strlen(last) == n && strncmp(last, line, n) == 0)
			return;
	}
	char *copy = sh_strndup(line, n);
	if (count == HISTORY_MAX) {
		free(entries[first]);
		entries[first] = copy;
		first = (first + 1) % HISTORY_MAX;
		dropped++;
		return;
	}
	entries[(first + count) % HISTORY_MAX] = copy;
	count++;
}

/* How many entries the history holds. */
int history_count(void)
{
	return count;
}

/* Entry I of the history (0 = the oldest kept, history_count() - 1 = the
 * newest); I must be in range. */
const char *history_get(int i)
{
	return entries[(first + i) % HISTORY_MAX];
}

/* Forget every entry (the numbering goes on). */
void history_clear(void)
{
	for (int i = 0; i < count; i++)
		free(entries[(first + i) % HISTORY_MAX]);
	dropped += count;
	first = count = 0;
}

/* Print the newest LAST entries (all when LAST < 0 or more than there are)
 * on stdout, one a line: the entry's number right-aligned in 5 columns, two
 * spaces, the line. */
void history_print(int last)
{
	int from = last < 0 || last > count ? 0 : count - last;
	for (int i = from; i < count; i++)
		printf("%5d  %s\n", dropped + i + 1, history_get(i));
}
