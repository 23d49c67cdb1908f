"""harness.integrity on the host: pristine copies of the grading tests
(hashes recorded, tampering found, submission and symlinks refused) and
scoring on the agent's verdict only."""

import json
import os

import pytest

from harness.integrity import pristine_copy, score, verify_copy


def make_tree(root):
    (root / "sub").mkdir(parents=True)
    (root / "test_a.py").write_text("def test_a(): pass\n")
    (root / "sub" / "test_b.py").write_text("def test_b(): pass\n")
    return root


def test_copy_records_hashes_and_finds_tampering(tmp_path):
    src = make_tree(tmp_path / "harness-tests")
    dst = tmp_path / "pristine"
    hashes = pristine_copy(str(src), str(dst))
    assert sorted(hashes) == ["sub/test_b.py", "test_a.py"]
    assert json.loads((dst / "pristine.json").read_text()) == hashes
    assert (dst / "test_a.py").read_text() == "def test_a(): pass\n"
    assert verify_copy(str(dst)) == []
    (dst / "test_a.py").write_text("def test_a(): assert True\n")
    os.remove(dst / "sub" / "test_b.py")
    assert verify_copy(str(dst)) == ["sub/test_b.py", "test_a.py"]


def test_tests_inside_the_submission_or_symlinks_are_refused(tmp_path):
    sub = tmp_path / "submission"
    src = make_tree(sub / "tests")
    with pytest.raises(ValueError, match="overlap"):
        pristine_copy(str(src), str(tmp_path / "p1"), submission=str(sub))
    clean = make_tree(tmp_path / "clean")
    (clean / "evil.py").symlink_to(sub / "tests" / "test_a.py")
    with pytest.raises(ValueError, match="symbolic link"):
        pristine_copy(str(clean), str(tmp_path / "p2"), submission=str(sub))


class FakeAgent:
    def __init__(self, result):
        self.result = result

    def run(self, command):
        return self.result


@pytest.mark.parametrize("result,points", [
    (("", 0, True), 5), (("", 1, True), 0), (("PASS\n", 0, False), 0),
    (("", None, False), 0)])
def test_score_counts_only_verified_success(result, points):
    assert score(FakeAgent(result), "x", 5) == points
