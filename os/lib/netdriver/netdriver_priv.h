/* Private declarations of the network-driver library, shared by its files;
 * drivers include netdriver.h only. */
#ifndef NETDRIVER_PRIV_H
#define NETDRIVER_PRIV_H

#include "netdriver.h"

/* A request handler: takes the driver's operations, the request M and the
 * reply being built (REP: the library fills link, addr, mtu, id after);
 * returns the reply's status. */
typedef int (*netdriver_handler)(const struct netdriver *ops,
    const message *m, struct mess_ndev_reply *rep);

/* table.c: the handler of request type TYPE, or NULL when there is none. */
netdriver_handler netdriver_lookup(int type);

/* requests.c: one handler per NDEV_* request. */
int netdriver_do_init(const struct netdriver *ops, const message *m,
    struct mess_ndev_reply *rep);
int netdriver_do_send(const struct netdriver *ops, const message *m,
    struct mess_ndev_reply *rep);
int netdriver_do_recv(const struct netdriver *ops, const message *m,
    struct mess_ndev_reply *rep);
int netdriver_do_stats(const struct netdriver *ops, const message *m,
    struct mess_ndev_reply *rep);

/* check.c (no system calls: host-tested). */

/* netdriver_check: whether a request of type TYPE granting SIZE bytes may
 * go to the driver: 0, or -EINVAL (SEND: SIZE outside NDEV_FRAME_MIN..
 * NDEV_FRAME_MAX; RECV: below NDEV_FRAME_MAX; STATS: below struct
 * ndev_stats). Other types: 0. */
int netdriver_check(int type, uint32_t size);

/* netdriver_fill: the parts of reply REP every answer carries: the link
 * state LINK, the address ADDR, the MTU. */
void netdriver_fill(struct mess_ndev_reply *rep, int link,
    const uint8_t addr[NDEV_ADDR_LEN]);

/* state.c: what this instance of the driver knows of its client. */

/* netdriver_set_client: EP sent NDEV_INIT: it is notified from now on. */
void netdriver_set_client(endpoint_t ep);

/* netdriver_addr: the address set with netdriver_set_addr. */
const uint8_t *netdriver_addr(void);

/* netdriver_link_check: compare LINK with the last state seen; a change
 * is counted, logged and notified. The first call only records. */
void netdriver_link_check(int link);

/* task.c: netdriver_serve: handle message M (a request or a
 * notification) with OPS and send the reply; the loop uses it. */
void netdriver_serve(const struct netdriver *ops, message *m);

/* init.c: the SEF callbacks over OPS (netdriver_task sets them). */
void netdriver_sef_setup(const struct netdriver *ops);

#endif
