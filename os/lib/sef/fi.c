/* Fault injection (`service fi LABEL KIND`, abi/sef.h FI_KIND_LIST and
 * the debug kinds FI_DEBUG_KIND_LIST): the service itself makes the fault
 * happen, so RS sees a real failure. */
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

/* The armed FI_MIDREQUEST: the next request sef_fi_request may cut crashes
 * the service; ASKER's requests are never cut. */
static struct {
	int armed;
	endpoint_t asker;
} midrequest;

/* fi_crash_now: an invalid instruction (SIGILL), as FI_CRASH. */
static void fi_crash_now(void)
{
	fflush(stdout);
	__asm__ volatile("ud2");
}

/* fi_corrupt: the service's corrupt hook damages its state (what it did
 * on the console), then the service crashes. Without a hook, or when the
 * hook found nothing to damage, it says so and returns. */
static void fi_corrupt(void)
{
	if (!sef_cbs.state_corrupt) {
		printf("%s: fault injection: no corrupt hook; nothing done\n",
		    sef_label());
		return;
	}
	char what[96];
	what[0] = '\0';
	int r = sef_cbs.state_corrupt(what, sizeof(what));
	what[sizeof(what) - 1] = '\0';
	if (r != 0) {
		printf("%s: fault injection: nothing to corrupt (%d: %s); "
		    "nothing done\n", sef_label(), r, what);
		return;
	}
	printf("%s: fault injection: kept state corrupted: %s\n",
	    sef_label(), what);
	fi_crash_now();
}

/* sef_fi_reset: see sef_priv.h. */
void sef_fi_reset(void)
{
	midrequest.armed = 0;
}

/* sef_fi_request: see sef_priv.h. A request M may cut: its sender waits
 * for the answer, is no boot service (slot at or above
 * BOOT_FIRST_FREE_SLOT) and is not the one that asked for the fault. */
void sef_fi_request(const message *m)
{
	if (!midrequest.armed || m->m_source < 0 ||
	    m->m_source == midrequest.asker ||
	    ep_slot(m->m_source) < BOOT_FIRST_FREE_SLOT ||
	    !sef_waits_for_me(m->m_source))
		return;
	midrequest.armed = 0;
	printf("%s: fault injection: crash in the middle of request 0x%x "
	    "from %d\n", sef_label(), (unsigned) m->m_type, m->m_source);
	fi_crash_now();
}

/* sef_fi_inject: see sef_priv.h. */
void sef_fi_inject(int kind, endpoint_t asker)
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
	case FI_CORRUPT:
		fi_corrupt();
		break;
	case FI_MIDREQUEST:
		midrequest.armed = 1;
		midrequest.asker = asker;
		printf("%s: fault injection: armed: a crash in the middle of the "
		    "next request\n", sef_label());
		break;
	default:
		printf("%s: unknown fault kind %d\n", sef_label(), kind);
	}
}
