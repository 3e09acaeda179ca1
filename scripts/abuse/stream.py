#!/usr/bin/env python3
"""A well-behaved streaming client: sends 1 KiB lines and reads every reply, for a while or
for a number of bytes, straight to the echo app (`direct`) or through the mesh (`mesh`).
Prints the engine's RSS as it goes; the engine should stay flat whatever is carried.

    scripts/abuse/stream.py [--binary B] [--path direct|mesh] [--seconds 20] [--megabytes 0]

Four lines per write, each write ending one byte short of its last newline (which opens the
next write), as a client that writes a separator before each item does; it waits for the
replies to a write's complete lines before the next. TCP keeps no write boundaries, but a
reader that keeps up reads one write at a time, so every read the app makes ends mid-line.
"""

import argparse
import socket
import time

import engine as e

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=e.DEFAULT_BINARY)
parser.add_argument("--path", default="direct", choices=["direct", "mesh"])
parser.add_argument("--seconds", type=float, default=20)
parser.add_argument("--megabytes", type=float, default=0, help="stop after carrying this much (0: time only)")
args = parser.parse_args()

TEXT = b"x" * 1024
REPLY = len(b"echo response: ") + len(TEXT) + 1
FIRST = (TEXT + b"\n") * 3 + TEXT  # three replies, one line left open
BATCH = (b"\n" + TEXT) * 4  # closes the open line, three more, leaves one open: four replies

with e.Engine(args.binary) as engine:
    time.sleep(0.5)
    start_rss = engine.rss_mb()
    s = socket.create_connection(("127.0.0.1", engine.ports[args.path]))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.settimeout(10)
    if args.path == "mesh":
        s.sendall(engine.payloads["mesh"].split("\n")[0].encode() + b"\n")

    def exchange(data, replies):
        s.sendall(data)
        want = replies * REPLY
        got = 0
        while got < want:
            chunk = s.recv(want - got)
            if not chunk:
                raise RuntimeError("the engine closed the connection")
            got += len(chunk)
        return len(data)

    e.log(f"{args.binary}: {args.path}, RSS at start {start_rss:.0f} MB")
    began = time.time()
    sent = exchange(FIRST, 3)
    next_report = began
    peak = start_rss
    error = None
    try:
        while True:
            now = time.time()
            if now - began > args.seconds or (args.megabytes and sent >= args.megabytes * 1e6):
                break
            sent += exchange(BATCH, 4)
            if now >= next_report:
                rss = engine.rss_mb()
                peak = max(peak, rss)
                e.log(f"  {now - began:5.1f} s  carried {sent / 1e6:8.0f} MB  RSS {rss:7.0f} MB")
                next_report = now + 2
    except (OSError, RuntimeError) as failure:
        error = failure
    elapsed = time.time() - began
    rss = engine.rss_mb()
    peak = max(peak, rss)
    s.close()
    time.sleep(1)
    after = engine.rss_mb()
    e.log(
        f"RESULT stream {args.path}: carried {sent / 1e6:.0f} MB in {elapsed:.0f} s ({sent / 1e6 / elapsed:.0f} MB/s), "
        f"RSS {start_rss:.0f} -> peak {peak:.0f} MB, {after:.0f} MB after close, "
        f"engine {'alive' if engine.alive else 'DEAD'}{'' if error is None else f', client: {error}'}"
    )
