/* getopt(): command-line option parsing, as POSIX describes it. */
#ifndef _GETOPT_H
#define _GETOPT_H

extern char *optarg;   /* the argument of the option just returned */
extern int optind;     /* index of the next argv element (starts at 1) */
extern int opterr;     /* 0: no messages on stderr */
extern int optopt;     /* the option character that caused '?' or ':' */

int getopt(int argc, char *const argv[], const char *optstring);

#endif
