// fuzz-module: ConnectionEngine
//
// The first line a sidecar reads from a peer (MDK-ORIG; inside mTLS, MDK-MESH or MDK-TUNL; MDK-PLNX; what an HTTP
// client sends), through HeaderAccumulator cut into reads at places the input chooses, every
// preamble parser and the HTTP sniffer. Never traps, never holds more than a header's bound.

@testable import ConnectionEngine

func fuzz(_ bytes: UnsafeRawBufferPointer) {
    HeaderAccumulator.fuzz(Array(bytes))
}
