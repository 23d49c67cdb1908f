/* inettest's commands for a test on the host (os/tests/test_inet.py):
 *   get ADDR PORT     connect, read to the end: "inettest: got N bytes,
 *                     M wrong" (bytes that differ from pattern())
 *   serve PORT SIZE   accept one connection on PORT, send SIZE bytes of
 *                     pattern(), close: "inettest: served N bytes"
 *   ifconf            eth0's driver and its restarts: "inettest: driver
 *                     LABEL restarts N"
 *   stats             inet's counters, "inettest: stat NAME N" each
 *   udp ADDR PORT N   N datagrams to ADDR:PORT, each waiting (2 s at
 *                     most) for its echo: "inettest: udp N sent, M echoed"
 * Errors: "inettest: CALL: error" and exit 1. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <abi/socket.h>
#include "inettest.h"

/* fail: report CALL's errno. Returns 1 (the exit status). */
static int fail(const char *call)
{
	printf("inettest: %s: %s\n", call, strerror(errno));
	return 1;
}

/* get: connect to ADDR:PORT and read everything. */
static int get(const char *addr, int port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t) port);
	if (inet_pton(AF_INET, addr, &a.sin_addr) != 1) {
		printf("inettest: bad address %s\n", addr);
		return 1;
	}
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return fail("socket");
	if (connect(s, (struct sockaddr *) &a, sizeof(a)) != 0)
		return fail("connect");
	static uint8_t b[8192];
	size_t got = 0, wrong = 0;
	for (;;) {
		ssize_t n = read(s, b, sizeof(b));
		if (n < 0)
			return fail("read");
		if (n == 0)
			break;
		for (ssize_t k = 0; k < n; k++)
			wrong += b[k] != pattern(got + (size_t) k);
		got += (size_t) n;
	}
	close(s);
	printf("inettest: got %zu bytes, %zu wrong\n", got, wrong);
	return wrong != 0;
}

/* serve: one connection on PORT gets SIZE bytes. */
static int serve(int port, size_t size)
{
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0)
		return fail("socket");
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t) port);
	if (bind(l, (struct sockaddr *) &a, sizeof(a)) != 0)
		return fail("bind");
	if (listen(l, 1) != 0)
		return fail("listen");
	printf("inettest: listening on %d\n", port);
	fflush(stdout);
	int s = accept(l, NULL, NULL);
	if (s < 0)
		return fail("accept");
	static uint8_t b[8192];
	size_t sent = 0;
	while (sent < size) {
		size_t n = size - sent < sizeof(b) ? size - sent : sizeof(b);
		for (size_t k = 0; k < n; k++)
			b[k] = pattern(sent + k);
		ssize_t w = write(s, b, n);
		if (w <= 0)
			return fail("write");
		sent += (size_t) w;
	}
	close(s);
	close(l);
	printf("inettest: served %zu bytes\n", sent);
	return 0;
}

/* ifconf: eth0's driver and restarts. */
static int ifconf(void)
{
	int fd = open("/dev/ip", O_RDONLY);
	if (fd < 0)
		return fail("/dev/ip");
	struct net_ifconf c;
	if (ioctl(fd, NIOCGIFCONF, &c) != 0)
		return fail("NIOCGIFCONF");
	close(fd);
	printf("inettest: driver %s restarts %u\n", c.driver[0] ? c.driver :
	    "-", (unsigned) c.driver_restarts);
	return 0;
}

/* stats: every counter of NET_STAT_LIST. */
static int stats(void)
{
	static const char *names[] = {
#define NAME(name, what) #name,
		NET_STAT_LIST(NAME)
#undef NAME
	};
	int fd = open("/dev/ip", O_RDONLY);
	if (fd < 0)
		return fail("/dev/ip");
	struct net_stats st;
	if (ioctl(fd, NIOCGSTATS, &st) != 0)
		return fail("NIOCGSTATS");
	close(fd);
	for (int i = 0; i < NET_STAT_COUNT; i++)
		printf("inettest: stat %s %u\n", names[i], (unsigned) st.v[i]);
	return 0;
}

/* udp: N datagrams "datagram K" to ADDR:PORT, each echoed back? */
static int udp(const char *addr, int port, int n)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t) port);
	if (inet_pton(AF_INET, addr, &a.sin_addr) != 1) {
		printf("inettest: bad address %s\n", addr);
		return 1;
	}
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0)
		return fail("socket");
	if (connect(s, (struct sockaddr *) &a, sizeof(a)) != 0)
		return fail("connect");
	struct timeval tv = { .tv_sec = 2 };
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	int echoed = 0;
	for (int k = 0; k < n; k++) {
		char m[32], r[64];
		int len = snprintf(m, sizeof(m), "datagram %d", k);
		if (send(s, m, (size_t) len, 0) != len)
			return fail("send");
		ssize_t got = recv(s, r, sizeof(r), 0);
		if (got == len && memcmp(r, m, (size_t) len) == 0)
			echoed++;
	}
	close(s);
	printf("inettest: udp %d sent, %d echoed\n", n, echoed);
	return 0;
}

/* inettest_tool: see inettest.h. */
int inettest_tool(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "get") == 0)
		return get(argv[2], atoi(argv[3]));
	if (argc == 4 && strcmp(argv[1], "serve") == 0)
		return serve(atoi(argv[2]), (size_t) strtoul(argv[3], NULL, 0));
	if (argc == 2 && strcmp(argv[1], "ifconf") == 0)
		return ifconf();
	if (argc == 2 && strcmp(argv[1], "stats") == 0)
		return stats();
	if (argc == 5 && strcmp(argv[1], "udp") == 0)
		return udp(argv[2], atoi(argv[3]), atoi(argv[4]));
	return -1;
}
