# Toolchain and flags shared by every guest build (kernel, libraries,
# programs, SDK drivers). 32-bit freestanding code with the host gcc.

BUILD   ?= build
CC      := gcc
AR      := ar
NM      := nm

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
