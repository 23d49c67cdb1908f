/* SYS_GETINFO: copies of kernel information for the caller.
 *
 * Reads:  kc_getinfo.request (GET_KINFO, GET_PROCTAB, GET_PROC, GET_PRIV,
 *         GET_BOOTIMAGE, GET_KLOG, GET_MODULE, GET_MODULE_MAP), .endpoint
 *         (GET_PROC, GET_PRIV: a process; GET_MODULE, GET_MODULE_MAP: an
 *         index into the boot image), .buf, .len, .offset (GET_MODULE:
 *         where in the module to start)
 * Writes: the information into buf; kc_getinfo.len: bytes written;
 *         kc_getinfo.offset (GET_KLOG): bytes ever logged
 * Reply:  0, -EINVAL (bad request, endpoint or module index; for
 *         GET_MODULE_MAP also a program module or a bad range), -EEXIST
 *         and -ENOMEM (GET_MODULE_MAP: as SYS_VMMAP's),
 *         -EDEADSRCDST, -E2BIG (buf too small; not for GET_KLOG and
 *         GET_MODULE, which copy what fits), -EFAULT (bad buf).
 * GET_KLOG copies the newest min(len, logged, KLOG_SIZE) bytes of the
 * kernel log, oldest first. GET_MODULE copies min(len, size - offset)
 * bytes of the module (0 at or after its end). GET_MODULE_MAP maps a data
 * module (not a program) read-only into the caller at .buf (page-aligned,
 * inside the user area), .len bytes (a multiple of the page size, at most
 * the module's size rounded up to pages): the same bytes GET_MODULE
 * copies, read in place (the root file system's archive). Boot modules
 * stay in memory for good and start on a page (pmem.c reserves them; the
 * Multiboot header asks for the alignment); their pages are never freed
 * with the space (device pages: fork shares them). */
#include "kernel.h"
#include <abi/errno.h>

static void fill_proc_info(const struct proc *p, struct proc_info *info)
{
	memset(info, 0, sizeof(*info));
	info->slot = p->slot;
	info->endpoint = p->endpoint;
	strlcpy(info->name, p->name, sizeof(info->name));
	info->flags = p->rts;
	info->priority = p->priority;
	info->user_ticks = p->user_ticks;
	info->sys_ticks = p->sys_ticks;
	info->sig_mgr = p->priv.sig_mgr;
	info->blocked_on = (p->rts & RTS_SENDING) ? p->sendto
	    : (p->rts & RTS_RECEIVING) ? p->getfrom : NONE;
	info->brk = p->brk;
	info->cred = p->cred;
	info->as_id = p->as_id;
}

static int put(struct proc *caller, struct mess_kc_getinfo *x,
    const void *data, size_t len)
{
	if (len > x->len)
		return -E2BIG;
	if (vm_copy_to_user(caller->pgdir, x->buf, data, len) != 0)
		return -EFAULT;
	x->len = len;
	return 0;
}

/* GET_KLOG: the newest log bytes that fit, oldest first. */
static int get_klog(struct proc *caller, struct mess_kc_getinfo *x)
{
	char chunk[256];
	uint32_t total = klog_total();
	uint32_t n = x->len;
	if (n > KLOG_SIZE)
		n = KLOG_SIZE;
	if (n > total)
		n = total;
	if (!vm_user_ok(caller->pgdir, x->buf, n, 1))
		return -EFAULT;
	uint32_t from = total - n;
	for (uint32_t done = 0; done < n;) {
		uint32_t k = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
		klog_copy(from + done, chunk, k);
		vm_copy_to_user(caller->pgdir, x->buf + done, chunk, k);
		done += k;
	}
	x->len = n;
	x->offset = total;
	return 0;
}

/* GET_MODULE: bytes of boot module x->endpoint from x->offset. */
static int get_module(struct proc *caller, struct mess_kc_getinfo *x)
{
	const uint8_t *start;
	uint32_t size;
	int r = boot_module_bytes(x->endpoint, &start, &size);
	if (r != 0)
		return r;
	uint32_t n = 0;
	if (x->offset < size)
		n = size - x->offset < x->len ? size - x->offset : x->len;
	if (vm_copy_to_user(caller->pgdir, x->buf, start + x->offset, n) != 0)
		return -EFAULT;
	x->len = n;
	return 0;
}

/* GET_MODULE_MAP: data module x->endpoint read-only at x->buf. */
static int map_module(struct proc *caller, struct mess_kc_getinfo *x)
{
	const uint8_t *start;
	uint32_t size;
	int r = boot_module_bytes(x->endpoint, &start, &size);
	if (r != 0)
		return r;
	if (boot_module_is_program(x->endpoint) ||
	    ((phys_bytes) start & ~PAGE_MASK) ||
	    ((x->buf | x->len) & ~PAGE_MASK) || x->len == 0 ||
	    x->len > ((size + PAGE_SIZE - 1) & PAGE_MASK) ||
	    x->buf < USER_BASE || x->buf >= USER_MAP_TOP ||
	    x->len > USER_MAP_TOP - x->buf)
		return -EINVAL;
	return vm_map_range(caller->pgdir, x->buf, x->len, 0,
	    (phys_bytes) start);
}

int do_getinfo(struct proc *caller, message *m)
{
	struct mess_kc_getinfo *x = &m->u.kc_getinfo;
	struct proc *p;
	int r;

	switch (x->request) {
	case GET_KINFO: {
		struct kinfo k = {
			.hz = HZ,
			.nr_procs = NR_PROCS,
			.mem_total_kib = pmem_limit() / 1024,
			.mem_free_kib = pmem_free_count() * (PAGE_SIZE / 1024),
			.uptime = clock_ticks(),
			.boottime = rtc_boot_time(),
		};
		strlcpy(k.version, KERNEL_NAME " " KERNEL_VERSION, sizeof(k.version));
		return put(caller, x, &k, sizeof(k));
	}
	case GET_PROCTAB: {
		size_t n = 0;
		for (int i = 0; i < NR_PROCS; i++)
			n += proc_table[i].in_use;
		if (n * sizeof(struct proc_info) > x->len)
			return -E2BIG;
		if (!vm_user_ok(caller->pgdir, x->buf, n * sizeof(struct proc_info), 1))
			return -EFAULT;
		size_t k = 0;
		for (int i = 0; i < NR_PROCS; i++) {
			if (!proc_table[i].in_use)
				continue;
			struct proc_info info;
			fill_proc_info(&proc_table[i], &info);
			vm_copy_to_user(caller->pgdir, x->buf + k * sizeof(info),
			    &info, sizeof(info));
			k++;
		}
		x->len = k * sizeof(struct proc_info);
		return 0;
	}
	case GET_PROC: {
		if ((r = proc_lookup(caller, x->endpoint, &p)) != 0)
			return r;
		struct proc_info info;
		fill_proc_info(p, &info);
		return put(caller, x, &info, sizeof(info));
	}
	case GET_PRIV:
		if ((r = proc_lookup(caller, x->endpoint, &p)) != 0)
			return r;
		return put(caller, x, &p->priv, sizeof(p->priv));
	case GET_BOOTIMAGE:
		return put(caller, x, boot_image,
		    boot_image_count * sizeof(boot_image[0]));
	case GET_KLOG:
		return get_klog(caller, x);
	case GET_MODULE:
		return get_module(caller, x);
	case GET_MODULE_MAP:
		return map_module(caller, x);
	default:
		return -EINVAL;
	}
}
