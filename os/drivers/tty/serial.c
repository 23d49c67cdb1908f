/* COM1, the 16550 UART of the serial console: polled output, interrupt-
 * driven input. The kernel programmed it (115200 8N1) and keeps printing
 * its own messages on it by polling; this file adds the receive
 * interrupt. */
#include <stdio.h>
#include "tty.h"
#include "syslib.h"

#define COM1       0x3f8
#define COM1_IRQ   4

#define UART_RBR   0      /* receive buffer (read) */
#define UART_THR   0      /* transmit holding (write) */
#define UART_IER   1      /* interrupt enable */
#define UART_IIR   2      /* interrupt identification (read) */
#define UART_FCR   2      /* FIFO control (write) */
#define UART_MCR   4      /* modem control */
#define UART_LSR   5      /* line status */
#define UART_MSR   6      /* modem status */

#define IER_RDA    0x01   /* interrupt when received data is available */
#define IIR_NONE   0x01   /* no interrupt pending */
#define IIR_ID     0x0e   /* the cause: */
#define IIR_MSR    0x00   /*   modem status changed */
#define IIR_LSR    0x06   /*   line status (errors, break) */
#define IIR_FIFOS  0xc0   /* both set: the FIFOs are on */
#define FCR_ENABLE 0x01   /* FIFOs on, interrupt at 1 byte, not cleared */
#define MCR_DTR    0x01
#define MCR_RTS    0x02
#define MCR_OUT2   0x08   /* gates the UART's interrupt line to the PIC */
#define LSR_DR     0x01   /* a received byte is ready */
#define LSR_THRE   0x20   /* the transmitter takes bytes */

#define THRE_SPINS 10000  /* status reads before writing anyway */
#define MAX_DRAIN  4096   /* bytes per interrupt before giving up */

static unsigned tx_burst = 1;   /* bytes the transmitter takes at once */

/* uart_in: read UART register REG (0 when the kernel refuses). */
static uint8_t uart_in(int reg)
{
	uint32_t v = 0;
	sys_in(COM1 + reg, &v, 1);
	return (uint8_t) v;
}

/* uart_out: write V to UART register REG. */
static void uart_out(int reg, uint8_t v)
{
	sys_out(COM1 + reg, v, 1);
}

/* serial_init: take COM1's IRQ, turn the FIFOs and the receive interrupt
 * on. Returns 0 or the error of taking the IRQ. Bytes that wait in the
 * receiver stay there: the first serial_receive() gets them. */
int serial_init(void)
{
	int r = sys_irqctl(IRQ_SETPOLICY, COM1_IRQ);
	if (r != 0)
		return r;
	uart_out(UART_FCR, FCR_ENABLE);
	if ((uart_in(UART_IIR) & IIR_FIFOS) == IIR_FIFOS)
		tx_burst = 16;
	uart_out(UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
	uart_out(UART_IER, IER_RDA);
	return 0;
}

/* wait_thre: wait until the transmitter takes bytes (bounded, so that a
 * missing UART cannot hang the driver). */
static void wait_thre(void)
{
	for (int i = 0; i < THRE_SPINS; i++)
		if (uart_in(UART_LSR) & LSR_THRE)
			return;
}

/* serial_write: send the N bytes of S, NL as CR NL, polling the line
 * status before each burst of tx_burst bytes (an empty FIFO). */
void serial_write(const char *s, size_t n)
{
	unsigned room = 0;
	for (size_t i = 0; i < n; i++) {
		int crlf = s[i] == '\n';
		for (int k = 0; k <= crlf; k++) {
			if (room == 0) {
				wait_thre();
				room = tx_burst;
			}
			uart_out(UART_THR, k < crlf ? '\r' : (uint8_t) s[i]);
			room--;
		}
	}
}

/* serial_receive: the UART interrupted (or may have bytes): pass every
 * received byte to GOT, and clear every interrupt cause until the UART
 * says none is pending, so that its next one raises the line again. */
void serial_receive(serial_byte_fn got)
{
	for (int spins = 0; spins < MAX_DRAIN; spins++) {
		uint8_t lsr = uart_in(UART_LSR);
		if (lsr & LSR_DR) {
			got(uart_in(UART_RBR));
			continue;
		}
		uint8_t iir = uart_in(UART_IIR);
		if (iir & IIR_NONE)
			return;
		if ((iir & IIR_ID) == IIR_MSR)
			uart_in(UART_MSR);
		/* IIR_LSR was cleared by reading LSR above; a transmitter
		 * interrupt by reading IIR; received data by draining. */
	}
	printf("tty: COM1 keeps interrupting; giving up on this interrupt\n");
}
