// libFuzzer's entry point, shared by every target: it hands each input to the `fuzz` function
// of the one target file compiled with it (Targets/NAME.swift). Built by scripts/fuzz.sh with
// `swiftc -sanitize=fuzzer,address -parse-as-library`; libFuzzer supplies main().

@_cdecl("LLVMFuzzerTestOneInput")
public func llvmFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzz(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    // 0: the input was processed; libFuzzer keeps it in the corpus if it found new coverage.
    return 0
}
