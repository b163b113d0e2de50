import VaxCore

// Placeholder until the generator lands; replaced by the data-gen work.
enum GenerateCommand: Command {
    static let name = "generate"
    static let summary = "Generate a register, shots and an answer key."
    static let help = """
        USAGE: vaxlink generate --citizens N --shots M --seed S --out DIR
        """
    static func run(_ arguments: inout Arguments) throws -> Int32 {
        throw VaxError(.usage, "generate is not built yet")
    }
}
