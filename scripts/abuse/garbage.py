#!/usr/bin/env python3
"""Garbage at the sidecars: seeded random bytes, unknown frame kinds, over-long frames,
malformed OPEN and WINDOW payloads, frames for streams that do not exist, and plain junk with
no preamble, each on its own connection to tcp-echo's inbound sidecar (and the outbound
sidecar for the header). Each must end in the engine closing that connection, nothing else:
probes on the side keep answering, descriptors return, the process stays up.

    scripts/abuse/garbage.py [--binary B] [--rounds 200] [--seed 1]
"""

import argparse
import random
import socket
import struct
import time

import engine as e

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=e.DEFAULT_BINARY)
parser.add_argument("--rounds", type=int, default=200)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()
rng = random.Random(args.seed)


def cases():
    pre = e.tunnel_preamble()
    yield "random after preamble", pre + rng.randbytes(rng.randrange(1, 4096))
    yield "unknown kind", pre + struct.pack(">BII", rng.randrange(6, 256), 1, 0)
    yield "over-long DATA", pre + struct.pack(">BII", e.DATA, 1, 0xFFFFFFFF)
    yield "over-long OPEN", pre + struct.pack(">BII", e.OPEN, 1, 100000) + b"x" * 600
    yield "short OPEN", pre + e.frame(e.OPEN, 1, b"\x00\x01")
    yield "OPEN port 0", pre + e.frame(e.OPEN, 1, struct.pack(">QH", 1, 0) + b"1.2.3.4:9")
    yield "WINDOW wrong length", pre + e.open_frame(1) + e.frame(e.WINDOW, 1, b"\x00\x01")
    yield "WINDOW zero", pre + e.open_frame(1) + e.window_frame(1, 0)
    yield "DATA past the window", pre + e.open_frame(1) + e.frame(e.DATA, 1, b"x" * 65536) + e.frame(e.DATA, 1, b"y" * 10)
    yield "frames for no stream", pre + b"".join(e.frame(rng.choice([2, 3, 4, 5]), rng.randrange(1 << 32), b"\x00\x00\x00\x01") for _ in range(50))
    yield "OPEN twice", pre + e.open_frame(7) + e.open_frame(7)
    yield "bad preamble", b"MDK-TUNL " + rng.randbytes(40) + b"\n" + e.open_frame(1)
    yield "no preamble", rng.randbytes(rng.randrange(1, 2048))


with e.Engine(args.binary) as engine:
    inbound = engine.inbound_port()
    time.sleep(0.5)
    base = engine.descriptors()
    kept_open = {}
    for _ in range(args.rounds):
        for name, data in cases():
            # Over mTLS with curl's certificate (the tunnel parser), except the plaintext case.
            if name == "no preamble":
                conn = socket.create_connection(("127.0.0.1", inbound), timeout=3)
            else:
                conn = engine.tunnel_socket(inbound, timeout=3)
            with conn as s:
                try:
                    s.sendall(data)
                    s.settimeout(3)
                    while s.recv(65536):
                        pass
                except (socket.timeout, TimeoutError):
                    kept_open[name] = kept_open.get(name, 0) + 1
                except OSError:
                    pass
        # The outbound sidecar's header parser gets junk too.
        with socket.create_connection(("127.0.0.1", engine.ports["mesh"]), timeout=3) as s:
            try:
                s.sendall(rng.randbytes(rng.randrange(1, 700)) + b"\n" + rng.randbytes(100))
                s.settimeout(3)
                while s.recv(65536):
                    pass
            except OSError:
                pass
        if not engine.alive:
            break
    time.sleep(1)
    ok, first = e.side_probes(engine, 10) if engine.alive else (0, "engine dead")
    e.log(
        f"RESULT garbage: {args.rounds} rounds of {len(list(cases()))} cases; engine {'alive' if engine.alive else 'DEAD'}; "
        f"connections the engine left open after 3 s: {kept_open or 'none'}; descriptors {base} -> {engine.descriptors() if engine.alive else '-'}; "
        f"side probes {ok}/10{'' if first is None else ' first failure ' + first}"
    )
