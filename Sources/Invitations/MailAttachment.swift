import MIME

/// A file a mail carries besides its text (the Tagesordnung or the Niederschrift as PDF): a part of the
/// outer `multipart/mixed`, base64, with its name as `filename` and `name`.
public struct MailAttachment: Sendable, Equatable {
    /// The file name the recipient sees (`Tagesordnung.pdf`).
    public var name: String
    /// Its media type (`application/pdf`).
    public var type: String
    public var bytes: [UInt8]

    public init(name: String, type: String = "application/pdf", bytes: [UInt8]) {
        self.name = name
        self.type = type
        self.bytes = bytes
    }

    var part: MIMEEntity {
        .leaf(type: type, parameters: [("name", name)], body: bytes, encoding: .base64, attachmentName: name)
    }
}
