import ArgumentParser
import ConveneCore
import Foundation

/// Maps an error that reached the entry point to what the user sees and the exit status.
///
/// - `WorkspaceProblem` (`FILE[:LINE]: message`), `WorkspaceErrors` (several of them) and
///   `PartialFailure` (a command that did part of its work): one `convene: error: …` line each,
///   exit status 1.
/// - Usage errors — bad arguments found while parsing, `validate()`, or a `ValidationError`
///   thrown by `run()` — print the message, the usage line of the subcommand that was run and
///   where to find its help; exit status 64.
/// - `ExitCode`: the command has printed everything already.
enum ErrorReport {
    /// Prints the error and returns the exit status.
    /// - Parameter command: the subcommand that was parsed, nil if parsing failed.
    static func report(_ error: Error, command: ParsableCommand.Type?) -> Int32 {
        switch error {
        case let problem as WorkspaceProblem:
            Console.error(problem)
            return 1
        case let errors as WorkspaceErrors:
            errors.problems.forEach(Console.error)
            return 1
        case let failure as PartialFailure:
            failure.lines.forEach { Console.writeError("convene: error: \($0)") }
            return 1
        case let usageError as UsageError:
            Console.writeError(usage(usageError.message, command: command ?? Convene.self))
            return ExitCode.validationFailure.rawValue
        case let validation as ValidationError where command != nil:
            // Thrown by run(): argument-parser would show the root command's usage line.
            Console.writeError(usage(validation.message, command: command ?? Convene.self))
            return ExitCode.validationFailure.rawValue
        default:
            let code = Convene.exitCode(for: error).rawValue
            let message = Convene.fullMessage(for: error)
            // As argument-parser itself does: help on stdout, the rest on stderr.
            if !message.isEmpty {
                if code == 0 { Console.write(message + "\n") } else { Console.writeError(message) }
            }
            return code
        }
    }

    /// The form argument-parser uses for usage errors, with the subcommand's own usage line.
    static func usage(_ message: String, command: ParsableCommand.Type) -> String {
        let names = path(to: command, from: Convene.self)?.map { $0._commandName }.joined(separator: " ") ?? Convene._commandName
        return "\(Convene._errorPrefix)\(message)\nUsage: \(Convene.usageString(for: command))\n  See '\(names) --help' for more information."
    }

    /// The commands from `root` down to `command`.
    private static func path(to command: ParsableCommand.Type, from root: ParsableCommand.Type) -> [ParsableCommand.Type]? {
        if root == command { return [root] }
        for sub in root.configuration.subcommands {
            if let rest = path(to: command, from: sub) { return [root] + rest }
        }
        return nil
    }
}
