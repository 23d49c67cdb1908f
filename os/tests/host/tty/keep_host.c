/* Host test of the terminal's kept-state check (os/drivers/tty/keep.c with
 * line.c): the two terminals as main.c has them, the rest of the driver
 * and the library faked; run by os/tests/test_tty_host.py on the test kit
 * (os/tests/kit, in process): "test NAME: OK|FAILED", then the summary.
 * A state the driver's own paths made (fresh, typed input, opens, a new
 * group and settings, sealed) passes; each kind of damage is caught with a
 * line that says which terminal and what. */
#include "../../kit/kit.h"
#include <stdio.h>
#include <string.h>
#include "tty.h"

/* ---- the driver's terminals (as main.c) and fakes of the rest ------- */

static struct uart com1 = { .base = 0x3f8, .tx_burst = 1 };
static struct uart com3 = { .base = 0x3e8, .tx_burst = 1 };
static struct tty console = { .minor = TTY_MINOR_CONSOLE, .uart = &com1,
    .vga = 1 };
static struct tty agent = { .minor = TTY_MINOR_AGENT, .uart = &com3,
    .exclusive = 1 };
struct tty *const tty_all[] = { &console, &agent };
const int tty_count = 2;

struct tty *tty_get(int minor)
{
	return minor == TTY_MINOR_CONSOLE ? &console :
	    minor == TTY_MINOR_AGENT ? &agent : NULL;
}

void tty_echo(void *ctx, const char *s, size_t n)
{
	(void) ctx;
	(void) s;
	(void) n;
}

static int library_state = 0;   /* what chardriver_state_check answers */

int chardriver_state_check(char *why, size_t len)
{
	if (library_state)
		snprintf(why, len, "library");
	return library_state;
}

/* tty_kept's calls (not run here). */
int sys_irqctl(int request, int irq) { (void) request; (void) irq; return 0; }
void serial_rearm(struct uart *u) { (void) u; }
void vga_kept(void) {}
void tty_input_kept(void) {}
void tty_interrupt(uint32_t irqs) { (void) irqs; }
void tty_readers_check(struct tty *tp) { (void) tp; }
void chardriver_kept(void) {}
endpoint_t chardriver_pm(void) { return 0; }
int ipc_notify(endpoint_t ep) { (void) ep; return 0; }

/* fresh: both terminals as tty_init leaves them, the console's UART on,
 * COM3 present and closed. */
static void fresh(void)
{
	memset(&com1.held, 0, sizeof(com1.held));
	com1.held_head = com1.held_count = 0;
	com1.present = com1.rx_on = 1;
	com3.present = 1;
	com3.rx_on = 0;
	for (int i = 0; i < tty_count; i++) {
		struct tty *tp = tty_all[i];
		line_init(&tp->line, tty_echo, tp);
		tp->opens = 0;
		tp->pgrp = 0;
		tp->nreaders = tp->nsig = 0;
		tty_seal(tp);
	}
	library_state = 0;
}

/* type: S typed on TP. */
static void type(struct tty *tp, const char *s)
{
	while (*s)
		line_input(&tp->line, (uint8_t) *s++);
}

static char why[128];

/* ---- cases ------------------------------------------------------------ */

TEST(a_state_the_driver_made_passes)
{
	fresh();
	CHECK_EQ(tty_state_check(why, sizeof(why)), 0);
	type(&console, "typed ahead\rhalf a li");
	console.opens = 3;
	console.pgrp = 42;
	struct termios t = console.line.tio;
	t.c_cc_kill = 0x18;
	line_set_termios(&console.line, &t);
	tty_seal(&console);
	agent.opens = 1;                 /* /dev/agent open: input on */
	com3.rx_on = 1;
	tty_seal(&agent);
	console.readers[0] = (struct tty_reader) { .id = 7, .size = 10 };
	console.readers[1] = (struct tty_reader) { .id = 8, .size = 10 };
	console.nreaders = 2;
	console.sigq[0] = (struct tty_sig_entry) { 42, 2 };
	console.nsig = 1;
	CHECK_EQ(tty_state_check(why, sizeof(why)), 0);
}

TEST(settings_changed_without_a_seal)
{
	fresh();
	console.line.tio.c_lflag ^= ECHO;           /* a flipped bit */
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "terminal 0") && strstr(why, "checksum"));
	fresh();
	agent.pgrp = 9;
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "terminal 2") && strstr(why, "checksum"));
	fresh();                         /* `service fi tty corrupt`'s hook */
	char what[96];
	CHECK_EQ(tty_state_corrupt(what, sizeof(what)), 0);
	CHECK(strstr(what, "terminal 0: foreground group") != NULL);
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "terminal 0") && strstr(why, "checksum"));
}

TEST(input_ring_out_of_range)
{
	fresh();
	type(&console, "abc\r");
	console.line.cooked = console.line.count + 1;
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "input ring") != NULL);
	fresh();
	console.line.head = LINE_BUF_SIZE;
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	fresh();
	type(&console, "x");
	console.line.kind[console.line.head] = 9;
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	fresh();
	console.line.echo = NULL;
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
}

TEST(exclusive_open_and_input)
{
	fresh();
	agent.opens = 2;                 /* opened twice: not exclusive */
	com3.rx_on = 1;
	tty_seal(&agent);
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "opens") != NULL);
	fresh();
	agent.opens = 1;                 /* open, but its input off */
	tty_seal(&agent);
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "input on while closed") != NULL);
}

TEST(uart_reads_and_signals)
{
	fresh();
	com1.held_count = UART_HOLD + 1;
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "UART") != NULL);
	fresh();
	console.nreaders = 2;
	console.readers[0].id = console.readers[1].id = 5;
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "waiting reads") != NULL);
	fresh();
	console.nsig = TTY_SIGQ + 1;
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	fresh();
	library_state = -EINVAL;         /* the library's tables */
	CHECK_EQ(tty_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "library") != NULL);
}

static const struct kit_suite suite = {
	.name = "tty_keep_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
