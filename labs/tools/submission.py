"""A submission is data: what the grader takes from it, and the checks of
what the compiler made of it (labs/tools/labkit.py uses these).

``collect(submission, spec)`` takes only the files the lab names
(lab.json ``"submission": {"files": [...], "max_bytes": N}``): regular
files, not symbolic links, at most N bytes each, read without following
links. Everything else in the submission is listed as ignored, never
opened. The files may sit in the submission's top folder or in the one
folder under it that holds the first of them (an upload may nest them).

``outside_files(build_dir, allowed)`` and ``asm_directives(build_dir)``
read what the compiler left with ``-save-temps`` (``*.i``, ``*.s``): every
file the preprocessor read must lie in an allowed folder, and no
assembler directive may read a file (``.incbin``, ``.include``).

``filter_log(text, staged, allowed)`` is the build log a student may see:
lines about files outside their submission (and the source lines the
compiler quotes after them) are removed, and the staged folder's path is
cut from file names.
"""

import os
import re
import shutil
import stat

MAX_WALK = 20000          # entries looked at in a submission, at most
MAX_LISTED = 40           # ignored entries named in the output, at most

ASM_FILE_DIRECTIVE = re.compile(r"^\s*\.(incbin|include)\b", re.M | re.I)
LINE_MARKER = re.compile(r'^# \d+ "((?:[^"\\]|\\.)*)"', re.M)
ABS_PATH = re.compile(r"(?<![\w.])/(?:[\w.+-]+/)*[\w.+-]+")


class Collected:
    """What collect() took: FILES {name: bytes}, the FOLDER they came from
    (relative to the submission, "." for its top), IGNORED (relative
    paths, at most MAX_LISTED, and IGNORED_MORE how many more), MISSING
    names, and PROBLEMS (messages for the student: a refused file)."""

    def __init__(self):
        self.files = {}
        self.folder = "."
        self.ignored = []
        self.ignored_more = 0
        self.missing = []
        self.problems = []

    def write(self, dst):
        """Write the files taken into the folder DST (made new)."""
        if os.path.exists(dst):
            shutil.rmtree(dst)
        os.makedirs(dst)
        for name, data in self.files.items():
            with open(os.path.join(dst, name), "wb") as f:
                f.write(data)

    def ignored_text(self):
        """One line naming the ignored entries ("" when none)."""
        if not self.ignored:
            return ""
        more = " and %d more" % self.ignored_more if self.ignored_more \
            else ""
        return ("Ignored (the grader takes only %s): %s%s"
                % (", ".join(sorted(self.files) + self.missing),
                   ", ".join(self.ignored), more))


def _walk(top):
    """(relative path, lstat) of the entries under TOP, links not
    followed, at most MAX_WALK."""
    seen = 0
    stack = [""]
    while stack and seen < MAX_WALK:
        rel = stack.pop()
        try:
            names = sorted(os.listdir(os.path.join(top, rel)))
        except OSError:
            continue
        for name in names:
            path = os.path.join(rel, name) if rel else name
            try:
                st = os.lstat(os.path.join(top, path))
            except OSError:
                continue
            seen += 1
            yield path, st
            if stat.S_ISDIR(st.st_mode):
                stack.append(path)
            if seen >= MAX_WALK:
                return


def _folder(submission, names):
    """The folder of SUBMISSION (relative) that holds the named files:
    the top when it holds one of them, else the one folder below holding
    NAMES[0]. Returns (folder, problem or None)."""
    if any(os.path.lexists(os.path.join(submission, n)) for n in names):
        return ".", None
    hits = sorted(os.path.dirname(p) for p, _ in _walk(submission)
                  if os.path.basename(p) == names[0])
    if len(hits) > 1:
        return ".", ("several folders hold %s (%s): submit one"
                     % (names[0], ", ".join(hits[:5])))
    return (hits[0] if hits else "."), None


def _read(path, limit):
    """At most LIMIT + 1 bytes of the regular file PATH, opened without
    following a link."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        chunks, got = [], 0
        while got <= limit:
            data = os.read(fd, min(65536, limit + 1 - got))
            if not data:
                break
            chunks.append(data)
            got += len(data)
        return b"".join(chunks)
    finally:
        os.close(fd)


def collect(submission, spec):
    """Take SPEC's files (lab.json "submission") from the folder
    SUBMISSION; see the module docstring. Returns a Collected."""
    names = list(spec["files"])
    limit = int(spec.get("max_bytes", 256 << 10))
    c = Collected()
    c.folder, problem = _folder(submission, names)
    if problem:
        c.problems.append(problem)
    base = os.path.normpath(os.path.join(submission, c.folder))
    for name in names:
        path = os.path.join(base, name)
        try:
            st = os.lstat(path)
        except OSError:
            c.missing.append(name)
            continue
        if stat.S_ISLNK(st.st_mode):
            c.problems.append("%s is a symbolic link: submit the file "
                              "itself" % name)
        elif not stat.S_ISREG(st.st_mode):
            c.problems.append("%s is not a regular file" % name)
        elif st.st_size > limit:
            c.problems.append("%s is %d bytes: at most %d are taken"
                              % (name, st.st_size, limit))
        else:
            try:
                data = _read(path, limit)
            except OSError as e:
                c.problems.append("%s cannot be read: %s" % (name,
                                                             e.strerror))
                continue
            if len(data) > limit:
                c.problems.append("%s is more than %d bytes" % (name, limit))
                continue
            c.files[name] = data
    taken = {os.path.normpath(os.path.join(c.folder, n)) for n in names}
    for rel, st in _walk(submission):
        if stat.S_ISDIR(st.st_mode) or os.path.normpath(rel) in taken:
            continue
        if len(c.ignored) < MAX_LISTED:
            c.ignored.append(rel + ("@" if stat.S_ISLNK(st.st_mode)
                                    else ""))
        else:
            c.ignored_more += 1
    return c


def _temps(build_dir, suffix):
    for dirpath, _, files in os.walk(build_dir):
        for name in sorted(files):
            if name.endswith(suffix):
                yield os.path.join(dirpath, name)


def _text(path, limit=64 << 20):
    try:
        return _read(path, limit).decode("utf-8", "replace")
    except OSError:
        return ""


def _inside(path, folders):
    return any(path == f or path.startswith(f.rstrip("/") + "/")
               for f in folders)


def outside_files(build_dir, cwd, allowed):
    """The files the preprocessor read (line markers of every ``*.i``
    under BUILD_DIR; relative names are relative to CWD) that lie outside
    every folder of ALLOWED, as {path: source file}."""
    bad = {}
    for i_file in _temps(build_dir, ".i"):
        source = os.path.basename(i_file)[:-2]
        for m in LINE_MARKER.finditer(_text(i_file)):
            name = m.group(1)
            if name.startswith("<") and name.endswith(">"):
                continue              # <built-in>, <command-line>
            path = os.path.normpath(os.path.join(cwd, name))
            if not _inside(path, allowed):
                bad.setdefault(path, source)
    return bad


def asm_directives(build_dir):
    """Assembler directives that read a file, found in the ``*.s`` the
    compiler made: [(source file, directive line)]."""
    found = []
    for s_file in _temps(build_dir, ".s"):
        for m in ASM_FILE_DIRECTIVE.finditer(_text(s_file)):
            line = _text(s_file)[m.start():].split("\n", 1)[0].strip()
            found.append((os.path.basename(s_file)[:-2], line[:120]))
    return found


def filter_log(text, staged, allowed):
    """TEXT (a build log) as the student may see it: see the module
    docstring. ALLOWED: folders whose paths may show (the SDK's headers)."""
    out = []
    hiding = False
    staged = staged.rstrip("/") + "/"
    for line in text.splitlines():
        paths = [p for p in ABS_PATH.findall(line)
                 if not p.startswith(staged) and not _inside(p, allowed)]
        if paths:
            out.append("[a line about a file outside your submission was "
                       "removed]")
            hiding = True
            continue
        if hiding and (line.startswith(" ") or line.startswith("\t")):
            continue                  # the quoted source after it
        hiding = False
        out.append(line.replace(staged, ""))
    return "\n".join(out)
