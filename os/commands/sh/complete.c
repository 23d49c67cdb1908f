/* sh: Tab completion for the line editor. The word before the cursor is a
 * command name when it starts a command (first on the line, or after ;, &,
 * |, or '(') and holds no '/': it completes to builtins and to programs of
 * $PATH. Any other word completes to the paths of files (a leading "~/" is
 * $HOME). Quotes are not understood: a word is what lies between blanks
 * and operators. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sh.h"

#define DEFAULT_PATH "/bin:/sbin:/usr/bin"   /* as exec.c searches */
#define WORD_BREAKS  " \t;&|<>()"
#define COMMAND_LEADS ";&|("

/* Compare two strings for qsort. */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Sort V and drop repeats. */
static void sort_unique(struct strvec *v)
{
	if (v->n < 2)
		return;
	qsort(v->v, (size_t) v->n, sizeof(char *), by_name);
	int kept = 1;
	for (int i = 1; i < v->n; i++) {
		if (strcmp(v->v[i], v->v[kept - 1]) == 0)
			free(v->v[i]);
		else
			v->v[kept++] = v->v[i];
	}
	v->n = kept;
	v->v[kept] = NULL;
}

/* Add to OUT, as SHOWN followed by each name, the entries of directory DIR
 * (a path the file system understands) that start with PREFIX. Names
 * starting with '.' only when PREFIX does, never "." and "..". A
 * directory gets a final '/'; with PROGRAMS only executable regular files
 * are taken (and no directories). */
static void add_entries(const char *dir, const char *shown, const char *prefix,
    int programs, struct strvec *out)
{
	DIR *d = opendir(dir[0] ? dir : ".");
	if (!d)
		return;
	size_t plen = strlen(prefix);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		if (strncmp(name, prefix, plen) != 0)
			continue;
		if (name[0] == '.' && (prefix[0] != '.' || strcmp(name, ".") == 0
		    || strcmp(name, "..") == 0))
			continue;
		struct strbuf path = { 0 };
		struct stat st;
		sb_adds(&path, dir);
		if (path.len && path.s[path.len - 1] != '/')
			sb_addc(&path, '/');
		sb_adds(&path, name);
		int isdir = 0, ok = 1;
		if (stat(path.s, &st) == 0) {
			isdir = S_ISDIR(st.st_mode);
			if (programs)
				ok = S_ISREG(st.st_mode) && (st.st_mode & 0111);
		} else if (programs) {
			ok = 0;
		}
		sb_free(&path);
		if (!ok)
			continue;
		struct strbuf cand = { 0 };
		sb_adds(&cand, shown);
		sb_adds(&cand, name);
		if (isdir)
			sb_addc(&cand, '/');
		sv_push(out, sb_take(&cand));
	}
	closedir(d);
}

/* Add to OUT the builtins and the programs of $PATH whose names start
 * with PREFIX. */
static void complete_command(const char *prefix, struct strvec *out)
{
	size_t plen = strlen(prefix);
	for (int i = 0; builtin_name(i); i++)
		if (strncmp(builtin_name(i), prefix, plen) == 0)
			sv_push(out, sh_strdup(builtin_name(i)));
	const char *path = getenv("PATH");
	if (!path)
		path = DEFAULT_PATH;
	while (*path) {
		size_t n = strcspn(path, ":");
		char *dir = sh_strndup(path, n);
		add_entries(n ? dir : ".", "", prefix, 1, out);
		free(dir);
		path += n;
		if (*path == ':')
			path++;
	}
}

/* Add to OUT the paths that complete WORD: the entries of WORD's folder
 * (the part up to its last '/', "." when there is none) that start with
 * the rest. */
static void complete_path(const char *word, struct strvec *out)
{
	const char *slash = strrchr(word, '/');
	if (!slash) {
		add_entries("", "", word, 0, out);
		return;
	}
	char *shown = sh_strndup(word, (size_t) (slash - word) + 1);
	struct strbuf dir = { 0 };
	const char *home = getenv("HOME");
	if (strncmp(shown, "~/", 2) == 0 && home) {
		sb_adds(&dir, home);
		sb_adds(&dir, shown + 1);
	} else {
		sb_adds(&dir, shown);
	}
	add_entries(dir.s, shown, slash + 1, 0, out);
	sb_free(&dir);
	free(shown);
}

/* complete_word: the completions of the word that ends at POS in LINE
 * (its first POS bytes). *START is set to where that word begins; OUT gets
 * every candidate that may replace LINE[*START..POS), sorted, each once,
 * a directory with a final '/'. */
void complete_word(const char *line, size_t pos, size_t *start,
    struct strvec *out)
{
	size_t s = pos;
	while (s > 0 && !strchr(WORD_BREAKS, line[s - 1]))
		s--;
	*start = s;
	size_t before = s;
	while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t'))
		before--;
	int command = before == 0 || strchr(COMMAND_LEADS, line[before - 1]);
	char *word = sh_strndup(line + s, pos - s);
	if (command && !strchr(word, '/') && word[0] != '~')
		complete_command(word, out);
	else
		complete_path(word, out);
	free(word);
	sort_unique(out);
}
