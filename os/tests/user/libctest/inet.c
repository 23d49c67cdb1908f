/* Case inet: byte order, inet_pton/inet_ntop/inet_aton/inet_addr/
 * inet_ntoa, gethostbyname of dotted quads and localhost, getaddrinfo,
 * and the socket error messages. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include "libctest.h"

/* test_inet: the pure parts of the socket interface. */
TEST(inet)
{
	CHECK_EQ(htons(0x1234), 0x3412);
	CHECK_EQ(htonl(0x01020304u), 0x04030201u);
	CHECK_EQ(ntohs(htons(80)), 80);
	CHECK_EQ(ntohl(htonl(0xdeadbeefu)), 0xdeadbeefu);
	struct in_addr a;
	CHECK_EQ(inet_pton(AF_INET, "10.0.2.15", &a), 1);
	CHECK_EQ(ntohl(a.s_addr), 0x0a00020fu);
	CHECK_EQ(inet_pton(AF_INET, "255.255.255.255", &a), 1);
	CHECK_EQ(a.s_addr, 0xffffffffu);
	const char *bad[] = { "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.",
	    "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 ", "1234.1.1.1" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_EQ(inet_pton(AF_INET, bad[i], &a), 0);
	errno = 0;
	CHECK_EQ(inet_pton(12345, "1.2.3.4", &a), -1);
	CHECK_EQ(errno, EAFNOSUPPORT);
	char buf[INET_ADDRSTRLEN];
	a.s_addr = htonl(0xc0a80001u);
	CHECK_STR(inet_ntop(AF_INET, &a, buf, sizeof(buf)), "192.168.0.1");
	a.s_addr = 0xffffffffu;
	CHECK_STR(inet_ntop(AF_INET, &a, buf, sizeof(buf)), "255.255.255.255");
	errno = 0;
	CHECK(inet_ntop(AF_INET, &a, buf, 15) == NULL);
	CHECK_EQ(errno, ENOSPC);
	/* BSD's forms. */
	CHECK_EQ(inet_aton("127.1", &a), 1);
	CHECK_EQ(ntohl(a.s_addr), 0x7f000001u);
	CHECK_EQ(inet_aton("0x7f.0.0.010", &a), 1);
	CHECK_EQ(ntohl(a.s_addr), 0x7f000008u);
	CHECK_EQ(inet_aton("10.256", &a), 1);
	CHECK_EQ(ntohl(a.s_addr), 0x0a000100u);
	CHECK_EQ(inet_aton("1.2.3.256", &a), 0);
	CHECK_EQ(inet_aton("1.2.3.4x", &a), 0);
	CHECK_EQ(inet_addr("10.0.2.2"), htonl(0x0a000202u));
	CHECK_EQ(inet_addr("nonsense"), INADDR_NONE);
	a.s_addr = htonl(0x0a000203u);
	CHECK_STR(inet_ntoa(a), "10.0.2.3");
	/* Names. */
	struct hostent *h = gethostbyname("10.0.2.2");
	CHECK(h != NULL);
	CHECK_EQ(h->h_addrtype, AF_INET);
	CHECK_EQ(h->h_length, 4);
	CHECK_STR(h->h_name, "10.0.2.2");
	memcpy(&a, h->h_addr_list[0], 4);
	CHECK_EQ(ntohl(a.s_addr), 0x0a000202u);
	CHECK(h->h_addr_list[1] == NULL);
	h = gethostbyname("localhost");
	CHECK(h != NULL);
	memcpy(&a, h->h_addr, 4);
	CHECK_EQ(ntohl(a.s_addr), INADDR_LOOPBACK);
	h_errno = 0;
	CHECK(gethostbyname("no-such-host.invalid") == NULL);
	CHECK_EQ(h_errno, HOST_NOT_FOUND);
	CHECK_STR(hstrerror(HOST_NOT_FOUND), "Unknown host");
	/* getaddrinfo: numbers only as services; one entry per type. */
	struct addrinfo hints, *ai;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	CHECK_EQ(getaddrinfo("10.0.2.2", "8080", &hints, &ai), 0);
	CHECK(ai != NULL && ai->ai_next == NULL);
	CHECK_EQ(ai->ai_family, AF_INET);
	CHECK_EQ(ai->ai_socktype, SOCK_STREAM);
	CHECK_EQ(ai->ai_protocol, IPPROTO_TCP);
	CHECK_EQ(ai->ai_addrlen, sizeof(struct sockaddr_in));
	struct sockaddr_in *sin = (struct sockaddr_in *) ai->ai_addr;
	CHECK_EQ(ntohs(sin->sin_port), 8080);
	CHECK_EQ(ntohl(sin->sin_addr.s_addr), 0x0a000202u);
	freeaddrinfo(ai);
	CHECK_EQ(getaddrinfo("localhost", NULL, NULL, &ai), 0);
	CHECK(ai != NULL && ai->ai_next != NULL && ai->ai_next->ai_next == NULL);
	CHECK_EQ(ai->ai_socktype, SOCK_STREAM);
	CHECK_EQ(ai->ai_next->ai_socktype, SOCK_DGRAM);
	sin = (struct sockaddr_in *) ai->ai_addr;
	CHECK_EQ(ntohl(sin->sin_addr.s_addr), INADDR_LOOPBACK);
	freeaddrinfo(ai);
	hints.ai_flags = AI_PASSIVE;
	CHECK_EQ(getaddrinfo(NULL, "80", &hints, &ai), 0);
	sin = (struct sockaddr_in *) ai->ai_addr;
	CHECK_EQ(sin->sin_addr.s_addr, INADDR_ANY);
	freeaddrinfo(ai);
	hints.ai_flags = AI_NUMERICHOST;
	CHECK_EQ(getaddrinfo("localhost", "80", &hints, &ai), EAI_NONAME);
	hints.ai_flags = 0;
	CHECK_EQ(getaddrinfo("10.0.2.2", "http", &hints, &ai), EAI_SERVICE);
	CHECK_EQ(getaddrinfo("no-such-host.invalid", "1", &hints, &ai),
	    EAI_NONAME);
	hints.ai_family = 10;                       /* AF_INET6 */
	CHECK_EQ(getaddrinfo("::1", "1", &hints, &ai), EAI_FAMILY);
	CHECK_STR(gai_strerror(EAI_NONAME), "Name or service not known");
	/* The socket errors have messages. */
	CHECK_STR(strerror(ECONNREFUSED), "Connection refused");
	CHECK_STR(strerror(ENETDOWN), "Network is down");
	CHECK_STR(strerror(ENOTSOCK), "Socket operation on non-socket");
	CHECK_STR(strerror(ENOBUFS), "No buffer space available");
	CHECK_STR(strerror(EINPROGRESS), "Operation now in progress");
}
