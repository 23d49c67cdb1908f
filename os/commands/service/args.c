/* service's command line: sub-command, operands and options, checked
 * before anything is asked of RS. */
#if defined(__phoenix__) || defined(SERVICE_HOST_TEST)
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "manifest.h"
#include "service.h"

#define V(v) (1u << (v))
#define SVC_MAX_OPERANDS 5   /* fi LABEL patch ADDR OLDHEX NEWHEX */

static const char *const svc_verbs[] = {
	[SVC_UP] = "up", [SVC_DOWN] = "down", [SVC_REFRESH] = "refresh",
	[SVC_RESTART] = "restart", [SVC_UPDATE] = "update", [SVC_FI] = "fi",
	[SVC_STATUS] = "status", [SVC_SHUTDOWN] = "shutdown",
	[SVC_SYSCTL] = "sysctl",
};

/* sysctl's operands (RS_SYSCTL requests). */
static const struct { const char *name; int nr; } svc_sysctls[] = {
	{ "upd_run", RS_SYSCTL_UPD_RUN }, { "upd_stop", RS_SYSCTL_UPD_STOP },
	{ "upd_status", RS_SYSCTL_UPD_STATUS },
};

/* Operands each sub-command takes: at least min, at most max. */
static const struct { int min, max; } svc_operands[] = {
	[SVC_UP] = { 1, 1 }, [SVC_DOWN] = { 1, 1 }, [SVC_REFRESH] = { 1, 1 },
	[SVC_RESTART] = { 1, 1 }, [SVC_UPDATE] = { 1, 1 }, [SVC_FI] = { 1, 5 },
	[SVC_STATUS] = { 0, 1 }, [SVC_SHUTDOWN] = { 0, 0 }, [SVC_SYSCTL] = { 1, 1 },
	[SVC_HELP] = { 0, 0 },
};

enum svc_opt {
	OPT_LABEL, OPT_DEV, OPT_ARGS, OPT_PERIOD, OPT_SCRIPT, OPT_CONFIG,
	OPT_B, OPT_STATE, OPT_MAXTIME, OPT_X, OPT_Y, OPT_Z, OPT_O
};

/* The options: name, whether a value follows, the sub-commands that
 * take it. */
static const struct svc_option {
	const char *name;
	int value;
	unsigned verbs;
} svc_options[] = {
	[OPT_LABEL]   = { "-label", 1, V(SVC_UP) | V(SVC_UPDATE) },
	[OPT_DEV]     = { "-dev", 1, V(SVC_UP) },
	[OPT_ARGS]    = { "-args", 1, V(SVC_UP) },
	[OPT_PERIOD]  = { "-period", 1, V(SVC_UP) },
	[OPT_SCRIPT]  = { "-script", 1, V(SVC_UP) },
	[OPT_CONFIG]  = { "-config", 1, V(SVC_UP) | V(SVC_UPDATE) },
	[OPT_B]       = { "-b", 0, V(SVC_UP) | V(SVC_REFRESH) },
	[OPT_STATE]   = { "-state", 1, V(SVC_UPDATE) },
	[OPT_MAXTIME] = { "-maxtime", 1, V(SVC_UPDATE) },
	[OPT_X]       = { "-x", 0, V(SVC_UPDATE) },
	[OPT_Y]       = { "-y", 0, V(SVC_UPDATE) },
	[OPT_Z]       = { "-z", 0, V(SVC_UPDATE) },
	[OPT_O]       = { "-o", 0, V(SVC_UPDATE) },
};
#define SVC_NR_OPTIONS (sizeof(svc_options) / sizeof(svc_options[0]))

#define FI_NAME(id, name, nr) { name, nr },
static const struct { const char *name; int nr; } svc_fi_kinds[] = {
	FI_KIND_LIST(FI_NAME)
	FI_DEBUG_KIND_LIST(FI_NAME)     /* for tests, never for campaigns */
};
#undef FI_NAME

#define STATE_NAME(id, name) name,
static const char *const svc_states[] = { RS_STATE_LIST(STATE_NAME) };
#undef STATE_NAME

/* Prints the usage text on F. */
void svc_usage(FILE *f)
{
	fprintf(f, "usage: service up BINARY [-label LABEL] [-dev DEVICE] "
	    "[-args \"ARGS\"]\n"
	    "                  [-period TIME] [-script SCRIPT] [-config FILE] "
	    "[-b]\n"
	    "       service down|refresh|restart LABEL\n"
	    "       service refresh LABEL -b   (and no backoff from now on)\n"
	    "       service [-q] update BINARY|self [-label LABEL] [-config FILE] "
	    "[-state N]\n"
	    "                      [-maxtime TIME] [-x|-y|-z] [-o]\n"
	    "       service sysctl upd_run|upd_stop|upd_status\n"
	    "       service fi LABEL [crash|panic|segv|hang|exit|badio|badipc]\n"
	    "       service fi LABEL corrupt|midrequest   (debug kinds)\n"
	    "       service fi LABEL patch ADDR OLDHEX NEWHEX\n"
	    "       service status [LABEL]\n"
	    "       service shutdown\n"
	    "TIME: clock ticks, or NHZ for N seconds (2HZ = 200 ticks).\n"
	    "ADDR: hex (0x optional); OLDHEX, NEWHEX: the bytes there now and "
	    "instead,\nhex digit pairs, as many of each, at most %d bytes.\n"
	    "BINARY: an absolute path. LABEL defaults to the binary's name.\n"
	    "The manifest is -config FILE, else " RS_MANIFEST_DIR "/LABEL if "
	    "it exists,\nelse none (no extra privileges, no heartbeat, "
	    "restart stateful). A manifest\nfile must be owned by root and "
	    "writable by nobody else (else EACCES 13).\n"
	    "update BINARY: its manifest (-config FILE, else " RS_MANIFEST_DIR
	    "/NAME,\nNAME its file name, or that name up to its first '.': "
	    "hello.v2 -> hello)\nmust be service LABEL, else EINVAL 22 and "
	    "the service is untouched.\n"
	    "update -o: prepare only: the service reaches the prepare state "
	    "and resumes,\nnothing is swapped (0; not ready within maxtime: "
	    "EINTR 4).\n"
	    "-q update: queue the update in RS (0, nothing happens yet); "
	    "sysctl upd_run runs\nthe queue as one atomic batch: all prepare, "
	    "all are swapped together; if any\none fails every one is rolled "
	    "back and its error is the exit status\n(ERESTART 200, ENOSYS 78, "
	    "EINTR 4, ...). upd_stop drops the queue, upd_status\nlists it; "
	    "upd_run with an empty queue: ENOENT 2.\n"
	    "Restarts: the first failure at once, then after 1, 2, 4 ... "
	    "periods (1 s\nwithout a period), at most 30 s; 30 s of clean "
	    "running since the last\n(re)start makes the next failure a "
	    "first one again; -b: always at once.\n"
	    "Only root may use any sub-command but status (else EPERM 1).\n"
	    "A core service refuses the commands its manifest lists under "
	    "`core` (rs: down,\nrefresh, restart): EPERM 1, "
	    "nothing changed.\n"
	    "Exit status: 0, or the error number (EPERM 1, ENOENT 2, EINTR 4, "
	    "EIO 5,\nEACCES 13, EBUSY 16 (label running, or -dev bound to "
	    "another service),\nEINVAL 22, ENOSPC 28 (RS's table of %d "
	    "services is full), ENOSYS 78,\nERESTART 200, ENOTREADY 201).\n",
	    RS_PATCH_MAX, RS_MAX_SERVICES);
}

/* Returns the name of sub-command V ("up", ...). */
const char *svc_verb_name(enum svc_verb v)
{
	return v < SVC_HELP ? svc_verbs[v] : "help";
}

/* Returns the name of RS state STATE ("up", ...), or "?". */
const char *svc_state_name(int state)
{
	if (state < 0 || state >= RS_NR_STATES)
		return "?";
	return svc_states[state];
}

/* Copies S into DST (SIZE bytes, NUL included). Returns 0, or -1 if it
 * does not fit. */
static int svc_copy(char *dst, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n >= size)
		return -1;
	memcpy(dst, s, n + 1);
	return 0;
}

/* Whether S is a valid label: 1-15 characters from [A-Za-z0-9_.-]. */
static int svc_valid_label(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= RS_LABEL_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
			return 0;
	}
	return 1;
}

/* Formats a message into ERR and returns CODE (a positive errno). */
__attribute__((format(printf, 4, 5)))
static int svc_fail(int code, char *err, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return code;
}

/* Applies option OPT with value VAL (NULL if it takes none) to CMD.
 * Returns 0 or EINVAL (message in ERR). */
static int svc_option(struct svc_cmd *cmd, enum svc_opt opt, const char *val,
    char *err, size_t size)
{
	struct rs_start *s = &cmd->start;
	int32_t t;
	char *end;
	switch (opt) {
	case OPT_LABEL:
		if (!svc_valid_label(val))
			return svc_fail(EINVAL, err, size, "bad label '%s' (1-%d "
			    "characters: letters, digits, '_', '.', '-')", val,
			    RS_LABEL_MAX - 1);
		strcpy(s->label, val);
		return 0;
	case OPT_DEV:
		if (svc_copy(s->dev, sizeof(s->dev), val) < 0 || val[0] != '/')
			return svc_fail(EINVAL, err, size, "-dev %s: not an "
			    "absolute path of at most %d characters", val,
			    RS_PATH_MAX - 1);
		return 0;
	case OPT_ARGS:
		if (svc_copy(s->args, sizeof(s->args), val) < 0)
			return svc_fail(EINVAL, err, size, "-args: longer than %d "
			    "characters", RS_ARGS_MAX - 1);
		return 0;
	case OPT_SCRIPT:
		if (svc_copy(s->script, sizeof(s->script), val) < 0 ||
		    val[0] != '/')
			return svc_fail(EINVAL, err, size, "-script %s: not an "
			    "absolute path of at most %d characters", val,
			    RS_PATH_MAX - 1);
		return 0;
	case OPT_CONFIG:
		cmd->config = val;
		return 0;
	case OPT_PERIOD:
	case OPT_MAXTIME:
		if (manifest_parse_time(val, &t) < 0)
			return svc_fail(EINVAL, err, size, "%s %s: not a time "
			    "(ticks, or NHZ seconds)", svc_options[opt].name, val);
		if (opt == OPT_PERIOD)
			s->period = t;
		else
			s->maxtime = t;
		return 0;
	case OPT_STATE: {
		long v = strtol(val, &end, 10);
		if (val[0] < '0' || val[0] > '9' || *end != '\0' || v < 1 ||
		    v > 0x7fffffffL)
			return svc_fail(EINVAL, err, size, "-state %s: not a "
			    "prepare state (a number from 1)", val);
		s->state = (int32_t) v;
		return 0;
	}
	case OPT_B: s->flags |= RS_NO_BACKOFF; return 0;
	case OPT_X: s->flags |= RS_UPD_CRASH; return 0;
	case OPT_Y: s->flags |= RS_UPD_FAIL; return 0;
	case OPT_Z: s->flags |= RS_UPD_TIMEOUT; return 0;
	case OPT_O: s->flags |= RS_UPD_PREPARE_ONLY; return 0;
	}
	return EINVAL;
}

/* The value of hex digit C, or -1. */
static int svc_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses S, an address in hex with an optional 0x, into *OUT. Returns 0,
 * or -1 for anything else (no digits, a stray character, over 32 bits). */
static int svc_parse_addr(const char *s, vir_bytes *out)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	size_t n = strlen(s);
	if (n == 0 || n > 8)
		return -1;
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++) {
		int d = svc_hex_digit(s[i]);
		if (d < 0)
			return -1;
		v = v << 4 | (uint32_t) d;
	}
	*out = v;
	return 0;
}

/* Parses S, pairs of hex digits (at most RS_PATCH_MAX bytes), into OUT.
 * Returns the number of bytes, or -1 for an empty, odd-length, too long
 * or non-hex string. */
static int svc_parse_bytes(const char *s, uint8_t *out)
{
	size_t n = strlen(s);
	if (n == 0 || n % 2 != 0 || n > 2 * RS_PATCH_MAX)
		return -1;
	for (size_t i = 0; i < n; i += 2) {
		int hi = svc_hex_digit(s[i]), lo = svc_hex_digit(s[i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i / 2] = (uint8_t) (hi << 4 | lo);
	}
	return (int) (n / 2);
}

/* Stores `fi LABEL patch ADDR OLDHEX NEWHEX` (OPS[0..N), the label
 * already checked) in CMD->patch. Returns 0 or EINVAL (message in ERR). */
static int svc_patch_store(struct svc_cmd *cmd, char **ops, int n, char *err,
    size_t size)
{
	struct rs_fi_patch *p = &cmd->patch;
	if (n != 5)
		return svc_fail(EINVAL, err, size, "fi patch: needs ADDR OLDHEX "
		    "NEWHEX");
	if (svc_parse_addr(ops[2], &p->addr) < 0)
		return svc_fail(EINVAL, err, size, "fi patch: bad address '%s' "
		    "(hex, 0x optional)", ops[2]);
	int old_len = svc_parse_bytes(ops[3], p->old_bytes);
	int new_len = svc_parse_bytes(ops[4], p->new_bytes);
	if (old_len < 0 || new_len < 0)
		return svc_fail(EINVAL, err, size, "fi patch: bad bytes '%s' "
		    "(pairs of hex digits, at most %d bytes)",
		    old_len < 0 ? ops[3] : ops[4], RS_PATCH_MAX);
	if (old_len != new_len)
		return svc_fail(EINVAL, err, size, "fi patch: OLDHEX and NEWHEX "
		    "differ in length (%d and %d bytes)", old_len, new_len);
	p->len = (uint32_t) old_len;
	strcpy(p->label, cmd->start.label);
	cmd->fi_patch = 1;
	return 0;
}

/* Checks the operands OPS[0..N) of CMD's sub-command and stores them.
 * Returns 0, or EINVAL/ENOENT (message in ERR). */
static int svc_operands_store(struct svc_cmd *cmd, char **ops, int n,
    char *err, size_t size)
{
	struct rs_start *s = &cmd->start;
	const char *verb = svc_verb_name(cmd->verb);
	if (n < svc_operands[cmd->verb].min)
		return svc_fail(EINVAL, err, size, "%s: missing %s", verb,
		    cmd->verb == SVC_UP || cmd->verb == SVC_UPDATE ?
		    "binary" : cmd->verb == SVC_SYSCTL ? "request" : "label");
	if (n > svc_operands[cmd->verb].max)
		return svc_fail(EINVAL, err, size, "%s: unexpected operand '%s'",
		    verb, ops[svc_operands[cmd->verb].max]);
	switch (cmd->verb) {
	case SVC_UP:
	case SVC_UPDATE:
		if (cmd->verb == SVC_UPDATE && strcmp(ops[0], "self") == 0) {
			cmd->self = 1;
			return 0;
		}
		if (ops[0][0] != '/')
			return svc_fail(EINVAL, err, size, "%s: binary '%s' is not "
			    "an absolute path", verb, ops[0]);
		if (svc_copy(s->binary, sizeof(s->binary), ops[0]) < 0)
			return svc_fail(EINVAL, err, size, "%s: binary path longer "
			    "than %d characters", verb, RS_PATH_MAX - 1);
		return 0;
	case SVC_SYSCTL:
		for (size_t i = 0; i < sizeof(svc_sysctls) / sizeof(svc_sysctls[0]);
		    i++)
			if (strcmp(svc_sysctls[i].name, ops[0]) == 0) {
				cmd->sysctl = svc_sysctls[i].nr;
				return 0;
			}
		return svc_fail(EINVAL, err, size, "sysctl: unknown request '%s' "
		    "(upd_run, upd_stop, upd_status)", ops[0]);
	case SVC_STATUS:
		cmd->all = n == 0;
		if (n == 0)
			return 0;
		/* fall through */
	case SVC_DOWN:
	case SVC_REFRESH:
	case SVC_RESTART:
	case SVC_FI:
		if (!svc_valid_label(ops[0]))
			return svc_fail(EINVAL, err, size, "%s: bad label '%s'",
			    verb, ops[0]);
		strcpy(s->label, ops[0]);
		if (cmd->verb == SVC_FI && n >= 2 && strcmp(ops[1], "patch") == 0)
			return svc_patch_store(cmd, ops, n, err, size);
		if (cmd->verb == SVC_FI && n > 2)
			return svc_fail(EINVAL, err, size, "fi: unexpected operand "
			    "'%s'", ops[2]);
		if (cmd->verb == SVC_FI && n == 2) {
			for (size_t i = 0; i < sizeof(svc_fi_kinds) /
			    sizeof(svc_fi_kinds[0]); i++)
				if (strcmp(svc_fi_kinds[i].name, ops[1]) == 0) {
					cmd->fi_kind = svc_fi_kinds[i].nr;
					return 0;
				}
			return svc_fail(EINVAL, err, size, "fi: unknown fault kind "
			    "'%s' (crash, panic, segv, hang, exit, badio, badipc; "
			    "corrupt, midrequest)",
			    ops[1]);
		}
		return 0;
	default:
		return 0;
	}
}

/* Parses ARGV[0..ARGC) (ARGV[0] the program's name) into CMD. Returns 0,
 * or a positive error number with a message (without "service: ") in ERR:
 * EINVAL for no or an unknown sub-command, an unknown option or one the
 * sub-command does not take, a missing value, a bad value, a relative
 * binary, a missing or extra operand. */
int svc_parse(int argc, char **argv, struct svc_cmd *cmd, char *err,
    size_t size)
{
	memset(cmd, 0, sizeof(*cmd));
	struct rs_start *s = &cmd->start;
	s->dev_major = -1;
	s->period = -1;
	s->state = SEF_LU_STATE_WORK_FREE;
	s->maxtime = 2 * MANIFEST_HZ;
	cmd->fi_kind = FI_CRASH;
	err[0] = '\0';

	int queue = argc >= 2 && strcmp(argv[1], "-q") == 0;
	if (queue) {                       /* service -q update ... */
		argv++;
		argc--;
	}
	if (argc < 2)
		return svc_fail(EINVAL, err, size, "no sub-command");
	const char *verb = argv[1];
	if (queue && strcmp(verb, "update") != 0)
		return svc_fail(EINVAL, err, size, "-q: only update can be "
		    "queued");
	if (queue)
		s->flags |= RS_UPD_QUEUE;
	if (strcmp(verb, "-h") == 0 || strcmp(verb, "--help") == 0 ||
	    strcmp(verb, "help") == 0) {
		cmd->verb = SVC_HELP;
		return 0;
	}
	int v;
	for (v = 0; v < SVC_HELP; v++)
		if (strcmp(verb, svc_verbs[v]) == 0)
			break;
	if (v == SVC_HELP)
		return svc_fail(EINVAL, err, size, "unknown sub-command '%s'",
		    verb);
	cmd->verb = (enum svc_verb) v;

	char *ops[SVC_MAX_OPERANDS + 1];   /* one more: the first extra */
	int nops = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || a[1] == '\0') {
			if (nops <= SVC_MAX_OPERANDS)
				ops[nops] = argv[i];
			nops++;
			continue;
		}
		size_t o;
		for (o = 0; o < SVC_NR_OPTIONS; o++)
			if (strcmp(a, svc_options[o].name) == 0)
				break;
		if (o == SVC_NR_OPTIONS)
			return svc_fail(EINVAL, err, size, "unknown option '%s'", a);
		if (!(svc_options[o].verbs & V(v)))
			return svc_fail(EINVAL, err, size, "%s does not take %s",
			    verb, a);
		const char *val = NULL;
		if (svc_options[o].value) {
			if (i + 1 >= argc)
				return svc_fail(EINVAL, err, size, "option %s needs a "
				    "value", a);
			val = argv[++i];
		}
		int r = svc_option(cmd, (enum svc_opt) o, val, err, size);
		if (r)
			return r;
	}
	int r = svc_operands_store(cmd, ops, nops > SVC_MAX_OPERANDS ?
	    SVC_MAX_OPERANDS + 1 : nops, err, size);
	if (r)
		return r;
	if ((s->flags & RS_UPD_CRASH ? 1 : 0) + (s->flags & RS_UPD_FAIL ? 1 : 0)
	    + (s->flags & RS_UPD_TIMEOUT ? 1 : 0) > 1)
		return svc_fail(EINVAL, err, size, "update: -x, -y and -z "
		    "exclude each other");
	if ((cmd->verb == SVC_UP || cmd->verb == SVC_UPDATE) &&
	    s->label[0] == '\0') {
		if (cmd->self)
			return svc_fail(EINVAL, err, size, "update self needs "
			    "-label LABEL");
		const char *base = strrchr(s->binary, '/') + 1;
		if (!svc_valid_label(base))
			return svc_fail(EINVAL, err, size, "%s: cannot make a label "
			    "of '%s': give -label LABEL", verb, base);
		strcpy(s->label, base);
	}
	return 0;
}
#endif
