import Foundation
import Testing
import VaxCore
import VaxTestSupport

/// `OutputFile` (issue 12 findings 5 and 10): unpredictable temporaries that are never
/// followed through a symlink, stale ones swept, personal data created 0640.
@Suite struct OutputFileTests {
    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    // spec: issue 12 finding 5. The old name FINAL.partial-PID, planted as a symlink to a
    // file the run must not touch, is neither followed nor used.
    @Test func temporaryNamesAreUnpredictableAndPlantedSymlinksAreNotFollowed() throws {
        try withTemporaryDirectory { dir in
            let victim = dir + "/victim"
            try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
            let out = dir + "/decisions.csv"
            try FileManager.default.createSymbolicLink(
                atPath: out + ".partial-\(getpid())", withDestinationPath: victim)
            let first = try OutputFile(path: out)
            let second = try OutputFile(path: out)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
                $0.hasPrefix("decisions.csv.partial-\(getpid())-")
            }
            #expect(Set(names).count == 2)
            try first.write("a,b\n")
            try first.commit()
            _ = second
            #expect(try Self.text(victim) == "keep me")
            #expect(try Self.text(out) == "a,b\n")
        }
    }

    // spec: issue 12 finding 5, "stale temporaries of this tool removed at start".
    @Test func staleTemporariesOfDeadRunsAreRemovedAtStart() throws {
        try withTemporaryDirectory { dir in
            // A PID above the kernel's limit (pid_max <= 2^22) is never alive.
            let dead = 4_194_400
            let live = Int(getppid())
            let stale = ["a.csv.partial-\(dead)", "b.csv.partial-\(dead)-9f3c0a"]
            let kept = ["c.csv.partial-\(live)-77", "passports.csv.partial", "notes.partial-x", "d.csv"]
            for name in stale + kept { try "x".write(toFile: dir + "/" + name, atomically: false, encoding: .utf8) }
            TemporaryName.forgetSweeps()
            let file = try OutputFile(path: dir + "/new.csv")
            try file.commit()
            let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
            #expect(left == Set(kept + ["new.csv"]))
        }
    }

    // spec: docs/interchange.md "File modes"; issue 12 finding 10.
    @Test func personalOutputsAreCreated0640AndOthersCannotRead() throws {
        try withTemporaryDirectory { dir in
            let file = try OutputFile(path: dir + "/review.csv")
            try file.write("x\n")
            try file.commit()
            let mode =
                try FileManager.default.attributesOfItem(atPath: dir + "/review.csv")[.posixPermissions] as! NSNumber
            #expect(mode.intValue & 0o007 == 0)
            #expect(mode.intValue & 0o600 == 0o600)
            let journal = try AppendFile(path: dir + "/journal", truncating: true)
            try journal.close()
            let journalMode =
                try FileManager.default.attributesOfItem(atPath: dir + "/journal")[.posixPermissions] as! NSNumber
            #expect(journalMode.intValue & 0o007 == 0)
        }
    }

    @Test func anAppendFileRefusesASymlink() throws {
        try withTemporaryDirectory { dir in
            try "keep".write(toFile: dir + "/victim", atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: dir + "/journal", withDestinationPath: dir + "/victim")
            #expect(throws: VaxError.self) { try AppendFile(path: dir + "/journal", truncating: true) }
            #expect(try Self.text(dir + "/victim") == "keep")
        }
    }

    @Test func aNonReplacingCommitLeavesAnExistingFileAndNoTemporary() throws {
        try withTemporaryDirectory { dir in
            try "old".write(toFile: dir + "/f", atomically: false, encoding: .utf8)
            #expect(throws: VaxError.self) { try OutputFile.write(Array("new".utf8), to: dir + "/f", replacing: false) }
            #expect(try Self.text(dir + "/f") == "old")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["f"])
        }
    }
}
