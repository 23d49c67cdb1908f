/* Starting the boot modules: each is an ELF32 program that becomes a ring-3
 * process in its own address space. The module's command line names it. */
#include "kernel.h"
#include "multiboot.h"
#include <abi/errno.h>

/* The process name: the last path component of the first word of CMDLINE. */
static void module_name(const char *cmdline, char *name, size_t size)
{
	const char *start = cmdline ? cmdline : "module";
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
	default: return "cannot load";
	}
}

static char boot_frame[EXEC_FRAME_MAX];
struct boot_image_info boot_image[NR_PROCS];
int boot_image_count;

/* boot_load_modules: load every Multiboot module as a process with full
 * privileges (priv_grant_all) and make it runnable, in the order the boot
 * loader lists them; the module's command line becomes its argv. A module
 * that is not a valid program is reported and skipped; no module at all is
 * a panic. */
void boot_load_modules(const struct multiboot_info *mbi)
{
	if (!(mbi->flags & MBI_FLAG_MODS) || mbi->mods_count == 0)
		panic("no boot modules: the boot loader must load at least one program");

	const struct multiboot_module *mods =
	    (const struct multiboot_module *) mbi->mods_addr;
	for (uint32_t i = 0; i < mbi->mods_count; i++) {
		char name[PROC_NAME_LEN];
		const char *args = (const char *) mods[i].string;
		module_name(args, name, sizeof(name));
		if (!args)
			args = name;
		struct proc *p = proc_alloc(name);
		if (!p) {
			kprintf("boot: %s: no free process slot\n", name);
			continue;
		}
		struct elf_source src = {
			.kaddr = (const uint8_t *) mods[i].mod_start,
			.size = mods[i].mod_end - mods[i].mod_start,
		};
		struct exec_args a;
		int r = args_from_cmdline(args, boot_frame, sizeof(boot_frame), &a);
		if (r == 0)
			r = elf_start(p, &src, &a);
		if (r != 0) {
			kprintf("boot: %s: %s\n", name, load_error(r));
			proc_free(p);
			continue;
		}
		priv_grant_all(&p->priv);
		p->priority = SYSTEM_Q;
		proc_unblock(p, RTS_STOPPED);
		struct boot_image_info *b = &boot_image[boot_image_count++];
		strlcpy(b->name, name, sizeof(b->name));
		b->endpoint = p->endpoint;
		b->size = src.size;
		kprintf("boot: started %s (endpoint %d, %u KiB)\n", name,
		    p->endpoint, src.size / 1024);
	}
	if (boot_image_count == 0)
		panic("none of the %u boot modules could be started", mbi->mods_count);
}
