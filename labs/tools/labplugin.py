"""The labs' shared fixtures (a pytest plugin: `make grade` loads it with
`-p labs.tools.labplugin`; labs/conftest.py imports it for a direct
`python3 -m pytest labs/labN-NAME/tests`).

  lab   the lab's lab.json as an object: .number, .name, .title, .driver,
        .device, .meta (the whole dict), .dir (the folder of lab.json),
        .submission (the folder being graded: $LABKIT_SUBMISSION, else the
        lab's starter/)

lab.json is found from $LABKIT_LAB (a lab.json or its folder), else in the
test file's folder or one of its parents."""

import json
import os
from types import SimpleNamespace

import pytest


def find_lab_json(start):
    env = os.environ.get("LABKIT_LAB")
    if env:
        return env if env.endswith(".json") else os.path.join(env, "lab.json")
    d = os.path.abspath(start)
    while True:
        p = os.path.join(d, "lab.json")
        if os.path.isfile(p):
            return p
        parent = os.path.dirname(d)
        if parent == d:
            raise FileNotFoundError("no lab.json above %s (set LABKIT_LAB)"
                                    % start)
        d = parent


def load_lab(start):
    path = find_lab_json(start)
    with open(path) as f:
        meta = json.load(f)
    d = os.path.dirname(os.path.abspath(path))
    submission = os.environ.get("LABKIT_SUBMISSION") or \
        os.path.join(d, "starter")
    return SimpleNamespace(number=meta["lab"], name=meta["name"],
                           title=meta.get("title", ""),
                           driver=meta.get("driver"),
                           device=meta.get("device"), meta=meta, dir=d,
                           submission=os.path.abspath(submission))


@pytest.fixture
def lab(request):
    """The lab being graded (lab.json; see the module's docstring)."""
    return load_lab(os.path.dirname(str(request.path)))
