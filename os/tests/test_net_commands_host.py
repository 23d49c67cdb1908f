"""The network commands (os/commands/httpd, wget, nc, ping, ifconfig) are
plain POSIX socket programs: compiled with the host's gcc, as
test_userland_host.py does, they run here over the host's own TCP/IP on
127.0.0.1, before the guest's network server exists: httpd serves a
folder (200 with the file byte for byte, index.html of a directory, 404,
403 for "..", 400), wget downloads (to a file, to stdout, errors leave no
file, a refused connection, bad URLs), nc connects and listens and copies
both ways. ifconfig is Phoenix only. No emulator; each server is started
on a free port and waited for by the line it prints once it listens."""

import os
import socket
import subprocess

import pytest

from harness.hostbuild import command
from harness.machine import ROOT

COMMANDS = os.path.join(ROOT, "os", "commands")
NAMES = ["httpd", "wget", "nc", "ping", "ifconfig"]
CFLAGS = ["-std=gnu11", "-D_GNU_SOURCE", "-O1", "-g"]
TIMEOUT = 30


@pytest.fixture(scope="module")
def bindir(tmp_path_factory):
    out = tmp_path_factory.mktemp("net-bin")
    for name in NAMES:
        folder = os.path.join(COMMANDS, name)
        srcs = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                      if f.endswith(".c"))
        r = subprocess.run(command(srcs, out / name, CFLAGS,
                                   os_headers=False),
                           capture_output=True, text=True)
        assert r.returncode == 0, name + ":\n" + r.stdout + r.stderr
    return str(out)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(bindir, name, *args, **kw):
    return subprocess.run([os.path.join(bindir, name)] + list(args),
                          capture_output=True, timeout=TIMEOUT, **kw)


@pytest.fixture
def httpd(bindir, tmp_path):
    """httpd serving tmp_path/www on a free port: (port, www, process)."""
    www = tmp_path / "www"
    (www / "sub").mkdir(parents=True)
    port = free_port()
    p = subprocess.Popen([os.path.join(bindir, "httpd"), str(port),
                          str(www)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    assert line == "httpd: serving %s on port %d\n" % (www, port), \
        line + p.stderr.read()
    yield port, www, p
    p.kill()
    p.wait()


def test_wget_downloads_what_httpd_serves(bindir, httpd, tmp_path):
    port, www, server = httpd
    data = os.urandom(1 << 20)
    (www / "big.bin").write_bytes(data)
    (www / "sub" / "index.html").write_text("<p>hi</p>\n")
    r = run(bindir, "wget", "http://127.0.0.1:%d/big.bin" % port,
            cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "big.bin").read_bytes() == data
    assert r.stderr == b"wget: saved big.bin (1048576 bytes)\n"
    # A directory serves its index.html; -O - writes to stdout; -q.
    r = run(bindir, "wget", "-q", "-O", "-",
            "http://localhost:%d/sub/" % port)
    assert (r.returncode, r.stdout, r.stderr) == (0, b"<p>hi</p>\n", b"")
    r = run(bindir, "wget", "-O", str(tmp_path / "x.html"),
            "127.0.0.1:%d/sub" % port)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "x.html").read_text() == "<p>hi</p>\n"
    # Errors: nothing is saved.
    r = run(bindir, "wget", "http://127.0.0.1:%d/nope.txt" % port,
            cwd=str(tmp_path))
    assert r.returncode == 1
    assert r.stderr == ("wget: http://127.0.0.1:%d/nope.txt: 404 Not Found\n"
                        % port).encode()
    assert not (tmp_path / "nope.txt").exists()
    r = run(bindir, "wget", "-O", "-",
            "http://127.0.0.1:%d/../../etc/passwd" % port)
    assert r.returncode == 1 and b"403 Forbidden" in r.stderr
    assert r.stdout == b""
    server.kill()
    server.wait()
    log = server.stdout.read()
    assert "httpd: GET /big.bin 200 1048576\n" in log
    assert "httpd: GET /nope.txt 404 0\n" in log


def test_httpd_answers_bad_requests(httpd):
    port, www, _ = httpd
    (www / "f.txt").write_text("abc")
    for request, status in [(b"GET /f.txt HTTP/1.0\r\n\r\n", b"200 OK"),
                            (b"HEAD /f.txt HTTP/1.0\r\n\r\n", b"200 OK"),
                            (b"POST /f.txt HTTP/1.0\r\n\r\n", b"501"),
                            (b"nonsense\r\n\r\n", b"400"),
                            (b"GET /%zz HTTP/1.0\r\n\r\n", b"400"),
                            (b"GET /f.txt?x=1 HTTP/1.1\r\n\r\n", b"200 OK")]:
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(request)
            answer = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 " + status), (request, answer)
        if status == b"200 OK":
            assert b"Content-Length: 3\r\n" in answer
            assert answer.endswith(b"\r\n\r\nabc") != \
                request.startswith(b"HEAD")


def test_wget_errors(bindir, tmp_path):
    port = free_port()                   # nobody listens there
    r = run(bindir, "wget", "http://127.0.0.1:%d/x" % port,
            cwd=str(tmp_path))
    assert r.returncode == 1
    assert r.stderr == ("wget: 127.0.0.1:%d: Connection refused\n"
                        % port).encode()
    assert os.listdir(tmp_path) == []
    for url in ("ftp://host/x", "http://", "http://h:0/", "http://h:99999/"):
        r = run(bindir, "wget", url)
        assert r.returncode == 2, url
    assert run(bindir, "wget").returncode == 2
    r = run(bindir, "wget", "http://no-such-host.invalid/")
    assert r.returncode == 1 and b"Unknown host" in r.stderr


def test_nc_listens_and_connects(bindir):
    port = free_port()
    server = subprocess.Popen([os.path.join(bindir, "nc"), "-v", "-l",
                               str(port)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = server.stderr.readline()
    assert line == b"nc: listening on port %d\n" % port
    client = run(bindir, "nc", "127.0.0.1", str(port),
                 input=b"from the client\n" * 1000)
    out, err = server.communicate(b"", timeout=TIMEOUT)
    assert server.returncode == 0, err
    assert out == b"from the client\n" * 1000
    assert client.returncode == 0, client.stderr
    # The other way: the server's input reaches the client.
    server = subprocess.Popen([os.path.join(bindir, "nc"), "-v", "-l",
                               str(port)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert server.stderr.readline() == b"nc: listening on port %d\n" % port
    server.stdin.write(b"from the server\n")
    server.stdin.close()
    client = run(bindir, "nc", "-v", "localhost", str(port), input=b"")
    assert client.returncode == 0, client.stderr
    assert client.stdout == b"from the server\n"
    assert client.stderr == b"nc: connected to 127.0.0.1 port %d\n" % port
    assert server.wait(timeout=TIMEOUT) == 0
    r = run(bindir, "nc", "127.0.0.1", str(free_port()))
    assert r.returncode == 1 and b"Connection refused" in r.stderr
    assert run(bindir, "nc", "-l").returncode == 2
    assert run(bindir, "nc", "h", "0").returncode == 2


def test_ping_and_ifconfig_arguments(bindir):
    assert run(bindir, "ping").returncode == 2
    assert run(bindir, "ping", "-c", "0", "127.0.0.1").returncode == 2
    assert run(bindir, "ping", "-x", "127.0.0.1").returncode == 2
    r = run(bindir, "ping", "-c", "1", "no-such-host.invalid")
    assert r.returncode == 2 and b"Unknown host" in r.stderr
    r = run(bindir, "ifconfig")
    assert r.returncode == 1 and b"(Phoenix only)" in r.stderr
