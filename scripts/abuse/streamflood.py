#!/usr/bin/env python3
"""A stream flood: `--sockets` tunnel connections to tcp-echo's inbound sidecar, each opening
`--streams` streams (every stream gets its own connection to the app: the amplification),
held for `--hold` seconds, then left by closing (`--leave close`) or by half-closing and
keeping the socket (`--leave halfclose`, what a peer that shuts its output does). Prints the
engine's descriptors at the peak, whether probes on the side answer meanwhile, and how long
after the attacker left the descriptors came back.

    scripts/abuse/streamflood.py [--binary B] [--sockets 45] [--streams 256] [--hold 10]
                                 [--leave close|halfclose] [--identity curl/curl]
"""

import argparse
import socket
import time

import engine as e

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=e.DEFAULT_BINARY)
parser.add_argument("--sockets", type=int, default=45)
parser.add_argument("--streams", type=int, default=256)
parser.add_argument("--hold", type=float, default=10)
parser.add_argument("--leave", default="close", choices=["close", "halfclose"])
parser.add_argument("--identity", default="curl/curl", help="whose mesh certificate; 'rotate' takes a new one per socket (attacker/aN, up to 64)")
parser.add_argument("--wait", type=float, default=90, help="longest wait for the descriptors to come back")
args = parser.parse_args()
e.raise_nofile()

with e.Engine(args.binary) as engine:
    inbound = engine.inbound_port()
    time.sleep(0.5)
    base_fds = engine.descriptors()
    socks = []
    refused = 0
    for i in range(args.sockets):
        identity = f"attacker/a{i}" if args.identity == "rotate" else args.identity
        try:
            s = engine.tunnel_socket(inbound, identity, timeout=5)
        except OSError:
            refused += 1
            continue
        burst = e.tunnel_preamble(identity)
        for stream in range(1, args.streams + 1):
            burst += e.open_frame(stream, connection=i * 1000 + stream)
        try:
            s.sendall(burst)
        except OSError:
            refused += 1
        socks.append(s)
    time.sleep(2)
    peak = engine.descriptors()
    ok, first = e.side_probes(engine, 20)
    states = engine.states()
    deadline = time.time() + args.hold
    while time.time() < deadline:
        peak = max(peak, engine.descriptors())
        time.sleep(0.5)
    left = time.time()
    for s in socks:
        try:
            if args.leave == "close":
                s.close()
            else:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
    back = None
    while time.time() - left < args.wait:
        if engine.descriptors() <= base_fds + 16:
            back = time.time() - left
            break
        time.sleep(0.1)
    after_ok, after_first = e.side_probes(engine, 5)
    e.log(
        f"RESULT streamflood {args.sockets}x{args.streams} ({args.identity}, leave {args.leave}): "
        f"descriptors {base_fds} -> peak {peak} ({refused} sockets refused); while held: side probes {ok}/20"
        f"{'' if first is None else ' first failure ' + first}, sockets {states}; "
        + (f"descriptors back {back:.1f} s after the attacker left" if back is not None else f"descriptors NOT back after {args.wait:.0f} s ({engine.descriptors()})")
        + f"; after: probes {after_ok}/5; engine {'alive' if engine.alive else 'DEAD'}"
    )
    for s in socks:
        s.close()
