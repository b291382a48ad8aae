import CalendarValues
import Foundation
import Yams

/// A problem in a workspace file: `file:line: message`. Same shape as calendar errors.
public typealias WorkspaceProblem = CalendarError

/// Reads one YAML file into Yams nodes and offers typed, validating accessors that collect every
/// problem with its line instead of stopping at the first — so `convene check` can list them all.
final class YAMLDocument {
    let file: String
    let root: Node?
    private(set) var problems: [WorkspaceProblem] = []
    /// For YAML made from another file (minutes.md, `MinutesMarkdown`): the line of `file` each line of the YAML
    /// text came from (index 0 = YAML line 1). Empty: the text is the file itself.
    private let sourceLines: [Int]

    init(file: String, text: String, sourceLines: [Int] = []) {
        self.file = file
        self.sourceLines = sourceLines
        do {
            root = try Self.compose(text)
        } catch let error as YamlError {
            root = nil
            problems.append(YAMLDocument.describe(error, file: file, sourceLines: sourceLines))
        } catch {
            root = nil
            problems.append(WorkspaceProblem(file: file, "not valid YAML"))
        }
    }

    /// Implicit tags are resolved only as far as the accessors below ask: booleans (`insecure: true`) and the `=`
    /// value key. Yams resolves the tag of every mapping key when it checks for duplicates, each through a list of
    /// regular expressions; the default list (int, float, null, timestamp, merge as well) made that most of the
    /// time of loading a large people.yaml. Everything here reads scalars as text (`string`, `int` parse it).
    static let resolver = Resolver.basic.appending(.bool).appending(.value)

    /// The nodes of `text`, as `Yams.compose(yaml: text, resolver)` gives them — without its regular expressions
    /// where they cannot change the answer. The rules above only ever act on mapping keys (Yams resolves no other
    /// tag while composing, and the accessors read values as text): they make a plain key `true`/`yes`/`on`/… a
    /// boolean — distinct from a quoted `"true"` in the duplicate check — and a plain key `=` the value key that
    /// `Node.string` follows. Composed without rules (every plain scalar text, as in YAML 1.2's failsafe schema),
    /// two keys are equal exactly when their text is: that finds every duplicate the rules find, and more only
    /// when two keys differ in nothing but a tag. So the rules run — the whole file composed again with them —
    /// only when they could matter: a file with a tag (`!`), a duplicate found without them, or a plain key `=`.
    /// Every accessor reads the same (only a key's own tag may differ, which nothing reads), with the same problems
    /// and lines, in every case (`FastPathTests`).
    static func compose(_ text: String) throws -> Node? {
        let bytes = text.utf8
        guard !contains(text, UInt8(ascii: "!")) else { return try Yams.compose(yaml: text, resolver) }
        let root: Node?
        do { root = try Yams.compose(yaml: text, .basic) } catch YamlError.duplicatedKeysInMapping {
            return try Yams.compose(yaml: text, resolver)
        }
        if let root, contains(text, UInt8(ascii: "=")) {
            // Aliases can make the tree far larger than the text: past a budget of nodes the rules decide.
            var budget = 2 * bytes.count + 64
            if mayHaveValueKey(root, budget: &budget) { return try Yams.compose(yaml: text, resolver) }
        }
        return root
    }

    /// Whether `text` holds the byte `byte`: memchr(3) over its UTF-8 (the generic search went byte by byte).
    private static func contains(_ text: String, _ byte: UInt8) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in utf8.baseAddress.map { memchr($0, Int32(byte), utf8.count) != nil } ?? false }
    }

    /// Whether some mapping under `node` has the plain key `=` (which the `.value` rule would tag), or the tree has
    /// more nodes than `budget`.
    private static func mayHaveValueKey(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget > 0 else { return true }
        switch node {
        case .scalar, .alias: return false
        case .sequence(let sequence):
            for item in sequence where mayHaveValueKey(item, budget: &budget) { return true }
            return false
        case .mapping(let mapping):
            for (key, value) in mapping {
                if case .scalar(let scalar) = key, scalar.style == .plain, scalar.string == "=" { return true }
                if mayHaveValueKey(key, budget: &budget) || mayHaveValueKey(value, budget: &budget) { return true }
            }
            return false
        }
    }

    /// How deep collections may nest: libyaml's parser stops at 1000 levels (`MAX_NESTING_LEVEL` in its
    /// parser.c), far beyond any workspace file.
    static let maximumNesting = 1000

    static func describe(_ error: YamlError, file: String, sourceLines: [Int] = []) -> WorkspaceProblem {
        switch error {
        case let .parser(_, problem, mark, _) where problem.hasPrefix("Maximum nesting level reached"):
            // libyaml's own words name its C function (and end with a stray parenthesis): say it plainly.
            return WorkspaceProblem(file: file, line: sourceLine(mark.line, sourceLines), "nested too deeply (limit \(maximumNesting))")
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return WorkspaceProblem(file: file, line: sourceLine(mark.line, sourceLines), "not valid YAML (\(what))")
        case let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return WorkspaceProblem(file: file, line: sourceLine(mark.line, sourceLines), "not valid YAML (\(what))")
        default:
            return WorkspaceProblem(file: file, "not valid YAML")
        }
    }

    func problem(_ node: Node?, _ message: String) {
        problems.append(WorkspaceProblem(file: file, line: line(of: node), message))
    }

    func problem(line: Int?, _ message: String) {
        problems.append(WorkspaceProblem(file: file, line: line, message))
    }

    // MARK: Typed access

    /// The entries of a mapping; unknown keys are reported (with a suggestion), duplicates too.
    func mapping(_ node: Node?, allowed: [String], what: String) -> [String: Node] {
        guard let node else { return [:] }
        guard case .mapping(let mapping) = node else {
            problem(node, "\(what) must be a mapping of key: value")
            return [:]
        }
        var result: [String: Node] = [:]
        result.reserveCapacity(mapping.count)
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                problem(keyNode, "\(what): keys must be text")
                continue
            }
            guard allowed.contains(key) else {
                let hint = YAMLDocument.closest(key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                problem(keyNode, "\(what): unknown key '\(key)'\(hint); known keys: \(allowed.joined(separator: ", "))")
                continue
            }
            if result[key] != nil { problem(keyNode, "\(what): '\(key)' appears twice") }
            result[key] = value
        }
        return result
    }

    func sequence(_ node: Node?, what: String) -> [Node] {
        guard let node else { return [] }
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return [] }
        guard case .sequence(let sequence) = node else {
            problem(node, "\(what) must be a list (lines starting with '- ')")
            return []
        }
        return Array(sequence)
    }

    func string(_ fields: [String: Node], _ key: String, what: String, required: Bool = true) -> String? {
        guard let node = fields[key] else {
            if required { problem(line: nil, "\(what): '\(key)' is missing") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            problem(node, "\(what): '\(key)' must be a single value")
            return nil
        }
        let text = YAMLDocument.trimmed(scalar.string)
        if text.isEmpty && required { problem(node, "\(what): '\(key)' is empty") }
        return text.isEmpty ? nil : text
    }

    func int(_ fields: [String: Node], _ key: String, what: String, range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let text = string(fields, key, what: what, required: required) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problem(fields[key], "\(what): '\(key)' must be a whole number in \(range.lowerBound)…\(range.upperBound), not '\(text)'")
            return nil
        }
        return value
    }

    /// `text.trimmingCharacters(in: .whitespaces)`, asking Foundation (which bridges every scalar through NSString)
    /// only when the first or last scalar is such a space — hardly ever, in a large people.yaml.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        // ASCII ends other than space and tab (the only ASCII members of `.whitespaces`) need no CharacterSet at all.
        let plainASCII = { (scalar: Unicode.Scalar) in scalar.value < 0x80 && scalar != " " && scalar != "\t" }
        if plainASCII(first) && plainASCII(last) { return text }
        let spaces = CharacterSet.whitespaces
        return spaces.contains(first) || spaces.contains(last) ? text.trimmingCharacters(in: spaces) : text
    }

    /// A slug id (`[a-z0-9-]`): ids become file names, so nothing else is accepted.
    func id(_ fields: [String: Node], _ key: String = "id", what: String) -> String? {
        guard let text = string(fields, key, what: what) else { return nil }
        guard Slug.isValid(text) else {
            problem(fields[key], "\(what): '\(text)' is not a valid id (lower-case letters, digits and '-', starting with a letter or digit)")
            return nil
        }
        return text
    }

    /// The line a missing key would belong to: the mapping's own line.
    /// The line of `file` a node stands on (for YAML made from minutes.md, the Markdown line it came from).
    func line(of node: Node?) -> Int? { node?.mark.map { Self.sourceLine($0.line, sourceLines) } }

    private static func sourceLine(_ line: Int, _ sourceLines: [Int]) -> Int {
        sourceLines.isEmpty ? line : sourceLines[min(max(line - 1, 0), sourceLines.count - 1)]
    }

    /// The allowed key nearest to a typo (edit distance ≤ 2).
    static func closest(_ key: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

/// Ids are slugs: `[a-z0-9]` then `[a-z0-9-]`, at most 64 characters.
public enum Slug {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 64 else { return false }
        let isAlnum: (UInt8) -> Bool = { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        return isAlnum(first) && text.utf8.allSatisfy { isAlnum($0) || $0 == 45 }
    }
}
