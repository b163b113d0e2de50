import VaxCore

/// What every symbol of one version shares: the function patterns and where the data goes.
/// Built once per version on first use and kept for the life of the process (a few tens of
/// kilobytes per version), because building it costs more than the rest of an encoding.
final class QRTemplate: Sendable {
    let version: Int
    let size: Int
    /// The function patterns by rows (format area light, the dark module and version information
    /// drawn), and the same by columns.
    let functionRows: QRBitGrid
    let functionColumns: QRBitGrid
    /// Set on the data modules (everything that is not a function pattern), by rows and by columns.
    let dataRows: QRBitGrid
    let dataColumns: QRBitGrid
    /// The data modules in placement order, y << 8 | x (see `QRMatrix.dataPositions`).
    let dataPositions: [UInt16]
    /// The 30 format information modules (see `QRMatrix.formatPositions`).
    let formatPositions: [(x: Int, y: Int)]

    private init(version: Int) {
        let matrix = QRMatrix(version: version)
        self.version = version
        size = matrix.size
        functionRows = matrix.modules
        functionColumns = matrix.modules.transposed()
        dataRows = matrix.function.inverted()
        dataColumns = matrix.function.transposed().inverted()
        dataPositions = matrix.dataPositions()
        formatPositions = QRMatrix.formatPositions(size: size)
    }

    private static let cache = Protected<[QRTemplate?]>(Array(repeating: nil, count: 41))

    /// The template of `version` (1...40), built on first use.
    static func forVersion(_ version: Int) -> QRTemplate {
        precondition((1...40).contains(version), "QR versions are 1...40")
        if let cached = cache.withLock({ $0[version] }) { return cached }
        // Built outside the lock; if two threads race, both build and the first stored wins.
        let built = QRTemplate(version: version)
        return cache.withLock { templates in
            if let cached = templates[version] { return cached }
            templates[version] = built
            return built
        }
    }
}
