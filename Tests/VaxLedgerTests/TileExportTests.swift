import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: ledger-format.md "Tiles" (issue 13 "Tiles for the public"): the exported C2SP
// tlog-tiles are read by Go's own golang.org/x/mod/sumdb/tlog, which proves an entry's
// inclusion and the consistency of an older checkpoint from them, after sumdb/note opens the
// checkpoint with the verifier key (key name = origin).
@Suite struct TileExportTests {
    static let goSource = #"""
        package main

        import (
        	"encoding/base64"
        	"encoding/hex"
        	"fmt"
        	"os"
        	"strconv"
        	"strings"

        	"golang.org/x/mod/sumdb/note"
        	"golang.org/x/mod/sumdb/tlog"
        )

        type dirTiles struct{ dir string }

        func (d dirTiles) Height() int { return 8 }
        func (d dirTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
        	out := make([][]byte, len(tiles))
        	for i, t := range tiles {
        		// Go's sumdb paths carry the height (tile/8/L/N); C2SP tlog-tiles do not (tile/L/N).
        		b, err := os.ReadFile(d.dir + "/" + strings.Replace(t.Path(), "tile/8/", "tile/", 1))
        		if err != nil {
        			return nil, err
        		}
        		out[i] = b
        	}
        	return out, nil
        }
        func (d dirTiles) SaveTiles([]tlog.Tile, [][]byte) {}

        func fail(what string, err error) {
        	fmt.Println("FAIL", what, err)
        	os.Exit(1)
        }

        func main() {
        	dir, vkey := os.Args[1], os.Args[2]
        	index, _ := strconv.ParseInt(os.Args[3], 10, 64)
        	entry, _ := hex.DecodeString(os.Args[4])
        	oldSize, _ := strconv.ParseInt(os.Args[5], 10, 64)
        	oldRoot, _ := base64.StdEncoding.DecodeString(os.Args[6])
        	msg, err := os.ReadFile(dir + "/checkpoint")
        	if err != nil {
        		fail("read checkpoint", err)
        	}
        	v, err := note.NewVerifier(vkey)
        	if err != nil {
        		fail("verifier key", err)
        	}
        	n, err := note.Open(msg, note.VerifierList(v))
        	if err != nil {
        		fail("note.Open", err)
        	}
        	lines := strings.Split(n.Text, "\n")
        	size, _ := strconv.ParseInt(lines[1], 10, 64)
        	root, err := tlog.ParseHash(lines[2])
        	if err != nil {
        		fail("root", err)
        	}
        	tree := tlog.Tree{N: size, Hash: root}
        	r := tlog.TileHashReader(tree, dirTiles{dir})
        	proof, err := tlog.ProveRecord(size, index, r)
        	if err != nil {
        		fail("ProveRecord", err)
        	}
        	if err := tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(entry)); err != nil {
        		fail("CheckRecord", err)
        	}
        	h, err := tlog.TreeHash(oldSize, r)
        	if err != nil || base64.StdEncoding.EncodeToString(h[:]) != base64.StdEncoding.EncodeToString(oldRoot) {
        		fail("TreeHash of the older checkpoint", err)
        	}
        	tp, err := tlog.ProveTree(size, oldSize, r)
        	if err != nil {
        		fail("ProveTree", err)
        	}
        	if err := tlog.CheckTree(tp, size, root, oldSize, h); err != nil {
        		fail("CheckTree", err)
        	}
        	fmt.Println("ok", size, index)
        }
        """#

    static let go: String? = ["/usr/bin/go", "/usr/local/go/bin/go"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func run(_ tool: String, _ arguments: [String], in dir: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var environment = ProcessInfo.processInfo.environment
        environment["GO111MODULE"] = "off"
        environment["GOPATH"] = "/usr/share/gocode"
        environment["GOFLAGS"] = ""
        environment["GOCACHE"] = NSTemporaryDirectory() + "vaxlink-go-cache"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func tilePathsFollowC2SP() {
        #expect(TileExporter.path(level: 0, index: 1_234_067, width: 256) == "tile/0/x001/x234/067")
        #expect(TileExporter.path(level: 1, index: 0, width: 4) == "tile/1/000.p/4")
        #expect(TileExporter.path(level: 2, index: 1000, width: 256) == "tile/2/x001/000")
    }

    @Test(.enabled(if: go != nil, "skipped: Go (golang-go, golang-golang-x-mod-dev) is not installed"))
    func goTlogProvesInclusionAndConsistencyFromTheTiles() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            // 1,100 records: four full level-0 tiles, a partial one, and a partial level-1 tile.
            try writeFixtureLedger(path: path, records: 1100, batchSize: 150)
            let reader = try LedgerReader(path: path)
            let summary = try TileExporter.export(reader: reader, to: dir + "/tiles")
            #expect(summary.tiles == summary.treeSize / 256 + 2)
            let latest = try reader.latestCheckpoint(key: fixtureKey.publicKey)!
            let vkey = Checkpoint.verifierKey(origin: latest.origin, key: fixtureKey.publicKey)
            let older = try Checkpoint(text: try ConsistencyProofTests.notes(path)[3].1, key: fixtureKey.publicKey)
            let seq = try reader.seq(ofShot: "S777")!
            let entry = hexString(try reader.canonicalBytes(seq: seq)!)

            let source = dir + "/tilecheck.go"
            try Self.goSource.write(toFile: source, atomically: true, encoding: .utf8)
            let (built, log) = try Self.run(Self.go!, ["build", "-o", dir + "/tilecheck", source], in: dir)
            try #require(built == 0, "go build failed: \(log)")
            let arguments = [
                dir + "/tiles", vkey, String(seq), entry, String(older.treeSize), Base64.encode(older.root.bytes),
            ]
            let (status, output) = try Self.run(dir + "/tilecheck", arguments, in: dir)
            #expect(status == 0, "\(output)")
            #expect(output.hasPrefix("ok \(summary.treeSize) \(seq)"), "\(output)")

            // The same check must fail for another entry's bytes at this index.
            var wrong = arguments
            wrong[3] = hexString(try reader.canonicalBytes(seq: seq + 1)!)
            #expect(try Self.run(dir + "/tilecheck", wrong, in: dir).0 != 0)
        }
    }
}
