/* /dev/pci (PCI_MAJOR, minor 0): one line per function, what lspci
 * prints. A user process may not send to pci, but it may read a device
 * file: VFS asks pci. Only open, close and read; nothing ever waits, so
 * no request is suspended. */
#include <stdio.h>
#include <string.h>
#include <abi/cdev.h>
#include "chardriver.h"
#include "pci.h"

#define TEXT_MAX (PCI_MAX_DEVS * 72)

/* pci_text: the lines into BUF (SIZE bytes, NUL-terminated), one per
 * function: "BB:DD.F VVVV:DDDD class CC.SS.PP irq N holder LABEL|-".
 * Returns the length. */
int pci_text(char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; i < pci_nr_funcs && n < size; i++) {
		struct pci_func *f = &pci_funcs[i];
		int live = pci_holder_live(f);
		int w = snprintf(buf + n, size - n, "%02x:%02x.%x %04x:%04x "
		    "class %02x.%02x.%02x irq %d holder %s\n", f->bus, f->dev,
		    f->func, f->vendor, f->device, f->class_code, f->subclass,
		    f->progif, f->irq, live ? f->holder_label : "-");
		if (w < 0 || (size_t) w >= size - n)
			break;
		n += (size_t) w;
	}
	return (int) n;
}

/* The read: the text from req pos on. */
static int cdev_read(const struct mess_cdev_req *req)
{
	static char text[TEXT_MAX];
	int len = pci_text(text, sizeof(text));
	if (req->pos < 0 || req->pos >= len)
		return 0;
	size_t n = (size_t) (len - req->pos);
	if (n > req->size)
		n = req->size;
	int r = sys_safecopyto(chardriver_vfs(), req->grant, 0,
	    text + req->pos, n);
	return r != 0 ? r : (int) n;
}

/* pci_cdev: VFS's request M; the reply (CDEV_REPLY) in M. */
int pci_cdev(message *m)
{
	struct mess_cdev_req req = m->u.cdev_req;
	int status;
	if (req.minor != 0)
		status = -ENXIO;
	else if (m->m_type == CDEV_OPEN || m->m_type == CDEV_CLOSE)
		status = 0;
	else if (m->m_type == CDEV_READ)
		status = cdev_read(&req);
	else if (m->m_type == CDEV_IOCTL)
		status = -ENOTTY;
	else
		status = -ENOSYS;
	memset(&m->u, 0, sizeof(m->u));
	m->u.cdev_reply.id = req.id;
	m->u.cdev_reply.status = status;
	return CDEV_REPLY;
}
