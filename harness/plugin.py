"""pytest plugin: options, markers and fixtures for booting Phoenix.

Options:
  --emulator qemu|bochs   emulator for tests without an ``emulators`` marker
  --timeout-scale F       multiply every console timeout by F
  --image PATH            the image to boot (default build/os.iso)

Fixtures:
  emulator       the emulator name of this test (parametrized by the marker)
  image          path of the built image (session); error if not built
  image_factory  image_factory(cmdline="...") -> path of an image variant
  boot           boot(image=None) -> a booted Machine, closed after the test
  machine        a Machine booted from the default image
  agent          the trusted test agent started on ``machine`` (harness/agent.py)

A test marked ``@pytest.mark.emulators("qemu", "bochs")`` runs once per named
emulator. The console log (and, for Bochs, its config and log) of a failing
test is kept under build/artifacts/<test>/ with the emulator command line.
"""

import os
import re
import shutil

import pytest

from harness.images import build_image
from harness.machine import ROOT, EmulatorError, command_line, make_machine

EMULATORS = ("qemu", "bochs")


def pytest_addoption(parser):
    group = parser.getgroup("phoenix")
    group.addoption("--emulator", choices=EMULATORS, default="qemu",
                    help="emulator for tests not marked with 'emulators' "
                         "(default: qemu)")
    group.addoption("--timeout-scale", type=float, default=1.0,
                    help="multiply console timeouts by this factor")
    group.addoption("--image", default=os.path.join(ROOT, "build", "os.iso"),
                    help="image to boot (default: build/os.iso)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "emulators(*names): run once on each named emulator")


def pytest_generate_tests(metafunc):
    if "emulator" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("emulators")
    names = list(marker.args) if marker else [metafunc.config.option.emulator]
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
        for name in ("console.log", "bochs.log", "bochs.out", "bochsrc",
                     "parallel.out"):
            src = os.path.join(m.workdir, name)
            if os.path.exists(src):
                shutil.copy(src, os.path.join(dest, prefix + name))
        with open(os.path.join(dest, prefix + "command.txt"), "w") as f:
            f.write(command_line(m) + "\n")


@pytest.fixture(scope="session")
def image(request):
    path = request.config.option.image
    if not os.path.isfile(path):
        raise EmulatorError("image %s is not built: run 'make' first" % path)
    return path


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


@pytest.fixture
def boot(request, emulator, image, tmp_path):
    """boot(image=None, **options) -> a booted Machine on this test's
    emulator. Every machine is closed after the test, and its evidence kept
    under build/artifacts/ when the test failed."""
    machines = []
    scale = request.config.option.timeout_scale

    def start(img=None, **options):
        workdir = tmp_path / ("machine%d" % len(machines))
        m = make_machine(emulator, img or image, workdir=str(workdir),
                         timeout_scale=scale, **options)
        machines.append(m)
        return m.boot()

    yield start
    for m in machines:
        m.close()
    if machines and _failed(request.node):
        _keep_artifacts(request.node, machines)


@pytest.fixture
def machine(boot):
    """A Machine booted from the default image on this test's emulator."""
    return boot()


@pytest.fixture
def agent(machine):
    """The trusted test agent (harness.agent.Agent) started on a freshly
    booted machine with this run's key: ``agent.run(cmd)`` -> (output,
    status, verified)."""
    from harness.agent import Agent
    return Agent(machine).start()
