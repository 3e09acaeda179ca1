#!/usr/bin/env python3
"""A window flood: one tunnel to tcp-echo's inbound sidecar opens a stream, keeps it alive
with a line now and then, and sends WINDOW frames granting 0xFFFFFFFF bytes of credit each,
as fast as it can, for `--seconds`. A checked window closes that tunnel at the first frame
past the protocol maximum; an unchecked one overflows and takes the process down.

    scripts/abuse/windowflood.py [--binary B] [--seconds 180] [--increment 4294967295]
"""

import argparse
import socket
import threading
import time

import engine as e

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=e.DEFAULT_BINARY)
parser.add_argument("--seconds", type=float, default=180)
parser.add_argument("--increment", type=int, default=0xFFFFFFFF)
args = parser.parse_args()

with e.Engine(args.binary) as engine:
    inbound = engine.inbound_port()
    s = engine.tunnel_socket(inbound)
    s.sendall(e.tunnel_preamble() + e.open_frame(1) + e.frame(e.DATA, 1, b"hello\n"))
    received = [0]
    closed = threading.Event()

    def reader():
        while True:
            try:
                chunk = s.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                closed.set()
                return
            received[0] += len(chunk)

    threading.Thread(target=reader, daemon=True).start()
    burst = e.window_frame(1, args.increment) * 5000
    began = time.time()
    frames = 0
    last_line = began
    outcome = f"still open after {args.seconds:.0f} s"
    while time.time() - began < args.seconds:
        if not engine.alive:
            outcome = f"ENGINE DIED after {time.time() - began:.0f} s (exit status {engine.exit_status})"
            break
        if closed.is_set():
            outcome = f"tunnel closed by the engine after {time.time() - began:.2f} s"
            break
        try:
            if time.time() - last_line > 5:
                s.sendall(e.frame(e.DATA, 1, b"ping\n"))  # the app's idle timeout must not end the stream
                last_line = time.time()
            s.sendall(burst)
            frames += 5000
        except OSError as error:
            outcome = f"tunnel closed by the engine after {time.time() - began:.2f} s ({type(error).__name__})"
            break
    time.sleep(0.5)
    if not engine.alive and "DIED" not in outcome:
        outcome += f"; ENGINE DIED (exit status {engine.exit_status})"
    ok, first = e.side_probes(engine, 10) if engine.alive else (0, "engine dead")
    e.log(
        f"RESULT windowflood: {frames / 1e6:.1f} M WINDOW frames sent, {outcome}; side probes {ok}/10"
        f"{'' if first is None else ' first failure ' + first}"
    )
