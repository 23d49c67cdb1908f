/* testagent: the trusted in-guest test agent. The harness (harness/
 * agent.py) types `testagent CHALLENGE` at the shell on the console; the
 * agent then opens its own channel, /dev/agent (the third UART, COM3,
 * which only one process may have open at a time and no driver can write
 * on; os/drivers/tty), and the whole protocol runs there: the run's key,
 * then one command per line; the agent runs each and answers with a
 * result line authenticated by HMAC-SHA256 under that key (defense in
 * depth: even a forged line on the channel would not verify). Nothing
 * printed on the console can pass for an answer. Protocol on the channel
 * (every line the agent prints ends in NL; the UART sends CR NL):
 *
 *   agent: turns echo and signal keys off on the channel
 *   agent: AGENT KEY CHALLENGE
 *   harness: KEYHEX                     (2..128 hex digits)
 *   agent: AGENT READY CHALLENGE TAG    TAG = HMAC(key, "ready|CHALLENGE")
 *   harness: NONCE COMMAND              (NONCE: 8..64 hex digits)
 *   agent: AGENT-BEGIN NONCE
 *          ...what COMMAND printed (stdout and stderr), then a NL if that
 *          did not end in one...
 *          AGENT NONCE STATUS DIGEST TAG
 *     STATUS: the exit status of `/bin/sh -c COMMAND` (128+N when killed
 *     by signal N), DIGEST: SHA-256 of the output in hex, TAG: HMAC(key,
 *     "NONCE|STATUS|DIGEST|COMMAND") in hex.
 *   harness: end of file (^D)   agent: restores the channel's settings,
 *                               AGENT BYE, exit 0
 *
 * `testagent -d DEVICE CHALLENGE` uses the terminal DEVICE instead (the
 * host tests run the agent on a pseudo-terminal). The channel is opened
 * close-on-exec and closed in the command's process as well: a command
 * never inherits it. A line that is not NONCE COMMAND gets `AGENT ERROR
 * bad request`. The command's standard input is /dev/null; SIGINT (^C on
 * the console) reaches the command, not the agent. Exit status 1 when the
 * channel cannot be opened (a message on standard error: /dev/agent gives
 * ENXIO without a UART at COM3, EBUSY while another agent has it) or the
 * key fails, 2 for bad arguments. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "hmac.h"

#define LINE_MAX_LEN 1100
#define KEY_MAX 64
#define CHANNEL "/dev/agent"

static uint8_t key[KEY_MAX];
static size_t key_len;
static struct termios saved;
static int have_saved;
static int chan = -1;     /* the channel's descriptor */

/* write_all: write LEN bytes of BUF on the channel, retrying short
 * writes. */
static void write_all(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(chan, buf, len);
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t) n;
	}
}

static void say(const char *s)
{
	write_all(s, strlen(s));
}

/* read_line: one line of the channel into BUF (NUL-terminated, the
 * NL removed). Returns its length, or -1 at end of file or on an error.
 * A line longer than SIZE-1 bytes is cut. */
static int read_line(char *buf, size_t size)
{
	size_t len = 0;
	for (;;) {
		char c;
		ssize_t n = read(chan, &c, 1);
		if (n <= 0)
			return len > 0 ? (int) len : -1;
		if (c == '\n' || c == '\r')
			break;
		if (len + 1 < size)
			buf[len++] = c;
	}
	buf[len] = '\0';
	return (int) len;
}

/* restore_terminal: the channel's settings as they were at the start. */
static void restore_terminal(void)
{
	if (have_saved)
		tcsetattr(chan, TCSANOW, &saved);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* is_hex: whether S is MIN..MAX lowercase or uppercase hex digits. */
static int is_hex(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (hexval(s[i]) < 0)
			return 0;
	return 1;
}

static void to_hex(const uint8_t *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* tag: HMAC(key, the NULL-terminated list of PARTS joined by '|') in hex
 * into OUT (65 bytes). */
static void tag(char *out, const char *const *parts)
{
	struct hmac h;
	uint8_t d[SHA256_DIGEST];
	hmac_init(&h, key, key_len);
	for (int i = 0; parts[i]; i++) {
		if (i > 0)
			hmac_update(&h, "|", 1);
		hmac_update(&h, parts[i], strlen(parts[i]));
	}
	hmac_final(&h, d);
	to_hex(d, sizeof(d), out);
}

/* get_key: read the key line; 0 when it is hex of 1..KEY_MAX bytes. */
static int get_key(void)
{
	char line[LINE_MAX_LEN];
	int n = read_line(line, sizeof(line));
	if (n < 0 || !is_hex(line, 2, 2 * KEY_MAX) || n % 2)
		return -1;
	key_len = (size_t) n / 2;
	for (size_t i = 0; i < key_len; i++)
		key[i] = (uint8_t) (hexval(line[2 * i]) << 4 |
		    hexval(line[2 * i + 1]));
	memset(line, 0, sizeof(line));
	return 0;
}

/* child: the command's side of the fork; never returns. The channel and
 * the key stay behind. */
static void child(const char *command, int out)
{
	signal(SIGINT, SIG_DFL);
	memset(key, 0, sizeof(key));
	close(chan);
	int null = open("/dev/null", O_RDONLY);
	if (null >= 0 && null != 0) {
		dup2(null, 0);
		close(null);
	}
	dup2(out, 1);
	dup2(out, 2);
	if (out > 2)
		close(out);
	char *argv[] = { "sh", "-c", (char *) command, NULL };
	execv("/bin/sh", argv);
	_exit(127);
}

/* run: run COMMAND for NONCE and print its output and result line. */
static void run(const char *nonce, const char *command)
{
	say("AGENT-BEGIN ");
	say(nonce);
	say("\n");
	struct sha256 s;
	sha256_init(&s);
	int status = 127;
	size_t total = 0;
	char last = '\n';
	int fds[2];
	if (pipe(fds) == 0) {
		pid_t pid = fork();
		if (pid == 0) {
			close(fds[0]);
			child(command, fds[1]);
		}
		close(fds[1]);
		char buf[512];
		ssize_t n;
		while (pid > 0 && (n = read(fds[0], buf, sizeof(buf))) > 0) {
			sha256_update(&s, buf, (size_t) n);
			write_all(buf, (size_t) n);
			total += (size_t) n;
			last = buf[n - 1];
		}
		close(fds[0]);
		int w;
		if (pid > 0 && waitpid(pid, &w, 0) == pid)
			status = WIFEXITED(w) ? WEXITSTATUS(w) :
			    WIFSIGNALED(w) ? 128 + WTERMSIG(w) : 127;
	}
	if (total > 0 && last != '\n')
		say("\n");
	uint8_t d[SHA256_DIGEST];
	sha256_final(&s, d);
	char digest[2 * SHA256_DIGEST + 1], st[16], mac[2 * SHA256_DIGEST + 1];
	to_hex(d, sizeof(d), digest);
	snprintf(st, sizeof(st), "%d", status);
	const char *parts[] = { nonce, st, digest, command, NULL };
	tag(mac, parts);
	char line[256];
	snprintf(line, sizeof(line), "AGENT %s %s %s %s\n", nonce, st, digest,
	    mac);
	say(line);
}

/* open_channel: open DEVICE as the channel (close-on-exec) and turn echo
 * and the signal keys off there, canonical mode on. Returns 0, or 1 after
 * saying why on standard error. */
static int open_channel(const char *device)
{
	chan = open(device, O_RDWR | O_CLOEXEC);
	if (chan < 0) {
		fprintf(stderr, "testagent: cannot open %s: %s\n", device,
		    strerror(errno));
		return 1;
	}
	if (tcgetattr(chan, &saved) != 0) {
		fprintf(stderr, "testagent: %s is not a terminal\n", device);
		return 1;
	}
	have_saved = 1;
	struct termios t = saved;
	t.c_lflag &= ~(uint32_t) (ECHO | ISIG);
	t.c_lflag |= ICANON;
	if (tcsetattr(chan, TCSANOW, &t) != 0) {
		fprintf(stderr, "testagent: cannot turn echo off on %s\n",
		    device);
		return 1;
	}
	return 0;
}

/* main: testagent [-d DEVICE] CHALLENGE (see the top of this file). */
int main(int argc, char **argv)
{
	const char *device = CHANNEL;
	if (argc == 4 && strcmp(argv[1], "-d") == 0) {
		device = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc != 2 || !is_hex(argv[1], 8, 64)) {
		fprintf(stderr, "usage: testagent [-d DEVICE] CHALLENGE (8..64 "
		    "hex digits)\n");
		return 2;
	}
	const char *challenge = argv[1];
	if (open_channel(device) != 0)
		return 1;
	signal(SIGINT, SIG_IGN);
	say("AGENT KEY ");
	say(challenge);
	say("\n");
	if (get_key() != 0) {
		restore_terminal();
		fprintf(stderr, "testagent: no key\n");
		return 1;
	}
	char mac[2 * SHA256_DIGEST + 1];
	const char *parts[] = { "ready", challenge, NULL };
	tag(mac, parts);
	say("AGENT READY ");
	say(challenge);
	say(" ");
	say(mac);
	say("\n");
	char line[LINE_MAX_LEN];
	while (read_line(line, sizeof(line)) >= 0) {
		char *sp = strchr(line, ' ');
		if (sp)
			*sp = '\0';
		if (!sp || !is_hex(line, 8, 64) || sp[1] == '\0') {
			say("AGENT ERROR bad request\n");
			continue;
		}
		run(line, sp + 1);
	}
	restore_terminal();
	say("AGENT BYE\n");
	close(chan);
	return 0;
}
