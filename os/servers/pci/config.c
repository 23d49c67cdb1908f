/* Configuration space through mechanism #1: the address of a dword goes
 * to port 0xCF8 (bit 31 enable, bus, device, function, register), the
 * data comes and goes through ports 0xCFC-0xCFF. */
#include "pci.h"

#define CONFIG_ADDRESS 0xCF8
#define CONFIG_DATA    0xCFC

static uint32_t address(int bus, int dev, int func, int off)
{
	return 0x80000000u | (uint32_t) bus << 16 | (uint32_t) dev << 11 |
	    (uint32_t) func << 8 | ((uint32_t) off & 0xFC);
}

/* pci_cfg_read: WIDTH (1, 2, 4) bytes at offset OFF of bus/dev/func's
 * configuration space (all ones when nothing answers, as the bus does). */
uint32_t pci_cfg_read(int bus, int dev, int func, int off, int width)
{
	uint32_t v = 0xffffffffu;
	if (sys_out(CONFIG_ADDRESS, address(bus, dev, func, off), 4) != 0 ||
	    sys_in(CONFIG_DATA + (off & 3), &v, width) != 0)
		return width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
	return v;
}

/* pci_cfg_write: write the low WIDTH bytes of V at offset OFF. */
void pci_cfg_write(int bus, int dev, int func, int off, int width,
    uint32_t v)
{
	if (sys_out(CONFIG_ADDRESS, address(bus, dev, func, off), 4) == 0)
		sys_out(CONFIG_DATA + (off & 3), v, width);
}
