#!/usr/bin/env python3
"""Slow trickles: `--peers` connections that each send one byte every `--every` seconds
(never a whole line), straight to the app and through the mesh, for `--duration` seconds.
Each byte resets an idle timer, so only a lifetime (or a minimum rate) ends them. Prints how
many the engine has closed as time goes by, and the engine's descriptors.

    scripts/abuse/trickle.py [--binary B] [--peers 50] [--every 20] [--duration 700]
"""

import argparse
import socket
import time

import engine as e

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=e.DEFAULT_BINARY)
parser.add_argument("--peers", type=int, default=50)
parser.add_argument("--every", type=float, default=20)
parser.add_argument("--duration", type=float, default=700)
args = parser.parse_args()
e.raise_nofile()

with e.Engine(args.binary) as engine:
    time.sleep(0.5)
    base = engine.descriptors()
    peers = []
    for path in ("direct", "mesh"):
        for _ in range(args.peers):
            s = socket.create_connection(("127.0.0.1", engine.ports[path]))
            if path == "mesh":
                s.sendall(engine.payloads["mesh"].split("\n")[0].encode() + b"\n")
            s.setblocking(False)
            peers.append((path, s))
    held = engine.descriptors()
    began = time.time()
    closed_at = {}
    next_send = began
    while time.time() - began < args.duration and len(closed_at) < len(peers):
        now = time.time()
        for i, (path, s) in enumerate(peers):
            if i in closed_at:
                continue
            try:
                if s.recv(4096) == b"":
                    closed_at[i] = now - began
                    continue
            except BlockingIOError:
                pass
            except OSError:
                closed_at[i] = now - began
                continue
            if now >= next_send:
                try:
                    s.send(b"x")
                except OSError:
                    closed_at[i] = now - began
        if now >= next_send:
            next_send = now + args.every
            e.log(f"  {now - began:5.0f} s: {len(closed_at)}/{len(peers)} closed by the engine, descriptors {engine.descriptors()}")
        time.sleep(0.2)
    times = sorted(closed_at.values())
    e.log(
        f"RESULT trickle {args.peers}+{args.peers} (1 byte / {args.every:.0f} s, {args.duration:.0f} s): descriptors {base} -> {held} with them; "
        f"{len(closed_at)}/{len(peers)} closed by the engine"
        + (f" (first after {times[0]:.0f} s, last after {times[-1]:.0f} s)" if times else "")
        + f"; descriptors at the end {engine.descriptors()}"
    )
