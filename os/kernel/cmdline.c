/* The kernel command line: space-separated words, "key" or "key=value". */
#include "kernel.h"

#define CMDLINE_MAX 256

static char text[CMDLINE_MAX];    /* as given, without the kernel path */
static char words[CMDLINE_MAX];   /* the same, each word NUL-terminated */

/* Whether the first word of CMDLINE is the kernel's path: QEMU's loader
 * puts it there, GRUB 2 does not. A path has a '/' or ends in ".elf" and
 * has no '='. */
static int starts_with_path(const char *cmdline)
{
	int slash = 0;
	size_t n = 0;
	for (; cmdline[n] && cmdline[n] != ' '; n++) {
		if (cmdline[n] == '=')
			return 0;
		if (cmdline[n] == '/')
			slash = 1;
	}
	return slash || (n >= 4 && strncmp(cmdline + n - 4, ".elf", 4) == 0);
}

/* cmdline_init: keep the boot loader's command line, without the kernel's
 * path if the loader put it first. NULL means an empty command line. */
void cmdline_init(const char *cmdline)
{
	size_t i = 0;
	if (cmdline) {
		while (*cmdline == ' ')
			cmdline++;
		if (starts_with_path(cmdline))
			while (*cmdline && *cmdline != ' ')
				cmdline++;
		while (*cmdline == ' ')
			cmdline++;
		while (cmdline[i] && i < CMDLINE_MAX - 1) {
			text[i] = cmdline[i];
			words[i] = cmdline[i] == ' ' ? '\0' : cmdline[i];
			i++;
		}
	}
	text[i] = words[i] = '\0';
	words[CMDLINE_MAX - 1] = '\0';
}

/* cmdline_text: the whole command line without the kernel path. */
const char *cmdline_text(void)
{
	return text;
}

/* cmdline_get: the value of option KEY as a string: "" for a bare "KEY",
 * NULL when KEY is absent. The last occurrence wins. */
const char *cmdline_get(const char *key)
{
	size_t klen = strlen(key);
	const char *found = NULL;
	size_t len = strlen(text);
	for (size_t i = 0; i < len; i++) {
		if (words[i] == '\0' || (i > 0 && words[i - 1] != '\0'))
			continue;
		const char *w = &words[i];
		if (strncmp(w, key, klen) == 0 && (w[klen] == '=' || w[klen] == '\0'))
			found = w[klen] == '=' ? w + klen + 1 : "";
	}
	return found;
}
