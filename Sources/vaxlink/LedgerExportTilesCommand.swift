import VaxCore
import VaxLedger

/// `vaxlink ledger export-tiles LEDGER DIR`: the Merkle tree as C2SP tlog-tiles, for the public.
enum LedgerExportTilesCommand: Command {
    static let name = "ledger export-tiles"
    static let summary = "Write the ledger's hash tiles and checkpoint (C2SP tlog-tiles)."
    static let help = """
        USAGE: vaxlink ledger export-tiles LEDGER DIR

        Writes DIR/checkpoint (the latest signed checkpoint) and the hash tiles
        DIR/tile/<L>/<N>[.p/<W>] of the C2SP tlog-tiles layout, so that anyone can check
        inclusion and consistency proofs with existing tooling (for example Go's
        golang.org/x/mod/sumdb/tlog). No entry bundles: the entries are health data.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let path = try arguments.positional("LEDGER")
        let directory = try arguments.positional("DIR")
        try arguments.finish()
        try requireExistingLedger(path)
        let summary = try TileExporter.export(reader: LedgerReader(path: path), to: directory)
        print("wrote \(summary.tiles) tiles for \(summary.treeSize) entries and the checkpoint to \(directory)")
        return 0
    }
}
