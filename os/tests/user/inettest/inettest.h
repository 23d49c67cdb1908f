/* inettest's parts (main.c: the cases; tools.c: the commands). */
#ifndef INETTEST_H
#define INETTEST_H

#include <stddef.h>
#include <stdint.h>

/* pattern: byte I of a test stream (test_inet.py has the same). */
static inline uint8_t pattern(size_t i)
{
	return (uint8_t) (i * 131 + (i >> 9));
}

/* inettest_tool: run ARGV's command (get, serve, ifconf, stats, udp) if it is one.
 * Returns its exit status, or -1 when ARGV is not a command (the cases'
 * names for the kit). */
int inettest_tool(int argc, char **argv);

#endif
