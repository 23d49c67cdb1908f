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


def test_a_file_servers_reads_survive_a_driver_crash(services):
    """libbdev from a service (os/tests/services/bdevtest), as a file
    server uses it: reads of the RAM disk, one per tick; `service fi
    ramdisk hang` in between: the next read waits in the hung driver until
    RS kills it (no heartbeat), then for the new instance, and is answered
    there (zeros: a new RAM disk); no read fails. Both with test manifests (`ipc ALL`): the driver must answer
    the service and the service reach the driver."""
    shell, m = services.shell, services.shell.machine
    services.write_manifest("/tmp/ramdisk.conf", "service ramdisk { "
                            "ipc ALL; period 1HZ; restart reset; };")
    services.write_manifest("/tmp/bdevtest.conf",
                            "service bdevtest { ipc ALL; };")
    out, rc = services.up("/usr/drivers/ramdisk", dev="/dev/ram0",
                          config="/tmp/ramdisk.conf", args="size=256")
    assert rc == 0, out
    since = len(m.console_text())
    out, rc = services.up("/usr/tests/bdevtest", config="/tmp/bdevtest.conf")
    assert rc == 0, out
    assert m.wait_console(r"bdevtest: ready", since), m.console_text()[since:]
    out, rc = services.fi("ramdisk", "hang")
    assert rc == 0, out
    # The whole line (the console may hold only its start yet).
    assert m.wait_console(r"bdevtest: (OK|FAILED)[^\n]*\n", since,
                          timeout=120)
    text = m.console_text()[since:]
    assert "bdevtest: OK:" in text, text
    services.wait_recovered("ramdisk")
