import VaxCore
import VaxCrypto
import VaxLedger
import VaxStorage
import VaxWorkflows

// The seed corpora under Tests/Fuzz/Corpus/<target>/: small valid inputs made with the
// project's own writers, so a format change is one rerun away (the replay test's
// `writeSeeds`, run with VAXLINK_WRITE_FUZZ_SEEDS=1). Deterministic: fixed rows, a fixed key.

/// Makes the seed inputs of every target.
public enum FuzzSeeds {
    static let shotsHeader =
        "shot_id,citizen_id,full_name,birth_date,sex,phone,province_code,facility_code,vaccine,dose_number,vaccinated_on\n"
    static let populationHeader = "citizen_id,legacy_id,full_name,birth_date,sex,province_code\n"
    static let populationRows = [
        "001085012345,123456789,Nguyễn Văn An,1985-03-12,M,01",
        "001190000002,,Trần Thị Bích Ngọc,1990-11,F,01",
        "079200000003,987654321,Lê Hoàng,2000,M,79",
        "048075000004,,\"Phạm, Thị Hương\",1975-01-30,F,48",
        "001087000005,,Nguyễn Văn An,1987-07-07,M,01",
        "092101000006,,Võ Thị Thu Hà,2001-02-28,F,92",
    ]

    /// Seeds for `target`, by file name.
    /// - Parameter hc1Texts: HC1 texts to seed the hc1 target with (e.g. from dcc-testdata).
    /// - Throws: if building the seed store or ledger fails.
    public static func make(_ target: FuzzTarget, hc1Texts: [String] = []) throws -> [(name: String, bytes: [UInt8])] {
        switch target {
        case .shotsCSV:
            return [
                ("basic.csv", shotsHeader + """
                    S1,001085012345,Nguyen Van An,1985-03-12,M,0912345678,01,F001,COMIRNATY,1,2021-08-01
                    S2,,Trần Thị Bích Ngọc,11/1990,F,,01,F002,VAXZEVRIA,2,2021-09-15
                    S3,12345,"Lê, Hoàng",2000,M,,79,,,,
                    S1,001085012345,duplicate,1985-03-12,M,,01,,,1,2021-08-02

                    """),
                ("rejects.csv", "\u{FEFF}" + shotsHeader + "S4,,,1985-01-01,M,,01,,,1,2021-01-01\r\n"
                    + "S5,,Name \"quoted\",1985,X,,99,,,0,2021-13-01\r\nS6,,\"open quote\n"),
                ("reordered.csv", "full_name,province_code,shot_id,extra\nAn,01,A-1,x\nBình,64,A-2,y\n"),
            ].map { ($0.0, Array($0.1.utf8)) }
        case .populationCSV:
            return [
                ("basic.csv", populationHeader + populationRows.joined(separator: "\n") + "\n"),
                ("rejects.csv", populationHeader + "101085012345,,A,1985,M,01\n001085012345,12,B,1985-02-30,F,01\r\n"
                    + "001485012345,,,1985,Q,00\n001085012345,,\"x\"y,1985,M,01"),
            ].map { ($0.0, Array($0.1.utf8)) }
        case .store:
            // A store has one shard per 1,024 rows at most: the second seed has 1,030 rows in two.
            return try [("one-shard.vxs", storeSeed(rows: populationRows, shards: 1)),
                        ("two-shards.vxs", storeSeed(rows: populationRows + generatedRows(1_024), shards: 2))]
        case .ledger:
            return try ledgerSeeds()
        case .hc1:
            return hc1Texts.enumerated().map { ("vector-\($0.offset).txt", Array($0.element.utf8)) }
        }
    }

    /// A store built from `populationRows`, its files laid end to end (StoreFuzz's input form).
    static func storeSeed(rows: [String], shards: Int) throws -> [UInt8] {
        let csv = FuzzScratch.write(Array((populationHeader + rows.joined(separator: "\n") + "\n").utf8),
                                    to: "seed-population.csv")
        let folder = FuzzScratch.emptyFolder("seed-store")
        let result = try PopulationIngest.build(population: csv, store: folder, shards: shards, threads: 1, quiet: true)
        guard let summary = result.summary else { throw VaxError(.badInput, "the seed register did not build") }
        var out = try readFile(folder + "/manifest.vxs")
        for s in 0..<summary.shardCount { out += try readFile(folder + "/shard-" + StoreFuzz.pad(s) + ".vxs") }
        return out
    }

    /// `count` register rows of a few repeated names (blocks of several rows), every 5th with a legacy ID.
    static func generatedRows(_ count: Int) -> [String] {
        let family = ["Nguyễn", "Trần", "Lê", "Phạm"], middle = ["Văn", "Thị", "", "Hữu"], given = ["An", "Bình", "Chi"]
        return (0..<count).map { i in
            let serial = String(100_000 + i)
            let legacy = i % 5 == 0 ? String(200_000_000 + i) : ""
            let name = [family[i % 4], middle[i / 4 % 4], given[i / 16 % 3]].filter { !$0.isEmpty }.joined(separator: " ")
            return "0011\(String(1960 + i % 40).suffix(2))\(serial),\(legacy),\(name),\(1960 + i % 40)-0\(1 + i % 9)-1\(i % 10),\(i % 2 == 0 ? "F" : "M"),01"
        }
    }

    /// A real ledger's entries (one seed per kind), its checkpoint note and a proof.
    static func ledgerSeeds() throws -> [(name: String, bytes: [UInt8])] {
        let path = FuzzScratch.emptyFolder("seed-ledger") + "/run.ledger"
        let key = LedgerFuzz.key
        let header = RunHeader(
            toolVersion: "0.1.0", inputs: [.init(name: "shots.csv", sha256: SHA256.hash("shots"))],
            storeContentHash: SHA256.hash("store"), modelHash: SHA256.hash("model"),
            thresholds: ["link": "0.9", "review": "0.5"], signerPublicKey: key.publicKey)
        let writer = try LedgerWriter.open(path: path, header: header, signingKey: key)
        let decision = Decision(
            shotID: "S1", line: 2, provinceCode: 1, outcome: .verified, citizenID: CitizenID(rawValue: 1_085_012_345),
            score: 0.97, matchWeight: 12.5, corrections: [], evidence: "n=1", rawSHA256: SHA256.hash("row 1"))
        let reject = RowIssue(
            line: 3, key: "S2", code: "bad_sex", message: "column sex is not M, F or empty", column: "sex",
            rawSHA256: SHA256.hash("row 2"))
        try writer.appendBatch(decisions: [decision], rejects: [reject])
        try writer.finish(checkpointOut: nil)
        let reader = try LedgerReader(path: path)
        guard let seq = try reader.seq(ofShot: "S1") else { throw VaxError(.badInput, "the seed decision is missing") }
        let passport = PassportRecord(
            uvci: "URN:UVCI:01:VN:FUZZ1#A", citizenID: CitizenID(rawValue: 1_085_012_345),
            payloadSHA256: SHA256.hash("payload"), decisionSeqs: [seq])
        let reopened = try LedgerWriter.reopen(path: path, signingKey: key)
        try reopened.appendPassports([passport])
        try reopened.finish(checkpointOut: nil)

        var seeds: [(name: String, bytes: [UInt8])] = []
        let after = try LedgerReader(path: path)
        var s = 0
        while let canonical = try after.canonicalBytes(seq: s) {
            let shotCount = Int(canonical[8])
            let kind = canonical.count > 9 + shotCount ? canonical[9 + shotCount] : 0
            seeds.append(("entry-\(s)-kind-\(kind).bin", [2] + Array(canonical[8...])))
            s += 1
        }
        if let checkpoint = try after.latestCheckpoint(key: key.publicKey) {
            seeds.append(("checkpoint.txt", [0] + Array(checkpoint.text.utf8)))
        }
        let proof = try InclusionProof.make(reader: after, shotID: "S1")
        seeds.append(("proof.txt", [1] + Array(proof.text.utf8)))
        return seeds
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let file = try MappedFile(path: path)
        return Array(file.bytes)
    }
}
