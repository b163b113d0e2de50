import Foundation
import Testing
import VaxFuzzEntryPoints

/// Replays the fuzz corpora (Tests/Fuzz/Corpus/<target>/) and every crash the fuzzers found
/// (Tests/Fuzz/FailCases/<target>/) through the fuzz entry functions: each input must end in
/// a thrown error or a value. A trap here stops the test process, which fails the suite.
/// Fail cases not yet fixed are listed, with the reason, in FailCases/known-failing.txt and
/// skipped (printed), so the suite stays green until their module's owner fixes them.
@Suite(.serialized) struct FuzzReplayTests {
    /// Tests/Fuzz in this checkout (#filePath is <repo>/Tests/FuzzReplayTests/FuzzReplayTests.swift).
    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz").path

    static func files(_ kind: String, _ target: FuzzTarget) -> [String] {
        let folder = fuzzDirectory + "/\(kind)/\(target.rawValue)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    /// known-failing.txt: one `<target>/<file>  <reason>` per line; `#` starts a comment.
    static let knownFailing: [String: String] = {
        guard let text = try? String(contentsOfFile: fuzzDirectory + "/FailCases/known-failing.txt", encoding: .utf8)
        else { return [:] }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let name = parts.first else { continue }
            out[String(name)] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "no reason given"
        }
        return out
    }()

    /// Runs one file; true if the target accepted it (no error).
    static func replay(_ target: FuzzTarget, _ path: String) throws -> Bool {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            try bytes.withUnsafeBytes { try target.run($0) }
            return true
        } catch {
            return false
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedCorpusReplaysAndReachesTheDecoder(_ target: FuzzTarget) throws {
        let seeds = Self.files("Corpus", target)
        #expect(!seeds.isEmpty, "no seed corpus for \(target.rawValue)")
        var accepted = 0
        for path in seeds where try Self.replay(target, path) { accepted += 1 }
        // At least one seed is a valid input, so the fuzzer starts past the format checks.
        #expect(accepted > 0, "no seed of \(target.rawValue) decodes without an error")
    }

    @Test(arguments: FuzzTarget.allCases)
    func failCasesReplayWithoutTrapping(_ target: FuzzTarget) throws {
        for path in Self.files("FailCases", target) {
            let key = target.rawValue + "/" + (path as NSString).lastPathComponent
            if let reason = Self.knownFailing[key] {
                print("fuzz replay: skipped known-failing \(key): \(reason)")
                continue
            }
            _ = try Self.replay(target, path)
        }
    }

    @Test func everyKnownFailingCaseExists() {
        for key in Self.knownFailing.keys {
            #expect(FileManager.default.fileExists(atPath: Self.fuzzDirectory + "/FailCases/" + key),
                    "known-failing.txt names \(key), which is not in FailCases")
        }
    }

    /// Rewrites the seed corpora: VAXLINK_WRITE_FUZZ_SEEDS=1 swift test --filter FuzzReplayTests.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["VAXLINK_WRITE_FUZZ_SEEDS"] == "1"))
    func writeSeeds() throws {
        let dcc = Self.fuzzDirectory + "/../../../shared/dcc-testdata"
        let vectors = ["DE/2DCode/raw/1.json", "DE/2DCode/raw/2.json", "DE/2DCode/raw/3.json",
                       "AT/2DCode/raw/1.json", "NL/2DCode/raw/001-NL-test.json"]
        var texts: [String] = []
        for vector in vectors {
            guard let data = FileManager.default.contents(atPath: dcc + "/" + vector),
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let text = object["PREFIX"] as? String
            else { continue }
            texts.append(text)
        }
        if let sample = try? String(contentsOfFile: dcc + "/VN-sample-hc1.txt", encoding: .utf8) {
            texts.append(sample.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(!texts.isEmpty, "no HC1 vectors found at \(dcc)")
        for target in FuzzTarget.allCases {
            let folder = Self.fuzzDirectory + "/Corpus/" + target.rawValue
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for seed in try FuzzSeeds.make(target, hc1Texts: texts) {
                try Data(seed.bytes).write(to: URL(fileURLWithPath: folder + "/" + seed.name))
            }
        }
    }
}
