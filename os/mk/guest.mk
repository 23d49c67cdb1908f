# The toolchain and flags of every guest build: the kernel, the libraries,
# the programs and SDK drivers (os/mk/config.mk and sdk/mk/driver.mk
# include this one definition). 32-bit freestanding code with the host gcc.

CC      := gcc
AR      := ar

GUEST_CFLAGS := -m32 -std=gnu11 -ffreestanding -fno-pie -fno-stack-protector \
	-nostdlib -fno-omit-frame-pointer -mgeneral-regs-only -fno-asynchronous-unwind-tables \
	-O2 -g -Wall -Wextra -Werror -MMD -MP
GUEST_ASFLAGS := -m32 -MMD -MP
GUEST_LDFLAGS := -m32 -nostdlib -no-pie -static -Wl,--build-id=none -Wl,-z,noexecstack

ifeq ($(V),1)
Q :=
else
Q := @
endif
