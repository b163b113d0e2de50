import FuzzDriver
import VaxFuzzEntryPoints

// libFuzzer drives the store target (FuzzDriver hands control to libFuzzer).

/// One input, passed to the target; libFuzzer's callback.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.store.runIgnoringErrors(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runLibFuzzer(fuzzTestOneInput)
