public import VaxCore

/// One record as read by `CSVReader`: a borrowed view into the reader's buffers.
///
/// Valid only inside the callback that receives it: the reader reuses its memory for the
/// next record. Copy out what must outlive the callback.
public struct CSVRecord {
    /// The physical line where the record starts (the header is line 1).
    public let line: Int
    /// The record's bytes exactly as read, line break included (empty for a record too long
    /// to hold; its digest is then in `malformation.rawSHA256`).
    public let raw: UnsafeRawBufferPointer
    /// The number of fields; 0 for a malformed record.
    public let count: Int
    /// Why the record could not be split into fields, if it could not.
    public let malformation: CSVMalformation?
    private let fields: UnsafePointer<UnsafeRawBufferPointer>

    init(
        line: Int, raw: UnsafeRawBufferPointer, count: Int, fields: UnsafePointer<UnsafeRawBufferPointer>,
        malformation: CSVMalformation?
    ) {
        self.line = line
        self.raw = raw
        self.count = count
        self.fields = fields
        self.malformation = malformation
    }

    /// Field `index`'s bytes, quotes removed and doubled quotes undone.
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < count, "field index out of range")
        return fields[index]
    }

    /// Field `index` decoded as UTF-8 (invalid sequences replaced); allocates, so not for hot paths.
    public func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }
}

/// A record that the reader could not split into fields.
public struct CSVMalformation: Sendable, Equatable {
    /// The reject code of docs/interchange.md: `bad_quoting` or `record_too_long`.
    public let code: String
    /// A human sentence, without any of the record's content.
    public let message: String
    /// The digest of the whole record when `CSVRecord.raw` cannot hold it (too long).
    public let rawSHA256: SHA256Digest?
}
