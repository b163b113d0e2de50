// Stream numbers for SplitMix64(seed:stream:index:): each kind of random choice has its own
// stream, so that adding a choice to one never shifts another. Frozen: changing one changes
// the output (bump GeneratorParameters.version).
enum Streams {
    static let household: UInt64 = 1
    static let householdAttributes: UInt64 = 2
    static let citizenKey: UInt64 = 3
    static let citizenDetails: UInt64 = 4
    static let serial: UInt64 = 5
    static let legacyID: UInt64 = 6
    static let personOrder: UInt64 = 7
    static let person: UInt64 = 8
    static let outsider: UInt64 = 9
    static let shotOrder: UInt64 = 10
    static let shotID: UInt64 = 11
    static let personErrors: UInt64 = 12
    static let shotErrors: UInt64 = 13
    static let shotDetails: UInt64 = 14
    static let persistence: UInt64 = 15
    // The hard profile's own streams (GeneratorProfile.hard); the standard profile never draws them.
    static let hardPersonErrors: UInt64 = 16
    static let hardShotErrors: UInt64 = 17
    static let lookalike: UInt64 = 18
}
