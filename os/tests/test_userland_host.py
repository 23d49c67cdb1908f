"""Host tests of the userland (os/commands, os/tests/user): the shell, the
utilities and usertests are plain POSIX C, so they are compiled with the
host's gcc (-D_GNU_SOURCE, no __phoenix__) and run here, in seconds, before
they ever boot. The shell's output formats checked here are the ones the
guest tests rely on."""

import os
import re
import shutil
import signal
import subprocess
import time

import pytest

from harness import suite
from harness.hostbuild import command
from harness.machine import ROOT

OS = os.path.join(ROOT, "os")
CFLAGS = ["-std=gnu11", "-D_GNU_SOURCE", "-O1", "-g"]


def folders(path):
    return sorted(d for d in os.listdir(path)
                  if os.path.isdir(os.path.join(path, d)))


UTILITIES = [d for d in folders(os.path.join(OS, "commands")) if d != "sh"]
# The test programs that are plain POSIX (others under os/tests/user, such
# as benchmarks, are guest-only).
TEST_PROGRAMS = ["segv", "usertests"]
# The test kit's runner, checks and POSIX backend (os/tests/kit), which
# usertests is built with.
KIT = [os.path.join(OS, "tests", "kit", f)
       for f in ("run.c", "check.c", "posix.c")]
TIMEOUT = 20


def sources(folder):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder)
                  if f.endswith(".c"))


@pytest.fixture(scope="session")
def bindir(tmp_path_factory):
    """Every program compiled for the host into one folder (in parallel)."""
    out = tmp_path_factory.mktemp("userland-bin")
    jobs = {"sh": sources(os.path.join(OS, "commands", "sh"))}
    for name in UTILITIES:
        jobs[name] = sources(os.path.join(OS, "commands", name))
    for name in TEST_PROGRAMS:
        jobs[name] = sources(os.path.join(OS, "tests", "user", name))
    jobs["usertests"] += KIT
    procs = {name: subprocess.Popen(command(srcs, out / name, CFLAGS,
                                            os_headers=False),
                                    stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True)
             for name, srcs in jobs.items()}
    errors = []
    for name, p in procs.items():
        text, _ = p.communicate()
        if p.returncode != 0:
            errors.append("%s:\n%s" % (name, text))
    assert not errors, "host build failed:\n" + "\n".join(errors)
    return str(out)


@pytest.fixture
def env(bindir, tmp_path):
    """The environment of a shell under test: PATH holds only the
    host-built utilities; HOME is a scratch folder."""
    return {"PATH": bindir, "HOME": str(tmp_path), "LC_ALL": "C"}


def sh(env, script, stdin=None, cwd=None, args=()):
    """Run `sh -c SCRIPT` and return the CompletedProcess (text)."""
    return subprocess.run([os.path.join(env["PATH"], "sh"), "-c", script]
                          + list(args), input=stdin, capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=TIMEOUT)


# ---- the shell, non-interactive ----------------------------------------

def test_pipeline_through_cat(env):
    r = sh(env, "echo hi | cat")
    assert (r.stdout, r.stderr, r.returncode) == ("hi\n", "", 0)


def test_long_pipeline(env):
    r = sh(env, "echo a b c | cat | cat | cat | cat | wc -w")
    assert r.stdout.split() == ["3"]


def test_command_not_found_is_127(env):
    r = sh(env, "nosuchcmd; echo $?")
    assert r.stderr == "sh: nosuchcmd: not found\n"
    assert r.stdout == "127\n"
    r = sh(env, "./nosuchfile")
    assert (r.stderr, r.returncode) == ("sh: ./nosuchfile: not found\n", 127)


def test_exec_failure_is_126(env, tmp_path):
    f = tmp_path / "notexec"
    f.write_text("echo hi\n")
    f.chmod(0o644)
    r = sh(env, "./notexec; echo $?", cwd=str(tmp_path))
    assert r.stderr == "sh: ./notexec: Permission denied\n"
    assert r.stdout == "126\n"


def test_quoting_and_expansion(env):
    script = r"""X='a  b'; echo 'single  $X' "double  $X" $X \$X a\ \ b "${X}c" '' x"""
    r = sh(env, script)
    assert r.stdout == "single  $X double  a  b a b $X a  b a  bc  x\n"
    r = sh(env, 'echo "$?" "$$" | wc -w; false; echo "st=$?"')
    assert r.stdout.split() == ["2", "st=1"]


def test_unquoted_expansion_splits_into_fields(env):
    r = sh(env, 'X="1 2  3"; for=x; sh -c \'echo $#\' sh $X; '
                'sh -c \'echo $#\' sh "$X"; sh -c \'echo $#\' sh $EMPTY')
    assert r.stdout.split() == ["3", "1", "0"]


def test_positional_parameters(env):
    r = sh(env, 'echo $0 $1 $2 $# "$@"', args=["name", "one", "two words"])
    assert r.stdout == "name one two words 2 one two words\n"


def test_assignments_are_exported(env):
    r = sh(env, "X=1; sh -c 'echo in child $X'; Y=2 sh -c 'echo $Y'; "
                "echo after ${Y}.; export Z=3; env | grep -c '^Z=3$' || "
                "env | wc -l")
    lines = r.stdout.splitlines()
    assert lines[:3] == ["in child 1", "2", "after ."]


def test_redirections(env, tmp_path):
    script = ("echo one > f; echo two >> f; cat < f; cat f missing 2> err; "
              "echo st=$?; cat err; ls missing > out 2>&1; cat out; "
              "echo to-stderr 1>&2")
    r = sh(env, script, cwd=str(tmp_path))
    assert r.stdout == ("one\ntwo\none\ntwo\nst=1\n"
                        "cat: missing: No such file or directory\n"
                        "ls: missing: No such file or directory\n")
    assert r.stderr == "to-stderr\n"


def test_failed_redirection_is_status_1(env, tmp_path):
    r = sh(env, "echo x > /nonexistent/dir/f; echo st=$?; "
                "cat < missing; echo st=$?; pwd > /nonexistent/f; echo $?",
           cwd=str(tmp_path))
    assert r.stdout == "st=1\nst=1\n1\n"
    assert r.stderr == ("sh: /nonexistent/dir/f: No such file or directory\n"
                        "sh: missing: No such file or directory\n"
                        "sh: /nonexistent/f: No such file or directory\n")


def test_builtin_redirection_is_undone(env, tmp_path):
    r = sh(env, "pwd > p; echo after", cwd=str(tmp_path))
    assert r.stdout == "after\n"
    assert (tmp_path / "p").read_text() == str(tmp_path) + "\n"


def test_and_or_lists(env):
    r = sh(env, "true && echo a; false && echo b; false || echo c; "
                "true || echo d; false && echo e || echo f; "
                "true || echo g && echo h; ! true; echo $?; ! false; echo $?")
    assert r.stdout == "a\nc\nf\nh\n1\n0\n"


def test_comments_and_semicolons(env):
    r = sh(env, "echo a # not this; echo b\necho c;echo d#e")
    assert r.stdout == "a\nc\nd#e\n"


def test_subshell(env, tmp_path):
    r = sh(env, "(cd /; pwd); pwd; (exit 3); echo $?; (echo x; echo y) | wc -l",
           cwd=str(tmp_path))
    assert r.stdout.split() == ["/", str(tmp_path), "3", "2"]


def test_script_file_with_arguments(env, tmp_path):
    script = tmp_path / "script.sh"
    script.write_text("# a comment\n"
                      "echo script $0 has $# args: $1 $2\n"
                      "X='multi\n"
                      "line'\n"
                      "echo \"$X\" |\n"
                      "  wc -l\n"
                      "false &&\n"
                      "  echo not\n"
                      "exit 7\n"
                      "echo never\n")
    r = subprocess.run([os.path.join(env["PATH"], "sh"), str(script), "a",
                        "b"], capture_output=True, text=True, env=env,
                       timeout=TIMEOUT)
    assert r.stdout.splitlines()[0] == "script %s has 2 args: a b" % script
    assert r.stdout.splitlines()[1].strip() == "2"
    assert len(r.stdout.splitlines()) == 2
    assert r.returncode == 7


def test_commands_from_a_pipe(env):
    """A shell reading a pipe must not swallow what its commands read."""
    r = subprocess.run([os.path.join(env["PATH"], "sh")],
                       input="echo first\ncat\nthis line is for cat\n",
                       capture_output=True, text=True, env=env,
                       timeout=TIMEOUT)
    assert r.stdout == "first\nthis line is for cat\n"


def test_exit_status_and_exit_builtin(env):
    assert sh(env, "exit 42").returncode == 42
    assert sh(env, "false").returncode == 1
    assert sh(env, "false; exit").returncode == 1
    r = sh(env, "exit abc")
    assert r.returncode == 2 and "numeric argument required" in r.stderr


def test_syntax_errors_do_not_stop_the_shell(env, tmp_path):
    for text, token in [("echo a ; ; echo b", ";"), ("| cat", "|"),
                        ("echo >", "newline"), ("echo a && && b", "&&"),
                        ("echo )", ")"), ("()", ")")]:
        r = sh(env, text + "\necho $?")
        assert r.stderr == "sh: syntax error near '%s'\n" % token, text
        assert r.stdout == "2\n", text
    r = sh(env, "echo 'open")
    assert r.stderr == "sh: syntax error near 'end of file'\n"
    assert r.returncode == 2


@pytest.mark.parametrize("how, name, status", [
    ("segv", "Segmentation fault (SIGSEGV)", 139),
    ("sh -c 'kill -KILL $$'", "Killed (SIGKILL)", 137),
    ("sh -c 'kill -TERM $$'", "Terminated (SIGTERM)", 143),
    ("sh -c 'kill -ABRT $$'", "Aborted (SIGABRT)", 134),
    ("sh -c 'kill -PIPE $$'", "Broken pipe (SIGPIPE)", 141),
])
def test_child_killed_by_a_signal_is_named(env, how, name, status):
    r = sh(env, how + "; echo status $?")
    assert r.stdout.endswith("status %d\n" % status)
    assert r.stderr.splitlines()[-1] == name


def test_sigint_of_a_foreground_child_prints_only_a_newline(env):
    r = sh(env, "sh -c 'kill -INT $$'; echo status $?")
    assert r.stdout == "status 130\n"
    assert r.stderr == "\n"


def test_sigpipe_before_the_last_member_is_silent(env):
    r = sh(env, "cat /dev/zero | sh -c 'exit 5'; echo status $?")
    assert r.stdout == "status 5\n"
    assert r.stderr == ""


def test_background_jobs_and_wait(env):
    start = time.monotonic()
    r = sh(env, "sleep 0.3 & echo started; wait; echo done; "
                "sh -c 'exit 3' & wait $!; echo bg=$?")
    assert r.stdout == "started\ndone\nbg=3\n"
    assert time.monotonic() - start >= 0.3
    r = sh(env, "sleep 5 & kill $!; wait $!; echo $?")
    assert r.stdout == "143\n"


def test_builtins(env, tmp_path):
    r = sh(env, "cd /; pwd; cd; pwd; cd /nonexistent; echo $?; cd /; cd -; "
                "help", cwd=str(tmp_path))
    lines = r.stdout.splitlines()
    assert lines[:4] == ["/", env["HOME"], "1", env["HOME"]]
    assert "programs are in /bin" in r.stdout
    assert "echo" not in [l.split()[0] for l in lines[5:-1] if l.strip()]
    assert r.stderr == "sh: cd: /nonexistent: No such file or directory\n"


def test_path_search(env, tmp_path):
    (tmp_path / "bin").mkdir()
    prog = tmp_path / "bin" / "hello"
    prog.write_text("not a program\n")
    prog.chmod(0o755)
    os.symlink(os.path.join(env["PATH"], "echo"), str(tmp_path / "bin" / "hi"))
    r = sh(env, "PATH=%s/bin:$PATH; hi found; echo $?" % tmp_path)
    assert r.stdout == "found\n0\n"


# ---- the shell, scripting ------------------------------------------------

def test_if_elif_else(env):
    r = sh(env, "if true; then echo a; fi; if false; then echo no; "
                "elif false; then echo no; elif true; then echo b; "
                "else echo no; fi; if false; then echo no; else echo c; fi; "
                "if false; then echo no; fi; echo st=$?; "
                "if sh -c 'exit 3'; then :; else echo cond=$?; fi; "
                "if true; then sh -c 'exit 4'; fi; echo body=$?")
    assert r.stdout.split() == ["a", "b", "c", "st=0", "cond=3", "body=4"]
    assert r.stderr == ""


def test_compound_commands_span_lines_in_a_script(env, tmp_path):
    script = tmp_path / "s.sh"
    script.write_text("if [ $# -gt 1 ]\n"
                      "then\n"
                      "    echo many\n"
                      "elif [ $# -eq 1 ]; then\n"
                      "    echo one: $1\n"
                      "else\n"
                      "    echo none\n"
                      "fi\n"
                      "for f\n"
                      "do\n"
                      "    echo \"arg <$f>\"\n"
                      "done\n")
    run = lambda *args: subprocess.run(
        [os.path.join(env["PATH"], "sh"), str(script)] + list(args),
        capture_output=True, text=True, env=env, timeout=TIMEOUT).stdout
    assert run() == "none\n"
    assert run("x") == "one: x\narg <x>\n"
    assert run("a b", "c") == "many\narg <a b>\narg <c>\n"


def test_while_until_and_loop_status(env, tmp_path):
    r = sh(env, "while [ ! -e f3 ]; do if [ -e f2 ]; then echo > f3; "
                "elif [ -e f1 ]; then echo > f2; else echo > f1; fi; "
                "echo turn; done; echo st=$?; "
                "until [ -e f4 ]; do echo > f4; sh -c 'exit 6'; done; "
                "echo st=$?; while false; do :; done; echo none=$?",
           cwd=str(tmp_path))
    assert r.stdout.split() == ["turn", "turn", "turn", "st=0", "st=6",
                                "none=0"]


def test_for_loops(env):
    r = sh(env, 'for x in a "b c" $WORDS; do echo "<$x>"; done; '
                'for y; do echo "y=$y"; done; for z in; do echo no; done; '
                'for y in "$@"; do echo "q=$y"; done; echo "last=$x"',
           args=["sh", "1", "2 3"])
    assert r.stdout.splitlines() == ["<a>", "<b c>", "y=1", "y=2 3",
                                     "q=1", "q=2 3", "last=b c"]
    e = dict(env, WORDS="p  q")
    assert sh(e, "for w in $WORDS; do echo $w; done").stdout == "p\nq\n"
    assert sh(e, 'for w in "$@"; do echo x; done').stdout == ""


def test_break_and_continue(env):
    r = sh(env, "for i in 1 2 3; do for j in a b c; do "
                "[ $j = b ] && continue; [ $i = 3 ] && break 2; "
                "[ $j = c ] && continue 2; echo $i$j; done; echo end$i; "
                "done; echo after")
    assert r.stdout.split() == ["1a", "2a", "after"]
    r = sh(env, "while true; do while true; do break 2; done; echo no; "
                "done; echo out; for i in 1 2; do break 5; done; echo $i")
    assert r.stdout.split() == ["out", "1"]
    r = sh(env, "break; echo top=$?; for i in 1; do break 0; echo $?; "
                "continue x; echo $?; done")
    assert r.stdout.split() == ["top=0", "1", "2"]
    assert r.stderr == ("sh: break: 0: loop count out of range\n"
                        "sh: continue: x: numeric argument required\n")


def test_brace_groups_and_compound_redirections(env, tmp_path):
    r = sh(env, "false || { echo fell back; echo twice; }; "
                "{ echo a; echo b; } | wc -l; "
                "for i in 1 2; do echo $i; done > out; cat out; "
                "while true; do echo once; break; done | cat; "
                "if true; then echo err >&2; fi 2>/dev/null; "
                "for i in x; do echo bg; done & wait", cwd=str(tmp_path))
    assert [l.strip() for l in r.stdout.splitlines()] == \
        ["fell back", "twice", "2", "1", "2", "once", "bg"]
    assert r.stderr == ""


def test_reserved_words_count_only_in_command_position(env):
    r = sh(env, "echo if then else fi do done for in while until { }; "
                "for=1; echo $for; "
                "if echo fi; then echo then; fi")
    assert r.stdout.splitlines() == [
        "if then else fi do done for in while until { }", "1", "fi", "then"]
    r = sh(env, "'if' true; echo $?")
    assert r.stderr == "sh: if: not found\n"


@pytest.mark.parametrize("text, token", [
    ("fi", "fi"), ("done", "done"), ("then", "then"), ("}", "}"),
    ("if then echo; fi", "then"), ("if true; then fi", "fi"),
    ("if true; then; fi", ";"), ("if true; then echo; fi echo", "echo"),
    ("while do echo; done", "do"), ("while true; do done", "done"),
    ("for 1x in a; do echo; done", "1x"), ("for i in a ) do", ")"),
    ("true && fi", "fi"), ("echo | done", "done"), ("{ }", "}"),
    ("if true; then echo; else fi", "fi"), ("(if true; then echo; )", ")"),
])
def test_compound_syntax_errors(env, text, token):
    r = sh(env, text + "\necho $?")
    assert r.stderr == "sh: syntax error near '%s'\n" % token
    assert r.stdout == "2\n"


@pytest.mark.parametrize("text", [
    "if true", "if true; then echo", "if true; then echo; else",
    "while true", "for i in a b", "for i", "until false; do echo",
    "{ echo", "echo $(echo", "echo `echo", 'echo "$(echo "x")',
])
def test_open_compound_at_the_end_is_end_of_file(env, text):
    r = sh(env, text)
    assert r.stderr == "sh: syntax error near 'end of file'\n"
    assert r.returncode == 2


def test_command_substitution(env):
    r = sh(env, 'echo $(echo one) "$(echo two; echo)" `echo three`; '
                'echo "[$(echo "in quotes" $(echo nested))]"; '
                'echo "`echo \\"bq\\"`"; X=$(echo a; echo; echo); '
                'echo "[$X]"; echo $(echo "a  b") "$(echo "a  b")"; '
                'echo x$(echo)y; echo $(echo ")"; echo "(")')
    assert r.stdout.splitlines() == [
        "one two three", "[in quotes nested]", "bq", "[a]", "a b a  b",
        "xy", ") ("]
    r = sh(env, "X=$(false); echo $?; X=$(true) Y=$(sh -c 'exit 5'); "
                "echo $?; X=$(echo 'if'); echo $X")
    assert r.stdout.split() == ["1", "5", "if"]
    r = sh(env, "for f in $(echo a b c); do echo [$f]; done | wc -l")
    assert r.stdout.strip() == "3"
    r = sh(env, "echo $(if ;); echo after $?")
    assert r.stderr == "sh: syntax error near ';'\n"
    assert r.stdout == "\nafter 0\n"


def test_globbing(env, tmp_path):
    for name in ["b1", "a2", "a1", "c*", ".hidden", "x[1]"]:
        (tmp_path / name).write_text("")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f.c").write_text("")
    (tmp_path / "d" / "g.h").write_text("")
    r = sh(env, 'echo *; echo .*; echo a?; echo [ab]1; echo [!a]*; '
                'echo "a"*; echo "*" \'a*\' a\\*; echo c\\*; echo none*; '
                'echo */*.c; echo d/*; echo */; echo [b-c]*; echo [[:digit:]]; '
                'P="a*"; echo $P "$P"; echo x[1]; echo x\\[1]; '
                'for f in a*; do echo "<$f>"; done; echo *1 *2',
           cwd=str(tmp_path))
    assert r.stdout.splitlines() == [
        "a1 a2 b1 c* d x[1]", ".hidden", "a1 a2", "a1 b1", "b1 c* d x[1]",
        "a1 a2", "* a* a*", "c*", "none*", "d/f.c", "d/f.c d/g.h", "d/",
        "b1 c*", "[[:digit:]]", "a1 a2 a*", "x[1]", "x[1]", "<a1>", "<a2>",
        "a1 b1 a2"]
    r = sh(env, "echo /*", cwd=str(tmp_path))
    assert r.stdout.split() == sorted("/" + n for n in os.listdir("/")
                                      if not n.startswith("."))


def test_case(env):
    r = sh(env, 'for x in abc b.c "a*" q "" other; do case $x in\n'
                '  a*c) echo "$x: a..c";;\n'
                '  *.c|*.h) echo "$x: source" ;;\n'
                '  "a*") echo "$x: quoted star";;\n'
                '  (q) echo "$x: q"; echo two;;\n'
                '  "") echo empty;;\n'
                '  $NOTSET*) echo "$x: anything"\n'
                'esac; done; case x in y) echo no;; esac; echo st=$?; '
                'case a in a) ;; esac; echo empty=$?; '
                'case "$1" in start|stop) echo verb $1;; *) echo usage; esac; '
                '(case z in z) echo in a subshell;; esac); '
                'case esac in (esac) echo reserved;; esac',
           args=["sh", "stop"])
    assert r.stdout.splitlines() == [
        "abc: a..c", "b.c: source", "a*: quoted star", "q: q", "two",
        "empty", "other: anything", "st=0", "empty=0", "verb stop",
        "in a subshell", "reserved"]
    assert r.stderr == ""
    for text, token in [("case x; esac", ";"), ("echo a ;; echo b", ";;"),
                        ("case x in a) echo; fi", "fi"), ("esac", "esac"),
                        ("case x in a echo;; esac", "echo")]:
        r = sh(env, text + "\necho $?")
        assert r.stderr == "sh: syntax error near '%s'\n" % token, text
        assert r.stdout == "2\n", text
    assert sh(env, "case x in a) echo").stderr == \
        "sh: syntax error near 'end of file'\n"


def test_parameter_operators(env):
    r = sh(env, 'E=; echo ${U:-def} "${U-a  b}" ${#HOME} ${1:-one} '
                '${3:-three} ${#} ${V:=set} $V ${V:+alt} ${U:+alt}. '
                '"${U:-$(echo sub)}" ${U:-"q  r"} ${E-unset}. ${E:-empty} '
                '${#1} "${U:-${V}x}"', args=["sh", "abc", "two"])
    assert r.stdout == ("def a  b %d abc three 2 set set alt . sub q  r . "
                        "empty 3 setx\n" % len(env["HOME"]))
    r = sh(env, 'f=/usr/drivers/hello.c.bak; echo ${f%.*} ${f%%.*} ${f#*/} '
                '${f##*/} ${f%x} ${f#"/usr"} "${f##*"."}" ${f%/*} "[${U%a}]"')
    assert r.stdout == ("/usr/drivers/hello.c /usr/drivers/hello "
                        "usr/drivers/hello.c.bak hello.c.bak "
                        "/usr/drivers/hello.c.bak /drivers/hello.c.bak bak "
                        "/usr/drivers []\n")
    r = sh(env, '(echo ${W:?must be set}; echo no); echo st=$?; '
                'echo ${X:%}; echo st=$?; : ${W?}; echo never')
    assert r.stdout == "st=2\nst=2\n"
    assert r.stderr == ("sh: W: must be set\n"
                        "sh: ${X:%}: bad substitution\n"
                        "sh: W: parameter not set\n")
    assert r.returncode == 2


def test_shift_walks_the_arguments(env):
    r = sh(env, 'while [ $# -gt 0 ]; do echo "[$1] $#"; shift; done; '
                'shift; echo st=$? $0', args=["name", "a", "b c", "d"])
    assert r.stdout == "[a] 3\n[b c] 2\n[d] 1\nst=1 name\n"
    assert r.stderr == "sh: shift: 1: too many\n"
    r = sh(env, 'shift 2; echo "$@"; shift x; echo st=$?',
           args=["n", "1", "2", "3"])
    assert r.stdout == "3\nst=2\n"


def test_here_documents(env, tmp_path):
    r = sh(env, 'X=world; cat <<EOF\n'
                'hello $X $(echo sub) `echo bq` \\$X "q" \'s\'\n'
                '  indented\n'
                'EOF\n'
                'cat <<"EOF" | wc -l\n'
                '$X literal\n'
                'EOF\n'
                'cat <<-EOF\n'
                '\ttabs stripped $X\n'
                '\tEOF\n'
                'cat <<A; cat <<\\B\n'
                'first\n'
                'A\n'
                'second $X\n'
                'B\n'
                'if true; then cat <<E; fi\n'
                'in an if\n'
                'E\n'
                'while read l; do echo "[$l]"; done <<EOF\n'
                'a\n'
                'b\n'
                'EOF\n'
                'echo after')
    assert r.stdout == ("hello world sub bq $X \"q\" 's'\n  indented\n"
                        "      1\ntabs stripped world\nfirst\nsecond $X\n"
                        "in an if\n[a]\n[b]\nafter\n")
    body = "".join("line %d\n" % i for i in range(3000))
    r = sh(env, "cat <<EOF | wc -l\n%sEOF\ntrue <<EOF\n%sEOF\necho done"
           % (body, body))
    assert r.stdout.split() == ["3000", "done"]
    r = sh(env, "cat <<EOF\nnever ends")
    assert r.stderr == "sh: syntax error near 'end of file'\n"


def test_set_errexit_xtrace_and_arguments(env):
    r = sh(env, "set -e; if false; then echo no; fi; false || echo alt; "
                "! true; false && echo no; while false; do :; done; "
                "until true; do :; done; echo still; false; echo never")
    assert (r.stdout, r.returncode) == ("alt\nstill\n", 1)
    r = sh(env, "set -e; for i in 1; do sh -c 'exit 4'; done; echo never")
    assert (r.stdout, r.returncode) == ("", 4)
    r = sh(env, "set -e; x=$(false); echo never")
    assert (r.stdout, r.returncode) == ("", 1)
    r = sh(env, "set -e; set +e; false; echo goes on")
    assert r.stdout == "goes on\n"
    r = sh(env, "set -x; echo a $((1+1)) | cat; cd /; set +x; echo quiet")
    assert r.stdout == "a 2\nquiet\n"
    assert sorted(r.stderr.splitlines()) == ["+ cat", "+ cd /", "+ echo a 2",
                                             "+ set +x"]
    r = sh(env, 'set -- x "y z"; echo $# "$2"; set a b c; echo $#; shift; '
                'echo "$@" $0; set -q; echo $?', args=["name"])
    assert r.stdout == "2 y z\n3\nb c name\n2\n"
    assert r.stderr == "sh: set: -q: unknown option\n"


def test_functions_and_return(env, tmp_path):
    script = tmp_path / "f.sh"
    script.write_text(
        'greet() { echo "hello $1 ($#) $0"; }\n'
        'greet world a; greet\n'
        'f() {\n'
        '    for i in 1 2 3; do\n'
        '        [ $i = 2 ] && return 7\n'
        '        echo i=$i\n'
        '    done\n'
        '    echo never\n'
        '}\n'
        'f; echo st=$? args: "$@"\n'
        'g() ( cd /; exit 3 ); g; echo st=$?\n'
        'rec() { if [ $1 -gt 0 ]; then echo -n "$1 "; rec $(($1 - 1)); '
        'else echo; fi; }; rec 3\n'
        'out() { echo to file; }; out > out; cat out\n'
        'stop() { break; }; for i in 1 2; do stop; echo loop $i; done\n'
        'p() { echo piped $1; }; p x | cat\n'
        'f2()\n'
        '{\n'
        '    echo body on its own line\n'
        '}\n'
        'f2; return; echo r=$?\n')
    r = subprocess.run([os.path.join(env["PATH"], "sh"), str(script), "A",
                        "B"], capture_output=True, text=True, env=env,
                       cwd=str(tmp_path), timeout=TIMEOUT)
    assert r.stdout.splitlines() == [
        "hello world (2) %s" % script, "hello  (0) %s" % script, "i=1",
        "st=7 args: A B", "st=3", "3 2 1 ", "to file", "loop 1", "loop 2",
        "piped x", "body on its own line", "r=1"]
    assert r.stderr == "sh: return: not in a function\n"
    for text, token in [("f() echo x", "echo"), ("f() )", ")")]:
        r = sh(env, text + "\necho $?")
        assert r.stderr == "sh: syntax error near '%s'\n" % token, text
    assert sh(env, "f()").stderr == "sh: syntax error near 'end of file'\n"


def test_arithmetic_expansion(env):
    r = sh(env, 'i=0; while [ $i -lt 4 ]; do i=$((i + 1)); echo -n "$i "; '
                'done; echo; echo $((1+2*3)) $(( (1+2)*3 )) $((7/2)) '
                '$((7%3)) $((-3+1)) $((1<2)) $((2<=1)) $((1<<4)) $((0x10)) '
                '$((010)) $((!0)) $((~0)) $((1&&0||1)) $((3>2?10:20)) '
                '$((unset_var)) "$(($i*2))" $(( $(echo 4) * 2 )) '
                '$((echo a); (echo b))')
    assert r.stdout == ("1 2 3 4 \n"
                        "7 9 3 1 -2 1 0 16 16 8 1 -1 1 10 0 8 8 a b\n")
    r = sh(env, "echo $((1/0)); echo st=$?; x=$((1+)); echo st=$?; "
                "for i in $((a b)); do echo no; done; echo st=$?")
    assert r.stdout == "st=2\nst=2\nst=2\n"
    assert r.stderr == ("sh: arithmetic: division by zero: 1/0\n"
                        "sh: arithmetic: operand expected: 1+\n"
                        "sh: arithmetic: unexpected character: a b\n")


def test_read_builtin(env):
    r = sh(env, 'while read first rest; do echo "[$first][$rest]"; done; '
                'echo "end [$first] $?"', stdin="a b  c \n  x\nlast")
    assert r.stdout == "[a][b  c]\n[x][]\nend [last] 0\n"
    r = sh(env, 'read x y; echo "[$x][$y]"; read -r z; echo "[$z]"; '
                'read; echo "[$REPLY] $?"; read; echo $?',
           stdin="a\\ b c\\\nd\nr\\aw\none\n")
    assert r.stdout == "[a b][cd]\n[r\\aw]\n[one] 0\n1\n"
    r = sh(env, "read first; cat; echo first=$first", stdin="l1\nl2\n")
    assert r.stdout == "l2\nfirst=l1\n"
    r = sh(env, "read 1x; echo $?", stdin="")
    assert (r.stdout, r.stderr) == ("2\n", "sh: read: 1x: bad variable name\n")


def test_test_and_bracket(env, tmp_path):
    (tmp_path / "f").write_text("x")
    (tmp_path / "empty").write_text("")
    (tmp_path / "d").mkdir()
    (tmp_path / "x").write_text("")
    os.chmod(str(tmp_path / "x"), 0o755)
    cases = [
        ("-e f", 0), ("-e nope", 1), ("-f f", 0), ("-f d", 1), ("-d d", 0),
        ("-d f", 1), ("-r f", 0), ("-w f", 0), ("-x x", 0), ("-x f", 1),
        ("-s f", 0), ("-s empty", 1), ("-z ''", 0), ("-z a", 1),
        ("-n a", 0), ("-n ''", 1), ("a", 0), ("''", 1), ("", 1),
        ("a = a", 0), ("a = b", 1), ("a != b", 0), ("a != a", 1),
        ("1 -eq 1", 0), ("1 -ne 1", 1), ("1 -lt 2", 0), ("2 -lt 1", 1),
        ("2 -le 2", 0), ("3 -gt 2", 0), ("2 -ge 3", 1), ("-5 -lt 3", 0),
        ("10 -gt 9", 0), ("! -e nope", 0), ("! a = a", 1),
        ("-e f -a -d d", 0), ("-e f -a -d f", 1), ("-e nope -o a", 0),
        ("'(' a = b ')' -o b = b", 0), ("! '(' -e f ')'", 1),
        ("-n", 0), ("!", 0), ("'!' = '!'", 0), ("= =", 2),
        ("x -eq 1", 2), ("1 -eq", 2), ("a b", 2), ("-e f -a", 2),
        ("'(' a", 2), ("-e f x", 2),
    ]
    script = "; ".join("test %s; echo $?; [ %s ]; echo $?" % (c, c)
                       for c, _ in cases)
    r = sh(env, script, cwd=str(tmp_path))
    got = r.stdout.split()
    for i, (c, want) in enumerate(cases):
        assert got[2 * i:2 * i + 2] == [str(want)] * 2, c
    r = sh(env, "[ 1 = 1; echo $?; [ x -lt 1 ]; echo $?; test -z a b")
    assert r.stdout.split() == ["2", "2"]
    assert r.stderr == ("sh: [: missing ']'\n"
                        "sh: [: x: integer expected\n"
                        "sh: test: b: unexpected argument\n")


# ---- the shell, interactive (on a pseudo-terminal) --------------------

@pytest.fixture
def tty_shell(env):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(os.path.join(env["PATH"], "sh"), env=env,
                          encoding="utf-8", timeout=10)
    child.expect_exact("# ")
    yield child
    child.close(force=True)


def test_interactive_prompt_and_commands(tty_shell):
    tty_shell.sendline("echo hello")
    tty_shell.expect_exact("hello\r\n# ")
    tty_shell.sendline("nosuch")
    tty_shell.expect_exact("sh: nosuch: not found\r\n# ")
    tty_shell.sendline("echo 'two")
    tty_shell.expect_exact("> ")
    tty_shell.sendline("lines'")
    tty_shell.expect_exact("two\r\nlines\r\n# ")


def test_interactive_open_compound_commands_continue(tty_shell):
    tty_shell.sendline("if true")
    tty_shell.expect_exact("> ")
    tty_shell.sendline("then echo yes")
    tty_shell.expect_exact("> ")
    tty_shell.sendline("fi")
    tty_shell.expect_exact("yes\r\n# ")
    tty_shell.sendline("for i in a b; do")
    tty_shell.expect_exact("> ")
    tty_shell.sendline("echo $(echo x$i")
    tty_shell.expect_exact("> ")
    tty_shell.sendline(")")
    tty_shell.expect_exact("> ")
    tty_shell.sendline("done")
    tty_shell.expect_exact("xa\r\nxb\r\n# ")
    tty_shell.sendline("fi")
    tty_shell.expect_exact("sh: syntax error near 'fi'\r\n# ")
    tty_shell.sendline("cat <<EOF")
    tty_shell.expect_exact("> ")
    tty_shell.sendline("doc $((6*7))")
    tty_shell.expect_exact("> ")
    tty_shell.sendline("EOF")
    tty_shell.expect_exact("doc 42\r\n# ")


def test_interactive_ctrl_c_ends_a_loop(tty_shell):
    """^C stops a loop, whether it kills a program the loop runs or only
    reaches the shell running builtins."""
    tty_shell.sendline("while true; do sleep 5; done; echo after $?")
    time.sleep(0.3)
    tty_shell.sendintr()
    tty_shell.expect_exact("after 130\r\n# ")
    tty_shell.sendline("while true; do true; done")
    time.sleep(0.3)
    tty_shell.sendintr()
    tty_shell.expect_exact("# ")
    tty_shell.sendline("for i in 1 2; do echo again$i; done")
    tty_shell.expect_exact("again1\r\nagain2\r\n# ")


def test_interactive_ctrl_c_at_the_prompt_and_in_a_child(tty_shell):
    tty_shell.send("partial line")
    tty_shell.sendintr()
    tty_shell.expect_exact("\r\n# ")
    tty_shell.sendline("sleep 10")
    time.sleep(0.3)
    start = time.monotonic()
    tty_shell.sendintr()
    tty_shell.expect_exact("# ")
    assert time.monotonic() - start < 5
    tty_shell.sendline("echo status $?")
    tty_shell.expect_exact("status 130")


def test_interactive_background_job_is_reported(tty_shell):
    tty_shell.sendline("sleep 0.2 &")
    tty_shell.expect(r"\[(\d+)\]\r\n")
    pid = tty_shell.match.group(1)
    time.sleep(0.5)
    tty_shell.sendline("")
    tty_shell.expect_exact("[%s] Done" % pid)
    tty_shell.sendline("sleep 5 &")
    tty_shell.expect(r"\[(\d+)\]\r\n")
    pid = tty_shell.match.group(1)
    tty_shell.sendline("kill -KILL " + pid)
    time.sleep(0.3)
    tty_shell.sendline("")
    tty_shell.expect_exact("[%s] Killed (SIGKILL)" % pid)


def test_interactive_eof_exits(tty_shell):
    tty_shell.sendline("false")
    tty_shell.expect_exact("# ")
    tty_shell.sendeof()
    tty_shell.expect(pytest.importorskip("pexpect").EOF)
    tty_shell.close()
    assert tty_shell.exitstatus == 1


# ---- the shell's line editor (lineedit.c, history.c, complete.c) ------

UP, DOWN, RIGHT, LEFT = "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D"
HOME_KEYS = ["\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~", "\x01"]
END_KEYS = ["\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~", "\x05"]
DELETE, BS, CTRL = "\x1b[3~", "\x7f", lambda c: chr(ord(c) & 0x1f)


@pytest.fixture
def edit_shell(env, tmp_path):
    """An interactive shell on a pseudo-terminal in TMP_PATH, which holds
    alpha1, alpha2, beta/ and beta/inner."""
    pexpect = pytest.importorskip("pexpect")
    for name in ("alpha1", "alpha2"):
        (tmp_path / name).write_text("")
    (tmp_path / "beta").mkdir()
    (tmp_path / "beta" / "inner").write_text("")
    child = pexpect.spawn(os.path.join(env["PATH"], "sh"), env=env,
                          cwd=str(tmp_path), encoding="utf-8", timeout=10)
    child.expect_exact("# ")
    yield child
    child.close(force=True)


def typed(child, keys, output):
    """Type KEYS and Enter at the prompt; the command prints OUTPUT (one
    line) and the prompt comes back."""
    child.send(keys + "\r")
    child.expect_exact("\r\n%s\r\n# " % output)


def test_editor_moves_and_edits_anywhere_in_the_line(edit_shell):
    typed(edit_shell, "echo ac" + LEFT + "b", "abc")
    typed(edit_shell, "echo abXc" + LEFT + BS, "abc")
    typed(edit_shell, "echo abXc" + LEFT + LEFT + DELETE, "abc")
    typed(edit_shell, "echo ab" + LEFT + LEFT + RIGHT + RIGHT + "c", "abc")
    for home in HOME_KEYS:
        typed(edit_shell, "cho home" + home + "e", "home")
    for end in END_KEYS:
        typed(edit_shell, "echo en" + "\x01" + end + "d", "end")
    # ^B ^F, ^D deletes under the cursor in a line that is not empty.
    typed(edit_shell, "echo aXbc" + CTRL("b") * 3 + CTRL("d") + CTRL("f") +
          "!", "ab!c")


def test_editor_kills_and_yanks(edit_shell):
    typed(edit_shell, "echo one two" + CTRL("w") + "three", "one three")
    typed(edit_shell, "junk junk" + CTRL("u") + "echo fresh", "fresh")
    typed(edit_shell, "echo keep cut" + LEFT * 3 + CTRL("k") + "mid",
          "keep mid")
    typed(edit_shell, "echo a" + CTRL("w") + CTRL("y") + CTRL("y"), "aa")
    # Alt-b / Alt-f and Ctrl-left / Ctrl-right move by words.
    typed(edit_shell, "echo x z" + "\x1bb" + "y " + "\x1bf" + "!",
          "x y z!")
    typed(edit_shell, "echo x z" + "\x1b[1;5D" + "y " + "\x1b[1;5C" + "!",
          "x y z!")


def test_editor_history_up_down_and_builtin(edit_shell):
    typed(edit_shell, "echo first", "first")
    typed(edit_shell, "echo second", "second")
    typed(edit_shell, UP, "second")           # repeats are kept once
    typed(edit_shell, UP + UP, "first")
    # Down past the newest entry gives back the line being typed.
    typed(edit_shell, "echo draft" + UP + UP + DOWN + DOWN, "draft")
    typed(edit_shell, CTRL("p") + CTRL("p") + CTRL("n"), "draft")
    edit_shell.sendline("history")
    edit_shell.expect_exact("    1  echo first\r\n    2  echo second\r\n"
                            "    3  echo first\r\n    4  echo draft\r\n"
                            "    5  history\r\n# ")
    edit_shell.sendline("history 2")
    edit_shell.expect_exact("\r\n    5  history\r\n    6  history 2\r\n# ")
    edit_shell.sendline("history -c")            # forgets 1..7
    edit_shell.expect_exact("# ")
    edit_shell.sendline("history")
    edit_shell.expect_exact("\r\n    8  history\r\n# ")
    edit_shell.sendline("history x")
    edit_shell.expect_exact("sh: history: usage: history [-c] [N]\r\n# ")


def test_editor_ctrl_l_redraws_the_prompt_and_line(edit_shell):
    edit_shell.send("echo redrawn" + LEFT + CTRL("l"))
    edit_shell.expect_exact("\x1b[H\x1b[2J# echo redrawn\b")
    typed(edit_shell, "", "redrawn")
    typed(edit_shell, CTRL("l") + "echo after", "after")


def test_editor_swallows_escape_sequences(edit_shell):
    unknown = ["\x1bOP", "\x1b[15~", "\x1b[1;5C", "\x1b[2~",
               "\x1b[200~", "\x1b[99;99Z", "\x1b[[A", "\x1bx", "\x1b\x1b[5~"]
    typed(edit_shell, "echo a" + "".join(unknown) + "b", "ab")
    # Control bytes that are not keys are not inserted either.
    typed(edit_shell, "echo a" + CTRL("g") + CTRL("o") + CTRL("t") + "b", "ab")
    # A control byte ends a sequence and counts as itself.
    edit_shell.send("echo cut\x1b[1")
    typed(edit_shell, "", "cut")


def test_editor_tab_completes_commands_and_paths(edit_shell, tmp_path):
    typed(edit_shell, "ech\t tabbed", "tabbed")          # $PATH
    edit_shell.send("histor\t")                             # a builtin
    edit_shell.expect_exact("histor" + "y ")
    edit_shell.send(CTRL("u"))
    typed(edit_shell, "echo be\t", "beta/")                # a folder
    typed(edit_shell, "echo beta/i\t", "beta/inner")
    typed(edit_shell, "echo ./beta/i\t", "./beta/inner")
    typed(edit_shell, "echo ~/be\t", "%s/beta/" % tmp_path)   # $HOME
    # Several candidates: the common beginning, then a list on a second Tab.
    edit_shell.send("echo al\t")
    edit_shell.expect_exact("echo alpha")
    edit_shell.send("\t\t")
    edit_shell.expect_exact("\r\nalpha1  alpha2\r\n# echo alpha")
    typed(edit_shell, "2", "alpha2")
    # A completion in the middle of a line goes in before the rest.
    typed(edit_shell, "echo x al2" + LEFT + "\t" + "\x05", "x alpha2")
    # No candidate: nothing happens.
    typed(edit_shell, "echo zz\t", "zz")


def test_editor_long_and_pasted_lines(edit_shell):
    long = "y" * 700
    typed(edit_shell, "echo " + long, long)
    edit_shell.send("echo one\recho two\recho three\r")
    edit_shell.expect_exact("\r\none\r\n")
    edit_shell.expect_exact("\r\ntwo\r\n")
    edit_shell.expect_exact("\r\nthree\r\n# ")


def test_history_without_a_terminal(env):
    """sh -i on a pipe has no editor but keeps the history; a script or
    sh -c keeps none."""
    r = subprocess.run([os.path.join(env["PATH"], "sh"), "-i"],
                       input="echo a\n\n  \necho a\nhistory\n",
                       capture_output=True, text=True, env=env,
                       timeout=TIMEOUT)
    assert "    1  echo a\n    2  history\n" in r.stdout
    assert sh(env, "echo a; history; history 1").stdout == "a\n"


def test_editor_leaves_programs_a_canonical_terminal(edit_shell):
    edit_shell.sendline("wc -l")
    edit_shell.expect_exact("wc -l\r\n")
    edit_shell.send("one\rtw" + BS + "wo\r")
    edit_shell.expect_exact("one\r\ntw\b \bwo\r\n")   # the terminal's echo
    edit_shell.sendeof()
    edit_shell.expect(r"\s2\r\n# ")
    # A program that leaves the terminal raw: the next one reads lines.
    stty = shutil.which("stty")
    if stty:
        edit_shell.sendline(stty + " -icanon -echo")
        edit_shell.expect_exact("# ")
        edit_shell.sendline("wc -l")
        edit_shell.expect_exact("wc -l\r\n")
        edit_shell.send("again\r")
        edit_shell.expect_exact("again\r\n")
        edit_shell.sendeof()
        edit_shell.expect(r"\s1\r\n# ")
    # ^C at the prompt: "^C", a fresh prompt, status 130.
    edit_shell.send("half a line")
    edit_shell.expect_exact("half a line")   # read (^C flushes unread input)
    edit_shell.sendintr()
    edit_shell.expect_exact("^C\r\n# ")
    typed(edit_shell, "echo $?", "130")


# ---- the utilities -----------------------------------------------------

def test_echo(env):
    assert sh(env, "echo -n a b; echo; echo -n; echo c").stdout == "a b\nc\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_echo_says_a_write_error_as_cat_does(env):
    cat = sh(env, "echo x | cat > /dev/full")
    echo = sh(env, "echo x > /dev/full")
    assert cat.returncode == 1 and echo.returncode == 1, (cat, echo)
    assert cat.stderr.startswith("cat: write error: "), cat.stderr
    assert echo.stderr == cat.stderr.replace("cat:", "echo:", 1), echo.stderr


def test_ls(env, tmp_path):
    for name in ["b", "a", "c", ".hidden"]:
        (tmp_path / name).write_text("12345")
    (tmp_path / "d").mkdir()
    r = sh(env, "ls; ls -a; ls -l a d; ls missing", cwd=str(tmp_path))
    lines = r.stdout.splitlines()
    assert lines[:4] == ["a", "b", "c", "d"]
    assert lines[4:11] == [".", "..", ".hidden", "a", "b", "c", "d"]
    assert re.match(r"-rw-r--r-- +1 +\S+ +\S+ +5 a$", lines[11])
    assert lines[12:] == ["", "d:"]
    assert r.stderr == "ls: missing: No such file or directory\n"
    assert r.returncode == 1
    r = sh(env, "ls -l /dev/null")
    assert re.match(r"crw-rw-rw- +1 +root +root +1, +3 /dev/null$", r.stdout)
    assert sh(env, "ls -x").returncode == 2


def test_ls_shows_owner_and_special_bits(env, tmp_path):
    import grp
    import pwd
    for name, mode in [("suid", 0o4755), ("sgid", 0o2644), ("sticky", 0o1777),
                       ("bigS", 0o4644), ("bigT", 0o1776)]:
        (tmp_path / name).write_text("")
        os.chmod(str(tmp_path / name), mode)
    r = sh(env, "ls -l", cwd=str(tmp_path))
    modes = {line.split()[-1]: line.split()[0]
             for line in r.stdout.splitlines()}
    assert modes == {"bigS": "-rwSr--r--", "bigT": "-rwxrwxrwT",
                     "sgid": "-rw-r-Sr--", "sticky": "-rwxrwxrwt",
                     "suid": "-rwsr-xr-x"}
    fields = r.stdout.splitlines()[0].split()
    try:
        user = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        user = str(os.getuid())
    try:
        group = grp.getgrgid(os.getgid()).gr_name
    except KeyError:
        group = str(os.getgid())
    assert fields[2:4] == [user, group]


def test_chmod_octal_and_symbolic(env, tmp_path):
    f = tmp_path / "f"
    f.write_text("")
    (tmp_path / "d").mkdir()
    steps = [("644", 0o644), ("u+x", 0o744), ("go-r", 0o700),
             ("a=r", 0o444), ("u+w,g+x", 0o654), ("+s", 0o6654),
             ("u-s", 0o2654), ("o+t", 0o3654), ("=", 0o0),
             ("a+X", 0o0), ("u=rwx,go=rx", 0o755), ("a+X", 0o755),
             ("4755", 0o4755), ("0", 0o0)]
    for mode, want in steps:
        r = sh(env, "chmod %s f" % mode, cwd=str(tmp_path))
        assert (r.returncode, r.stderr) == (0, ""), mode
        assert os.stat(str(f)).st_mode & 0o7777 == want, mode
    sh(env, "chmod 0 d; chmod a+X d", cwd=str(tmp_path))
    assert os.stat(str(tmp_path / "d")).st_mode & 0o7777 == 0o111
    for bad in ["8", "17777", "u+q", "z+x", "u", "u+x,", "9x"]:
        r = sh(env, "chmod %s f" % bad, cwd=str(tmp_path))
        assert r.returncode == 2 and "bad mode" in r.stderr, bad
    r = sh(env, "chmod 644 missing f", cwd=str(tmp_path))
    assert r.returncode == 1
    assert r.stderr == "chmod: missing: No such file or directory\n"
    assert sh(env, "chmod 644").returncode == 2


def test_umask_builtin(env, tmp_path):
    r = sh(env, "umask 027; umask; echo x > f; mkdir d; umask 0; umask; "
                "umask 1000; echo $?; umask x; echo $?", cwd=str(tmp_path))
    assert r.stdout.splitlines() == ["0027", "0000", "2", "2"]
    assert "umask: usage" in r.stderr
    assert os.stat(str(tmp_path / "f")).st_mode & 0o777 == 0o640
    assert os.stat(str(tmp_path / "d")).st_mode & 0o777 == 0o750


def test_chown_names_and_numbers(env, tmp_path):
    import grp
    import pwd
    f = tmp_path / "f"
    f.write_text("")
    uid, gid = os.getuid(), os.getgid()
    r = sh(env, "chown %d:%d f" % (uid, gid), cwd=str(tmp_path))
    assert (r.returncode, r.stderr) == (0, "")
    try:
        user = pwd.getpwuid(uid).pw_name
        group = grp.getgrgid(gid).gr_name
    except KeyError:
        user = group = None
    if user:
        r = sh(env, "chown %s:%s f; chown %s f; chown :%s f"
               % (user, group, user, group), cwd=str(tmp_path))
        assert (r.returncode, r.stderr) == (0, "")
    st = os.stat(str(f))
    assert (st.st_uid, st.st_gid) == (uid, gid)
    r = sh(env, "chown nosuchuser f", cwd=str(tmp_path))
    assert (r.returncode, r.stderr) == (1, "chown: nosuchuser: no such user\n")
    r = sh(env, "chown :nosuchgroup f", cwd=str(tmp_path))
    assert r.returncode == 1 and "no such group" in r.stderr
    r = sh(env, "chown %d missing" % uid, cwd=str(tmp_path))
    assert r.returncode == 1 and "chown: missing: " in r.stderr
    assert sh(env, "chown root").returncode == 2
    assert sh(env, "chown : f", cwd=str(tmp_path)).returncode == 2


def test_cat_wc_cp(env, tmp_path):
    r = sh(env, "echo 'one two' > f; echo three >> f; cat f - f < f; "
                "wc f; wc -l f f; wc -c < f; mkdir d; cp f d; cp f g; "
                "cat d/f g | wc -l; cp missing x", cwd=str(tmp_path))
    assert r.stdout.splitlines() == [
        "one two", "three", "one two", "three", "one two", "three",
        "      2       3      14 f",
        "      2 f", "      2 f", "      4 total",
        "     14", "      4"]
    assert r.stderr == "cp: missing: No such file or directory\n"


def test_mkdir_rm(env, tmp_path):
    r = sh(env, "mkdir -p a/b/c; mkdir -p a/b; mkdir a; echo $?; "
                "echo x > a/b/f; rm a; echo $?; rm -r a; ls; rm -f nothing; "
                "echo $?; rm nothing", cwd=str(tmp_path))
    assert r.stdout == "1\n1\n0\n"
    assert r.stderr == ("mkdir: a: File exists\nrm: a: Is a directory\n"
                        "rm: nothing: No such file or directory\n")


def test_rmdir(env, tmp_path):
    r = sh(env, "mkdir -p a/b/c d; echo x > d/f; rmdir a/b; echo $?; "
                "rmdir d; echo $?; rmdir -p a/b/c/; echo $?; ls; "
                "rmdir missing; echo $?; rmdir; echo $?",
           cwd=str(tmp_path))
    assert r.stdout == "1\n1\n0\nd\n1\n2\n"
    assert r.stderr == ("rmdir: a/b: Directory not empty\n"
                        "rmdir: d: Directory not empty\n"
                        "rmdir: missing: No such file or directory\n"
                        "usage: rmdir [-p] DIR...\n")


def test_kill_and_sleep(env):
    r = sh(env, "sleep 5 & kill -s USR1 $!; wait $!; echo $?; "
                "sleep 5 & kill -SIGUSR2 $!; wait $!; echo $?; "
                "sleep 5 & kill -9 $!; wait $!; echo $?; "
                "sleep 5 & kill -- $!; wait $!; echo $?; kill -BOGUS 1; "
                "echo $?; sleep 0.1; sleep x; echo $?")
    assert r.stdout.split() == ["138", "140", "137", "143", "2", "2"]
    assert "kill: BOGUS: unknown signal" in r.stderr
    assert "usage: sleep SECONDS" in r.stderr
    start = time.monotonic()
    sh(env, "sleep 0.25")
    assert 0.2 < time.monotonic() - start < 3


def test_env_true_false_pwd(env, tmp_path):
    r = sh(env, "env -i A=1 B=2 env; true; echo $?; /%s/false; echo $?; "
                "%s/pwd" % (env["PATH"], env["PATH"]), cwd=str(tmp_path))
    assert r.stdout == "A=1\nB=2\n0\n1\n%s\n" % tmp_path


def test_id_and_whoami_name_the_caller(env):
    import grp
    import pwd
    uid, gid = os.geteuid(), os.getegid()
    user, group = pwd.getpwuid(uid).pw_name, grp.getgrgid(gid).gr_name
    assert sh(env, "whoami").stdout == user + "\n"
    assert sh(env, "id -u; id -g; id -un; id -gn").stdout == \
        "%d\n%d\n%s\n%s\n" % (uid, gid, user, group)
    assert sh(env, "id").stdout.startswith(
        "uid=%d(%s) gid=%d(%s) groups=%d(%s)" % (uid, user, gid, group, gid,
                                                 group))
    r = sh(env, "id nosuchuser-phx")
    assert (r.returncode, r.stderr) == (1, "id: nosuchuser-phx: no such user\n")
    r = sh(env, "id -n")
    assert r.returncode == 2 and r.stderr.startswith("usage: id")


def test_su_needs_root_and_a_known_user(env):
    import pwd
    r = sh(env, "su nosuchuser-phx -c true")
    assert r.returncode == 1
    if os.geteuid() != 0:
        assert r.stderr == ("su: only root may switch users (no passwords "
                            "on this system)\n")
        return
    assert r.stderr == "su: unknown user nosuchuser-phx (not in /etc/passwd)\n"
    root = pwd.getpwuid(0)
    r = sh(env, "su root -c 'echo $USER $LOGNAME $HOME; exit 3'")
    assert r.returncode == 3
    assert r.stdout == "root root %s\n" % root.pw_dir


def test_phoenix_only_utilities_refuse_on_the_host(env):
    for name in ["ps", "uptime", "dmesg", "poweroff", "reboot"]:
        r = sh(env, name)
        assert r.returncode == 1
        assert r.stderr.startswith(name + ": ")


# ---- usertests -----------------------------------------------------------

def test_usertests_lists_and_rejects_unknown_names(bindir):
    exe = os.path.join(bindir, "usertests")
    names = subprocess.run([exe, "-l"], capture_output=True, text=True,
                           timeout=TIMEOUT).stdout.split()
    assert len(names) >= 40 and len(set(names)) == len(names)
    r = subprocess.run([exe, "nosuchtest"], capture_output=True, text=True,
                       timeout=TIMEOUT)
    assert r.returncode == 2


def test_usertests_pass_on_the_host(bindir, tmp_path):
    """Every host-portable test passes: one line per test, then the
    summary."""
    exe = os.path.join(bindir, "usertests")
    names = subprocess.run([exe, "-l"], capture_output=True, text=True,
                           timeout=TIMEOUT).stdout.split()
    r = subprocess.run([exe], capture_output=True, text=True,
                       cwd=str(tmp_path), timeout=120)
    result = suite.parse(r.stdout, "usertests", r.returncode).check()
    assert result.names == names
    assert r.stdout.endswith("ALL TESTS PASSED\n")


def test_usertests_runs_one_test_by_name(bindir):
    exe = os.path.join(bindir, "usertests")
    r = subprocess.run([exe, "fork_exit", "pipe_basic"], capture_output=True,
                       text=True, timeout=TIMEOUT)
    assert r.stdout == ("test fork_exit: OK\ntest pipe_basic: OK\n"
                        "ALL TESTS PASSED\n")


def test_date_prints_the_wall_clock_in_utc(env):
    """date: the host's time() as a UTC date and as seconds (+%s); the two
    agree with the host's own clock to within a day (no timing threshold:
    only that the conversion is the calendar's)."""
    r = sh(env, "date +%s; date")
    assert r.returncode == 0, r.stderr
    secs, line = r.stdout.splitlines()
    assert abs(int(secs) - time.time()) < 86400
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", line), line
    start = time.strftime("%Y-%m-%d", time.gmtime(int(secs)))
    later = time.strftime("%Y-%m-%d", time.gmtime(int(secs) + 86400))
    assert line[:10] in (start, later), line
    r = sh(env, "date -u")
    assert (r.returncode, r.stderr) == (2, "usage: date [+%s]\n")
