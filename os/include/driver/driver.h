/**
 * @file driver.h
 * @brief The SDK's umbrella header: everything a driver needs in one
 *        include.
 *
 * It includes the system event framework (sef.h), the character-driver
 * library (chardriver.h), the block-driver library (blockdriver.h), the
 * network-driver library (netdriver.h), the data store (ds.h) and the state-keeping
 * helper over it (dsstate.h), the kernel calls
 * (kcall.h), logging (log.h), the PCI bus server's calls (pci.h), DMA
 * memory and device registers (dma.h), and the error numbers (abi/errno.h: every
 * function returns 0 or a negative one of them unless it says otherwise).
 * The C library's headers (<stdio.h>, <string.h>, ...) are included
 * separately, as usual.
 */
#ifndef DRIVER_H
#define DRIVER_H

#include <abi/errno.h>
#include "sef.h"
#include "chardriver.h"
#include "blockdriver.h"
#include "netdriver.h"
#include "ds.h"
#include "dsstate.h"
#include "kcall.h"
#include "log.h"
#include "pci.h"
#include "dma.h"

#endif
