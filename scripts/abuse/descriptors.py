#!/usr/bin/env python3
"""Running short of descriptors: `serve` with a low `ulimit -n` (--limit), flooded with
connections that each hold the engine's descriptors (one on the app port, three through the
mesh), until the flood has twice the limit or the engine refuses. Prints how many the engine
took, whether new connections were refused at once (closed) or left hanging, whether the
connection it already had still answers, the engine's descriptors and CPU, and whether it
serves again once the flood is gone.

    scripts/abuse/descriptors.py [--binary B] [--path direct|mesh] [--limit 400]
"""

import argparse
import os
import socket
import time

import engine as e

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=e.DEFAULT_BINARY)
parser.add_argument("--path", default="direct", choices=["direct", "mesh"])
parser.add_argument("--limit", type=int, default=400)
args = parser.parse_args()
e.raise_nofile()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


with e.Engine(args.binary, nofile=args.limit) as engine:
    port = engine.ports[args.path]
    header = engine.payloads[args.path].split("\n")[0] + "\n" if args.path == "mesh" else ""

    def connect(timeout=2):
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        s.sendall(header.encode())
        return s

    def echoes(s, text):
        try:
            s.sendall(f"{text}\n".encode())
        except OSError as error:
            return f"reset ({error.strerror})"
        got = b""
        try:
            while not got.endswith(b"\n"):
                chunk = s.recv(4096)
                if not chunk:
                    return "closed"
                got += chunk
        except socket.timeout:
            return "no answer"
        except OSError as error:  # a refusal may arrive as a reset
            return f"reset ({error.strerror})"
        return "ok" if got == f"echo response: {text}\n".encode() else f"reply {got!r}"

    keeper = connect()
    kept = echoes(keeper, "kept")
    flood, refused, most = [], None, 0
    cpu0 = cpu_seconds(engine.pid)
    for i in range(args.limit * 2):
        try:
            flood.append(connect())
            flood[-1].sendall(b"f\n")
        except OSError as error:
            refused = f"connect failed after {len(flood)}: {error}"
            break
        most = max(most, engine.descriptors())
        if i % 10 == 9:
            verdict = echoes(connect(timeout=2), "p")
            if verdict != "ok":
                refused = f"a new connection after {len(flood)}: {verdict}"
                break
    time.sleep(2)
    most = max(most, engine.descriptors() if engine.alive else 0)
    spin = (cpu_seconds(engine.pid) - cpu0) if engine.alive else 0
    still = echoes(keeper, "still") if engine.alive else "engine dead"
    alive = engine.alive
    for s in flood:
        s.close()
    back = "engine dead"
    if engine.alive:
        back = "no"
        for _ in range(50):
            time.sleep(0.2)
            try:
                if echoes(connect(), "back") == "ok":
                    back = "yes"
                    break
            except OSError:
                pass
    e.log(
        f"RESULT descriptors {args.path} (ulimit -n {args.limit}): took {len(flood)} flood connections; "
        f"refused: {refused or 'never'}; at most {most} descriptors; CPU {spin:.1f} s during the flood; "
        f"the kept connection: {kept} then {still}; engine {'alive' if alive else 'DEAD'}; serves again: {back}"
    )
