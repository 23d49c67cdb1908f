/* The boot services: RS learns them from the boot image, reads their
 * manifests from the root file-system archive (a boot module), and lets
 * them initialise one at a time in BOOT_INIT_ORDER: each waits in
 * sef_startup until RS answers its RS_SEF_INIT, and RS answers the next
 * one only after the previous one reported RS_SEF_INIT_DONE. */
#include <stdio.h>
#include <string.h>
#include "manifest.h"
#include "rs.h"

uint32_t rs_hz = 100;

static const char *const init_order[] = BOOT_INIT_ORDER;
#define NR_ORDER ((int) (sizeof(init_order) / sizeof(init_order[0])))
static int boot_next;                 /* index into init_order */

/* The boot services (BOOT_SERVICE_LIST) other than RS. */
static const struct { const char *name; int slot; } boot_list[] = {
#define BOOT_ENTRY(id, str, slot) { str, slot },
	BOOT_SERVICE_LIST(BOOT_ENTRY)
#undef BOOT_ENTRY
};

/* Read S's manifest from the archive MODULE (or keep its boot privileges
 * when there is none). Its restart policy and the commands RS refuses
 * (core) come from the manifest alone; a boot service without a valid
 * manifest is treated as core for every command and `restart never`: RS
 * knows nothing about keeping its state, so it touches nothing. */
static void read_manifest(struct service *s, int module)
{
	static char text[4096];
	char path[RS_PATH_MAX], err[128];
	snprintf(path, sizeof(path), "%s/%s", RS_MANIFEST_DIR, s->label);
	manifest_defaults(&s->manifest, s->label);
	s->manifest.restart = s->policy = RS_RESTART_NEVER;
	s->manifest.core = RS_CORE_ALL;
	int n = module < 0 ? -ENOENT : cpio_read_file(module, path, text,
	    sizeof(text));
	if (n < 0)
		return;
	if (manifest_parse(text, (size_t) n, path, &s->manifest, err,
	    sizeof(err)) != 0) {
		printf("rs: %s\n", err);
		manifest_defaults(&s->manifest, s->label);
		s->manifest.restart = RS_RESTART_NEVER;
		s->manifest.core = RS_CORE_ALL;
		return;
	}
	s->have_manifest = 1;
	s->period = s->manifest.period;
	s->policy = s->manifest.restart;
}

/* Add boot service NAME (boot image entry INDEX, endpoint EP). */
static struct service *add_boot_service(const char *name, int index,
    endpoint_t ep)
{
	struct service *s = svc_alloc(name);
	if (!s)
		return NULL;
	s->boot = 1;
	s->module = index;
	s->ep = ep;
	strlcpy(s->binary, name, sizeof(s->binary));
	s->state = RS_STATE_STARTING;
	s->init_type = SEF_INIT_FRESH;
	return s;
}

/* boot_services_init: learn the clock rate and the boot services (those
 * of BOOT_SERVICE_LIST in the boot image, at their boot endpoints), with
 * their manifests. */
void boot_services_init(void)
{
	static struct boot_image_info info[PRIV_SLOTS];
	struct mess_kc_times t;
	if (sys_times(SELF, &t) == 0 && t.hz)
		rs_hz = t.hz;
	int n = sys_getinfo(GET_BOOTIMAGE, NONE, info, sizeof(info));
	n = n < 0 ? 0 : n / (int) sizeof(info[0]);
	int archive = -1;
	for (int i = 0; i < n; i++)
		if (strcmp(info[i].name, BOOT_ROOT_ARCHIVE) == 0)
			archive = i;
	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < sizeof(boot_list) / sizeof(boot_list[0]);
		    k++) {
			if (strcmp(boot_list[k].name, info[i].name) != 0 ||
			    boot_list[k].slot == RS_SLOT ||
			    info[i].endpoint != BOOT_EP(boot_list[k].slot))
				continue;
			struct service *s = add_boot_service(info[i].name, i,
			    info[i].endpoint);
			if (s)
				read_manifest(s, archive);
		}
	}
}

/* Answer the boot services whose turn it is. */
static void boot_advance(void)
{
	while (boot_next < NR_ORDER) {
		struct service *s = svc_by_label(init_order[boot_next]);
		if (!s || !s->boot || s->state == RS_STATE_UP ||
		    s->state == RS_STATE_DEAD) {
			boot_next++;
			continue;
		}
		if (s->init_asked == 1) {
			int r = privs_install(s, s->ep);
			if (r != 0)
				printf("rs: %s: privileges not installed (%d)\n",
				    s->label, r);
			s->init_asked = 2;
			sef_init_answer(s);
		}
		return;
	}
}

/* boot_init_asked: boot service S asked RS_SEF_INIT at boot: it is
 * answered in its turn. */
void boot_init_asked(struct service *s)
{
	int listed = 0;
	for (int i = 0; i < NR_ORDER; i++)
		listed |= strcmp(init_order[i], s->label) == 0;
	if (!listed) {
		privs_install(s, s->ep);
		s->init_asked = 2;
		sef_init_answer(s);
		return;
	}
	s->init_asked = 1;
	boot_advance();
}

/* boot_init_done: boot service S finished its init (at boot, or after a
 * restart or update): the next may start; once DS is up (again), labels
 * are published (again: those that waited while it was not up); once MM
 * is, every boot service's image is loaded (a restart then needs neither
 * MM nor a file system). */
void boot_init_done(struct service *s)
{
	if (strcmp(s->label, "mm") == 0)
		image_preload();
	if (strcmp(s->label, "ds") == 0)
		dspub_ready();
	boot_advance();
}
