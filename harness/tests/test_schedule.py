"""harness.schedule on the host (nothing boots): the xdist workers get the
longest test files first, each file's tests in their own order, a file
the table does not know before every known one; the table is read back
as written from a junit.xml."""

from types import SimpleNamespace

from harness import schedule


def items(*nodeids):
    return [SimpleNamespace(nodeid=n) for n in nodeids]


def test_longest_files_first_each_in_its_own_order():
    table = {"a.py": 5.0, "b.py": 50.0, "c.py": 20.0}
    got = schedule.longest_first(
        items("a.py::t1", "b.py::t2", "a.py::t0", "c.py::t[x]",
              "b.py::t1", "new.py::t", "c.py::t[y]"), table)
    assert [i.nodeid for i in got] == [
        "new.py::t", "b.py::t2", "b.py::t1", "c.py::t[x]", "c.py::t[y]",
        "a.py::t1", "a.py::t0"]


def test_without_a_table_the_collection_stays_as_it_is():
    order = ["b.py::t", "a.py::t", "b.py::u"]
    got = schedule.longest_first(items(*order), {})
    assert [i.nodeid for i in got] == ["b.py::t", "b.py::u", "a.py::t"]


def test_the_table_of_a_junit_xml_reads_back(tmp_path, capsys):
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite name="phoenix">'
        '<testcase classname="harness.tests.test_schedule" name="a" '
        'time="1.5"/>'
        '<testcase classname="harness.tests.test_schedule" name="b" '
        'time="2.0"/>'
        '<testcase classname="os.tests.test_ktest" name="c" time="7.5"/>'
        '</testsuite></testsuites>')
    assert schedule.table_from_junit(str(junit)) == {
        "harness/tests/test_schedule.py": 3.5, "os/tests/test_ktest.py": 7.5}
    assert schedule.main([str(junit)]) == 0
    table = tmp_path / "durations.txt"
    table.write_text(capsys.readouterr().out)
    assert schedule.read_table(str(table)) == {
        "os/tests/test_ktest.py": 7.5, "harness/tests/test_schedule.py": 3.5}

