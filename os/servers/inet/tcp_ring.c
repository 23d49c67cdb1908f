/* Byte rings: a connection's send and receive buffers. Offsets are from
 * the ring's first byte (HEAD); the receive ring also holds out-of-order
 * data past its LEN bytes (ring_write_at). */
#include "tcp_internal.h"

/* ring_room: the bytes R can still take after its LEN. */
uint32_t ring_room(const struct tcp_ring *r)
{
	return r->size - r->len;
}

/* ring_copy_in: copy N bytes of P to R at offset OFF from HEAD
 * (OFF + N <= SIZE), wrapping. */
static void ring_copy_in(struct tcp_ring *r, uint32_t off, const uint8_t *p,
    uint32_t n)
{
	uint32_t at = (r->head + off) % r->size;
	uint32_t first = r->size - at < n ? r->size - at : n;
	memcpy(r->buf + at, p, first);
	memcpy(r->buf, p + first, n - first);
}

/* ring_write: append up to N bytes of P; returns how many fit. */
uint32_t ring_write(struct tcp_ring *r, const void *p, uint32_t n)
{
	if (n > ring_room(r))
		n = ring_room(r);
	ring_copy_in(r, r->len, p, n);
	r->len += n;
	return n;
}

/* ring_write_at: store N bytes of P at offset OFF without changing LEN
 * (out-of-order data); the caller keeps OFF + N <= SIZE. */
void ring_write_at(struct tcp_ring *r, uint32_t off, const void *p,
    uint32_t n)
{
	ring_copy_in(r, off, p, n);
}

/* ring_peek: copy N bytes at offset OFF (OFF + N <= SIZE) to P, leaving
 * them in the ring. */
void ring_peek(const struct tcp_ring *r, uint32_t off, void *p, uint32_t n)
{
	uint32_t at = (r->head + off) % r->size;
	uint32_t first = r->size - at < n ? r->size - at : n;
	memcpy(p, r->buf + at, first);
	memcpy((uint8_t *) p + first, r->buf, n - first);
}

/* ring_drop: remove the first N (<= LEN) bytes. */
void ring_drop(struct tcp_ring *r, uint32_t n)
{
	r->head = (r->head + n) % r->size;
	r->len -= n;
}

/* ring_read: take up to N bytes into P; returns how many. */
uint32_t ring_read(struct tcp_ring *r, void *p, uint32_t n)
{
	if (n > r->len)
		n = r->len;
	ring_peek(r, 0, p, n);
	ring_drop(r, n);
	return n;
}
