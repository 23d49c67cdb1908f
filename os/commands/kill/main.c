/* kill: send a signal (default TERM) to processes:
 *   kill [-SIGNAL | -s SIGNAL | -NUM] [--] PID...    kill -l
 * SIGNAL is a name such as TERM, KILL, INT or USR1, with or without SIG; a
 * negative PID names a process group. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct signame {
	const char *name;
	int sig;
};

static const struct signame signames[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP },
};

#define NSIGNAMES (sizeof(signames) / sizeof(signames[0]))

/* The signal number SPEC names (a name with or without SIG, any case, or
 * a number), or -1. */
static int parse_signal(const char *spec)
{
	char *end;
	long n = strtol(spec, &end, 10);
	if (spec[0] && *end == '\0')
		return n >= 0 && n < 64 ? (int) n : -1;
	if (strncasecmp(spec, "SIG", 3) == 0)
		spec += 3;
	for (size_t i = 0; i < NSIGNAMES; i++)
		if (strcasecmp(spec, signames[i].name) == 0)
			return signames[i].sig;
	return -1;
}

/* Print the usage lines and end with status 2. */
static void usage(void)
{
	fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL | -NUM] PID...\n"
	    "       kill -l\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (i < argc && strcmp(argv[i], "-l") == 0) {
		for (size_t k = 0; k < NSIGNAMES; k++)
			printf("%2d %s\n", signames[k].sig, signames[k].name);
		return 0;
	}
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		if (i + 1 >= argc)
			usage();
		sig = parse_signal(argv[i + 1]);
		if (sig < 0) {
			fprintf(stderr, "kill: %s: unknown signal\n", argv[i + 1]);
			return 2;
		}
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] &&
	    strcmp(argv[i], "--") != 0) {
		sig = parse_signal(argv[i] + 1);
		if (sig < 0) {
			fprintf(stderr, "kill: %s: unknown signal\n", argv[i] + 1);
			return 2;
		}
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		usage();
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (argv[i][0] == '\0' || *end != '\0') {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t) pid, sig) < 0) {
			fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
