import ArgumentParser

/// The values of `--format`, one type for every command. Each command names the formats it
/// writes (`formats`) and checks the one given in `validate()`, so `--format md` for a command
/// without Markdown is a usage error that lists what the command does write.
///
/// Not `CaseIterable` on purpose: help would list all six values for every command; each
/// option's help text names its own.
enum OutputFormat: String, ExpressibleByArgument, Sendable {
    /// For people: aligned text, coloured only on a terminal.
    case text
    /// For scripts: the command's JSON contract.
    case json
    /// iCalendar (VFREEBUSY, tentative holds, the VTODO feed).
    case ics
    /// Markdown.
    case md
    /// Print-friendly HTML.
    case html
    /// A4 PDF through WeasyPrint (`PDFRenderer`): written to `--out`, or to standard output when it is not a terminal.
    case pdf

    /// - Throws: `ValidationError` naming the formats in `allowed` when this is not one of them.
    func require(_ allowed: [OutputFormat]) throws(ValidationError) {
        guard allowed.contains(self) else { throw unsupported(allowed) }
    }

    /// The usage error for a format the command does not write.
    func unsupported(_ allowed: [OutputFormat]) -> ValidationError {
        let names = allowed.map(\.rawValue)
        let list = names.count <= 2 ? names.joined(separator: " or ")
            : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return ValidationError("--format \(rawValue) is not available for this command; use \(list).")
    }
}
