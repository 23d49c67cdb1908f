/* The terminal's kept state: a tty restarted in place, or updated with
 * its memory (SEF_INIT_KEPT), keeps every terminal's typed-ahead input,
 * settings, foreground group, opens, waiting reads and queued signals.
 * They are checked before they are trusted (invariants, and a checksum
 * of what changes only through open, close and ioctl), and what lives
 * outside the driver's memory is re-synced: the IRQ line is taken again,
 * the UARTs' interrupt enables are written again for their input state,
 * bytes that came while the driver was down are taken, and VFS and PM
 * hear again of results and signals they have not collected. */
#include <stdio.h>
#include "tty.h"
#include "sef.h"
#include "syslib.h"

#define FNV_PRIME 0x01000193u
#define FNV_BASIS 0x811c9dc5u

/* mix: N bytes at P into hash H (FNV-1a). */
static uint32_t mix(uint32_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * FNV_PRIME;
	return h;
}

/* settings_sum: the checksum of TP's settings, group and opens. */
static uint32_t settings_sum(const struct tty *tp)
{
	uint32_t h = FNV_BASIS;
	h = mix(h, &tp->line.tio, sizeof(tp->line.tio));
	h = mix(h, &tp->pgrp, sizeof(tp->pgrp));
	h = mix(h, &tp->opens, sizeof(tp->opens));
	return mix(h, &tp->minor, sizeof(tp->minor));
}

/* tty_seal: see tty.h. */
void tty_seal(struct tty *tp)
{
	tp->seal = settings_sum(tp);
}

/* line_ok: whether TP's input ring is well-formed. */
static int line_ok(const struct tty *tp)
{
	const struct line *l = &tp->line;
	if (l->head >= LINE_BUF_SIZE || l->count > LINE_BUF_SIZE ||
	    l->cooked > l->count || l->echo != tty_echo || l->echo_ctx != tp)
		return 0;
	for (unsigned i = 0; i < l->count; i++)
		if (l->kind[(l->head + i) % LINE_BUF_SIZE] > LINE_EOF)
			return 0;
	return 1;
}

/* uart_ok: whether U is well-formed, its input on only when present. */
static int uart_ok(const struct uart *u)
{
	return (u->present == 0 || u->present == 1) &&
	    (u->rx_on == 0 || u->rx_on == 1) && (!u->rx_on || u->present) &&
	    u->held_head < UART_HOLD && u->held_count <= UART_HOLD &&
	    u->tx_burst >= 1;
}

/* queues_ok: whether TP's waiting reads and queued signals are
 * well-formed (counts in range, read ids unique, groups positive). */
static int queues_ok(const struct tty *tp)
{
	if (tp->nreaders < 0 || tp->nreaders > TTY_READERS ||
	    tp->nsig < 0 || tp->nsig > TTY_SIGQ)
		return 0;
	for (int i = 0; i < tp->nreaders; i++)
		for (int k = 0; k < i; k++)
			if (tp->readers[k].id == tp->readers[i].id)
				return 0;
	for (int i = 0; i < tp->nsig; i++)
		if (tp->sigq[i].pgid <= 0)
			return 0;
	return 1;
}

/* check_tty: TP against the rules; 0, or -EINVAL with one line in WHY. */
static int check_tty(const struct tty *tp, char *why, size_t len)
{
	const char *what = NULL;
	if (tty_get(tp->minor) != tp || !tp->uart)
		what = "not a terminal of this driver";
	else if (settings_sum(tp) != tp->seal)
		what = "settings, group or opens: checksum";
	else if (!line_ok(tp))
		what = "input ring";
	else if (!uart_ok(tp->uart))
		what = "UART";
	else if (tp->opens < 0 || (tp->exclusive && tp->opens > 1) ||
	    tp->pgrp < 0)
		what = "opens or group";
	else if (tp->exclusive && tp->uart->present &&
	    tp->uart->rx_on != (tp->opens > 0))
		what = "input on while closed, or off while open";
	else if (!queues_ok(tp))
		what = "waiting reads or queued signals";
	if (!what)
		return 0;
	snprintf(why, len, "terminal %d: %s", tp->minor, what);
	return -EINVAL;
}

/* tty_state_check: see tty.h. */
int tty_state_check(char *why, size_t len)
{
	int r = chardriver_state_check(why, len);
	for (int i = 0; r == 0 && i < tty_count; i++)
		r = check_tty(tty_all[i], why, len);
	return r;
}

/* tty_state_corrupt: see tty.h. */
int tty_state_corrupt(char *what, size_t len)
{
	struct tty *tp = tty_all[0];
	tp->pgrp++;                     /* not sealed again */
	snprintf(what, len, "terminal %d: foreground group %d, not sealed",
	    tp->minor, (int) tp->pgrp);
	return 0;
}

/* tty_kept: see tty.h. */
int tty_kept(const struct sef_init_info *info)
{
	int r = sys_irqctl(IRQ_SETPOLICY, TTY_IRQ);
	if (r != 0)
		printf("tty: cannot take IRQ %d again (%d): no input\n",
		    TTY_IRQ, r);
	int typed = 0, waiting = 0;
	for (int i = 0; i < tty_count; i++) {
		struct tty *tp = tty_all[i];
		serial_rearm(tp->uart);
		typed += (int) tp->line.count;
		waiting += tp->nreaders;
		if (tp->nsig > 0)
			ipc_notify(chardriver_pm());
	}
	vga_kept();
	tty_input_kept();
	if (r == 0)
		tty_interrupt(1u << TTY_IRQ);   /* bytes typed while down */
	for (int i = 0; i < tty_count; i++)
		tty_readers_check(tty_all[i]);
	chardriver_kept();
	printf("tty: state kept (%s): %d bytes of input, %d reads waiting\n",
	    info->type == SEF_INIT_LU ? "update" : "restart", typed, waiting);
	return 0;
}
