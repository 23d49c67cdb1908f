/* inettest: the network server (os/servers/inet) from a user process,
 * through libc's sockets: the interface (/dev/ip), UDP, ping and TCP over
 * the loopback, waiting and non-blocking calls, poll; `inettest gateway`
 * pings and reaches QEMU's user network (10.0.2.2) through the network
 * driver (os/tests/test_inet.py). Cases on the test kit. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <abi/socket.h>
#include "../../kit/kit.h"

/* addr: 127.0.0.1 or A (dotted) and PORT as a struct sockaddr_in. */
static struct sockaddr_in addr(const char *a, int port)
{
	struct sockaddr_in s;
	memset(&s, 0, sizeof(s));
	s.sin_family = AF_INET;
	s.sin_port = htons((uint16_t) port);
	CHECK_EQ(inet_pton(AF_INET, a, &s.sin_addr), 1);
	return s;
}

#define SA(p) ((struct sockaddr *) (p))

TEST(interface)
{
	int fd = CHECK_SYS(open("/dev/ip", O_RDONLY));
	struct net_ifconf c;
	CHECK_SYS(ioctl(fd, NIOCGIFCONF, &c));
	CHECK_STR(c.name, "eth0");
	char a[16];
	CHECK_STR(inet_ntop(AF_INET, &c.addr, a, sizeof(a)), "10.0.2.15");
	CHECK_STR(inet_ntop(AF_INET, &c.gateway, a, sizeof(a)), "10.0.2.2");
	CHECK(c.flags & NET_IF_UP);
	CHECK_ERR(ioctl(fd, NIOCSIFCONF, &c), EPERM);  /* not open to write */
	struct net_stats st;
	CHECK_SYS(ioctl(fd, NIOCGSTATS, &st));
	close(fd);
}

TEST(udp_loopback)
{
	int a = CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	int b = CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	struct sockaddr_in to = addr("127.0.0.1", 5555);
	CHECK_SYS(bind(a, SA(&to), sizeof(to)));
	CHECK_EQ(sendto(b, "datagram", 8, 0, SA(&to), sizeof(to)), 8);
	char buf[32];
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	CHECK_EQ(recvfrom(a, buf, sizeof(buf), 0, SA(&from), &fl), 8);
	CHECK(memcmp(buf, "datagram", 8) == 0);
	CHECK_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	/* nothing more: non-blocking, poll and SO_RCVTIMEO say so */
	CHECK_ERR(recv(a, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	struct pollfd p = { .fd = a, .events = POLLIN };
	CHECK_EQ(poll(&p, 1, 0), 0);
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	CHECK_SYS(setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	CHECK_ERR(recv(a, buf, sizeof(buf), 0), EAGAIN);
	/* a datagram makes poll ready */
	CHECK_EQ(sendto(b, "x", 1, 0, SA(&to), sizeof(to)), 1);
	CHECK_EQ(poll(&p, 1, 5000), 1);
	CHECK(p.revents & POLLIN);
	CHECK_EQ(recv(a, buf, sizeof(buf), 0), 1);
	/* the port is taken */
	int c = CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	CHECK_ERR(bind(c, SA(&to), sizeof(to)), EADDRINUSE);
	close(a);
	close(b);
	close(c);
}

/* echo: an ICMP echo request (id 0: inet sets it) of LEN bytes into M. */
static void echo(uint8_t *m, size_t len, int seq)
{
	memset(m, 0, len);
	m[0] = 8;
	m[6] = (uint8_t) (seq >> 8);
	m[7] = (uint8_t) seq;
	for (size_t i = 8; i < len; i++)
		m[i] = (uint8_t) i;
}

/* ping: one echo to A, its reply within 5 s. */
static void ping(const char *a)
{
	int s = CHECK_SYS(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	struct sockaddr_in to = addr(a, 0);
	uint8_t m[64], r[128];
	struct timeval tv = { .tv_sec = 5 };
	CHECK_SYS(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	for (int seq = 1; seq <= 3; seq++) {
		echo(m, sizeof(m), seq);
		CHECK_EQ(sendto(s, m, sizeof(m), 0, SA(&to), sizeof(to)), 64);
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		CHECK_EQ(recvfrom(s, r, sizeof(r), 0, SA(&from), &fl), 64);
		CHECK_EQ(r[0], 0);                         /* echo reply */
		CHECK_EQ(r[7], seq);
		CHECK(memcmp(r + 8, m + 8, 56) == 0);
		CHECK_EQ(from.sin_addr.s_addr, to.sin_addr.s_addr);
	}
	close(s);
}

TEST(ping_loopback)
{
	ping("127.0.0.1");
	ping("10.0.2.15");
}

#define BIG (1024 * 1024)

/* pattern: byte I of the stream. */
static uint8_t pattern(size_t i)
{
	return (uint8_t) (i * 131 + (i >> 9));
}

TEST_TIMEOUT(tcp_loopback, 120)
{
	int l = CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	int one = 1;
	CHECK_SYS(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	struct sockaddr_in at = addr("127.0.0.1", 7070);
	CHECK_SYS(bind(l, SA(&at), sizeof(at)));
	CHECK_SYS(listen(l, 4));
	pid_t pid = CHECK_SYS(fork());
	if (pid == 0) {                        /* the client: 1 MiB, then EOF */
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0 || connect(c, SA(&at), sizeof(at)) != 0)
			_exit(2);
		static uint8_t b[8192];
		for (size_t i = 0; i < BIG; i += sizeof(b)) {
			for (size_t k = 0; k < sizeof(b); k++)
				b[k] = pattern(i + k);
			if (write(c, b, sizeof(b)) != (ssize_t) sizeof(b))
				_exit(3);
		}
		char ack;
		if (read(c, &ack, 1) != 1 || ack != 'k')
			_exit(4);
		close(c);
		_exit(0);
	}
	struct sockaddr_in peer;
	socklen_t pl = sizeof(peer);
	int s = CHECK_SYS(accept(l, SA(&peer), &pl));
	CHECK_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	static uint8_t b[5000];
	size_t got = 0;
	for (;;) {
		ssize_t n = read(s, b, sizeof(b));
		CHECK(n >= 0);
		if (n == 0)
			break;
		for (ssize_t k = 0; k < n; k++)
			if (b[k] != pattern(got + (size_t) k))
				CHECK_EQ(got + (size_t) k, (size_t) -1);
		got += (size_t) n;
		if (got == BIG)
			CHECK_EQ(write(s, "k", 1), 1);
	}
	CHECK_EQ(got, BIG);
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 0);
	close(s);
	close(l);
}

TEST(tcp_errors)
{
	int c = CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	struct sockaddr_in at = addr("127.0.0.1", 1);
	CHECK_ERR(connect(c, SA(&at), sizeof(at)), ECONNREFUSED);
	close(c);
	c = CHECK_SYS(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
	int l = CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	struct sockaddr_in any = addr("0.0.0.0", 7071);
	CHECK_SYS(bind(l, SA(&any), sizeof(any)));
	CHECK_SYS(listen(l, 1));
	at = addr("127.0.0.1", 7071);
	CHECK_ERR(connect(c, SA(&at), sizeof(at)), EINPROGRESS);
	struct pollfd p = { .fd = c, .events = POLLOUT };
	CHECK_EQ(poll(&p, 1, 5000), 1);
	int err = -1;
	socklen_t el = sizeof(err);
	CHECK_SYS(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el));
	CHECK_EQ(err, 0);
	char b[4];
	CHECK_ERR(read(c, b, 4), EAGAIN);
	close(c);
	close(l);
}

TEST_TIMEOUT(gateway, 60)
{
	int fd = CHECK_SYS(open("/dev/ip", O_RDONLY));
	struct net_ifconf c;
	CHECK_SYS(ioctl(fd, NIOCGIFCONF, &c));
	close(fd);
	CHECK(c.flags & NET_IF_RUNNING);       /* a driver, its link up */
	ping("10.0.2.2");
}

static const struct kit_suite suite = {
	.name = "inettest", .backend = &kit_posix, .timeout = 60,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
