"""``python3 -m harness``: run graded tests, show reports.

  python3 -m harness run [pytest args...]   run pytest with the plugin, then
                                            print a per-test table and the
                                            score (reports in --report-dir)
  python3 -m harness report DIR             the table of an existing report
                                            (DIR/report.json, or the file)
  python3 -m harness bench [args...]        the benchmarks (harness.bench)
  python3 -m harness campaign [args...]     a fault-injection campaign
                                            (harness.campaign; --help)
  python3 -m harness campaign merge DIR...  shards' campaign reports into
                                            one (harness.campaign_merge)
  python3 -m harness fuzz -n N [--seed S]   the fuzzer (harness.fuzz)
  python3 -m harness fuzz merge DIR...      shards' fuzz reports into one

Exit status: 0 when every test passed (skips allowed), 1 on any failure, 2
on any infrastructure error (or when pytest itself could not run)."""

import argparse
import sys


def table(report):
    """The per-test table and score lines of REPORT (a string)."""
    tests = report["tests"]
    width = max([len(t["nodeid"]) for t in tests] + [4])
    lines = ["%-*s  %-8s  %-7s  %s" % (width, "test", "outcome", "score",
                                       "points")]
    for t in tests:
        score = "error" if t["score"] is None else "%g" % t["score"]
        lines.append("%-*s  %-8s  %-7s  %g" % (width, t["nodeid"],
                                               t["outcome"], score,
                                               t["points"]))
    s = report["summary"]
    lines.append("")
    lines.append("%d passed, %d failed, %d skipped, %d errors"
                 % (s["passed"], s["failed"], s["skipped"], s["errors"]))
    from harness import grading     # late: pytest imports it as a plugin
    lines.append(grading.score_line(s))
    diff = report.get("differential")
    if diff is not None:
        lines.append("Differential: %d of %d agree" % (diff["agree"],
                                                       len(diff["tests"])))
        for r in diff["disagreements"]:
            lines.append("  DISAGREE %s: %s" % (r["test"], ", ".join(
                "%s %s" % kv for kv in sorted(r["outcomes"].items()))))
    return "\n".join(lines)


def status_of(report):
    from harness import grading     # late: pytest imports it as a plugin
    return grading.exit_status(
        [grading.TestResult.from_dict(t) for t in report["tests"]])


class _Capture:
    """A pytest plugin keeping the session's report dict."""
    report = None

    def pytest_sessionfinish(self, session):
        from harness.reports.session import session_report
        self.report = getattr(session.config, "_harness_report", None) or \
            session_report(session.config)


def cmd_run(args):
    import pytest
    capture = _Capture()
    args = list(args)
    if "-p" not in args or "harness.plugin" not in args:
        args = ["-p", "harness.plugin"] + args
    rc = pytest.main(args, plugins=[capture])
    report = capture.report
    if report is None or rc in (pytest.ExitCode.INTERRUPTED,
                                pytest.ExitCode.INTERNAL_ERROR,
                                pytest.ExitCode.USAGE_ERROR):
        print("harness: pytest could not run (exit %d)" % rc,
              file=sys.stderr)
        return 2
    print()
    print(table(report))
    if rc == pytest.ExitCode.NO_TESTS_COLLECTED:
        print("harness: no tests ran", file=sys.stderr)
        return 1
    return status_of(report)


def cmd_report(path):
    from harness.reports import jsonreport
    try:
        report = jsonreport.load(path)
    except (OSError, ValueError) as e:
        print("harness: cannot read a report from %s: %s" % (path, e),
              file=sys.stderr)
        return 2
    print(table(report))
    return status_of(report)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["run"]:
        from harness.python import require
        require("python3 -m harness run", "pytest")
    parser = argparse.ArgumentParser(
        prog="python3 -m harness", description=__doc__.split("\n\n")[0],
        epilog="exit status: 0 all passed, 1 failures, 2 infrastructure "
               "errors")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run tests (pytest arguments follow)")
    run.add_argument("pytest_args", nargs=argparse.REMAINDER)
    rep = sub.add_parser("report", help="print an existing JSON report")
    rep.add_argument("dir", help="report directory or report.json")
    bench = sub.add_parser("bench", help="the benchmarks (harness.bench)")
    bench.add_argument("bench_args", nargs=argparse.REMAINDER)
    camp = sub.add_parser("campaign", help="a fault-injection campaign "
                          "(harness.campaign)")
    camp.add_argument("campaign_args", nargs=argparse.REMAINDER)
    fuzz = sub.add_parser("fuzz", help="the fuzzer (harness.fuzz)",
                          add_help=False)
    fuzz.add_argument("fuzz_args", nargs=argparse.REMAINDER)
    if argv[:1] == ["run"]:                 # pass everything on to pytest
        return cmd_run(argv[1:])
    if argv[:1] == ["campaign"]:            # its own options and --help
        from harness import campaign
        return campaign.main(argv[1:])
    if argv[:1] == ["fuzz"]:                # its own options and exit codes
        from harness import fuzz as fuzz_mod
        return fuzz_mod.main(argv[1:])
    ns = parser.parse_args(argv)
    if ns.command == "report":
        return cmd_report(ns.dir)
    from harness import bench as bench_mod
    return bench_mod.main(ns.bench_args)


if __name__ == "__main__":
    sys.exit(main())
