"""Issue 20: block devices. The RAM disk (sdk/examples/ramdisk) on
libblockdriver (os/lib/blockdriver), reached through VFS's block special
files (/dev/ram0, /dev/ram0p0..p3; os/servers/vfs/bdev.c).

One boot: the driver is started with `service up`, then the guest suite
blktest (os/tests/user/blktest) writes patterns and reads them back at odd
positions and sizes, checks the end of the device (reads stop, writes get
ENOSPC), writes an MBR with two partitions and finds their extents through
/dev/ram0p0 and p1 (DIOCGETP, SEEK_END), sees a live update refused (the contents would not
survive it) with the data kept, and injects faults of every kind
into the driver while a program reads: no read fails, and the restarted
driver answers (with a new, zeroed disk: a RAM disk's contents die with
it)."""

import pytest

from harness import suite


@pytest.mark.emulators("qemu", "bochs")
def test_ramdisk_through_block_special_files(services):
    shell = services.shell
    # -b: no backoff between the restarts of every_fault_kind; a period
    # of 1 s: a hung driver is caught soon.
    out, rc = services.up("/usr/drivers/ramdisk", dev="/dev/ram0",
                          args="size=1024", period="1HZ", b=True)
    assert rc == 0, out
    s = services.get("ramdisk")
    assert (s["state"], s["dev"]) == ("up", "/dev/ram0"), s
    out = shell.check("ls -l /dev/ram0 /dev/ram0p0")
    assert out.count("brw-------") == 2, out
    result = suite.run(shell, "blktest", timeout=600)
    result.check(["roundtrip", "bounds", "partitions", "update_refused",
                  "crash_recovery", "every_fault_kind"])
    # Each fault was one: RS restarted the driver 8 times, and it is up.
    after = services.wait_recovered("ramdisk", restarts=7)
    assert after["restarts"] == 8, after
    assert "ramdisk: /dev/ram0 ready, 1024 KiB" in \
        shell.machine.console_text()
