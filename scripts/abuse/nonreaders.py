#!/usr/bin/env python3
"""Peers that send lines and never read a reply: each writes until the engine stops taking
its bytes (backpressure), then sits. Prints the engine's RSS with them connected and after
they have gone, and whether probes on the side still answer.

    scripts/abuse/nonreaders.py [--binary B] [--path direct|mesh] [--peers 200] [--hold 5]
"""

import argparse
import socket
import time

import engine as e

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=e.DEFAULT_BINARY)
parser.add_argument("--path", default="direct", choices=["direct", "mesh"])
parser.add_argument("--peers", type=int, default=200)
parser.add_argument("--hold", type=float, default=5, help="seconds the stuck peers stay connected")
args = parser.parse_args()
e.raise_nofile()

LINE = b"x" * 1024 + b"\n"
CHUNK = LINE * 64

with e.Engine(args.binary) as engine:
    time.sleep(0.5)
    start_rss = engine.rss_mb()
    start_fds = engine.descriptors()
    peers = []
    for _ in range(args.peers):
        s = socket.create_connection(("127.0.0.1", engine.ports[args.path]))
        if args.path == "mesh":
            s.sendall(engine.payloads["mesh"].split("\n")[0].encode() + b"\n")
        s.setblocking(False)
        peers.append(s)
    # Write until nobody takes more (each peer's bytes stop at the engine's backpressure).
    sent = 0
    quiet_rounds = 0
    began = time.time()
    while quiet_rounds < 20 and time.time() - began < 120:
        moved = 0
        for s in peers:
            try:
                n = s.send(CHUNK)
                moved += n
            except BlockingIOError:
                pass
        sent += moved
        quiet_rounds = quiet_rounds + 1 if moved == 0 else 0
        time.sleep(0.05 if moved == 0 else 0)
    time.sleep(args.hold)
    held_rss = engine.rss_mb()
    held_fds = engine.descriptors()
    ok, first = e.side_probes(engine, 10)
    for s in peers:
        s.close()
    time.sleep(3)
    after_rss = engine.rss_mb()
    after_fds = engine.descriptors()
    e.log(
        f"RESULT nonreaders {args.path} x{args.peers}: sent {sent / 1e6:.0f} MB before backpressure; "
        f"RSS {start_rss:.0f} -> {held_rss:.0f} MB held ({(held_rss - start_rss) * 1024 / args.peers:.0f} KB/peer), "
        f"{after_rss:.0f} MB after they left; descriptors {start_fds} -> {held_fds} -> {after_fds}; "
        f"side probes {ok}/10{'' if first is None else ' first failure ' + first}; engine {'alive' if engine.alive else 'DEAD'}"
    )
