/* The Multiboot (version 1) information structure, as far as we use it. */
#ifndef MULTIBOOT_H
#define MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

#define MBI_FLAG_MEM      (1u << 0)
#define MBI_FLAG_CMDLINE  (1u << 2)
#define MBI_FLAG_MODS     (1u << 3)
#define MBI_FLAG_MMAP     (1u << 6)
#define MBI_FLAG_LOADER   (1u << 9)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower;          /* KiB below 1 MiB */
	uint32_t mem_upper;          /* KiB above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;            /* physical address of a C string */
	uint32_t mods_count;
	uint32_t mods_addr;          /* physical address of multiboot_module[] */
	uint32_t syms[4];
	uint32_t mmap_length;
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
} __attribute__((packed));

struct multiboot_module {
	uint32_t mod_start;
	uint32_t mod_end;            /* one past the last byte */
	uint32_t string;             /* the module's command line */
	uint32_t reserved;
} __attribute__((packed));

struct multiboot_mmap_entry {
	uint32_t size;               /* of the rest of this entry */
	uint64_t addr;
	uint64_t len;
	uint32_t type;               /* 1 = available RAM */
} __attribute__((packed));

#define MULTIBOOT_MEMORY_AVAILABLE 1

#endif
