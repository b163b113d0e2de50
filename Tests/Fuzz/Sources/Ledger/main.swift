import Glibc
import VaxFuzzEntryPoints

// libFuzzer drives the ledger target. SwiftPM links an executable through a renamed entry
// point (main = <module>_main, from this file's top-level code), and libFuzzer's archive brings
// its own main; whichever the linker keeps, both end in libFuzzer's driver calling
// LLVMFuzzerTestOneInput below.

/// One input, passed to the target; libFuzzer's callback.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.ledger.runIgnoringErrors(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// C: `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size))`
/// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
@_extern(c, "LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv, fuzzTestOneInput))
