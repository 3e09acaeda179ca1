// fuzz-module: MeshModel
//
// ManifestDecoder.decode on arbitrary bytes, as `-f` hands it a file's text, then the cluster
// apply the commands do next. Beyond "never traps, never hangs", it checks a house rule: what
// a diagnostic prints never carries a raw control character from the input to the terminal.

@testable import MeshModel

func fuzz(_ bytes: UnsafeRawBufferPointer) {
    // The loader refuses what is not UTF-8 before decoding; the decoder sees valid text only.
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    // Both ways a namespace is found (given with -n, or not), and a document limit small enough
    // for inputs to reach it.
    let output = ManifestDecoder(defaultNamespace: bytes.count % 2 == 0 ? nil : "tcp-demo")
        .decode(text, file: "fuzz.yaml", limits: ManifestLimits(maxBytesPerFile: 1 << 20, maxDocuments: 64))
    for diagnostic in output.diagnostics {
        let shown = diagnostic.description
        if shown.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }) {
            fatalError("a diagnostic prints a raw control character: \(shown.debugDescription)")
        }
    }
    if output.errors.isEmpty {
        var cluster = Cluster.empty()
        _ = try? cluster.apply(output.resources)
    }
}
