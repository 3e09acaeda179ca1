// fuzz-module: ConnectionEngine
//
// What a tunnel peer sends an inbound (or outbound) sidecar, through TunnelFrameParser cut into
// reads at places the input chooses, every payload parser (OPEN, WINDOW) and a stream's flow
// window, as TunnelHandler applies them. Nothing a peer sends may trap: WINDOW(0xFFFFFFFF) over
// and over used to overflow FlowWindow.credited and take the whole process down.

@testable import ConnectionEngine

func fuzz(_ bytes: UnsafeRawBufferPointer) {
    TunnelFrameParser.fuzz(Array(bytes))
}
