/// The bytes of a lowercase hex string (test vectors).
func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    func value(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}
