/* TCP socket options (level IPPROTO_TCP). */
#ifndef _NETINET_TCP_H
#define _NETINET_TCP_H

#include <abi/socket.h>

#define TCP_NODELAY NET_TCP_NODELAY

#endif
