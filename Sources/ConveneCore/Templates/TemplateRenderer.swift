import Foundation
import CalendarValues
import Mustache

/// Mustache templates (hummingbird-project/swift-mustache) for everything convene renders for
/// people: agendas and minutes as Markdown and HTML.
///
/// Built-in templates are compiled into the binary (each feature's `Default…Templates.swift`,
/// generated from the package's `Templates/` folder), so an installed `convene` needs no resource
/// files. A workspace overrides a template by putting its own copy in `<workspace>/templates/`
/// under the same name. HTML templates escape every value; a Markdown template declares
/// `{{% CONTENT_TYPE: MARKDOWN }}`, which backslash-escapes Markdown's special characters
/// instead. A template that does not parse, or uses a variable the data does not provide, is an
/// error naming the file and line.
public enum TemplateRenderer {
    /// The folder of a workspace that holds template overrides.
    public static let overrideFolder = "templates"

    /// The text of template `name` — the workspace's copy in `templates/`, else the built-in one
    /// from `defaults` — and the path to name in messages.
    public static func source(named name: String, defaults: [String: String], workspaceRoot: URL?) throws(WorkspaceProblem) -> (String, String) {
        if let root = workspaceRoot {
            let relative = "\(overrideFolder)/\(name)"
            let url = root.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: url.path) {
                guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                    throw WorkspaceProblem(file: relative, "cannot read the template (not UTF-8 text?)")
                }
                return (text, relative)
            }
        }
        guard let text = defaults[name] else { throw WorkspaceProblem(file: "Templates/\(name)", "built-in template missing") }
        return (text, "Templates/\(name) (built in)")
    }

    /// Parses, checks and renders a template.
    /// - Throws: `WorkspaceProblem` (`file:line`) for syntax errors and unknown variables.
    /// - Parameters:
    ///   - known: variable names valid besides the keys found in `data` (those of list
    ///     elements, which an empty list does not show).
    ///   - subject: what provides the data, for the message about an unknown variable.
    public static func render(templateText: String, file: String, data: [String: Any], known: Set<String> = [],
                               subject: String = "the agenda") throws(WorkspaceProblem) -> String {
        try prepare(templateText: templateText, file: file, data: data, known: known, subject: subject).render(data)
    }

    /// Parses and checks a template once, for rendering it many times (one letter per attendee): `data` is a
    /// sample of what it will get, for the unknown-variable check (every later data must have the same keys).
    /// - Throws: `WorkspaceProblem` (`file:line`) for syntax errors and unknown variables.
    public static func prepare(templateText: String, file: String, data: [String: Any], known: Set<String> = [],
                               subject: String = "the agenda") throws(WorkspaceProblem) -> PreparedTemplate {
        _ = MarkdownContentType.register
        try checkNesting(templateText, file: file, data: data)
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: templateText)
        } catch let error as MustacheTemplate.ParserError {
            throw WorkspaceProblem(file: file, line: error.context.lineNumber, "template error: \(describe(error.error))")
        } catch {
            throw WorkspaceProblem(file: file, "template error: \(error)")
        }
        if let (name, line) = unknownVariable(in: templateText, data: data, known: known) {
            throw WorkspaceProblem(file: file, line: line, "template uses '\(name)', which \(subject) does not provide")
        }
        return PreparedTemplate(template: template)
    }

    /// A parsed and checked template.
    public struct PreparedTemplate {
        let template: MustacheTemplate

        /// The text for `data` (control characters in values replaced, see `withoutControlCharacters`).
        public func render(_ data: [String: Any]) -> String {
            template.render(withoutControlCharacters(data) as? [String: Any] ?? data)
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened"
        case .unfinishedName: return "a tag is not finished ('}}' missing or a bad name)"
        case .expectedSectionEnd: return "a section is not closed ({{/name}} missing)"
        case .invalidSetDelimiter: return "bad set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "transform applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "illegal tag inside an inheritance section"
        case .textInsideInheritSection: return "text inside an inheritance section"
        case .invalidConfigVariableSyntax: return "bad {{% … }} tag"
        case .unrecognisedConfigVariable: return "unknown {{% … }} setting (known: CONTENT_TYPE: HTML, TEXT, MARKDOWN)"
        }
    }

    /// The first variable (with its line) a template names that appears nowhere in `data` — a typo
    /// would otherwise render as nothing. Templates that change their delimiters are not checked.
    public static func unknownVariable(in text: String, data: [String: Any], known: Set<String> = []) -> (String, Int)? {
        guard !text.contains("{{=") else { return nil }
        var known = known.union(["."])
        func collect(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                for (key, child) in dictionary {
                    known.insert(key)
                    collect(child)
                }
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(data)
        var rest = Substring(text)
        var line = 1
        while let open = rest.range(of: "{{") {
            line += rest[..<open.lowerBound].filter(\.isNewline).count
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let tag = rest[open.upperBound..<close.lowerBound]
            let tagLine = line
            line += tag.filter(\.isNewline).count
            rest = rest[close.upperBound...]
            var name = tag.trimmingCharacters(in: .whitespaces)
            guard let sigil = name.first else { continue }
            if "!/>%=<$".contains(sigil) { continue }
            if "#^&{".contains(sigil) { name = String(name.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if name.hasSuffix("}") { name = String(name.dropLast()).trimmingCharacters(in: .whitespaces) }
            // Transforms: `uppercased(title)`; sequence context: `index()`.
            while let paren = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: paren)..<name.index(before: name.endIndex)])
            }
            if name.isEmpty || name == "." { continue }
            for part in name.split(separator: ".") where !known.contains(String(part)) {
                return (name, tagLine)
            }
        }
        return nil
    }

    /// The data with control characters (a NUL in a name, C1 controls) replaced by U+FFFD: neither
    /// HTML nor a terminal should get them from a workspace file.
    static func withoutControlCharacters(_ value: Any) -> Any {
        switch value {
        case let text as String:
            guard text.unicodeScalars.contains(where: isControl) else { return text }
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars { out.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
            return String(out)
        case let dictionary as [String: Any]: return dictionary.mapValues(withoutControlCharacters)
        case let array as [Any]: return array.map(withoutControlCharacters)
        default: return value
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || (0x7F...0x9F).contains(scalar.value)
    }

    /// Sections may nest at most this deep (the built-in templates use 4).
    static let maximumNesting = 6

    /// At most this many times may the innermost text of nested sections be repeated (the
    /// product of the lengths of the lists the open sections walk). The built-in templates stay
    /// far below it for a network of thousands of people (two nested lists: towns × people); a template that multiplies long lists
    /// into each other is refused before it renders instead of running for hours.
    static let maximumRepetitions = 200_000

    /// Bounds the parser's recursion and the renderer's work before either starts: at most
    /// `maximumNesting` open sections, no section inside another of the same name (each would
    /// repeat the whole outer list again: 8 such levels never finish), and at most
    /// `maximumRepetitions` repetitions of any nested text (delimiters stay `{{ }}`, so every tag is seen), counted from the longest list each
    /// section name can stand for in `data`. So rendering is bounded in time by the data's size,
    /// not by what a template can make of it.
    static func checkNesting(_ text: String, file: String, data: [String: Any] = [:], limit: Int = maximumRepetitions) throws(WorkspaceProblem) {
        let lengths = listLengths(data)
        var open: [(name: String, repetitions: Int)] = []
        var line = 1
        var rest = Substring(text)
        while let start = rest.range(of: "{{") {
            line += rest[..<start.lowerBound].filter { $0 == "\n" }.count
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: "}}") else { break }
            let tag = rest[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            line += rest[..<end.lowerBound].filter { $0 == "\n" }.count
            rest = rest[end.upperBound...]
            guard let kind = tag.first else { continue }
            let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
            switch kind {
            case "#", "^":
                if open.contains(where: { $0.name == name }) {
                    throw WorkspaceProblem(file: file, line: line, "template error: a section inside another of the same name repeats the whole list again; not rendered")
                }
                // An inverted section renders at most once; a section over a list once per element.
                let length = kind == "^" ? 1 : max(1, lengths[String(name.split(separator: ".").last ?? "")] ?? 1)
                let (product, overflow) = (open.last?.repetitions ?? 1).multipliedReportingOverflow(by: length)
                open.append((name, overflow ? Int.max : product))
                if open.count > maximumNesting {
                    throw WorkspaceProblem(file: file, line: line, "template error: sections nest more than \(maximumNesting) deep; not rendered")
                }
                if overflow || product > limit {
                    throw WorkspaceProblem(file: file, line: line, "template error: the nested sections would repeat their text more than \(limit) times for this data; not rendered")
                }
            case "/":
                if !open.isEmpty { open.removeLast() }
            case "=":
                // Other delimiters would hide sections from these bounds and names from the variable check.
                throw WorkspaceProblem(file: file, line: line, "template error: changing the delimiters ({{=…=}}) is not supported; not rendered")
            default:
                continue
            }
        }
    }

    /// For every key of `data` (at any depth) the length of the longest list stored under it.
    static func listLengths(_ data: [String: Any]) -> [String: Int] {
        var lengths: [String: Int] = [:]
        var pending: [Any] = [data]
        while let value = pending.popLast() {
            if let dictionary = value as? [String: Any] {
                for (key, child) in dictionary {
                    if let list = child as? [Any] { lengths[key] = max(lengths[key] ?? 0, list.count) }
                    pending.append(child)
                }
            } else if let list = value as? [Any] {
                pending.append(contentsOf: list)
            }
        }
        return lengths
    }
}

/// Markdown output: the characters Markdown would read as markup are backslash-escaped
/// (CommonMark §2.4), so a title such as `e-Akte *neu* | Stufe 2` prints as written.
struct MarkdownContentType: MustacheContentType {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "#"]

    func escapeText(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\n" { out += " "; continue }
            if Self.special.contains(character) { out += "\\" }
            out.append(character)
        }
        return out
    }

    /// Registers the type as `MARKDOWN` once (Mustache looks content types up while parsing).
    static let register: Void = MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
}
