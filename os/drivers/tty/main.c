/* The terminal driver: set up COM1 with the VGA mirror (the console) and
 * COM3 (the test agent's channel), then serve VFS. */
#include <stdio.h>
#include "tty.h"
#include "sef.h"
#include "syslib.h"

#define COM1 0x3f8
#define COM3 0x3e8

static struct uart com1 = { .base = COM1, .tx_burst = 1 };
static struct uart com3 = { .base = COM3, .tx_burst = 1 };
static struct tty console = { .minor = TTY_MINOR_CONSOLE, .uart = &com1,
    .vga = 1 };
static struct tty agent = { .minor = TTY_MINOR_AGENT, .uart = &com3,
    .exclusive = 1 };

struct tty *const tty_all[] = { &console, &agent };
const int tty_count = sizeof(tty_all) / sizeof(tty_all[0]);

/* tty_get: the terminal of MINOR, or NULL when there is none. */
struct tty *tty_get(int minor)
{
	switch (minor) {
	case TTY_MINOR_CONSOLE:
		return &console;
	case TTY_MINOR_AGENT:
		return &agent;
	default:
		return NULL;
	}
}

/* start_agent_line: program COM3 when a UART answers there (its input
 * goes on while /dev/agent is open); otherwise /dev/agent stays absent
 * (its open fails with -ENXIO). */
static void start_agent_line(void)
{
	if (!serial_probe(&com3)) {
		printf("tty: no UART at COM3: /dev/agent is absent\n");
		return;
	}
	serial_program(&com3);
}

/* tty_init: SEF init callback (every start). A start that kept the
 * previous instance's memory (SEF_INIT_KEPT: restart in place, live
 * update) keeps every terminal's state and only re-syncs the hardware
 * (tty_kept, keep.c). Otherwise: line disciplines, the VGA mirror, the
 * IRQ, COM1 and COM3. A missing part is reported, not fatal: 0. */
static int tty_init(const struct sef_init_info *info)
{
	if (info->flags & SEF_INIT_KEPT)
		return tty_kept(info);
	int r;
	for (int i = 0; i < tty_count; i++) {
		line_init(&tty_all[i]->line, tty_echo, tty_all[i]);
		tty_seal(tty_all[i]);
	}
	if ((r = vga_init()) != 0)
		printf("tty: no VGA mirror (mapping the screen failed: %d); "
		    "serial only\n", r);
	if ((r = sys_irqctl(IRQ_SETPOLICY, TTY_IRQ)) != 0) {
		/* COM1 still prints; COM3 stays absent without input. */
		com1.present = 1;
		printf("tty: cannot take IRQ %d (%d): no input\n", TTY_IRQ, r);
	} else {
		serial_start(&com1);
		start_agent_line();
		tty_interrupt(1u << TTY_IRQ);  /* bytes typed before now */
	}
	printf("tty: serial console ready\n");
	return 0;
}

/* main: arguments are the library's (chardriver_args: vfs=NAME, pm=NAME,
 * for test programs). A restart in place runs main again from here in the
 * kept memory: nothing here initialises a terminal. */
int main(int argc, char *argv[])
{
	int r = chardriver_args(argc, argv);
	if (r != 0)
		printf("tty: bad arguments (%d); serving VFS\n", r);
	sef_setcb_init_fresh(tty_init);
	sef_setcb_state_check(tty_state_check);
	/* A fresh start (the console set up again, settings and groups at
	 * their defaults) keeps the system running: the hook is offered. */
	sef_setcb_state_corrupt(tty_state_corrupt);
	sef_startup();
	chardriver_task(&tty_ops);
}
