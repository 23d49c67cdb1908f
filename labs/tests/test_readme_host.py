"""labs/README.md lists every lab of labs/ (and nothing else), and
labs/hostile/README.md every folder of hostile submissions. Host only:
reads files, no build, no boot."""
import json
import pathlib
import re

LABS = pathlib.Path(__file__).resolve().parents[1]


def lab_dirs():
    """The lab folders: labN-NAME with a lab.json."""
    return sorted(p.name for p in LABS.glob("lab*-*")
                  if (p / "lab.json").is_file())


def table_names(readme):
    """The backquoted names in the first column of README's tables."""
    return re.findall(r"^\| `([^`]+?)/?` \|", readme.read_text(), re.M)


def test_there_are_labs():
    assert "lab0-tour" in lab_dirs() and len(lab_dirs()) >= 6


def test_the_readme_lists_every_lab_and_only_labs():
    listed = [n for n in table_names(LABS / "README.md")
              if re.match(r"lab\d+-", n)]
    assert sorted(listed) == lab_dirs()


def test_each_lab_json_names_its_folder():
    for name in lab_dirs():
        meta = json.loads((LABS / name / "lab.json").read_text())
        assert meta["name"] == name
        assert name.startswith("lab%d-" % meta["lab"])


def test_the_hostile_readme_lists_every_folder():
    hostile = LABS / "hostile"
    folders = sorted(p.name for p in hostile.iterdir() if p.is_dir())
    assert sorted(table_names(hostile / "README.md")) == folders
