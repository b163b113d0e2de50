import Testing
import VaxNames

@Test func telexKeystrokesAreDecoded() {
    func decoded(_ s: String) -> String? { decodeTelex(Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) } }
    #expect(decoded("traanf phuwowng ddaof") == "tran phuong dao")
    #expect(decoded("nguyeenx") == "nguyen")
    #expect(decoded("traanf huwux haauj") == "tran huu hau")
    #expect(decoded("nguyen van an") == nil)  // nothing to decode
}

@Test func vniKeystrokesAreDecoded() {
    func decoded(_ s: String) -> String? { decodeVNI(Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) } }
    #expect(decoded("nguye64n va8n a1n") == "nguyen van an")
    #expect(decoded("tra62n phu7o7ng d9a2o") == "tran phuong dao")
    #expect(decoded("nguyen van an") == nil)  // nothing to decode
    #expect(decoded("nguyen 2") == nil)  // a lone number is no mark key
}
