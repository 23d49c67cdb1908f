/* The 16550 UARTs of the terminals: COM1 (the console, programmed by the
 * kernel, which keeps printing its own messages on it by polling) and COM3
 * (the test agent's channel, programmed here; the kernel never touches
 * it). Polled output, interrupt-driven input; both share IRQ 4. Both run
 * without FIFOs: a byte then enters the receiver only once the last one
 * was read (QEMU and Bochs hold the rest back), so no byte is ever lost,
 * however late its interrupt is served. */
#include <stdio.h>
#include "tty.h"
#include "syslib.h"

#define UART_RBR   0      /* receive buffer (read) */
#define UART_THR   0      /* transmit holding (write) */
#define UART_DLL   0      /* divisor low byte (DLAB=1) */
#define UART_IER   1      /* interrupt enable */
#define UART_DLM   1      /* divisor high byte (DLAB=1) */
#define UART_IIR   2      /* interrupt identification (read) */
#define UART_FCR   2      /* FIFO control (write) */
#define UART_LCR   3      /* line control */
#define UART_MCR   4      /* modem control */
#define UART_LSR   5      /* line status */
#define UART_MSR   6      /* modem status */
#define UART_SCR   7      /* scratch */

#define IER_RDA    0x01   /* interrupt when received data is available */
#define IIR_NONE   0x01   /* no interrupt pending */
#define IIR_ID     0x0e   /* the cause: */
#define IIR_MSR    0x00   /*   modem status changed */
#define IIR_LSR    0x06   /*   line status (errors, break) */
#define FCR_OFF    0x00   /* no FIFOs (one holding register each way) */
#define LCR_DLAB   0x80   /* divisor latch access */
#define LCR_8N1    0x03
#define MCR_DTR    0x01
#define MCR_RTS    0x02
#define MCR_OUT2   0x08   /* gates the UART's interrupt line to the PIC */
#define LSR_DR     0x01   /* a received byte is ready */
#define LSR_THRE   0x20   /* the transmitter takes bytes */

#define THRE_SPINS 1000   /* status reads between looks at the clock */
#define THRE_WAIT_MS 2000 /* how long a transmitter may stay full before
                           * bytes are written anyway (a line nobody
                           * reads must not hang the terminal) */
#define MAX_DRAIN  4096   /* bytes per interrupt before giving up */

/* uart_in: read register REG of U (0 when the kernel refuses). */
static uint8_t uart_in(const struct uart *u, int reg)
{
	uint32_t v = 0;
	sys_in(u->base + reg, &v, 1);
	return (uint8_t) v;
}

/* uart_out: write V to register REG of U. */
static void uart_out(const struct uart *u, int reg, uint8_t v)
{
	sys_out(u->base + reg, v, 1);
}

/* serial_probe: whether a UART answers at U's ports (its scratch register
 * keeps what is written; an empty port range does not). */
int serial_probe(const struct uart *u)
{
	uart_out(u, UART_SCR, 0x5a);
	if (uart_in(u, UART_SCR) != 0x5a)
		return 0;
	uart_out(u, UART_SCR, 0xa5);
	return uart_in(u, UART_SCR) == 0xa5;
}

/* serial_program: set U to 115200 8N1 without FIFOs, interrupts off, and
 * mark it present (for a UART the kernel did not program: never COM1,
 * which the kernel prints on meanwhile). Its input stays off until
 * serial_rx(U, 1). */
void serial_program(struct uart *u)
{
	uart_out(u, UART_IER, 0);
	uart_out(u, UART_LCR, LCR_DLAB);
	uart_out(u, UART_DLL, 1);
	uart_out(u, UART_DLM, 0);
	uart_out(u, UART_LCR, LCR_8N1);
	uart_out(u, UART_FCR, FCR_OFF);
	uart_out(u, UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
	u->tx_burst = 1;
	u->present = 1;
}

/* serial_start: turn U's receive interrupt on, its FIFOs off, and mark
 * it present (COM1). Without FIFOs a byte enters the receiver only once
 * the last one was read: QEMU and Bochs hold the rest back. With them,
 * Bochs drops what overflows 16 bytes (a line pasted while the shell's
 * line editor echoes lost bytes: "receive FIFO overflow" in bochs.log).
 * Bytes that wait in the receiver stay there: the first serial_receive()
 * gets them. The caller took the IRQ. */
void serial_start(struct uart *u)
{
	uart_out(u, UART_FCR, FCR_OFF);
	u->tx_burst = 1;
	uart_out(u, UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
	uart_out(u, UART_IER, IER_RDA);
	u->present = u->rx_on = 1;
}

/* serial_rx: turn U's input on (ON: what waits in its receiver is dropped,
 * then it interrupts for each byte) or off (it never interrupts, and
 * serial_receive leaves it alone: no register of it is read, which on
 * Bochs would lower the shared line under the other UART). */
void serial_rx(struct uart *u, int on)
{
	if (!u->present)
		return;
	if (on) {
		for (int i = 0; i < MAX_DRAIN &&
		    (uart_in(u, UART_LSR) & LSR_DR); i++)
			uart_in(u, UART_RBR);
		uart_in(u, UART_IIR);
	}
	uart_out(u, UART_IER, on ? IER_RDA : 0);
	u->rx_on = on;
}

/* serial_rearm: see tty.h. The console's UART (programmed by the kernel)
 * keeps its line settings; only its interrupt gate and enable are
 * written, as serial_start and serial_rx left them. */
void serial_rearm(struct uart *u)
{
	if (!u->present)
		return;
	uart_out(u, UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
	uart_out(u, UART_IER, u->rx_on ? IER_RDA : 0);
}

/* hold: take the byte waiting in U's receiver into its ring (dropped
 * when the ring is full); the line discipline gets the ring's bytes from
 * the next serial_receive (tty_output calls it after its output). */
static void hold(struct uart *u)
{
	uint8_t c = uart_in(u, UART_RBR);
	if (u->held_count == UART_HOLD)
		return;
	u->held[(u->held_head + u->held_count) % UART_HOLD] = c;
	u->held_count++;
}

/* thre_spin: whether U's transmitter takes bytes within THRE_SPINS
 * status reads. Meanwhile the bytes arriving are held (an input line that
 * waited for output would overflow the receiver's FIFO). */
static int thre_spin(struct uart *u)
{
	for (int i = 0; i < THRE_SPINS; i++) {
		uint8_t lsr = uart_in(u, UART_LSR);
		if ((lsr & LSR_DR) && u->rx_on)
			hold(u);
		if (lsr & LSR_THRE)
			return 1;
	}
	return 0;
}

/* serial_held: see tty.h. */
int serial_held(const struct uart *u)
{
	return u->held_count > 0;
}

/* uptime_ms: milliseconds since boot (0 when the clock cannot be read). */
static uint32_t uptime_ms(void)
{
	struct mess_kc_times t;
	if (sys_times(SELF, &t) != 0 || t.hz == 0)
		return 0;
	return (uint32_t) ((uint64_t) t.uptime * 1000 / t.hz);
}

/* wait_thre: wait until U's transmitter takes bytes. The bound is time,
 * not a count of status reads: on a busy host QEMU drains the line in
 * bursts, and writing into a full transmitter loses bytes (the test
 * agent's answers then fail their check). After THRE_WAIT_MS without
 * draining, U counts as stalled and is given only THRE_SPINS reads per
 * burst until it drains again (nobody reads the line). */
static void wait_thre(struct uart *u)
{
	if (thre_spin(u)) {
		u->stalled = 0;
		return;
	}
	if (u->stalled)
		return;
	uint32_t start = uptime_ms();
	while (uptime_ms() - start < THRE_WAIT_MS)
		if (thre_spin(u))
			return;
	u->stalled = 1;
}

/* serial_write: send the N bytes of S on U (nothing when U is absent), NL
 * as CR NL, polling the line status before each burst of tx_burst bytes
 * (an empty FIFO); what arrives meanwhile is held (thre_spin). */
void serial_write(struct uart *u, const char *s, size_t n)
{
	unsigned room = 0;
	if (!u->present)
		return;
	for (size_t i = 0; i < n; i++) {
		int crlf = s[i] == '\n';
		for (int k = 0; k <= crlf; k++) {
			if (room == 0) {
				wait_thre(u);
				room = u->tx_burst;
			}
			uart_out(u, UART_THR, k < crlf ? '\r' : (uint8_t) s[i]);
			room--;
		}
	}
}

/* serial_receive: U may have bytes or a pending interrupt: pass every
 * received byte to GOT(TP, byte), and clear every interrupt cause until
 * U says none is pending. Returns whether there was anything (a byte or
 * a cause): then the caller looks at every UART of the IRQ again. */
int serial_receive(struct uart *u, serial_byte_fn got, struct tty *tp)
{
	int work = 0;
	if (!u->present || !u->rx_on)
		return 0;
	for (int spins = 0; spins < MAX_DRAIN; spins++) {
		/* First what output held: it came before what the receiver
		 * has now (GOT may echo, and the echo may hold more). */
		if (u->held_count > 0) {
			uint8_t c = u->held[u->held_head];
			u->held_head = (u->held_head + 1) % UART_HOLD;
			u->held_count--;
			got(tp, c);
			work = 1;
			continue;
		}
		uint8_t lsr = uart_in(u, UART_LSR);
		if (lsr & LSR_DR) {
			got(tp, uart_in(u, UART_RBR));
			work = 1;
			continue;
		}
		uint8_t iir = uart_in(u, UART_IIR);
		if (iir & IIR_NONE)
			return work;
		work = 1;
		if ((iir & IIR_ID) == IIR_MSR)
			uart_in(u, UART_MSR);
		/* IIR_LSR was cleared by reading LSR above; a transmitter
		 * interrupt by reading IIR; received data by draining. */
	}
	printf("tty: the UART at %x keeps interrupting; giving up on this "
	    "interrupt\n", u->base);
	return 0;
}
