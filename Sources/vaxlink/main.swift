// vaxlink: the command-line front end. Each command parses its arguments and calls one
// function of VaxWorkflows; ExitCodes.swift maps the outcome to the exit codes of docs/cli.md.
import Foundation
import VaxCore
import VaxWorkflows

let topHelp = """
    vaxlink: link a nation's vaccination records to its population register.

    USAGE: vaxlink <command> [options]   (every command has --help)

    COMMANDS:
    \(allCommands.map { "  " + $0.name.padding(to: 18) + $0.summary }.joined(separator: "\n"))

    EXIT CODES: 0 success; 1 the work found a problem; 2 bad usage or bad input;
                3 an environment fault or a damaged file.
    """

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
    tuneAllocatorForLongRuns()
    let words = Array(CommandLine.arguments.dropFirst())
    if words.isEmpty || words == ["--help"] || words == ["-h"] || words == ["help"] {
        print(topHelp)
        return words.isEmpty ? ExitCode.usage : ExitCode.success
    }
    guard let (command, used) = selectCommand(words) else {
        // A group word alone ("store") lists its subcommands.
        let group = allCommands.filter { $0.name.hasPrefix(words[0] + " ") }
        if !group.isEmpty {
            print("USAGE: vaxlink \(words[0]) <command> [options]\n")
            for c in group { print("  " + c.name.padding(to: 18) + c.summary) }
            return words.count == 1 || words.contains("--help") ? ExitCode.success : ExitCode.usage
        }
        writeStderr("vaxlink: unknown command '\(words[0])'; see 'vaxlink --help'\n")
        return ExitCode.usage
    }
    var arguments = Arguments(Array(words.dropFirst(used)), command: command.name)
    if arguments.wantsHelp {
        print(command.help)
        return ExitCode.success
    }
    do {
        return try command.run(&arguments)
    } catch {
        // An error may quote input data: escaped, so a file cannot drive the terminal.
        writeStderr("vaxlink \(command.name): \(terminalEscaped("\(error)"))\n")
        return ExitCode.of(error)
    }
}

let status = runMain()
fflush(nil)
exit(status)
