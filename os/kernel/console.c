/* Kernel console: COM1 at 115200 8N1, mirrored on the VGA text screen
 * until a process takes the screen over, and kept in the kernel log. The
 * kernel log is also written to COM2 when a UART is there (the harness's
 * second channel: kernel lines without the shell's traffic). */
#include "kernel.h"
#include "x86.h"

#define COM1       0x3f8
#define COM2       0x2f8
#define COM_SCR    7      /* scratch register */
#define COM_DATA   0      /* data register (DLAB=0) */
#define COM_IER    1      /* interrupt enable (DLAB=0) */
#define COM_DLL    0      /* divisor low byte (DLAB=1) */
#define COM_DLM    1      /* divisor high byte (DLAB=1) */
#define COM_FCR    2      /* FIFO control */
#define COM_LCR    3      /* line control */
#define COM_MCR    4      /* modem control */
#define COM_LSR    5      /* line status */
#define LSR_THRE   0x20   /* transmit holding register empty */

#define VGA_TEXT   ((volatile uint16_t *) 0xb8000)
#define VGA_COLS   80
#define VGA_ROWS   25
#define VGA_ATTR   0x0700  /* light grey on black */

static int vga_row, vga_col;
static int vga_owned;          /* a process mapped the screen: hands off */

static int com2_present;       /* a UART answers at COM2: mirror the log */

static void serial_init(uint16_t port)
{
	outb(port + COM_IER, 0x00);      /* no interrupts (for now) */
	outb(port + COM_LCR, 0x80);      /* DLAB on */
	outb(port + COM_DLL, 1);         /* 115200 / 1 */
	outb(port + COM_DLM, 0);
	outb(port + COM_LCR, 0x03);      /* 8 bits, no parity, 1 stop */
	outb(port + COM_FCR, 0xc7);      /* FIFOs on and cleared */
	outb(port + COM_MCR, 0x03);      /* DTR, RTS */
}

/* uart_present: whether a UART answers at PORT (its scratch register keeps
 * what is written; an empty port reads 0xff). */
static int uart_present(uint16_t port)
{
	outb(port + COM_SCR, 0x5a);
	if (inb(port + COM_SCR) != 0x5a)
		return 0;
	outb(port + COM_SCR, 0xa5);
	return inb(port + COM_SCR) == 0xa5;
}

static void serial_putc(uint16_t port, char c)
{
	for (int spin = 0; spin < 100000; spin++)
		if (inb(port + COM_LSR) & LSR_THRE)
			break;
	outb(port + COM_DATA, (uint8_t) c);
}

static void vga_scroll(void)
{
	for (int i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		VGA_TEXT[i] = VGA_TEXT[i + VGA_COLS];
	for (int i = 0; i < VGA_COLS; i++)
		VGA_TEXT[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	vga_row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
	if (c == '\n') {
		vga_col = 0;
		vga_row++;
	} else if (c == '\r') {
		vga_col = 0;
	} else if (c == '\b') {
		if (vga_col > 0)
			vga_col--;
	} else {
		VGA_TEXT[vga_row * VGA_COLS + vga_col] = VGA_ATTR | (uint8_t) c;
		if (++vga_col == VGA_COLS) {
			vga_col = 0;
			vga_row++;
		}
	}
	if (vga_row == VGA_ROWS)
		vga_scroll();
}

/* console_init: program COM1 (and COM2 when present) and clear the VGA
 * screen. Call first of all. */
void console_init(void)
{
	serial_init(COM1);
	com2_present = uart_present(COM2);
	if (com2_present)
		serial_init(COM2);
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		VGA_TEXT[i] = VGA_ATTR | ' ';
	vga_row = vga_col = 0;
}

/* console_putc: one character to the serial line ("\n" becomes "\r\n"),
 * the VGA screen (unless a process owns it now) and the kernel log (kept in
 * memory and, when present, written to COM2 as it is). */
void console_putc(char c)
{
	if (c == '\n')
		serial_putc(COM1, '\r');
	serial_putc(COM1, c);
	if (com2_present)
		serial_putc(COM2, c);
	if (!vga_owned)
		vga_putc(c);
	klog_putc(c);
}

/* console_vga_handoff: process NAME mapped the VGA text buffer: the
 * console stops writing to the screen (serial and the log go on) and says
 * so. */
void console_vga_handoff(const char *name)
{
	vga_owned = 1;
	kprintf("console: VGA handed to %s\n", name);
}

/* console_write: LEN bytes of S, as console_putc each. */
void console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		console_putc(s[i]);
}
