import Glibc

// The part every fuzz executable shares: handing control to libFuzzer's driver. SwiftPM
// links an executable through a renamed entry point (main = <module>_main, from the
// executable's top-level code), and libFuzzer's archive brings its own main; whichever the
// linker keeps, both end in libFuzzer's driver calling the executable's callback.

/// C: `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size))`
/// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
@_extern(c, "LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer with this process's arguments and `callback` (the executable's
/// `LLVMFuzzerTestOneInput`), then exits with its status.
public func runLibFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, callback))
}
