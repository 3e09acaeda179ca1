"""What every attack client here shares: start `meshdeck-bench serve` (any build of it, so a
before and an after binary are measured alike), find the engine's 127.0.0.1 ports, read the
engine process's memory and descriptors from /proc, speak the tunnel's frames, and probe the
mesh on the side to see whether it still answers.

Nothing here knows the engine's internals beyond what the wire shows: `serve` prints the app's
port (`direct`) and the curl pod's outbound sidecar (`mesh`); the inbound sidecar of tcp-echo,
which tunnel peers dial, is found as the listening port the outbound sidecar's tunnel connects
to after one probe (read from /proc/net/tcp).
"""

import os
import signal
import socket
import ssl
import struct
import subprocess
import sys
import time

DEFAULT_BINARY = os.environ.get("MESHDECK_BENCH", ".build/release/meshdeck-bench")

# Tunnel frames (Sources/ConnectionEngine/Tunnel/TunnelFrame.swift): kind(1) stream(4) length(4).
OPEN, DATA, FIN, RST, WINDOW = 1, 2, 3, 4, 5


def frame(kind, stream, payload=b""):
    return struct.pack(">BII", kind, stream, len(payload)) + payload


def open_frame(stream, connection=1, target_port=9000, destination="10.0.0.1:9000"):
    return frame(OPEN, stream, struct.pack(">QH", connection, target_port) + destination.encode())


def window_frame(stream, increment):
    return frame(WINDOW, stream, struct.pack(">I", increment))


def tunnel_preamble(identity="curl/curl"):
    """The tunnel's marker. The identity is not in the bytes any more: it is the certificate the
    connection presents (`Engine.tunnel_socket`); `identity` is kept for the callers' sake."""
    return b"MDK-TUNL\n"


def read_frames(sock, timeout=2.0):
    """Frames until the peer closes or `timeout` passes without a byte: [(kind, stream, payload)]."""
    sock.settimeout(timeout)
    data = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    frames = []
    while len(data) >= 9:
        kind, stream, length = struct.unpack(">BII", data[:9])
        if len(data) < 9 + length:
            break
        frames.append((kind, stream, data[9 : 9 + length]))
        data = data[9 + length :]
    return frames


class Engine:
    """A running `meshdeck-bench serve`: its pid and ports. Use as a context manager."""

    def __init__(self, binary=DEFAULT_BINARY, threads=None, nofile=None):
        self.binary = binary
        self.threads = threads
        self.nofile = nofile
        self.proc = None
        self.ports = {}
        self.payloads = {}

    def __enter__(self):
        args = [self.binary, "serve"] + ([str(self.threads)] if self.threads else [])
        env = dict(os.environ, SWIFT_BACKTRACE="enable=no")

        def limit():
            if self.nofile:
                import resource

                resource.setrlimit(resource.RLIMIT_NOFILE, (self.nofile, self.nofile))

        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, preexec_fn=limit
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"{self.binary} serve exited with {self.proc.wait()}")
            name, port, payload = line.rstrip("\n").split(" ", 2)
            if name == "certs":
                self.cert_dir = payload
                continue
            self.ports[name] = int(port)
            self.payloads[name] = payload.replace("\\n", "\n")
            if name == "mesh-worker":
                break
        self.pid = self.proc.pid
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def tunnel_socket(self, port, identity="curl/curl", timeout=None):
        """A connection to an inbound sidecar as `identity` (`ns/sa`) would make it: mutual TLS 1.3
        with the mesh certificate `serve` wrote for it (curl/curl, attacker/flood, attacker/aN), so
        what is written next reaches the tunnel parser. The server's certificate is not checked:
        this is the attacker's side."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.minimum_version = ssl.TLSVersion.TLSv1_3
        context.load_cert_chain(os.path.join(self.cert_dir, identity.replace("/", "_") + ".pem"))
        raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        return context.wrap_socket(raw)

    @property
    def alive(self):
        return self.proc.poll() is None

    @property
    def exit_status(self):
        return self.proc.poll()

    # -- what the engine holds ------------------------------------------------------------

    def rss_mb(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def descriptors(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def _socket_inodes(self):
        inodes = set()
        for fd in os.listdir(f"/proc/{self.pid}/fd"):
            try:
                target = os.readlink(f"/proc/{self.pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
        return inodes

    def tcp_rows(self):
        """(state, local port, remote port) of every TCP socket the engine process holds."""
        inodes = self._socket_inodes()
        rows = []
        with open("/proc/net/tcp") as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[9] in inodes:
                    local = int(fields[1].split(":")[1], 16)
                    remote = int(fields[2].split(":")[1], 16)
                    rows.append((fields[3], local, remote))
        return rows

    def states(self):
        """How many of the engine's sockets are in each TCP state (CLOSE-WAIT is 08)."""
        names = {"01": "ESTABLISHED", "06": "TIME_WAIT", "08": "CLOSE_WAIT", "0A": "LISTEN", "07": "CLOSE"}
        counts = {}
        for state, _, _ in self.tcp_rows():
            counts[names.get(state, state)] = counts.get(names.get(state, state), 0) + 1
        return counts

    def inbound_port(self):
        """tcp-echo's inbound sidecar in the `mesh` engine: the listener its tunnel dials."""
        if "inbound" in self.ports:
            return self.ports["inbound"]
        if probe(self, timeout=5) != "ok":
            raise RuntimeError("the mesh does not answer a probe")
        listening = {local for state, local, _ in self.tcp_rows() if state == "0A"}
        known = set(self.ports.values())
        for state, _, remote in self.tcp_rows():
            if state == "01" and remote in listening and remote not in known:
                self.ports["inbound"] = remote
                return remote
        raise RuntimeError("no tunnel found after a probe")


def probe(engine, path="mesh", timeout=2.0, message="hello"):
    """One `echo hello | nc` through the mesh: 'ok', or what went wrong."""
    payload = engine.payloads[path].replace("hello", message)
    expect = f"echo response: {message}\n".encode()
    try:
        with socket.create_connection(("127.0.0.1", engine.ports[path]), timeout=timeout) as s:
            s.sendall((payload + "\n").encode())
            s.shutdown(socket.SHUT_WR)
            reply = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                reply += chunk
        return "ok" if reply == expect else f"reply {reply[:60]!r}"
    except OSError as e:
        return f"{type(e).__name__}: {e}"


def side_probes(engine, count=20, timeout=2.0):
    """`count` probes one after another: how many answered, and the first failure."""
    ok, first = 0, None
    for _ in range(count):
        r = probe(engine, timeout=timeout)
        if r == "ok":
            ok += 1
        elif first is None:
            first = r
    return ok, first


def raise_nofile():
    """Our own soft descriptor limit up to the hard one, so the attacker runs out last."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def log(*parts):
    print(*parts, flush=True)
    sys.stdout.flush()
