import Foundation
import Testing

/// `meshdeck serve` as a process, driven by the real `nc` (Debian's netcat-openbsd) and `curl`
/// (scripts/install-test-tools.sh installs them): a trainer's session, end to end.
@Suite(.serialized) struct ServeCommandTests {
    static let route = """
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: tcp-echo-route, namespace: tcp-demo}
        spec:
          matches:
            ports: [9000]

        """
    static let target = """
        ---
        kind: TrafficTarget
        apiVersion: access.smi-spec.io/v1alpha3
        metadata: {name: tcp-access, namespace: tcp-demo}
        spec:
          destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
          sources:
          - {kind: ServiceAccount, name: curl, namespace: curl}
          rules:
          - {kind: TCPRoute, name: tcp-echo-route}

        """

    /// A running `serve -o json`: its first state (one JSON line), and its stderr so far.
    final class Serving {
        let running: SpawnedProcess.Running
        let state: [String: Any]

        init(_ arguments: [String]) async throws {
            running = try SpawnedProcess.start(Binary.url.path, ["serve", "-o", "json"] + arguments, stdin: .closed)
            var state: [String: Any]?
            for _ in 0..<200 where state == nil {
                try await Task.sleep(for: .milliseconds(50))
                let out = (try? String(contentsOfFile: running.outPath, encoding: .utf8)) ?? ""
                if let line = out.split(separator: "\n").first {
                    state = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                }
            }
            guard let state else {
                kill(running.pid, SIGKILL)
                _ = running.finish()
                throw POSIXError(.ETIMEDOUT)
            }
            self.state = state
        }

        var stderr: String { (try? String(contentsOfFile: running.errPath, encoding: .utf8)) ?? "" }

        var portal: String {
            let portals = state["portals"] as? [[String: Any]] ?? []
            return String((portals.first?["address"] as? String ?? "").split(separator: ":").last ?? "")
        }

        func pod(_ namespace: String) -> [String: Any] {
            (state["pods"] as? [[String: Any]] ?? []).first { ($0["pod"] as? String ?? "").hasPrefix(namespace + "/") } ?? [:]
        }

        /// Waits until stderr shows `text` (a change applied, a refusal printed).
        func waitForStderr(_ text: String, count: Int = 1) async -> Bool {
            for _ in 0..<100 {
                if stderr.components(separatedBy: text).count > count { return true }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return false
        }

        func stop() -> SpawnedProcess.Result {
            kill(running.pid, SIGTERM)
            return running.finish(deadline: .seconds(10))
        }
    }

    /// `printf TEXT | nc -N 127.0.0.1 PORT`, as a user types it.
    static func nc(_ port: String, _ text: String = "hello\n") throws -> SpawnedProcess.Result {
        try SpawnedProcess.run(
            "/bin/sh", ["-c", "printf '\(text)' | nc -N -w 5 127.0.0.1 \(port)"], stdin: .closed, deadline: .seconds(10))
    }

    static func port(_ address: Any?) -> String { String((address as? String ?? "").split(separator: ":").last ?? "") }

    @Test func permissiveAllowsAndBothBypassesAreRefused() async throws {
        let serve = try await Serving([
            "--expose", "curl/curl=tcp-echo.tcp-demo:9000",
            // Starts the tcp-echo pod, so its app's own port is in the table.
            "--expose", "tcp-demo/tcp-echo=tcp-echo.tcp-demo:9000",
        ])
        let through = try Self.nc(serve.portal)
        #expect(through.stdout == "echo response: hello\n", "\(through.stderr)")
        // The meshed app's own port, bypassing its inbound sidecar.
        let app = (serve.pod("tcp-demo")["app"] as? [String: Any])?["9000"]
        let direct = try Self.nc(Self.port(app))
        #expect(direct.stdout == "")
        #expect(await serve.waitForStderr("app port 9000: not dialed by its inbound sidecar"))
        // curl's outbound sidecar, told curl's original destination by a stranger.
        let outbound = serve.pod("curl")["outbound"]
        let posing = try Self.nc(Self.port(outbound), "MDK-ORIG 9 tcp-echo.tcp-demo 9000\\nhello\\n")
        #expect(posing.stdout == "")
        #expect(await serve.waitForStderr("outbound sidecar: not dialed by the engine"))
        // The portal still works after the refusals.
        #expect(try Self.nc(serve.portal).stdout == "echo response: hello\n")
        let end = serve.stop()
        #expect(end.status == 0, "\(end.stderr)")
    }

    @Test func smiDeniesUntilTheWatchedFileAddsTheTrafficTargetAndABrokenEditChangesNothing() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-serve-\(UUID()).yaml").path
        defer { unlink(file) }
        try Self.route.write(toFile: file, atomically: true, encoding: .utf8)
        let serve = try await Serving(["-f", file, "--permissive", "off", "--expose", "curl/curl=tcp-echo.tcp-demo:9000"])
        // Pods start on use: the echo pod is listed, cold, until a connection needs it.
        #expect(serve.pod("tcp-demo")["running"] as? Bool == false)
        #expect(serve.pod("curl")["running"] as? Bool == true)
        #expect(try Self.nc(serve.portal).stdout == "")
        try (Self.route + Self.target).write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await serve.waitForStderr("applied"))
        #expect(try Self.nc(serve.portal).stdout == "echo response: hello\n")
        // A broken edit: the error names the file and line, and the old state serves on.
        try
            (Self.route
            + "---\nkind: TrafficTarget\napiVersion: access.smi-spec.io/v1alpha3\nmetadata: {name: x, namespace: tcp-demo}\nspec: [oops\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await serve.waitForStderr("nothing was applied"))
        #expect(serve.stderr.contains(file + ":"))
        #expect(try Self.nc(serve.portal).stdout == "echo response: hello\n")
        let end = serve.stop()
        #expect(end.status == 0, "\(end.stderr)")
    }

    /// Raw TCP gets Envoy's 400; a real HTTP request (curl) reaches the echo app, whose reply is
    /// no HTTP response, and Envoy answers 502 with its protocol-error body.
    @Test func anHTTPPortAnswersRawTCPWith400AndCurlWith502() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-serve-\(UUID()).yaml").path
        defer { unlink(file) }
        // Port name `tcp` without appProtocol: OSM takes it as HTTP (pkg/envoy/lds/inmesh.go).
        try
            "apiVersion: v1\nkind: Service\nmetadata: {name: tcp-echo, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp, port: 9000}]\n  selector: {app: tcp-echo}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let serve = try await Serving(["-f", file, "--expose", "curl/curl=tcp-echo.tcp-demo:9000"])
        #expect(try Self.nc(serve.portal).stdout.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        let curl = try SpawnedProcess.run(
            "curl", ["-sS", "-i", "-m", "5", "http://127.0.0.1:\(serve.portal)/"], stdin: .closed, deadline: .seconds(10))
        #expect(curl.status == 0, "\(curl.stderr)")
        #expect(curl.stdout.hasPrefix("HTTP/1.1 502 Bad Gateway\r\n"), "\(curl.stdout)")
        #expect(
            curl.stdout.hasSuffix(
                "\r\n\r\nupstream connect error or disconnect/reset before headers. reset reason: protocol error"))
        _ = serve.stop()
    }

    /// The attacks against `serve`'s inbound addresses, each with a real client: the
    /// raw preamble that once passed as curl (a 20-line Python client), plaintext (`nc`),
    /// `openssl s_client` without a certificate (it is shown the mesh certificate) and with a
    /// self-signed one claiming curl's identity (made by the real `openssl req`). None gets an
    /// echo; serve says why on stderr, in Envoy's words.
    @Test func attacksOnAnInboundSidecarGetNoEcho() async throws {
        let serve = try await Serving(["--expose", "tcp-demo/tcp-echo=tcp-echo.tcp-demo:9000"])
        let inbound = Self.port(serve.pod("tcp-demo")["inbound"])
        #expect(!inbound.isEmpty, "\(serve.state)")
        // Tunnel frames as Sources/ConnectionEngine/Tunnel/TunnelFrame.swift lays them out:
        // kind, stream, length (big endian), payload. OPEN carries a connection id and a port.
        let attack = """
            import socket, struct, sys
            def frame(kind, stream, payload=b""):
                return struct.pack(">BII", kind, stream, len(payload)) + payload
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            s.settimeout(3)
            s.sendall(b"MDK-TUNL curl/curl\\n" + frame(1, 1, struct.pack(">QH", 1, 9000) + b"10.0.0.1:9000")
                      + frame(2, 1, b"hello\\n") + frame(3, 1))
            got = b""
            try:
                while True:
                    chunk = s.recv(4096)
                    if not chunk: break
                    got += chunk
            except (socket.timeout, ConnectionResetError):
                pass
            sys.stdout.write(repr(got))
            """
        let preamble = try SpawnedProcess.run(
            "/usr/bin/env", ["python3", "-c", attack, inbound], stdin: .closed, deadline: .seconds(10))
        #expect(preamble.status == 0, "\(preamble.stderr)")
        #expect(!preamble.stdout.contains("echo response"), "\(preamble.stdout)")
        let plaintext = try Self.nc(inbound)
        #expect(plaintext.stdout == "")
        // openssl without a client certificate: the server's is the mesh's, the echo never comes.
        let bare = try SpawnedProcess.run(
            "/bin/sh", ["-c", "printf 'hello\\n' | openssl s_client -connect 127.0.0.1:\(inbound) -tls1_3 2>&1"],
            stdin: .closed, deadline: .seconds(10))
        #expect(bare.stdout.contains("CN = tcp-echo.tcp-demo.cluster.local"), "\(bare.stdout)")
        #expect(!bare.stdout.contains("echo response"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-serve-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let made = try SpawnedProcess.run(
            "/bin/sh",
            [
                "-c",
                "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
                    + "-subj /CN=curl.curl.cluster.local -addext subjectAltName=DNS:curl.curl.cluster.local "
                    + "-keyout \(dir)/key.pem -out \(dir)/cert.pem 2>&1",
            ], stdin: .closed, deadline: .seconds(10))
        #expect(made.status == 0, "\(made.stdout)")
        let forged = try SpawnedProcess.run(
            "/bin/sh",
            [
                "-c",
                "printf 'hello\\n' | openssl s_client -connect 127.0.0.1:\(inbound) -tls1_3 "
                    + "-cert \(dir)/cert.pem -key \(dir)/key.pem 2>&1",
            ], stdin: .closed, deadline: .seconds(10))
        #expect(!forged.stdout.contains("echo response"), "\(forged.stdout)")
        #expect(await serve.waitForStderr("peer did not return a certificate"), "\(serve.stderr)")
        #expect(await serve.waitForStderr("self-signed certificate claiming curl.curl.cluster.local"), "\(serve.stderr)")
        let end = serve.stop()
        #expect(end.status == 0, "\(end.stderr)")
    }
}
