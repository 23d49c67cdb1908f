"""pytest plugin: options, markers and fixtures for booting Phoenix.

Options:
  --emulator qemu|bochs   emulator for tests without an ``emulators`` marker
  --timeout-scale F       multiply every console timeout by F
  --image PATH            the image to boot (default build/os.iso)
  --deterministic         QEMU with -icount (Bochs is always sync=none)
  --kvm                   QEMU with KVM (an error when /dev/kvm is unusable)
  --no-snapshot           boot every machine instead of restoring a snapshot
  --boot multiboot|iso    QEMU's boot path (harness/bootlist.py): its own
                          Multiboot loader with the image's boot list (the
                          default, or PHOENIX_BOOT), or the BIOS and GRUB
                          from the ISO

Fixtures:
  emulator       the emulator name of this test (parametrized by the marker)
  image          path of the built image (session); error if not built
  image_factory  image_factory(cmdline="...") -> path of an image variant
  boot           boot(image=None, fresh=False, **options) -> a booted
                 Machine, closed after the test
  machine        a Machine of the default image (restored from a snapshot)
  module_machine one Machine of the default image for a whole test module
                 (restored from the snapshot where possible), for tests
                 that change nothing (refusals): each must check that
                 nothing changed
  module_boot    module_boot(**options) -> one booted Machine with OPTIONS
                 (disk=, net= ...) for a whole test module, closed after
                 it (os/tests/test_relpol.py: one machine with a disk and
                 the network card for every service)
  agent          the trusted test agent started on ``machine`` (harness/agent.py)
  agent_shell    ``agent`` behind Shell's run/check (harness/agentshell.py):
                 only verified answers, else UnverifiedAnswer
  agent_services harness.services.Services on ``agent_shell`` (graded tests)
  shell          harness.shell.Shell on ``machine``'s console, at the prompt
  services       `service` in the guest of ``machine`` (harness/services.py)
                 on ``shell``: what test modules use (no local copies)

Fast reset: on QEMU, a machine of the default image and options is started
from a snapshot taken once per session at the shell prompt
(harness/snapshot.py), its boot console shown first. ``boot(fresh=True)``,
another image, extra options or Bochs boot for real; so does any machine
when the snapshot cannot be taken or restored (a warning says why).

A test marked ``@pytest.mark.emulators("qemu", "bochs")`` runs once per named
emulator (a test may instead parametrize ``emulator`` itself, paired with
another argument). The console log (and, for Bochs, its config and log) of a failing
test is kept under build/artifacts/<test>/ with the emulator command line;
its console also goes into the test's <system-out> in junit.xml
(harness/reports/junit.py).
"""

import logging
import os
import re
import shutil
import signal

import pytest

from harness import bootlist
from harness.images import build_image
from harness.machine import ROOT, EmulatorError, make_machine
from harness.snapshot import SnapshotCache, SnapshotError, image_key

log = logging.getLogger("harness")

EMULATORS = ("qemu", "bochs")
# At most this much of a failing test's console goes into junit.xml (its
# end); the whole log is kept with the test's artifacts.
CONSOLE_REPORT_MAX = 256 * 1024

# Grading (points, depends, credit), recovery grading, reports, --differential,
# the time left in pytest's progress column, the longest files first to the
# xdist workers.
pytest_plugins = ["harness.grading", "harness.recovery",
                  "harness.differential", "harness.reports.session",
                  "harness.progress", "harness.schedule"]


def pytest_addoption(parser):
    group = parser.getgroup("phoenix")
    group.addoption("--emulator", choices=EMULATORS, default="qemu",
                    help="emulator for tests not marked with 'emulators' "
                         "(default: qemu)")
    group.addoption("--timeout-scale", type=float, default=1.0,
                    help="multiply console timeouts by this factor")
    group.addoption("--image", default=os.path.join(ROOT, "build", "os.iso"),
                    help="image to boot (default: build/os.iso)")
    group.addoption("--deterministic", action="store_true",
                    help="QEMU with -icount %s (Bochs always runs with "
                         "clock: sync=none)" % "shift=0,align=off,sleep=off")
    group.addoption("--kvm", action="store_true",
                    help="QEMU with KVM (an error when /dev/kvm is not "
                         "usable)")
    group.addoption("--no-snapshot", action="store_true",
                    help="boot every machine instead of restoring the "
                         "session's snapshot")
    group.addoption("--boot", choices=bootlist.BOOT_PATHS, default=None,
                    help="how QEMU boots the image: 'multiboot', QEMU's "
                         "own Multiboot loader with the image's boot list "
                         "(the default, or $PHOENIX_BOOT), or 'iso', the "
                         "BIOS and GRUB from the CD (Bochs always boots "
                         "the CD)")


# The signals a runner may have left ignored (nohup: SIGHUP; a shell's
# background job: SIGINT, SIGQUIT), and what they are set back to.
RESET_SIGNALS = {signal.SIGHUP: signal.SIG_DFL,
                 signal.SIGINT: signal.default_int_handler,
                 signal.SIGQUIT: signal.SIG_DFL}


def reset_ignored_signals():
    """Set every signal of RESET_SIGNALS the runner left ignored back to
    its default. An ignored signal stays ignored across exec, so the host
    tests' programs (the shell's `kill -INT $$`, usertests' default
    dispositions) behaved otherwise under `nohup make test &` than in a
    terminal; now they start as they would there."""
    for sig, default in RESET_SIGNALS.items():
        if signal.getsignal(sig) == signal.SIG_IGN:
            signal.signal(sig, default)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "emulators(*names): run once on each named emulator")
    reset_ignored_signals()
    if config.option.boot:
        # Every QEMU machine of the session, the fixtures' and those a
        # test makes itself (xdist's workers configure alike).
        os.environ["PHOENIX_BOOT"] = config.option.boot


def _parametrizes_itself(metafunc, name):
    """Whether the test's own parametrize markers give argument NAME (a
    test that pairs the emulator with another argument, such as the boot
    path in os/tests/test_boot.py)."""
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0] if marker.args else ""
        if isinstance(names, str):
            names = [n.strip() for n in names.split(",")]
        if name in names:
            return True
    return False


def pytest_generate_tests(metafunc):
    if "emulator" not in metafunc.fixturenames or \
            _parametrizes_itself(metafunc, "emulator"):
        return
    marker = metafunc.definition.get_closest_marker("emulators")
    names = list(marker.args) if marker else [metafunc.config.option.emulator]
    if metafunc.config.getoption("differential", False):
        names = list(EMULATORS)             # harness/differential.py
    for name in names:
        if name not in EMULATORS:
            raise pytest.UsageError("unknown emulator %r in the emulators "
                                    "marker of %s" % (name,
                                                      metafunc.definition.nodeid))
    metafunc.parametrize("emulator", names)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
    if report.when == "teardown" and _failed(item):
        _attach_console(item, report)


def _attach_console(item, report):
    """Put the guest console of failing test ITEM (its machines', else its
    module machine's, bounded as Machine.console_text) into its teardown
    REPORT as a section that pytest's junitxml writes into <system-out>
    (the terminal does not show it: the teardown passed)."""
    from harness.reports.junit import CONSOLE_SECTION
    machines = list(getattr(item, "_phoenix_machines", ()))
    kept = artifacts_dir(item.nodeid)
    funcargs = getattr(item, "funcargs", {})
    if not machines and "module_machine" in funcargs:
        machines = [funcargs["module_machine"]]
        kept = artifacts_dir(item.nodeid.split("::", 1)[0])
    texts = []
    for i, m in enumerate(machines):
        try:
            text = m.console_text()
        except (OSError, AttributeError):
            continue
        if len(text) > CONSOLE_REPORT_MAX:
            text = "[harness: the first %d characters are left out; the " \
                "whole log is kept under %s]\n%s" % (
                    len(text) - CONSOLE_REPORT_MAX,
                    os.path.relpath(kept, ROOT),
                    text[-CONSOLE_REPORT_MAX:])
        if len(machines) > 1:
            text = "[machine %d]\n%s" % (i, text)
        texts.append(text)
    if texts:
        report.sections.append((CONSOLE_SECTION, "\n".join(texts)))


def _failed(node):
    return any(getattr(node, "rep_" + when, None) is not None
               and getattr(node, "rep_" + when).failed
               for when in ("setup", "call"))


def artifacts_dir(nodeid):
    """build/artifacts/<test>: where a failing test's evidence is kept."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")
    return os.path.join(ROOT, "build", "artifacts", safe)


def _keep_artifacts(node, machines):
    dest = artifacts_dir(node.nodeid)
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest, exist_ok=True)
    for i, m in enumerate(machines):
        prefix = "" if len(machines) == 1 else "%d-" % i
        for src in m.artifacts():
            shutil.copy(src, os.path.join(dest,
                                          prefix + os.path.basename(src)))


def machine_options(config, emulator):
    """The options every machine of EMULATOR gets from the command line."""
    options = {}
    if config.option.deterministic:
        options["deterministic"] = True
    if emulator == "qemu" and config.option.kvm:
        options["kvm"] = True
    return options


@pytest.fixture(scope="session")
def snapshot_cache(tmp_path_factory):
    """The session's snapshots (harness.snapshot.SnapshotCache), and its
    prestarted machines, stopped when the session ends."""
    cache = SnapshotCache(str(tmp_path_factory.mktemp("snapshots")))
    yield cache
    cache.close()


@pytest.fixture(scope="session")
def image(request, tmp_path_factory):
    """The image every machine of the session boots: a copy of --image
    (build/os.iso) taken when the session starts, so that a rebuild meanwhile
    (`make image EXTRA_DRIVERS=...` in a test, another run in the same tree)
    changes nothing under the session's feet."""
    path = request.config.option.image
    if not os.path.isfile(path):
        raise EmulatorError("image %s is not built: run 'make' first" % path)
    # With its boot list and files (the fast boot path).
    return bootlist.copy(path, tmp_path_factory.mktemp("image"))


@pytest.fixture(scope="session")
def image_factory(image, tmp_path_factory):
    """image_factory(cmdline="", modules=None) builds (once per variant) an
    image of the same kernel with kernel command line CMDLINE. MODULES, a
    list of "PROGRAM ARG..." strings naming programs in build/bin, replaces
    the default boot modules (os/boot.mk); the ARGs become argv."""
    cache = {}

    def build(cmdline="", modules=None):
        key = (cmdline, tuple(modules or ()))
        if key not in cache:
            out = tmp_path_factory.mktemp("image") / "os.iso"
            cache[key] = build_image(out, cmdline, modules)
        return cache[key]

    return build


def _restore(emulator, image, workdir, scale, base, cache, request):
    """A machine of IMAGE started from the session's snapshot, or None
    (with a warning saying why) when that cannot be done."""
    if emulator != "qemu" or request.config.option.no_snapshot:
        return None
    try:
        return cache.restore(
            image_key(image, **base),
            lambda wd, snap: make_machine(emulator, image, workdir=wd,
                                          timeout_scale=scale,
                                          incoming=snap, **base),
            workdir)
    except SnapshotError as e:
        log.warning("fast reset: booting instead (%s)", e)
        os.makedirs(workdir, exist_ok=True)
        with open(os.path.join(workdir, "reset.log"), "a") as f:
            f.write("fast reset failed, booted instead: %s\n" % e)
        return None


@pytest.fixture
def boot(request, emulator, image, tmp_path, snapshot_cache):
    """boot(image=None, fresh=False, **options) -> a running Machine on this
    test's emulator. With the default image and no OPTIONS, on QEMU, the
    machine is restored from the session's snapshot (at the shell prompt,
    the boot console shown first) unless FRESH; otherwise it boots. Every
    machine is closed after the test, and its evidence kept under
    build/artifacts/ when the test failed."""
    machines = []
    request.node._phoenix_machines = machines     # _attach_console
    scale = request.config.option.timeout_scale
    base = machine_options(request.config, emulator)

    def start(img=None, fresh=False, **options):
        workdir = str(tmp_path / ("machine%d" % len(machines)))
        if img is None and not fresh and not options:
            m = _restore(emulator, image, workdir, scale, base,
                         snapshot_cache, request)
            if m is not None:
                machines.append(m)
                return m
        m = make_machine(emulator, img or image, workdir=workdir,
                         timeout_scale=scale, **dict(base, **options))
        machines.append(m)
        return m.boot()

    yield start
    for m in machines:
        m.close()
    if machines and _failed(request.node):
        _keep_artifacts(request.node, machines)


@pytest.fixture
def disk_image(tmp_path):
    """disk_image(size=8 MiB, partitions=(), pattern=True, regions=None) ->
    the path of a new raw disk image in this test's tmp folder
    (harness.disk.make_image: a sparse file, every sector of REGIONS
    holding harness.disk.sector_pattern, an MBR of PARTITIONS). Attach it
    with boot(disk=path)."""
    from harness.disk import make_image
    made = []

    def make(size=8 << 20, partitions=(), pattern=True, regions=None):
        path = str(tmp_path / ("disk%d.img" % len(made)))
        made.append(path)
        return make_image(path, size, partitions, pattern, regions)

    return make


@pytest.fixture
def machine(boot):
    """A Machine of the default image on this test's emulator (restored
    from the session's snapshot where possible: see ``boot``)."""
    return boot()


@pytest.fixture(scope="module")
def module_machine(request, image, snapshot_cache, tmp_path_factory):
    """One Machine of the default image on the --emulator for every test
    of a module (restored from the session's snapshot where possible),
    closed after the module; its evidence is kept under build/artifacts/
    when a test of the module failed. Only for tests that leave the
    machine as they found it, and check that they did."""
    emulator = request.config.option.emulator
    scale = request.config.option.timeout_scale
    base = machine_options(request.config, emulator)
    workdir = str(tmp_path_factory.mktemp("module-machine"))
    m = _restore(emulator, image, workdir, scale, base, snapshot_cache,
                 request)
    if m is None:
        m = make_machine(emulator, image, workdir=workdir,
                         timeout_scale=scale, **base).boot()
    failed = request.session.testsfailed
    yield m
    m.close()
    if request.session.testsfailed > failed:
        _keep_artifacts(request.node, [m])


@pytest.fixture(scope="module")
def module_boot(request, image, tmp_path_factory):
    """module_boot(**options) -> a Machine of the default image booted
    with OPTIONS (as boot's: disk=PATH, net=True ...) on the --emulator,
    one for the whole test module (a second call boots a second one),
    closed after the module; their evidence is kept under
    build/artifacts/ when a test of the module failed. For a series of
    tests on one machine, each checking what it must not change."""
    emulator = request.config.option.emulator
    scale = request.config.option.timeout_scale
    base = machine_options(request.config, emulator)
    machines = []

    def start(**options):
        workdir = str(tmp_path_factory.mktemp("module-boot"))
        m = make_machine(emulator, image, workdir=workdir,
                         timeout_scale=scale, **dict(base, **options))
        machines.append(m)
        return m.boot()

    failed = request.session.testsfailed
    yield start
    for m in machines:
        m.close()
    if machines and request.session.testsfailed > failed:
        _keep_artifacts(request.node, machines)


@pytest.fixture
def agent(machine):
    """The trusted test agent (harness.agent.Agent) started on a freshly
    booted machine with this run's key: ``agent.run(cmd)`` -> (output,
    status, verified)."""
    from harness.agent import Agent
    return Agent(machine).start()


@pytest.fixture
def agent_shell(agent, machine):
    """``agent`` with the interface of harness.shell.Shell (run -> (output,
    status), check -> output); an answer that does not verify raises
    harness.agentshell.UnverifiedAnswer (an AssertionError)."""
    from harness.agentshell import AgentShell
    return AgentShell(agent, machine)


@pytest.fixture
def agent_services(agent_shell):
    """harness.services.Services through the trusted test agent: what a
    graded test uses (every status, exit code and wait authenticated)."""
    from harness.services import Services
    return Services(agent_shell)


@pytest.fixture
def shell(machine):
    """harness.shell.Shell on ``machine``'s console, at the prompt: run ->
    (output, status), check -> output (a non-zero status fails)."""
    from harness.shell import Shell
    return Shell(machine).wait_prompt()


@pytest.fixture
def services(shell):
    """harness.services.Services on ``shell``: up/down/refresh/restart/
    update/fi/shutdown, status() parsed into dicts, wait_recovered(label,
    timeout=...)."""
    from harness.services import Services
    return Services(shell)
