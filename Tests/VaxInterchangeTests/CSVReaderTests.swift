import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxInterchange

@Suite struct CSVReaderTests {
    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        try withTemporaryDirectory { dir in
            let text = "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",plain\n\"two\nlines\",\"\",z\nlast,1,2\n"
            let records = try readAllRecords(try writeFile(dir, "q.csv", text))
            #expect(records.count == 4)
            #expect(records[1].texts == ["x,y", "say \"hi\"", "plain"])
            #expect(records[2].texts == ["two\nlines", "", "z"])
            // spec: physical lines; the record with an embedded break spans lines 3-4.
            #expect(records.map(\.line) == [1, 2, 3, 5])
            #expect(records[2].raw == Array("\"two\nlines\",\"\",z\n".utf8))
        }
    }

    @Test func crlfBomAndMissingFinalNewline() throws {
        try withTemporaryDirectory { dir in
            let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("h1,h2\r\n\"a\",b\r\nc,\"d\"\r\ne,f".utf8)
            let records = try readAllRecords(try writeFile(dir, "crlf.csv", bytes))
            #expect(records.map(\.texts) == [["h1", "h2"], ["a", "b"], ["c", "d"], ["e", "f"]])
            #expect(records.map(\.line) == [1, 2, 3, 4])
            #expect(records[1].raw == Array("\"a\",b\r\n".utf8))
            #expect(records[3].raw == Array("e,f".utf8))
        }
    }

    @Test func emptyFieldsAndBlankLines() throws {
        try withTemporaryDirectory { dir in
            let records = try readAllRecords(try writeFile(dir, "e.csv", "a,,\n\n,b\n"))
            #expect(records.map(\.texts) == [["a", "", ""], [""], ["", "b"]])
            #expect(records.map(\.line) == [1, 2, 3])
        }
    }

    @Test func malformedQuotingIsARejectAndReadingResyncs() throws {
        try withTemporaryDirectory { dir in
            let text = "h,i\nab\"c,d\nok,1\n\"x\"y,2\nfine,3\n\"open,4\nafter,5\n"
            let records = try readAllRecords(try writeFile(dir, "m.csv", text))
            #expect(records.map(\.malformation) == [nil, "bad_quoting", nil, "bad_quoting", nil, "bad_quoting", nil])
            #expect(records.map(\.line) == [1, 2, 3, 4, 5, 6, 7])
            #expect(records[1].raw == Array("ab\"c,d\n".utf8))
            #expect(records[6].texts == ["after", "5"])
        }
    }

    @Test func unterminatedQuoteAtEndOfFile() throws {
        try withTemporaryDirectory { dir in
            let records = try readAllRecords(try writeFile(dir, "u.csv", "h\n\"never closed"))
            #expect(records.map(\.malformation) == [nil, "bad_quoting"])
            #expect(records[1].raw == Array("\"never closed".utf8))
        }
    }

    @Test(arguments: 0..<6)
    func recordsSpanningTheBufferBoundary(sizeIndex: Int) throws {
        // Tiny buffers force every record across a boundary, quoted fields included.
        let bufferSize = [15, 16, 17, 19, 23, 64][sizeIndex]
        try withTemporaryDirectory { dir in
            let text = "id,name\n1,\"a,\"\"b\"\"\"\r\n22,\"x\ny\"\n333,plain\n4,\"\"\n"
            let path = try writeFile(dir, "span.csv", text)
            let expected = try readAllRecords(path)
            let small = try readAllRecords(path, bufferSize: bufferSize, maxRecordBytes: 14)
            #expect(small.count == 5)
            #expect(small == expected)
            #expect(small[1].texts == ["1", "a,\"b\""])
            #expect(small[2].line == 3 && small[3].line == 5)
        }
    }

    @Test func recordTooLongIsRejectedAndSkipped() throws {
        try withTemporaryDirectory { dir in
            let long = String(repeating: "x", count: 100)
            let text = "h,i\n\(long),y\nnext,1\n"
            let path = try writeFile(dir, "long.csv", text)
            let reader = try CSVReader(path: path, bufferSize: 32, maxRecordBytes: 16)
            var seen: [(Int, String?, SHA256Digest?, [String])] = []
            while let r = try reader.readRecord({ r in
                (r.line, r.malformation?.code, r.malformation?.rawSHA256, (0..<r.count).map { r.string($0) })
            }) {
                seen.append(r)
            }
            #expect(seen.map(\.0) == [1, 2, 3])
            #expect(seen[1].1 == "record_too_long")
            #expect(seen[1].2 == SHA256.hash("\(long),y\n"))
            #expect(seen[2].3 == ["next", "1"])
        }
    }

    @Test func writerToReaderRoundTripOnRandomFields() throws {
        var random = makeTestRandom(seed: 0xC5F)
        let alphabet: [String] = ["a", "Z", "0", ",", "\"", "\n", "\r\n", " ", "ễ", "Đ", "🙂", "-", "\"\""]
        var rows: [[String]] = []
        for _ in 0..<300 {
            rows.append(
                (0..<4).map { _ in
                    (0..<random.below(8)).map { _ in alphabet[random.below(alphabet.count)] }.joined()
                })
        }
        try withTemporaryDirectory { dir in
            let path = dir + "/round.csv"
            // For programs: values exact (a file for people neutralizes formulas, HostileFieldTests).
            let writer = try CSVWriter(path: path, header: ["a", "b", "c", "d"], audience: .programs)
            for row in rows { try writer.writeRow(row) }
            try writer.commit()
            for bufferSize in [257, 1 << 16] {
                let records = try readAllRecords(path, bufferSize: bufferSize, maxRecordBytes: 256)
                #expect(records.count == rows.count + 1)
                #expect(Array(records.dropFirst().map(\.texts)) == rows)
                // Lines advance by the line feeds in each record's raw bytes.
                var line = 1
                for r in records {
                    #expect(r.line == line)
                    line += r.raw.filter { $0 == 0x0A }.count
                }
            }
        }
    }

    @Test func randomBytesReadTheSameWithAnyBufferSize() throws {
        // Malformed input included: whatever the bytes, the records, their lines and their
        // raw bytes must not depend on where the buffer boundaries fall, and the raw bytes
        // of all records must add up to the file (less a byte order mark).
        var random = makeTestRandom(seed: 0xF022)
        let alphabet: [UInt8] = Array("ab,\"\n\r ".utf8) + [0xC3, 0xA9]
        var compared = 0
        try withTemporaryDirectory { dir in
            for round in 0..<40 {
                let bytes = (0..<(20 + random.below(300))).map { _ in alphabet[random.below(alphabet.count)] }
                let path = try writeFile(dir, "r\(round).csv", bytes)
                let reference = try readAllRecords(path, bufferSize: 1 << 16, maxRecordBytes: 1 << 12)
                #expect(reference.flatMap(\.raw) == bytes, "round \(round)")
                let small = try readAllRecords(path, bufferSize: 64 + random.below(40), maxRecordBytes: 63)
                let longest = reference.map(\.raw.count).max() ?? 0
                if longest <= 63 {
                    compared += 1
                    #expect(small == reference, "round \(round)")
                }
            }
        }
        #expect(compared >= 20)
    }
}
