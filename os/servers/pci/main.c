/* The PCI bus server (label `pci`, /sbin/pci, started first by /etc/rc):
 * scans the buses at start, then answers drivers (abi/pci.h) and VFS for
 * /dev/pci (lspci). */
#include <stdio.h>
#include <abi/cdev.h>
#include "chardriver.h"
#include "sef.h"
#include "pci.h"

/* Every init scans (the hardware is the same; a scan is cheap) and
 * announces /dev/pci; a restart or an update takes the holders and the
 * BAR sizes back from DS (no BAR is sized again while drivers run). */
static int init(const struct sef_init_info *info)
{
	int fresh = info->type == SEF_INIT_FRESH;
	struct mess_kc_times t0, t1;
	sys_times(SELF, &t0);
	if (!fresh)
		pci_holders_restore();
	pci_scan(fresh);
	pci_holders_save();
	sys_times(SELF, &t1);
	printf("pci: %d functions (scan %u ms)\n", pci_nr_funcs,
	    (unsigned) ((t1.uptime - t0.uptime) * 1000 / (t0.hz ? t0.hz : 100)));
	chardriver_announce(info);
	return 0;
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(init);
	sef_setcb_init_lu(init);
	sef_setcb_init_restart(init);
	/* RS notifies pci when it removes an instance (SEF answers RS's
	 * notification, then calls this): release the dead holders' devices
	 * at once. */
	sef_setcb_rs_notify(pci_holders_check);
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE)
			continue;
		endpoint_t src = m.m_source;
		int type;
		if (src == chardriver_vfs() && m.m_type >= CDEV_BASE &&
		    m.m_type < CDEV_REPLY)
			type = pci_cdev(&m);
		else
			type = pci_dispatch(&m);
		m.m_type = type;
		sef_guard_check();
		ipc_reply_later(src, &m, NULL);  /* with the next receive */
	}
}
