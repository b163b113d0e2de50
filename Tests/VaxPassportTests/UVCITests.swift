import Testing
import VaxCore
import VaxCrypto
import VaxPassport

@Suite struct UVCITests {
    /// UVCIs with their check characters as published: the DCC FAQ's Swedish example and
    /// certificates of the EU DCC test data (Austria, Denmark).
    static let published = [
        "URN:UVCI:01:SE:EHM/V12907267LAJW#E",
        "URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B",
        "URN:UVCI:01:AT:71EE2559DE38C6BF7304FB65A1A451EC#3",
        "URN:UVCI:01:AT:858CC18CFCF5965EF82F60E493349AA5#K",
        "URN:UVCI:01:DK:F573106A0A315AB8A7F7016329C30550#2",
        "URN:UVCI:01:DK:1B9B48CA1F4351F4A4C023D3815A74A9#I",
    ]

    @Test(arguments: 0..<6)
    func publishedCheckCharactersAgree(index: Int) {
        let uvci = Self.published[index]
        #expect(UVCI.hasValidCheckCharacter(uvci))
        let body = String(uvci.dropLast(2))
        #expect(UVCI.checkCharacter(body) == uvci.last)
    }

    @Test func aChangedOrSwappedCharacterIsCaught() {
        let good = "URN:UVCI:01:SE:EHM/V12907267LAJW#E"
        #expect(!UVCI.hasValidCheckCharacter("URN:UVCI:01:SE:EHM/V12907268LAJW#E"))  // one changed
        #expect(!UVCI.hasValidCheckCharacter("URN:UVCI:01:SE:EHM/V12907276LAJW#E"))  // two swapped
        #expect(!UVCI.hasValidCheckCharacter(String(good.dropLast(2))))  // no check character
        #expect(UVCI.checkCharacter("urn:uvci") == nil)  // outside the alphabet
    }

    @Test func madeUVCIsAreOpaqueDeterministicAndValid() {
        let secret = SHA256.hash("secret")
        let context = SHA256.hash("ledger origin")
        let a = UVCI.opaqueIdentifier(secret: secret, context: context, citizenID: CitizenID(rawValue: 1_234_567_890))
        #expect(a.count == 24)
        #expect(a.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 50 && $0 <= 55) })
        #expect(
            a == UVCI.opaqueIdentifier(secret: secret, context: context, citizenID: CitizenID(rawValue: 1_234_567_890)))
        #expect(
            a != UVCI.opaqueIdentifier(secret: secret, context: context, citizenID: CitizenID(rawValue: 1_234_567_891)))
        #expect(
            a
                != UVCI.opaqueIdentifier(
                    secret: SHA256.hash("other"), context: context,
                    citizenID: CitizenID(rawValue: 1_234_567_890)))
        let uvci = UVCI.make(country: "VN", identifier: a)
        #expect(uvci.hasPrefix("URN:UVCI:01:VN:" + a + "#"))
        #expect(uvci.utf8.count == 41)
        #expect(UVCI.hasValidCheckCharacter(uvci))
    }
}
