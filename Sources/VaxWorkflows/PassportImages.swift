import VaxCore

/// The `--qr` output: one PNG per passport, DIR/qr/<uvci-safe-name>.png.
struct PassportImages {
    let directory: String

    init(directory: String) throws {
        self.directory = directory
        try makeDirectory(directory)
    }

    /// The file name of a UVCI: its identifier part, with anything outside A-Z 0-9 as "_".
    static func fileName(uvci: String) -> String {
        let identifier = uvci.hasPrefix("URN:UVCI:") ? String(uvci.dropFirst(9)) : uvci
        return String(identifier.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }) + ".png"
    }

    /// Writes one passport's PNG (atomically, like every output file).
    func write(png: [UInt8], uvci: String) throws {
        let file = try OutputFile(path: directory + "/" + Self.fileName(uvci: uvci))
        try file.write(png)
        try file.commit()
    }
}
