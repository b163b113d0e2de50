import Foundation
import VaxTestSupport

/// The zbarimg decoder, if installed: an independent reader for the QR round-trip tests.
enum Zbar {
    /// The path of `zbarimg` on PATH, or nil.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { $0 + "/zbarimg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Decodes the QR code in the PNG `image` with `zbarimg --raw -q`: the decoded text (the
    /// trailing newline zbarimg adds removed), or nil when zbarimg finds no symbol.
    static func decode(png image: [UInt8]) throws -> String? {
        try decode(pngs: [image]).first
    }

    /// Decodes several PNG images with one `zbarimg` run: one text per symbol found, in file
    /// order (a file without a readable symbol adds nothing, so the result is then shorter).
    static func decode(pngs images: [[UInt8]]) throws -> [String] {
        try withTemporaryDirectory { directory in
            var files: [String] = []
            for (index, image) in images.enumerated() {
                files.append(directory + "/qr\(index).png")
                try Data(image).write(to: URL(fileURLWithPath: files[index]))
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path!)
            process.arguments = ["--raw", "-q"] + files
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            // Every text here is a single line, so lines and symbols correspond.
            var text = String(decoding: data, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            return text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
