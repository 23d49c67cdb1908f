"""GENERATED from os/include/abi/*.h by harness/genabi.py: do not
edit. `make abi` (or `python3 harness/genabi.py`) rewrites it, the
build does when a header changes, and os/tests/test_abi_host.py fails
when it is stale. Use it through harness.abi."""

# abi/errno.h: {name: number}; the numbers, one name each.
ERRNO = {
    'EPERM': 1,
    'ENOENT': 2,
    'ESRCH': 3,
    'EINTR': 4,
    'EIO': 5,
    'ENXIO': 6,
    'E2BIG': 7,
    'ENOEXEC': 8,
    'EBADF': 9,
    'ECHILD': 10,
    'EAGAIN': 11,
    'ENOMEM': 12,
    'EACCES': 13,
    'EFAULT': 14,
    'ENOTBLK': 15,
    'EBUSY': 16,
    'EEXIST': 17,
    'EXDEV': 18,
    'ENODEV': 19,
    'ENOTDIR': 20,
    'EISDIR': 21,
    'EINVAL': 22,
    'ENFILE': 23,
    'EMFILE': 24,
    'ENOTTY': 25,
    'ENOSPC': 28,
    'ESPIPE': 29,
    'EROFS': 30,
    'EPIPE': 32,
    'ERANGE': 34,
    'EDEADLK': 35,
    'ENAMETOOLONG': 36,
    'ELOOP': 40,
    'ENOSYS': 78,
    'ENOTEMPTY': 66,
    'ENOTSOCK': 88,
    'EDESTADDRREQ': 89,
    'EMSGSIZE': 90,
    'EPROTOTYPE': 91,
    'ENOPROTOOPT': 92,
    'EPROTONOSUPPORT': 93,
    'EOPNOTSUPP': 95,
    'EAFNOSUPPORT': 97,
    'EADDRINUSE': 98,
    'EADDRNOTAVAIL': 99,
    'ENETDOWN': 100,
    'ECONNABORTED': 103,
    'EISCONN': 106,
    'ENOTCONN': 107,
    'ETIMEDOUT': 110,
    'ECONNREFUSED': 111,
    'EHOSTUNREACH': 113,
    'EALREADY': 114,
    'EINPROGRESS': 115,
    'ENETUNREACH': 120,
    'ECONNRESET': 122,
    'ENOBUFS': 123,
    'ELOCKED': 101,
    'EBADCALL': 102,
    'ECALLDENIED': 104,
    'EDEADSRCDST': 105,
    'ENOTREADY': 201,
    'ERESTART': 200,
    'EDONTREPLY': 202,
}
EPERM = 1
ENOENT = 2
ESRCH = 3
EINTR = 4
EIO = 5
ENXIO = 6
E2BIG = 7
ENOEXEC = 8
EBADF = 9
ECHILD = 10
EAGAIN = 11
ENOMEM = 12
EACCES = 13
EFAULT = 14
ENOTBLK = 15
EBUSY = 16
EEXIST = 17
EXDEV = 18
ENODEV = 19
ENOTDIR = 20
EISDIR = 21
EINVAL = 22
ENFILE = 23
EMFILE = 24
ENOTTY = 25
ENOSPC = 28
ESPIPE = 29
EROFS = 30
EPIPE = 32
ERANGE = 34
EDEADLK = 35
ENAMETOOLONG = 36
ELOOP = 40
ENOSYS = 78
ENOTEMPTY = 66
ENOTSOCK = 88
EDESTADDRREQ = 89
EMSGSIZE = 90
EPROTOTYPE = 91
ENOPROTOOPT = 92
EPROTONOSUPPORT = 93
EOPNOTSUPP = 95
EAFNOSUPPORT = 97
EADDRINUSE = 98
EADDRNOTAVAIL = 99
ENETDOWN = 100
ECONNABORTED = 103
EISCONN = 106
ENOTCONN = 107
ETIMEDOUT = 110
ECONNREFUSED = 111
EHOSTUNREACH = 113
EALREADY = 114
EINPROGRESS = 115
ENETUNREACH = 120
ECONNRESET = 122
ENOBUFS = 123
ELOCKED = 101
EBADCALL = 102
ECALLDENIED = 104
EDEADSRCDST = 105
ENOTREADY = 201
ERESTART = 200
EDONTREPLY = 202

# abi/sef.h FI_KIND_LIST: `service fi` kinds in number order; numbers.
FAULT_KINDS = ('crash', 'panic', 'segv', 'hang', 'exit', 'badio', 'badipc')
FAULT_KIND_NUMBERS = {
    'crash': 1,
    'panic': 2,
    'segv': 3,
    'hang': 4,
    'exit': 5,
    'badio': 6,
    'badipc': 7,
}

# abi/sef.h FI_DEBUG_KIND_LIST: `service fi` debug kinds (tests only,
# never planned by a campaign); numbers.
DEBUG_FAULT_KINDS = ('corrupt', 'midrequest')
DEBUG_FAULT_KIND_NUMBERS = {'corrupt': 32, 'midrequest': 33}

# abi/boot.h BOOT_SERVICE_LIST: labels in slot order, their slots;
# BOOT_INIT_ORDER: the order RS lets them initialise.
BOOT_SERVICES = ('pm', 'mm', 'vfs', 'rootfs', 'tty', 'memdev', 'rs', 'ds')
BOOT_SLOTS = {
    'pm': 1,
    'mm': 2,
    'vfs': 3,
    'rootfs': 4,
    'tty': 5,
    'memdev': 6,
    'rs': 7,
    'ds': 8,
}
BOOT_INIT_ORDER = ('mm', 'ds', 'rootfs', 'vfs', 'memdev', 'tty', 'pm')

# abi/devices.h DEVICE_LIST: {name: (major, driver label)}; minors.
DEVICES = {'MEMORY': (1, 'memdev'), 'TTY': (4, 'tty')}
MINORS = {
    'MEMORY_MINOR_NULL': 3,
    'MEMORY_MINOR_ZERO': 5,
    'MEMORY_MINOR_FULL': 7,
    'TTY_MINOR_CONSOLE': 0,
    'TTY_MINOR_AGENT': 2,
}

# abi/info.h: bytes of the kernel log the kernel keeps.
KLOG_SIZE = 32768

# abi/clock.h: clock ticks per second (a manifest's NHZ is N of them).
CLOCK_HZ = 100

# abi/power.h: power-off codes and QEMU's exit statuses for them.
POWER_OK = 16
POWER_PANIC = 17
QEMU_EXIT_OK = 33
QEMU_EXIT_PANIC = 35

# abi/rs.h RS_STATE_LIST: `service status` state names, in order;
# RS_FAILED_FMT, RS_PATCHED_FMT, RS_CORE_REFUSED_FMT: the printf
# formats of RS's failure, code-patch and core-refusal lines;
# RS_SELF_RESTART_FMT: the kernel's line when it restarts RS;
# TEXTGUARD_STOP_FMT (abi/sef.h): the kernel's line when it stops a
# process whose text another changed; limits
# (labels with the NUL, services in RS's table, code-patch bytes);
# where the image keeps the service manifests.
RS_STATES = (
    'starting',
    'up',
    'updating',
    'restarting',
    'backoff',
    'script',
    'down',
    'dead',
)
RS_FAILED_FMT = 'rs: %s (endpoint %d) failed: '
RS_PATCHED_FMT = 'rs: %s code patched at 0x%x (%u bytes)\n'
RS_CORE_REFUSED_FMT = 'rs: %s %s refused: a core service (nothing changed)\n'
RS_SELF_RESTART_FMT = (
    'kernel: rs failed (%s); restarted '
    'in place (%u times since boot)\n'
)
TEXTGUARD_STOP_FMT = (
    '%s: panic: text guard: code changed (stopped '
    'by the kernel at its next kernel entry)\n'
)
RS_LABEL_MAX = 16
RS_MAX_SERVICES = 32
RS_PATCH_MAX = 16
RS_MANIFEST_DIR = '/etc/system.conf.d'

# abi/console.h: kernel console lines the harness parses.
KERNEL_PANIC_PREFIX = 'kernel panic: '
POWER_OFF_FMT = 'kernel: power off (%s)\n'
BOOT_STARTED_FMT = 'boot: started %s (endpoint %d, %u KiB)\n'
PROCTABLE_HEAD_FMT = (
    'kernel: process table (%s) tick=%u '
    'current=%s eip=0x%08x ring=%u\n'
)
PROCTABLE_END = 'kernel: end of process table\n'
