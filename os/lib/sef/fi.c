/* Fault injection (`service fi LABEL KIND`, abi/sef.h FI_KIND_LIST): the
 * service itself makes the fault happen, so RS sees a real failure. */
#include <stdio.h>
#include <string.h>
#include <abi/boot.h>
#include <abi/errno.h>
#include "syslib.h"
#include "sef_priv.h"

/* A port no service is given (the POST diagnostic port): reading it is
 * harmless, and the kernel refuses it to a process without it in its I/O
 * ranges. */
#define FI_BADIO_PORT 0x80

/* fi_hang: stop answering for ever without using the CPU: a receive from
 * the clock with no alarm set never completes. The heartbeat catches it. */
static void __attribute__((noreturn)) fi_hang(void)
{
	sys_setalarm(0, 0, NULL);
	for (;;) {
		message m;
		ipc_receive(CLOCK, &m);
	}
}

/* fi_badio: a kernel DEVIO on a port outside the caller's privileges;
 * panics with the kernel's answer. */
static void __attribute__((noreturn)) fi_badio(void)
{
	uint32_t value;
	int r = sys_in(FI_BADIO_PORT, &value, 1);
	sef_panic("fault injection: in from port 0x%x gave %d", FI_BADIO_PORT,
	    r);
}

/* fi_badipc: a send to a process the IPC mask forbids (PM for a driver;
 * PM itself tries the memory driver); panics with the kernel's answer.
 * Non-blocking, so a mask that allows it cannot make the service wait. */
static void __attribute__((noreturn)) fi_badipc(void)
{
	endpoint_t target = sys_self() == PM_EP ? MEMDEV_EP : PM_EP;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = -1;
	int r = ipc_sendnb(target, &m);
	sef_panic("fault injection: send to %d gave %d", target, r);
}

/* sef_fi_inject: see sef_priv.h. */
void sef_fi_inject(int kind)
{
	printf("%s: fault injection: kind %d\n", sef_label(), kind);
	switch (kind) {
	case FI_CRASH:
		__asm__ volatile("ud2");
		break;
	case FI_PANIC:
		sef_panic("fault injection");
	case FI_SEGV:
		*(volatile int *) 0 = 0;
		break;
	case FI_HANG:
		fi_hang();
	case FI_EXIT:
		sef_exit(0);
	case FI_BADIO:
		fi_badio();
	case FI_BADIPC:
		fi_badipc();
	default:
		printf("%s: unknown fault kind %d\n", sef_label(), kind);
	}
}
