import CalendarValues
import Foundation

/// Which templates an artifact was made from: per template name, where its text came from — the
/// workspace's copy in `templates/` or the built-in one — and the SHA-256 of that text. Recorded with the
/// artifact (the invitation's letters: `invitation.yaml` `templates:`), compared with `current` later, so
/// `convene status` can say that a step's output was written from a template that changed since — an
/// override edited, added or removed, or the built-in one changed with another convene version.
public struct TemplateFingerprint: Sendable, Equatable {
    public enum Origin: String, Sendable {
        /// `templates/<name>` in the workspace.
        case workspace
        /// The copy compiled into convene (`Templates/<name>` in the repository).
        case builtIn = "built-in"
    }

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var origin: Origin
        /// SHA-256 (hex) of the template's bytes.
        public var digest: String

        public init(name: String, origin: Origin, digest: String) {
            self.name = name
            self.origin = origin
            self.digest = digest
        }
    }

    /// Sorted by name.
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries.sorted { $0.name < $1.name } }

    /// The names it covers.
    public var names: [String] { entries.map(\.name) }

    /// The fingerprint of templates `names` as `TemplateRenderer.source` would pick them now: the workspace's
    /// copy when there is one, else the built-in text from `defaults` (a name with neither is left out).
    public static func current(names: [String], defaults: [String: String], workspaceRoot: URL?) -> TemplateFingerprint {
        TemplateFingerprint(entries: names.compactMap { name in
            if let root = workspaceRoot,
               let data = FileManager.default.contents(atPath: root.appendingPathComponent("\(TemplateRenderer.overrideFolder)/\(name)").path) {
                return Entry(name: name, origin: .workspace, digest: SHA256.hex(Array(data)))
            }
            return defaults[name].map { Entry(name: name, origin: .builtIn, digest: SHA256.hex(Array($0.utf8))) }
        })
    }

    /// Why `self` (now) differs from `recorded` (when the artifact was made), one phrase per template;
    /// empty when they are the same. Names only `recorded` has are not compared.
    public func changes(since recorded: TemplateFingerprint) -> [String] {
        recorded.entries.compactMap { old in
            let override = "\(TemplateRenderer.overrideFolder)/\(old.name)"
            guard let new = entries.first(where: { $0.name == old.name }) else { return nil }
            switch (old.origin, new.origin) {
            case _ where old == new: return nil
            case (.builtIn, .workspace): return "\(override) was added"
            case (.workspace, .builtIn): return "\(override) was removed (the built-in one is used now)"
            case (.workspace, .workspace): return "\(override) was edited"
            case (.builtIn, .builtIn): return "the built-in \(old.name) changed (another convene version)"
            }
        }
    }

    /// The record's lines under a `templates:` key (a list of flow mappings).
    public var yamlLines: [String] {
        entries.map { "  - {name: \($0.name), from: \($0.origin.rawValue), sha256: \($0.digest)}" }
    }
}
