/* Command-line options: getopt, as POSIX describes it. Options are single
 * characters after '-', grouped or not ("-ab" = "-a -b"); a character
 * followed by ':' in OPTSTRING takes an argument, attached ("-ofile") or
 * the next word ("-o file"). Parsing stops at the first word that is not
 * an option, or after "--". */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

static int pos;        /* place in argv[optind] of a group ("-abc"); 0: new word */

/* getopt: the next option character of ARGV. Returns -1 when the options
 * are over (optind is then the first operand); '?' for a character not in
 * OPTSTRING or a missing argument; ':' instead for a missing argument when
 * OPTSTRING starts with ':'. optopt gets the character in both error
 * cases, and a message goes to stderr unless opterr is 0 or OPTSTRING
 * starts with ':'. Setting optind to 1 (or 0) starts over. */
int getopt(int argc, char *const argv[], const char *optstring)
{
	int quiet = optstring[0] == ':';
	if (optind == 0) {
		optind = 1;
		pos = 0;
	}
	optarg = NULL;
	if (pos == 0) {
		if (optind >= argc || !argv[optind] || argv[optind][0] != '-' ||
		    argv[optind][1] == '\0')
			return -1;
		if (strcmp(argv[optind], "--") == 0) {
			optind++;
			return -1;
		}
		pos = 1;
	}
	const char *word = argv[optind];
	int c = (unsigned char) word[pos++];
	const char *spec = c != ':' ? strchr(optstring + quiet, c) : NULL;
	if (word[pos] == '\0') {
		optind++;
		pos = 0;
	}
	if (!spec) {
		optopt = c;
		if (opterr && !quiet)
			fprintf(stderr, "%s: unknown option -- %c\n", argv[0], c);
		return '?';
	}
	if (spec[1] != ':')
		return c;
	if (pos != 0) {                      /* "-ofile" */
		optarg = (char *) word + pos;
		optind++;
		pos = 0;
	} else if (optind < argc) {          /* "-o file" */
		optarg = argv[optind++];
	} else {
		optopt = c;
		if (opterr && !quiet)
			fprintf(stderr, "%s: option requires an argument -- %c\n",
			    argv[0], c);
		return quiet ? ':' : '?';
	}
	return c;
}
