/// Events a busy-time reader leaves out by their UID: convene's own invitation and holds of the meeting being
/// planned, once people import them and export their calendar back, are not busy time for that meeting (they
/// would block every candidate). Matched exactly or by prefix and suffix; nothing else of an event is looked at.
public struct UIDFilter: Sendable, Hashable {
    /// UIDs left out as they are.
    public var exact: Set<String>
    /// `(prefix, suffix)` pairs: a UID that starts with the one and ends with the other is left out.
    public var patterns: [Pattern]

    public struct Pattern: Sendable, Hashable {
        public var prefix: String
        public var suffix: String
        public init(prefix: String, suffix: String) {
            self.prefix = prefix
            self.suffix = suffix
        }
    }

    public init(exact: Set<String> = [], patterns: [Pattern] = []) {
        self.exact = exact
        self.patterns = patterns
    }

    public var isEmpty: Bool { exact.isEmpty && patterns.isEmpty }

    public func matches(_ uid: String) -> Bool {
        exact.contains(uid) || patterns.contains { uid.count >= $0.prefix.count + $0.suffix.count && uid.hasPrefix($0.prefix) && uid.hasSuffix($0.suffix) }
    }

    /// A stable text for cache keys: the same filter gives the same key.
    public var cacheKey: String {
        (exact.sorted() + patterns.map { "\($0.prefix)*\($0.suffix)" }.sorted()).joined(separator: "\u{1F}")
    }
}
