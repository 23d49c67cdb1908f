/* ping: ICMP echo through a ping socket (socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP): the network server sets the identifier and checksum and
 * hands back the replies to it, as Linux does).
 *
 *   ping [-c COUNT] [-W SECONDS] HOST
 *
 * Sends one request a second (COUNT of them, or until ^C), each waiting
 * at most -W seconds (default 1) for its reply, and prints
 * "64 bytes from ADDR: icmp_seq=N time=T ms" per reply, then
 * "N packets transmitted, M received, P% packet loss". Status 0 when a
 * reply came, 1 when none did or on an error ("ping: socket: Network is
 * down"), 2 for bad arguments or an unknown host. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD 56                      /* bytes after the 8-byte header */
#define ECHO_REQUEST 8
#define ECHO_REPLY 0

static volatile sig_atomic_t stop;

static void on_int(int sig)
{
	(void) sig;
	stop = 1;
}

/* now_us: microseconds of the monotonic clock. */
static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* cksum: the Internet checksum of LEN bytes at P. */
static uint16_t cksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t) (p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t) (p[len - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t) ~sum);
}

/* send_echo: echo request SEQ to TO on FD; its payload starts with the
 * send time. 0, or -1 with errno. */
static int send_echo(int fd, const struct sockaddr_in *to, uint16_t seq)
{
	uint8_t pkt[8 + PAYLOAD];
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = ECHO_REQUEST;
	uint16_t s = htons(seq);
	memcpy(pkt + 6, &s, 2);
	long long t = now_us();
	memcpy(pkt + 8, &t, sizeof(t));
	for (int i = 8 + (int) sizeof(t); i < (int) sizeof(pkt); i++)
		pkt[i] = (uint8_t) i;
	uint16_t c = cksum(pkt, sizeof(pkt));
	memcpy(pkt + 2, &c, 2);
	ssize_t n = sendto(fd, pkt, sizeof(pkt), 0,
	    (const struct sockaddr *) to, sizeof(*to));
	return n < 0 ? -1 : 0;
}

/* await_reply: wait until DEADLINE (now_us) for the reply to SEQ on FD
 * and print it. 1 when it came, 0 when not (timeout, ^C), -1 on an
 * error. */
static int await_reply(int fd, uint16_t seq, long long deadline)
{
	for (;;) {
		long long left = deadline - now_us();
		if (left <= 0 || stop)
			return 0;
		struct pollfd p = { fd, POLLIN, 0 };
		int r = poll(&p, 1, (int) ((left + 999) / 1000));
		if (r < 0)
			return errno == EINTR ? 0 : -1;
		if (r == 0)
			return 0;
		uint8_t buf[1024];
		struct sockaddr_in from;
		socklen_t flen = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
		    (struct sockaddr *) &from, &flen);
		if (n < 0)
			return errno == EINTR ? 0 : -1;
		uint16_t s;
		memcpy(&s, buf + 6, 2);
		if (n < 8 || buf[0] != ECHO_REPLY || ntohs(s) != seq)
			continue;                  /* an old or foreign one */
		long long sent = 0;
		if (n >= 8 + (ssize_t) sizeof(sent))
			memcpy(&sent, buf + 8, sizeof(sent));
		long long us = now_us() - sent;
		printf("%d bytes from %s: icmp_seq=%u time=%lld.%03lld ms\n",
		    (int) n, inet_ntoa(from.sin_addr), seq, us / 1000, us % 1000);
		fflush(stdout);
		return 1;
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: ping [-c COUNT] [-W SECONDS] HOST\n");
	return 2;
}

int main(int argc, char *argv[])
{
	long count = -1, wait_s = 1;
	int opt;
	while ((opt = getopt(argc, argv, "c:W:")) != -1) {
		if (opt != 'c' && opt != 'W')
			return usage();
		char *end;
		long v = strtol(optarg, &end, 10);
		if (*end || v <= 0)
			return usage();
		if (opt == 'c')
			count = v;
		else
			wait_s = v;
	}
	if (optind != argc - 1)
		return usage();
	const char *host = argv[optind];
	struct hostent *h = gethostbyname(host);
	if (!h) {
		fprintf(stderr, "ping: %s: %s\n", host, hstrerror(h_errno));
		return 2;
	}
	struct sockaddr_in to;
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	memcpy(&to.sin_addr, h->h_addr, 4);
	int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	if (fd < 0) {
		fprintf(stderr, "ping: socket: %s\n", strerror(errno));
		return 1;
	}
	signal(SIGINT, on_int);
	printf("PING %s (%s): %d data bytes\n", host, inet_ntoa(to.sin_addr),
	    PAYLOAD);
	fflush(stdout);
	long sent = 0, got = 0;
	for (uint16_t seq = 1; !stop && (count < 0 || sent < count); seq++) {
		long long start = now_us();
		if (send_echo(fd, &to, seq) != 0) {
			fprintf(stderr, "ping: sendto: %s\n", strerror(errno));
			break;
		}
		sent++;
		int r = await_reply(fd, seq, start + wait_s * 1000000LL);
		if (r < 0) {
			fprintf(stderr, "ping: recvfrom: %s\n", strerror(errno));
			break;
		}
		got += r;
		/* One request a second: wait out the rest of it. */
		long long next = start + 1000000;
		if (!stop && (count < 0 || sent < count) && now_us() < next) {
			struct pollfd none = { -1, 0, 0 };
			poll(&none, 1, (int) ((next - now_us() + 999) / 1000));
		}
	}
	printf("--- %s ping statistics ---\n", host);
	printf("%ld packets transmitted, %ld received, %ld%% packet loss\n",
	    sent, got, sent ? (sent - got) * 100 / sent : 0);
	close(fd);
	return got > 0 ? 0 : 1;
}
