/* Starting the boot modules. A module that is an ELF32 program becomes a
 * ring-3 process in its own address space; the boot services of
 * BOOT_SERVICE_LIST (abi/boot.h) get their fixed slots. Any other module is
 * a data module (e.g. the root file-system archive): kept in memory, read
 * with SYS_GETINFO GET_MODULE. A module's command line names it and gives
 * its argv. When the reincarnation server ("rs") is among them, it becomes
 * the signal manager of every other boot service (not of other programs,
 * such as test programs): their faults and exits go to RS. */
#include "kernel.h"
#include "multiboot.h"
#include <abi/boot.h>
#include <abi/errno.h>

#define MAX_MODULES NR_PROCS

/* The boot services' slots, by module name. */
static const struct {
	const char *name;
	int slot;
} services[] = {
#define BOOT_SERVICE_ENTRY(id, str, slot) { str, slot },
	BOOT_SERVICE_LIST(BOOT_SERVICE_ENTRY)
#undef BOOT_SERVICE_ENTRY
};

/* What boot_load_modules learns about each module. */
struct module {
	const char *cmdline;       /* never NULL */
	const uint8_t *start;
	uint32_t size;
	char name[PROC_NAME_LEN];
	int is_program;            /* starts with the ELF magic */
	endpoint_t endpoint;       /* once started; NONE otherwise */
	int slot;                  /* its boot-service slot, or -1 */
	int failed;                /* a program that could not be started */
};

static struct module modules[MAX_MODULES];
static int nr_modules;
static char boot_frame[EXEC_FRAME_MAX];

/* The boot image as GET_BOOTIMAGE reports it, in command-line order: the
 * started programs and the data modules. */
struct boot_image_info boot_image[MAX_MODULES];
int boot_image_count;
static struct module *image_module[MAX_MODULES];   /* boot_image[i]'s */

/* The module name: the last path component of the first word of CMDLINE. */
static void module_name(const char *cmdline, char *name, size_t size)
{
	const char *start = cmdline;
	const char *end = start;
	while (*end && *end != ' ') {
		if (*end == '/')
			start = end + 1;
		end++;
	}
	size_t len = (size_t) (end - start);
	if (len >= size)
		len = size - 1;
	memcpy(name, start, len);
	name[len] = '\0';
}

static const char *load_error(int r)
{
	switch (r) {
	case -ENOEXEC: return "not a valid i386 ELF executable";
	case -ENOMEM: return "out of memory";
	case -E2BIG: return "too many or too long arguments";
	case -EAGAIN: return "no free process slot";
	case -EBUSY: return "its slot is taken";
	default: return "cannot load";
	}
}

/* The fixed slot of service NAME, or -1 when NAME is no boot service. */
static int service_slot(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(services); i++)
		if (strcmp(services[i].name, name) == 0)
			return services[i].slot;
	return -1;
}

/* Start program module M as a process with the boot privileges
 * (priv_grant_all), in slot SLOT (-1: any free slot). Returns 0 or an
 * error (reported by the caller). */
static int start_program(struct module *m, int slot)
{
	struct proc *p = slot >= 0 ? proc_alloc_slot(slot, m->name)
	    : proc_alloc(m->name);
	if (!p)
		return slot >= 0 ? -EBUSY : -EAGAIN;
	struct elf_source src = { .kaddr = m->start, .size = m->size };
	struct exec_args a;
	int r = args_from_cmdline(m->cmdline, boot_frame, sizeof(boot_frame), &a);
	if (r == 0)
		r = elf_start(p, &src, &a);
	if (r != 0) {
		proc_discard(p);
		return r;
	}
	priv_grant_all(&p->priv);
	if (slot == VFS_SLOT)          /* abi/grant.h GRANT_MAGIC */
		p->priv.flags |= PRIV_MAGIC_GRANT;
	p->priority = SYSTEM_Q;
	proc_unblock(p, RTS_STOPPED);
	m->endpoint = p->endpoint;
	m->slot = slot;
	kprintf(BOOT_STARTED_FMT, p->name,
	    p->endpoint, m->size / 1024);
	return 0;
}

/* Start program M (in SLOT, or any free slot for -1); a failure is
 * reported and M left out of the boot image. */
static void start_or_report(struct module *m, int slot)
{
	int r = start_program(m, slot);
	if (r != 0) {
		kprintf("boot: %s: %s\n", m->name, load_error(r));
		m->failed = 1;
	}
}

/* Note every module: its name, bytes and kind. */
static void scan_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_module *mods =
	    (const struct multiboot_module *) mbi->mods_addr;
	nr_modules = 0;
	for (uint32_t i = 0; i < mbi->mods_count; i++) {
		if (nr_modules == MAX_MODULES) {
			kprintf("boot: more than %d modules; the rest are ignored\n",
			    MAX_MODULES);
			break;
		}
		struct module *m = &modules[nr_modules++];
		m->cmdline = mods[i].string ? (const char *) mods[i].string
		    : "module";
		m->start = (const uint8_t *) mods[i].mod_start;
		m->size = mods[i].mod_end - mods[i].mod_start;
		module_name(m->cmdline, m->name, sizeof(m->name));
		m->is_program = m->size >= 4 && memcmp(m->start, "\177ELF", 4) == 0;
		m->endpoint = NONE;
		m->slot = -1;
		m->failed = 0;
	}
}

/* Make RS the signal manager of every other boot service started in its
 * fixed slot, when RS itself was started. */
static void managers_to_rs(void)
{
	endpoint_t rs = NONE;
	for (int i = 0; i < nr_modules; i++)
		if (modules[i].slot == RS_SLOT)
			rs = modules[i].endpoint;
	if (rs == NONE)
		return;
	for (int i = 0; i < nr_modules; i++) {
		struct module *m = &modules[i];
		if (m->slot >= 0 && m->slot != RS_SLOT)
			proc_table[m->slot].priv.sig_mgr = rs;
	}
}

/* boot_load_modules: start every program module with full privileges:
 * first the boot services (each in its fixed slot, whatever its place on
 * the command line; a second module of the same name is an ordinary
 * program), then the other programs in command-line order (slots from
 * BOOT_FIRST_FREE_SLOT on). Data modules are listed, not started. A
 * program that cannot be started is reported and skipped; no program
 * started at all is a panic. With an "rs" boot service, RS manages the
 * other boot services (managers_to_rs). */
void boot_load_modules(const struct multiboot_info *mbi)
{
	if (!(mbi->flags & MBI_FLAG_MODS) || mbi->mods_count == 0)
		panic("no boot modules: the boot loader must load at least one program");
	scan_modules(mbi);

	int started = 0;
	uint32_t slot_taken = 0;
	for (int i = 0; i < nr_modules; i++) {
		struct module *m = &modules[i];
		int slot = m->is_program ? service_slot(m->name) : -1;
		if (slot < 0 || (slot_taken >> slot) & 1)
			continue;
		slot_taken |= 1u << slot;
		start_or_report(m, slot);
	}
	for (int i = 0; i < nr_modules; i++) {
		struct module *m = &modules[i];
		if (!m->is_program || m->endpoint != NONE || m->failed)
			continue;
		start_or_report(m, -1);
	}
	managers_to_rs();
	for (int i = 0; i < nr_modules; i++) {
		struct module *m = &modules[i];
		if (!m->is_program)
			kprintf("boot: data module %s (%u KiB)\n", m->name,
			    (m->size + 1023) / 1024);
		if (m->failed)
			continue;
		started += m->endpoint != NONE;
		struct boot_image_info *b = &boot_image[boot_image_count];
		strlcpy(b->name, m->name, sizeof(b->name));
		b->endpoint = m->endpoint;
		b->size = m->size;
		image_module[boot_image_count++] = m;
	}
	if (started == 0)
		panic("none of the %u boot modules could be started",
		    mbi->mods_count);
}

/* boot_module_bytes: where the bytes of boot image entry INDEX (the
 * GET_BOOTIMAGE order) lie in kernel memory. Returns 0, or -EINVAL for an
 * index out of range. */
int boot_module_bytes(int index, const uint8_t **start, uint32_t *size)
{
	if (index < 0 || index >= boot_image_count)
		return -EINVAL;
	*start = image_module[index]->start;
	*size = image_module[index]->size;
	return 0;
}

/* boot_module_is_program: whether boot image entry INDEX (valid, see
 * boot_module_bytes) is a program (an ELF image), not a data module. */
int boot_module_is_program(int index)
{
	return image_module[index]->is_program;
}

/* boot_rs_module: the boot module RS was started from (its pristine
 * image and command line; boot modules stay in memory for good, pmem.c
 * reserves them), for the kernel's restart of RS in place (rsrecover.c).
 * Returns 0, or -ENOENT when no "rs" boot service was started. */
int boot_rs_module(const uint8_t **start, uint32_t *size, const char **cmdline)
{
	for (int i = 0; i < nr_modules; i++) {
		struct module *m = &modules[i];
		if (m->slot == RS_SLOT && m->endpoint != NONE) {
			*start = m->start;
			*size = m->size;
			*cmdline = m->cmdline;
			return 0;
		}
	}
	return -ENOENT;
}
