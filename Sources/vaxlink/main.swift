// vaxlink: the command-line front end. It parses, wires the modules together and maps
// errors to the exit codes of spec/cli.md; the work itself lives in the libraries.
import Foundation
import VaxCore

let topHelp = """
    vaxlink: link a nation's vaccination records to its population register.

    USAGE: vaxlink <command> [options]   (every command has --help)

    COMMANDS:
    \(allCommands.map { "  " + $0.name.padding(to: 18) + $0.summary }.joined(separator: "\n"))

    EXIT CODES: 0 success; 1 the work found a problem; 2 bad usage or bad input;
                3 an environment fault or a damaged file.
    """

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

/// Finds the command whose name words start the argument list (longest match first).
func selectCommand(_ words: [String]) -> (any Command.Type, Int)? {
    let sorted = allCommands.sorted { $0.name.split(separator: " ").count > $1.name.split(separator: " ").count }
    for command in sorted {
        let nameWords = command.name.split(separator: " ").map(String.init)
        if words.count >= nameWords.count && Array(words.prefix(nameWords.count)) == nameWords {
            return (command, nameWords.count)
        }
    }
    return nil
}

func runMain() -> Int32 {
    let words = Array(CommandLine.arguments.dropFirst())
    if words.isEmpty || words == ["--help"] || words == ["-h"] || words == ["help"] {
        print(topHelp)
        return words.isEmpty ? 2 : 0
    }
    guard let (command, used) = selectCommand(words) else {
        // A group word alone ("store") lists its subcommands.
        let group = allCommands.filter { $0.name.hasPrefix(words[0] + " ") }
        if !group.isEmpty {
            print("USAGE: vaxlink \(words[0]) <command> [options]\n")
            for c in group { print("  " + c.name.padding(to: 18) + c.summary) }
            return words.count == 1 || words.contains("--help") ? 0 : 2
        }
        writeStderr("vaxlink: unknown command '\(words[0])'; see 'vaxlink --help'\n")
        return 2
    }
    var arguments = Arguments(Array(words.dropFirst(used)), command: command.name)
    if arguments.wantsHelp {
        print(command.help)
        return 0
    }
    do {
        return try command.run(&arguments)
    } catch let error as VaxError {
        writeStderr("vaxlink \(command.name): \(error)\n")
        return error.exitCode
    } catch {
        writeStderr("vaxlink \(command.name): \(error)\n")
        return 3
    }
}

let status = runMain()
fflush(nil)
exit(status)
