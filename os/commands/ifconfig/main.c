/* ifconfig: show or set the network interface (inet's /dev/ip,
 * abi/socket.h).
 *
 *   ifconfig [-s] [eth0]
 *   ifconfig eth0 ADDR [netmask MASK] [gw GATEWAY] [dns SERVER] [up|down]
 *
 * Shows the interface: flags, address, mask, gateway, DNS server, MAC,
 * driver and its restarts; -s adds inet's counters (NET_STAT_LIST). The
 * second form (root: /dev/ip opened for writing) changes what is given.
 * Errors: "ifconfig: /dev/ip: REASON" ("Network is down" when there is
 * no network server), status 1; a bad address or option: status 2. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#ifdef __phoenix__
#include <sys/ioctl.h>
#include <abi/socket.h>

#define IP_DEVICE "/dev/ip"

/* quad: the dotted quad of network-order address A (a static buffer of
 * four, so one printf may show several). */
static const char *quad(uint32_t a)
{
	static char bufs[4][INET_ADDRSTRLEN];
	static int next;
	char *b = bufs[next++ % 4];
	struct in_addr in = { a };
	return inet_ntop(AF_INET, &in, b, INET_ADDRSTRLEN);
}

/* open_ip: /dev/ip for reading or (WRITE) writing; -1 after the message. */
static int open_ip(int write)
{
	int fd = open(IP_DEVICE, write ? O_RDWR : O_RDONLY);
	if (fd < 0) {
		int e = errno == ENXIO || errno == ENODEV || errno == ENOENT ||
		    errno == EIO ? ENETDOWN : errno;
		fprintf(stderr, "ifconfig: %s: %s\n", IP_DEVICE, strerror(e));
	}
	return fd;
}

/* show: print C (and with STATS, the counters of FD). 0 or 1. */
static int show(int fd, const struct net_ifconf *c, int stats)
{
	printf("%s: flags=<%s%s%s> mtu %u\n", c->name,
	    c->flags & NET_IF_UP ? "UP" : "DOWN",
	    c->flags & NET_IF_RUNNING ? ",RUNNING" : "",
	    c->driver[0] ? "" : ",NO-DRIVER", (unsigned) c->mtu);
	printf("        inet %s  netmask %s  gateway %s  dns %s\n",
	    quad(c->addr), quad(c->netmask), quad(c->gateway), quad(c->dns));
	printf("        ether %02x:%02x:%02x:%02x:%02x:%02x  driver %s"
	    "  restarts %u\n", c->mac[0], c->mac[1], c->mac[2], c->mac[3],
	    c->mac[4], c->mac[5], c->driver[0] ? c->driver : "-",
	    (unsigned) c->driver_restarts);
	if (!stats)
		return 0;
	struct net_stats st;
	if (ioctl(fd, NIOCGSTATS, &st) < 0) {
		fprintf(stderr, "ifconfig: %s: %s\n", IP_DEVICE, strerror(errno));
		return 1;
	}
#define SHOW(name, what) \
	printf("        %-20s %10u  %s\n", #name, \
	    (unsigned) st.v[NET_STAT_##name], what);
	NET_STAT_LIST(SHOW)
#undef SHOW
	return 0;
}

/* address: parse dotted quad S into *A; 0, or 2 after a message. */
static int address(const char *what, const char *s, uint32_t *a)
{
	struct in_addr in;
	if (inet_pton(AF_INET, s, &in) != 1) {
		fprintf(stderr, "ifconfig: bad %s: %s\n", what, s);
		return 2;
	}
	*a = in.s_addr;
	return 0;
}

/* set: apply ARGV (ADDR and keyword-value pairs) to C. 0 or 2. */
static int set(int argc, char *argv[], struct net_ifconf *c)
{
	int r = address("address", argv[0], &c->addr);
	c->flags |= NET_IF_UP;
	for (int i = 1; r == 0 && i < argc; i++) {
		const char *k = argv[i];
		if (strcmp(k, "up") == 0) {
			c->flags |= NET_IF_UP;
			continue;
		}
		if (strcmp(k, "down") == 0) {
			c->flags &= (uint16_t) ~NET_IF_UP;
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "ifconfig: %s needs a value\n", k);
			return 2;
		}
		const char *v = argv[++i];
		if (strcmp(k, "netmask") == 0)
			r = address("netmask", v, &c->netmask);
		else if (strcmp(k, "gw") == 0 || strcmp(k, "gateway") == 0)
			r = address("gateway", v, &c->gateway);
		else if (strcmp(k, "dns") == 0)
			r = address("dns server", v, &c->dns);
		else {
			fprintf(stderr, "ifconfig: unknown option %s\n", k);
			return 2;
		}
	}
	return r;
}

static int usage(void)
{
	fprintf(stderr, "usage: ifconfig [-s] [eth0]\n"
	    "       ifconfig eth0 ADDR [netmask MASK] [gw GATEWAY] "
	    "[dns SERVER] [up|down]\n");
	return 2;
}

int main(int argc, char *argv[])
{
	int stats = 0, i = 1;
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		stats = 1;
		i++;
	}
	const char *name = i < argc ? argv[i++] : "eth0";
	if (strcmp(name, "eth0") != 0) {
		fprintf(stderr, "ifconfig: %s: no such interface\n", name);
		return 1;
	}
	if (stats && i < argc)
		return usage();
	int fd = open_ip(i < argc);
	if (fd < 0)
		return 1;
	struct net_ifconf c;
	memset(&c, 0, sizeof(c));
	if (ioctl(fd, NIOCGIFCONF, &c) < 0) {
		fprintf(stderr, "ifconfig: %s: %s\n", IP_DEVICE, strerror(errno));
		return 1;
	}
	if (i >= argc)
		return show(fd, &c, stats);
	int r = set(argc - i, argv + i, &c);
	if (r != 0)
		return r;
	if (ioctl(fd, NIOCSIFCONF, &c) < 0) {
		fprintf(stderr, "ifconfig: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

#else

int main(void)
{
	fprintf(stderr, "ifconfig: %s (Phoenix only)\n", strerror(ENOSYS));
	return 1;
}

#endif
