/* Who a character driver talks to: VFS (requests, completions, grants) and
 * PM (terminal signals); normally the boot services, or boot modules named
 * by the driver's arguments when a test program plays their part. */
#include <string.h>
#include "chardriver.h"
#include "syslib.h"
#include <abi/boot.h>
#include <abi/errno.h>
#include <abi/info.h>

static endpoint_t vfs_ep = VFS_EP;
static endpoint_t pm_ep = PM_EP;

/* chardriver_vfs: see chardriver.h. */
endpoint_t chardriver_vfs(void)
{
	return vfs_ep;
}

/* chardriver_pm: see chardriver.h. */
endpoint_t chardriver_pm(void)
{
	return pm_ep;
}

/* chardriver_boot_endpoint: see chardriver.h. */
endpoint_t chardriver_boot_endpoint(const char *name)
{
	static struct boot_image_info image[PRIV_SLOTS];
	int len = sys_getinfo(GET_BOOTIMAGE, SELF, image, sizeof(image));
	if (len < 0)
		return NONE;
	int n = len / (int) sizeof(image[0]);
	for (int i = 0; i < n; i++)
		if (strcmp(image[i].name, name) == 0)
			return image[i].endpoint;
	return NONE;
}

/* option: when ARG is "KEY=NAME", set *EP to boot module NAME's endpoint.
 * Returns 1 when it was, 0 when ARG is not about KEY, -ENOENT when there
 * is no module NAME. */
static int option(const char *arg, const char *key, endpoint_t *ep)
{
	size_t k = strlen(key);
	if (strncmp(arg, key, k) != 0 || arg[k] != '=')
		return 0;
	endpoint_t e = chardriver_boot_endpoint(arg + k + 1);
	if (e == NONE)
		return -ENOENT;
	*ep = e;
	return 1;
}

/* chardriver_args: see chardriver.h. */
int chardriver_args(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		int r = option(argv[i], "vfs", &vfs_ep);
		if (r == 0)
			r = option(argv[i], "pm", &pm_ep);
		if (r < 0)
			return r;
	}
	return 0;
}
