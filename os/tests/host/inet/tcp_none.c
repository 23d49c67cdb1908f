/* A TCP engine that has no connections: the host test's stand-in while
 * os/servers/inet has no engine of its own (test_inet_host.py uses the
 * real one when it is there). */
#include "inet.h"
#include "tcp.h"

struct tcp_stack *tcp_create(const struct tcp_ops *ops, void *ctx,
    struct net_stats *stats, uint32_t seed)
{ (void) ops; (void) ctx; (void) stats; (void) seed; return NULL; }
void tcp_input(struct tcp_stack *s, uint32_t src, uint32_t dst,
    const void *seg, size_t len)
{ (void) s; (void) src; (void) dst; (void) seg; (void) len; }
void tcp_tick(struct tcp_stack *s) { (void) s; }
int32_t tcp_next_timer(struct tcp_stack *s) { (void) s; return -1; }
struct tcp_conn *tcp_open(struct tcp_stack *s) { (void) s; return NULL; }
void tcp_set_user(struct tcp_conn *c, void *u) { (void) c; (void) u; }
void *tcp_user(const struct tcp_conn *c) { (void) c; return NULL; }
int tcp_setopt(struct tcp_conn *c, int n, int v)
{ (void) c; (void) n; (void) v; return -ENOPROTOOPT; }
int tcp_getopt(const struct tcp_conn *c, int n)
{ (void) c; (void) n; return -ENOPROTOOPT; }
int tcp_bind(struct tcp_conn *c, uint32_t a, uint16_t p)
{ (void) c; (void) a; (void) p; return -EINVAL; }
int tcp_listen(struct tcp_conn *c, int b) { (void) c; (void) b; return -EINVAL; }
int tcp_accept(struct tcp_conn *l, struct tcp_conn **n)
{ (void) l; (void) n; return -EINVAL; }
int tcp_connect(struct tcp_conn *c, uint32_t a, uint16_t p)
{ (void) c; (void) a; (void) p; return -EINVAL; }
int tcp_send(struct tcp_conn *c, const void *b, size_t l)
{ (void) c; (void) b; (void) l; return -ENOTCONN; }
int tcp_recv(struct tcp_conn *c, void *b, size_t l)
{ (void) c; (void) b; (void) l; return -ENOTCONN; }
int tcp_shutdown(struct tcp_conn *c, int h) { (void) c; (void) h; return -ENOTCONN; }
void tcp_close(struct tcp_conn *c) { (void) c; }
unsigned tcp_poll(const struct tcp_conn *c) { (void) c; return 0; }
int tcp_error(struct tcp_conn *c) { (void) c; return 0; }
int tcp_state(const struct tcp_conn *c) { (void) c; return TCP_CLOSED; }
void tcp_local(const struct tcp_conn *c, uint32_t *a, uint16_t *p)
{ (void) c; if (a) *a = 0; if (p) *p = 0; }
int tcp_peer(const struct tcp_conn *c, uint32_t *a, uint16_t *p)
{ (void) c; (void) a; (void) p; return -ENOTCONN; }
