import Testing
import VaxNames

@Test func telexKeystrokesAreDecoded() {
    func decoded(_ s: String) -> String? { decodeTelex(Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) } }
    #expect(decoded("traanf phuwowng ddaof") == "tran phuong dao")
    #expect(decoded("nguyeenx") == "nguyen")
    #expect(decoded("traanf huwux haauj") == "tran huu hau")
    #expect(decoded("nguyen van an") == nil)  // nothing to decode
}
