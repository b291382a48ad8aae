/// Calendar text to read, with the name used in messages.
public struct CalendarSource: Sendable {
    /// The file as the user named it, or `<stdin>`.
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
