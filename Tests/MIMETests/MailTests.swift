import Foundation
import CalendarValues
import Testing
@testable import MIME

/// The iMIP mail composer and reader (RFC 5322, 2045–2047, 6047).
@Suite struct MailTests {
    // MARK: - Sample invitation

    static let ics = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//convene//convene//EN\r
        METHOD:REQUEST\r
        BEGIN:VEVENT\r
        UID:spring-2027@ettlingen.example\r
        SEQUENCE:3\r
        DTSTAMP:20270419T060000Z\r
        DTSTART:20270512T083000Z\r
        DTEND:20270512T103000Z\r
        SUMMARY:Plenum Digital Regional – Ettlingen\r
        ORGANIZER;CN="Müller, Anna":mailto:ob@ettlingen.example\r
        ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ob@bre\r
         tten.example\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    /// Umlauts, a 200-character line, trailing blanks, `=`, lines that look like delimiters,
    /// mbox `From ` and SMTP `.` lines.
    static let plain = "Guten Tag,\r\n\r\nSie sind eingeladen: Plenum Digital Regional – Ettlingen, 12.05.2027.\r\n"
        + String(String(repeating: "Tagesordnung für die Sitzung: Übergänge prüfen. ", count: 5).prefix(200)) + "\r\n"
        + "Zeile mit Leerzeichen am Ende   \r\nTab am Ende\t\r\n= Gleichheitszeichen =3D\r\n--\r\n--=_convene_\r\nFrom the organizer\r\n.\r\nÄÖÜ äöü ß"

    static let html = "<!DOCTYPE html>\r\n<html lang=\"de\"><body><p>Sie sind eingeladen: <b>Plenum</b> – Ettlingen</p>\r\n"
        + "<p style=\"margin:0\">Grüße</p></body></html>\r\n"

    static let germanSubject = "Einladung: Plenum Digital Regional – Ettlingen, 12.05.2027"

    static func address(_ name: String?, _ address: String) throws -> MailAddress {
        try MailAddress(name: name, address: address)
    }

    static func body(calendar: String = ics, plain: String = plain) -> MIMEEntity {
        .multipart(subtype: "mixed", parts: [
            .multipart(subtype: "alternative", parts: [
                .leaf(type: "text/plain", parameters: [], body: Array(plain.utf8), encoding: .quotedPrintable, attachmentName: nil),
                .leaf(type: "text/html", parameters: [], body: Array(html.utf8), encoding: .quotedPrintable, attachmentName: nil),
                .leaf(type: "text/calendar", parameters: [("method", "REQUEST")], body: Array(calendar.utf8), encoding: .base64, attachmentName: nil),
            ]),
            .leaf(type: "application/ics", parameters: [], body: Array(calendar.utf8), encoding: .base64, attachmentName: "invite.ics"),
        ])
    }

    static func invitation(subject: String = germanSubject, body: MIMEEntity = body()) throws -> MailMessage {
        MailMessage(
            from: try address("Müller, Anna", "ob@ettlingen.example"),
            to: [try address("Schmidt, Anna", "ob@bretten.example"), try address(nil, "it@bretten.example"),
                 try address("Jürgen Weiß-Öztürk (Bürgermeister)", "ob@baden-baden.example"), try address("Office", "office@rastatt.example")],
            subject: subject,
            date: Instant(secondsSince1970: 1_810_110_600), // 2027-05-12T08:30:00Z
            utcOffsetSeconds: 7200,
            messageID: "spring-2027.3.ob-bretten@ettlingen.example",
            extraHeaders: [("X-Convene-Sequence", "3")],
            body: body)
    }

    /// The header section, unfolded (RFC 5322 §2.2.3: remove each CRLF before white space).
    static func unfoldedHeaders(_ message: String) -> [String] {
        let head = message.components(separatedBy: "\r\n\r\n")[0]
        return head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: "\t")
            .components(separatedBy: "\r\n")
    }

    static func header(_ name: String, in message: String) -> String? {
        unfoldedHeaders(message).first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    // MARK: - Composer: round trip and wire format

    @Test func roundTripThroughTheReader() throws {
        let message = try Self.invitation().rendered()
        let parts = try MailReader.parts(of: Array(message.utf8))
        try #require(parts.map(\.contentType) == ["text/plain", "text/html", "text/calendar", "application/ics"])
        #expect(parts.map { String(decoding: $0.body, as: UTF8.self) } == [Self.plain, Self.html, Self.ics, Self.ics])
        #expect(parts[0].parameters["charset"] == "UTF-8")
        #expect(parts[2].parameters["method"] == "REQUEST")
        #expect(parts.map(\.filename) == [nil, nil, nil, "invite.ics"])

        let calendars = try MailReader.calendarParts(of: Array(message.utf8))
        #expect(calendars.map(\.method) == ["REQUEST", nil])
        #expect(calendars.map(\.text) == [Self.ics, Self.ics])
        #expect(MailReader.decodeHeader(try #require(Self.header("Subject", in: message))) == Self.germanSubject)
    }

    @Test func headersComeInOrderWithTheDateOfRFC5322() throws {
        let message = try Self.invitation().rendered()
        let names = Self.unfoldedHeaders(message).map { String($0.prefix { $0 != ":" }) }
        #expect(names == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "X-Convene-Sequence", "Content-Type"])
        #expect(Self.header("Date", in: message) == "Wed, 12 May 2027 10:30:00 +0200")
        #expect(Self.header("Message-ID", in: message) == "<spring-2027.3.ob-bretten@ettlingen.example>")
        #expect(Self.header("MIME-Version", in: message) == "1.0")
        #expect(Self.header("X-Convene-Sequence", in: message) == "3")
        #expect(Self.header("From", in: message) == "=?UTF-8?B?TcO8bGxlciw=?= Anna <ob@ettlingen.example>")
        #expect(Self.header("To", in: message)?.hasPrefix("\"Schmidt, Anna\" <ob@bretten.example>, it@bretten.example, =?UTF-8?") == true)
        #expect(!message.contains("Content-ID"))

        #expect(try MailMessage.dateValue(Instant(secondsSince1970: 0), utcOffsetSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(try MailMessage.dateValue(Instant(secondsSince1970: 1_804_384_800), utcOffsetSeconds: -12_600) == "Sat, 06 Mar 2027 22:30:00 -0330")
        #expect(throws: MailError.self) { try MailMessage.dateValue(Instant(secondsSince1970: 0), utcOffsetSeconds: 30) }
        #expect(throws: MailError.self) { try MailMessage.dateValue(Instant(secondsSince1970: .max), utcOffsetSeconds: 3600) }
    }

    @Test func outputIsSevenBitWithCRLFAndShortLines() throws {
        let message = try Self.invitation().rendered()
        let bytes = Array(message.utf8)
        #expect(bytes.allSatisfy { $0 < 0x80 && $0 != 0 })
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at \(index)") }
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)") }
        }
        #expect(message.hasSuffix("\r\n"))
        let lines = message.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        // Quoted-printable and base64 lines stay within 76, header lines within 78.
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines.filter { $0.utf8.count > 78 })")
        let qpLines = lines.filter { $0.hasPrefix("Tagesordnung") || $0.contains("=C3=BC") }
        #expect(qpLines.count >= 3 && qpLines.allSatisfy { $0.utf8.count <= 76 })
    }

    @Test func boundariesAreNotInTheBodiesAndFollowTheContent() throws {
        let message = try Self.invitation().rendered()
        let boundaries = message.components(separatedBy: "boundary=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        try #require(boundaries.count == 2)
        #expect(boundaries.allSatisfy { $0.hasPrefix("=_convene_") && $0.count == 34 })
        #expect(Set(boundaries).count == 2)
        let lines = message.components(separatedBy: "\r\n")
        for boundary in boundaries {
            // Delimiter lines: one per part and the closing one, nothing else starts with them.
            let parts = boundary == boundaries[0] ? 2 : 3
            #expect(lines.filter { $0.hasPrefix("--" + boundary) }.count == parts + 1)
            #expect(lines.filter { $0 == "--" + boundary + "--" }.count == 1)
            for part in [Self.plain, Self.html, Self.ics] { #expect(!part.contains(boundary)) }
        }

        // Same input, same bytes; one changed octet in one body, other boundaries.
        #expect(try Self.invitation().rendered() == message)
        let changed = try Self.invitation(body: Self.body(calendar: Self.ics.replacingOccurrences(of: "SEQUENCE:3", with: "SEQUENCE:4"))).rendered()
        let changedBoundaries = changed.components(separatedBy: "boundary=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        try #require(changedBoundaries.count == 2)
        #expect(changedBoundaries[0] != boundaries[0] && changedBoundaries[1] != boundaries[1])
    }

    /// A boundary derived from the parts cannot be inside them short of a SHA-256 fixed point, so
    /// the retry on a clash is only reachable through its check, tested here on its own.
    @Test func delimiterLinesAreFoundOnlyAtLineStarts() {
        let delimiter = Array("--=_convene_0123".utf8)
        #expect(MIMEEntity.containsLine(startingWith: delimiter, in: Array("--=_convene_0123".utf8)))
        #expect(MIMEEntity.containsLine(startingWith: delimiter, in: Array("a\r\n--=_convene_0123--\r\n".utf8)))
        #expect(!MIMEEntity.containsLine(startingWith: delimiter, in: Array("a --=_convene_0123\r\n--=_convene_012".utf8)))
        #expect(!MIMEEntity.containsLine(startingWith: delimiter, in: []))
    }

    @Test func aSevenBitBodyWithAConveneStyleDelimiterStillParses() throws {
        let first = try MIMEEntity.multipart(subtype: "mixed", parts: [
            .leaf(type: "text/plain", parameters: [], body: Array("x".utf8), encoding: .sevenBit, attachmentName: nil),
        ]).rendered()
        let text = String(decoding: first, as: UTF8.self)
        let boundary = String(try #require(text.components(separatedBy: "boundary=\"").last).prefix { $0 != "\"" })
        // A body that holds exactly the delimiter the plain derivation would choose.
        let hostile = MIMEEntity.leaf(type: "text/plain", parameters: [], body: Array("x\r\n--\(boundary)--".utf8), encoding: .sevenBit, attachmentName: nil)
        let rendered = String(decoding: try MIMEEntity.multipart(subtype: "mixed", parts: [hostile]).rendered(), as: UTF8.self)
        let chosen = String(try #require(rendered.components(separatedBy: "boundary=\"").last).prefix { $0 != "\"" })
        #expect(!("x\r\n--\(boundary)--").contains("--" + chosen))
        let parts = try MailReader.parts(of: Array(("From: a@b.example\r\nMIME-Version: 1.0\r\n" + rendered).utf8))
        #expect(parts.map { String(decoding: $0.body, as: UTF8.self) } == ["x\r\n--\(boundary)--"])
    }

    // MARK: - Composer: transfer encodings

    @Test func quotedPrintableFollowsRFC2045() throws {
        func qp(_ text: String, isText: Bool = true) -> String {
            String(decoding: TransferEncoding.quotedPrintable(Array(text.utf8), text: isText), as: UTF8.self)
        }
        #expect(qp("a=b") == "a=3Db")
        #expect(qp("ä") == "=C3=A4")
        #expect(qp("end \r\nnext\t\r\n") == "end=20\r\nnext=09\r\n")
        #expect(qp("trailing ") == "trailing=20")
        #expect(qp("a\r\nb", isText: false) == "a=0D=0Ab")
        #expect(qp("bare\rcr") == "bare=0Dcr")
        let long = qp(String(repeating: "abcdefghij", count: 20))
        let lines = long.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines.dropLast().allSatisfy { $0.count == 76 && $0.hasSuffix("=") })
        // Exactly 76 needs no soft break; an =XX never straddles one.
        #expect(qp(String(repeating: "a", count: 76)) == String(repeating: "a", count: 76))
        let umlauts = qp(String(repeating: "ü", count: 40)).components(separatedBy: "=\r\n")
        #expect(umlauts.allSatisfy { $0.count <= 75 && $0.count % 3 == 0 })

        // Text line ends become CRLF, in every encoding.
        let entity = MIMEEntity.leaf(type: "text/plain", parameters: [], body: Array("a\nb\r\nc\n".utf8), encoding: .sevenBit, attachmentName: nil)
        #expect(String(decoding: try entity.rendered(), as: UTF8.self).hasSuffix("\r\n\r\na\r\nb\r\nc\r\n"))
        #expect(TransferEncoding.canonicalText(Array("\n\r\n\r".utf8)) == Array("\r\n\r\n\r".utf8))
    }

    @Test func encodingsRoundTripAnyOctets() throws {
        var random = SplitMix64(seed: 2027)
        for length in [0, 1, 2, 3, 4, 57, 75, 76, 77, 1000, 5000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let qp = TransferEncoding.quotedPrintable(bytes, text: false)
            #expect(TransferEncoding.decodeQuotedPrintable(qp[...]) == bytes)
            #expect(String(decoding: qp, as: UTF8.self).components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
            let base64 = TransferEncoding.base64(bytes, folded: true)
            #expect(TransferEncoding.decodeBase64(Array(base64.utf8)) == bytes)
            #expect(base64.components(separatedBy: "\r\n").dropLast().allSatisfy { $0.count == 76 })
            // Text: canonical CRLF text survives quoted-printable with hard breaks.
            let text = TransferEncoding.canonicalText(bytes.map { $0 == 0x0D ? 0x20 : $0 })
            #expect(TransferEncoding.decodeQuotedPrintable(TransferEncoding.quotedPrintable(text, text: true)[...]) == text)
        }
        #expect(TransferEncoding.base64(Array("Subject line".utf8), folded: false) == "U3ViamVjdCBsaW5l")
    }

    @Test func sevenBitOnlyForShortASCIILines() throws {
        func render(_ text: String, type: String = "text/plain") throws(MailError) -> [UInt8] {
            try MIMEEntity.leaf(type: type, parameters: [], body: Array(text.utf8), encoding: .sevenBit, attachmentName: nil).rendered()
        }
        _ = try render(String(repeating: "a", count: 998) + "\r\nok")
        #expect(throws: MailError.self) { try render(String(repeating: "a", count: 999)) }
        #expect(throws: MailError.self) { try render("Grüße") }
        #expect(throws: MailError.self) { try render("nul\u{0}") }
        #expect(throws: MailError.self) { try render("bare\rCR") }
        // Not text: a LF is data, not a line end to fix.
        #expect(throws: MailError.self) { try render("a\nb", type: "application/octet-stream") }
    }

    @Test func partsAreCheckedAsTheyAreWritten() throws {
        func leaf(_ type: String, _ parameters: [(String, String)] = [], name: String? = nil) -> MIMEEntity {
            .leaf(type: type, parameters: parameters, body: [], encoding: .base64, attachmentName: name)
        }
        for bad in [leaf("text"), leaf("text/plain; x=y"), leaf("multipart/mixed"), leaf("text/plain", [("method", "REQUEST\r\nBcc: x@y")]),
                    leaf("text/plain", [("bad name", "x")]), leaf("application/ics", name: "invite.ics\r\nBcc: x@y"),
                    leaf("text/" + String(repeating: "x", count: 2000)),
                    .multipart(subtype: "mixed", parts: []), .multipart(subtype: "mi xed", parts: [leaf("text/plain")])] {
            #expect(throws: MailError.self) { try bad.rendered() }
        }
        let rendered = String(decoding: try leaf("text/calendar", [("method", "REQUEST"), ("x-note", "a \"quoted\" value")], name: "Einladung für Anna.ics").rendered(), as: UTF8.self)
        #expect(rendered == """
            Content-Type: text/calendar; charset=UTF-8; method=REQUEST;\r
             x-note="a \\"quoted\\" value"\r
            Content-Transfer-Encoding: base64\r
            Content-Disposition: attachment;\r
             filename*=UTF-8''Einladung%20f%C3%BCr%20Anna.ics\r
            \r

            """)
        let parts = try MailReader.parts(of: Array("MIME-Version: 1.0\r\n\(rendered)".utf8))
        #expect(parts.first?.filename == "Einladung für Anna.ics")
        #expect(parts.first?.parameters["x-note"] == "a \"quoted\" value")
    }

    // MARK: - Composer: RFC 2047

    /// Each word of an encoded header: the RFC 2047 form, at most 75 characters, and whole
    /// characters (decoding it alone gives no replacement character).
    static func checkEncodedWords(_ value: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in value.split(separator: " ") {
            #expect(word.hasPrefix("=?UTF-8?Q?") || word.hasPrefix("=?UTF-8?B?"), "\(word)", sourceLocation: sourceLocation)
            #expect(word.hasSuffix("?=") && word.count <= 75, "\(word)", sourceLocation: sourceLocation)
            #expect(!MailReader.decodeHeader(String(word)).contains("\u{FFFD}"), "split character in \(word)", sourceLocation: sourceLocation)
        }
    }

    @Test func longGermanSubjectInEncodedWords() throws {
        let subject = "„Einladung“ – Plenum Digital Regional: Straßenbau, Öffnungszeiten, Übergänge und Gebühren – Ettlingen, 12.05.2027, äöüß ÄÖÜ"
        #expect(subject.count > 120)
        let message = try Self.invitation(subject: subject).rendered()
        let value = try #require(Self.header("Subject", in: message))
        Self.checkEncodedWords(value)
        #expect(MailReader.decodeHeader(value) == subject)
        // Folded: several lines, each within 78.
        let head = message.components(separatedBy: "\r\n\r\n")[0]
        let subjectLines = try #require(head.components(separatedBy: "\r\nSubject:").last).components(separatedBy: "\r\nDate:")[0].components(separatedBy: "\r\n")
        #expect(subjectLines.count >= 3)
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        // Plain ASCII stays readable.
        let plain = try Self.invitation(subject: "Plenum Digital Regional, 12.05.2027").rendered()
        #expect(Self.header("Subject", in: plain) == "Plenum Digital Regional, 12.05.2027")
        // "=?" could be read as an encoded-word: encoded.
        let tricky = try Self.invitation(subject: "Was ist =?UTF-8?Q?x?= hier").rendered()
        #expect(MailReader.decodeHeader(try #require(Self.header("Subject", in: tricky))) == "Was ist =?UTF-8?Q?x?= hier")
    }

    @Test func aFourByteCharacterIsNeverSplitAcrossEncodedWords() throws {
        // Walk the emoji across the word limits: Q (mostly ASCII) and B (mostly Cyrillic), odd and
        // even offsets, and a grapheme cluster longer than one word.
        var subjects: [String] = []
        for count in 0..<150 {
            subjects.append(String(repeating: "x", count: count) + "😀ö")
            subjects.append("ü" + String(repeating: "x", count: count) + "😀 end")
        }
        for count in 0..<60 {
            subjects.append(String(repeating: "ж", count: count) + "😀ж")
            subjects.append("a" + String(repeating: "ж", count: count) + "😀ж")
        }
        subjects.append("e" + String(repeating: "\u{301}", count: 40) + " Akzent")
        subjects.append(String(repeating: "👩‍👩‍👧‍👦", count: 12))
        var sawB = false, sawQ = false
        for subject in subjects {
            let message = try Self.invitation(subject: subject, body: .leaf(type: "text/plain", parameters: [], body: [], encoding: .sevenBit, attachmentName: nil)).rendered()
            let value = try #require(Self.header("Subject", in: message))
            Self.checkEncodedWords(value)
            #expect(MailReader.decodeHeader(value) == subject)
            #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 }, "\(message.components(separatedBy: "\r\n").filter { $0.utf8.count > 78 })")
            sawB = sawB || value.contains("?B?")
            sawQ = sawQ || value.contains("?Q?")
        }
        #expect(sawB && sawQ)
    }

    @Test func displayNames() throws {
        #expect(try Self.address(nil, "a@b.example").headerValue == "a@b.example")
        #expect(try Self.address("", "a@b.example").headerValue == "a@b.example")
        #expect(try Self.address("Anna Schmidt", "a@b.example").headerValue == "Anna Schmidt <a@b.example>")
        #expect(try Self.address("Schmidt, Anna", "a@b.example").headerValue == "\"Schmidt, Anna\" <a@b.example>")
        #expect(try Self.address("Say \"hi\" \\o/", "a@b.example").headerValue == "\"Say \\\"hi\\\" \\\\o/\" <a@b.example>")
        // Only the words that need it are encoded; the space next to an encoded-word survives every
        // decoder (python's email keeps the space between two encoded-words in a display name).
        #expect(try Self.address("Müller, Anna", "anna@ettlingen.example").headerValue == "=?UTF-8?B?TcO8bGxlciw=?= Anna <anna@ettlingen.example>")
        #expect(try Self.address("Geschäftsstelle Digital Regional (Hauptamt Ettlingen)", "a@b.example").headerValue
                == "=?UTF-8?Q?Gesch=C3=A4ftsstelle?= \"Digital Regional (Hauptamt Ettlingen)\" <a@b.example>")
        #expect(try Self.address("Jörg Müller", "a@b.example").headerValue == "=?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <a@b.example>")
        // Many recipients fold between addresses.
        let many = try (0..<8).map { try Self.address("Bürgermeisterin Nummer \($0), Stadt", "ob\($0)@town.example") }
        var message = try Self.invitation()
        message.to = many
        let text = try message.rendered()
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let to = try #require(Self.header("To", in: text))
        #expect(MailReader.decodeHeader(to) == (0..<8).map { "Bürgermeisterin \"Nummer \($0), Stadt\" <ob\($0)@town.example>" }.joined(separator: ", "))
    }

    // MARK: - Composer: header injection

    @Test func lineBreaksNeverReachTheHeader() throws {
        let injection = "Anna\r\n Bcc: x@y.example"
        let error = #expect(throws: MailError.self) { try MailAddress(name: injection, address: "a@b.example") }
        #expect(error?.description == #"display name "Anna\r\n Bcc: x@y.example" contains a line break"#)
        #expect(throws: MailError.self) { try MailAddress(name: "Anna\u{0}", address: "a@b.example") }
        #expect(throws: MailError.self) { try MailAddress(name: "Anna\u{7F}", address: "a@b.example") }
        #expect(throws: MailError.self) { try MailAddress(name: "Anna\nBcc: x@y", address: "a@b.example") }

        var message = try Self.invitation(subject: "Plenum\r\n Bcc: x@y.example")
        let subjectError = #expect(throws: MailError.self) { try message.rendered() }
        #expect(subjectError?.description.contains("\r") == false)
        #expect(subjectError?.description.contains("\n") == false)
        message.subject = "Plenum"
        for (name, value) in [("X-Convene-Sequence", "3\r\n Bcc: x@y.example"), ("X-Note", "3\nBcc: x@y"), ("X-Convene\r\nBcc", "x"),
                              ("X Space", "x"), ("X:Colon", "x"), ("", "x"), ("Content-Type", "text/plain"), ("message-id", "<x@y>")] {
            var withHeader = message
            withHeader.extraHeaders = [(name, value)]
            #expect(throws: MailError.self, "\(name): \(value)") { try withHeader.rendered() }
        }
        for id in ["no-at-sign", "two words@x", "<x@y>", "x@", "@y", "x@y\r\nBcc: z", "ä@y"] {
            var withID = message
            withID.messageID = id
            #expect(throws: MailError.self, "\(id)") { try withID.rendered() }
        }
        var noRecipients = message
        noRecipients.to = []
        #expect(throws: MailError.self) { try noRecipients.rendered() }
        #expect(try message.rendered().contains("Subject: Plenum\r\n"))
    }

    @Test func addressesArePlainAddrSpecs() throws {
        for bad in ["a b@c.example", "<a@c.example>", "a@b@c.example", "a,b@c.example", "\"a\"@c.example", "", "@c.example", "a@",
                    "a@c.example\r\nBcc: x@y", "ä@c.example", "a@c.example>", "a(b)@c.example", "a;b@c.example",
                    String(repeating: "a", count: 250) + "@c.example"] {
            #expect(throws: MailError.self, "\(bad)") { try MailAddress(name: nil, address: bad) }
        }
        let error = #expect(throws: MailError.self) { try MailAddress(name: nil, address: "a@b@c.example") }
        #expect(error?.description == #"mail address "a@b@c.example" needs exactly one @"#)
        _ = try MailAddress(name: nil, address: "first.last+tag@sub.ettlingen.example")
    }

    // MARK: - Reader: fixtures from mail clients

    static func crlf(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    static let outlookICS = "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"
        + "BEGIN:VEVENT\r\nATTENDEE;PARTSTAT=ACCEPTED;CN=\"Schmidt, Anna\":mailto:anna@bretten.example\r\n"
        + "SUMMARY;LANGUAGE=de-DE:Angenommen: Plenum Digital Regional – Ettlingen\r\n"
        + "UID:spring-2027@ettlingen.example\r\nSEQUENCE:3\r\nDTSTAMP:20270513T091244Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

    /// Outlook: multipart/alternative, base64 everywhere, parameters folded with a tab.
    static let outlookReply = crlf("""
        Received: from AM0PR07MB1234.eurprd07.prod.outlook.com ([fe80::1]) by
         AM0PR07MB1234.eurprd07.prod.outlook.com with mapi id 15.20.1234.000;
         Thu, 13 May 2027 09:12:44 +0000
        From: "Schmidt, Anna" <anna@bretten.example>
        To: =?utf-8?B?TcO8bGxlciwgQW5uYQ==?= <ob@ettlingen.example>
        Subject: =?utf-8?B?QW5nZW5vbW1lbjogUGxlbnVtIERpZ2l0YWwgUmVnaW9uYWwg4oCTIEV0dGxp?=
         =?utf-8?B?bmdlbg==?=
        Thread-Topic: Plenum Digital Regional
        Date: Thu, 13 May 2027 09:12:44 +0000
        Message-ID: <AM0PR07MB1234ABCD@AM0PR07MB1234.eurprd07.prod.outlook.com>
        Content-Language: de-DE
        X-MS-Has-Attach:
        Content-Type: multipart/alternative;
        \tboundary="_000_AM0PR07MB1234ABCDAM0PR07MB1234eurp_"
        MIME-Version: 1.0

        --_000_AM0PR07MB1234ABCDAM0PR07MB1234eurp_
        Content-Type: text/plain; charset="utf-8"
        Content-Transfer-Encoding: base64

        QW5uYSBTY2htaWR0IGhhdCBkaWUgRWlubGFkdW5nIGFuZ2Vub21tZW4uDQo=

        --_000_AM0PR07MB1234ABCDAM0PR07MB1234eurp_
        Content-Type: text/calendar; method=REPLY;
        \tcharset="utf-8"
        Content-Transfer-Encoding: base64

        QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVQTFkNClBST0RJRDpNaWNyb3NvZnQgRXhjaGFuZ2Ug
        U2VydmVyIDIwMTANClZFUlNJT046Mi4wDQpCRUdJTjpWRVZFTlQNCkFUVEVOREVFO1BBUlRTVEFU
        PUFDQ0VQVEVEO0NOPSJTY2htaWR0LCBBbm5hIjptYWlsdG86YW5uYUBicmV0dGVuLmV4YW1wbGUN
        ClNVTU1BUlk7TEFOR1VBR0U9ZGUtREU6QW5nZW5vbW1lbjogUGxlbnVtIERpZ2l0YWwgUmVnaW9u
        YWwg4oCTIEV0dGxpbmdlbg0KVUlEOnNwcmluZy0yMDI3QGV0dGxpbmdlbi5leGFtcGxlDQpTRVFV
        RU5DRTozDQpEVFNUQU1QOjIwMjcwNTEzVDA5MTI0NFoNCkVORDpWRVZFTlQNCkVORDpWQ0FMRU5E
        QVINCg==

        --_000_AM0PR07MB1234ABCDAM0PR07MB1234eurp_--

        """)

    @Test func outlookReply() throws {
        let parts = try MailReader.parts(of: Self.outlookReply)
        try #require(parts.map(\.contentType) == ["text/plain", "text/calendar"])
        #expect(String(decoding: parts[0].body, as: UTF8.self) == "Anna Schmidt hat die Einladung angenommen.\r\n")
        #expect(parts[1].parameters == ["method": "REPLY", "charset": "utf-8"])
        let calendars = try MailReader.calendarParts(of: Self.outlookReply)
        #expect(calendars.count == 1)
        #expect(calendars.first?.method == "REPLY")
        #expect(calendars.first?.text == Self.outlookICS)
        #expect(MailReader.decodeHeader("=?utf-8?B?QW5nZW5vbW1lbjogUGxlbnVtIERpZ2l0YWwgUmVnaW9uYWwg4oCTIEV0dGxp?=\r\n =?utf-8?B?bmdlbg==?=")
                == "Angenommen: Plenum Digital Regional – Ettlingen")
    }

    static let thunderbirdICS = "BEGIN:VCALENDAR\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\nVERSION:2.0\nMETHOD:REPLY\n"
        + "BEGIN:VEVENT\nATTENDEE;RSVP=TRUE;CN=Jürgen Müller;PARTSTAT=DECLINED;ROLE=REQ-PARTICIPANT:mailto:juergen@bretten.example\n"
        + "SUMMARY:Plenum Digital Regional – Ettlingen\nUID:spring-2027@ettlingen.example\nSEQUENCE:3\nEND:VEVENT\nEND:VCALENDAR\n"

    static let thunderbirdAttachment = "BEGIN:VCALENDAR\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\nVERSION:2.0\n"
        + "METHOD:REPLY\nBEGIN:VEVENT\nUID:spring-2027@ettlingen.example\nSEQUENCE:3\nEND:VEVENT\nEND:VCALENDAR\n"

    /// Thunderbird, saved from the mbox (LF line ends, an envelope line): quoted-printable with
    /// soft breaks, a preamble, the attachment named invite.ics.
    static let thunderbirdReply = Array("""
        From - Thu May 13 11:02:03 2027
        X-Mozilla-Status: 0001
        Content-Type: multipart/mixed; boundary="------------Vx8ZbYzA2mNqR7tLkPf0"
        Message-ID: <3f1c2a9e-7d1b-4c55-9a7e-2b8d1f0c4e61@bretten.example>
        Date: Thu, 13 May 2027 11:02:03 +0200
        MIME-Version: 1.0
        User-Agent: Mozilla Thunderbird
        To: ob@ettlingen.example
        From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@bretten.example>
        Subject: =?UTF-8?Q?Absage=3A_Plenum_Digital_Regional_=E2=80=93_Ettlingen?=

        This is a multi-part message in MIME format.
        --------------Vx8ZbYzA2mNqR7tLkPf0
        Content-Type: text/calendar; charset=UTF-8; method=REPLY
        Content-Transfer-Encoding: quoted-printable

        BEGIN:VCALENDAR
        PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
        VERSION:2.0
        METHOD:REPLY
        BEGIN:VEVENT
        ATTENDEE;RSVP=3DTRUE;CN=3DJ=C3=BCrgen M=C3=BCller;PARTSTAT=3DDECLINED;ROLE=3D=
        REQ-PARTICIPANT:mailto:juergen@bretten.example
        SUMMARY:Plenum Digital Regional =E2=80=93 Ettlingen
        UID:spring-2027@ettlingen.example
        SEQUENCE:3
        END:VEVENT
        END:VCALENDAR

        --------------Vx8ZbYzA2mNqR7tLkPf0
        Content-Type: application/ics; name="invite.ics"
        Content-Disposition: attachment; filename="invite.ics"
        Content-Transfer-Encoding: base64

        QkVHSU46VkNBTEVOREFSClBST0RJRDotLy9Nb3ppbGxhLm9yZy9OT05TR01MIE1vemlsbGEg
        Q2FsZW5kYXIgVjEuMS8vRU4KVkVSU0lPTjoyLjAKTUVUSE9EOlJFUExZCkJFR0lOOlZFVkVO
        VApVSUQ6c3ByaW5nLTIwMjdAZXR0bGluZ2VuLmV4YW1wbGUKU0VRVUVOQ0U6MwpFTkQ6VkVW
        RU5UCkVORDpWQ0FMRU5EQVIK

        --------------Vx8ZbYzA2mNqR7tLkPf0--

        """.utf8)

    @Test func thunderbirdReply() throws {
        let parts = try MailReader.parts(of: Self.thunderbirdReply)
        #expect(parts.map(\.contentType) == ["text/calendar", "application/ics"])
        #expect(parts.map(\.filename) == [nil, "invite.ics"])
        let calendars = try MailReader.calendarParts(of: Self.thunderbirdReply)
        #expect(calendars.map(\.method) == ["REPLY", nil])
        #expect(calendars.map(\.text) == [Self.thunderbirdICS, Self.thunderbirdAttachment])
    }

    /// "Forward as attachment": the reply travels as message/rfc822 inside another message.
    static let forwardedReply = crlf("""
        From: Sekretariat <sekretariat@bretten.example>
        To: ob@ettlingen.example
        Subject: WG: Angenommen: Plenum
        Date: Fri, 14 May 2027 08:00:00 +0200
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="fwd-outer"

        --fwd-outer
        Content-Type: text/plain; charset=us-ascii

        Please see the attached reply.

        --fwd-outer
        Content-Type: message/rfc822
        Content-Disposition: attachment; filename="Angenommen.eml"

        From: Anna <anna@bretten.example>
        To: ob@ettlingen.example
        Subject: Angenommen: Plenum
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/plain

        Accepted.
        --inner
        Content-Type: text/calendar; METHOD="reply"; Charset=UTF-8
        Content-Transfer-Encoding: 7BIT

        BEGIN:VCALENDAR
        METHOD:REPLY
        END:VCALENDAR
        --inner--

        --fwd-outer--
        """)

    @Test func forwardedMessageIsDescendedInto() throws {
        let parts = try MailReader.parts(of: Self.forwardedReply)
        #expect(parts.map(\.contentType) == ["text/plain", "text/plain", "text/calendar"])
        #expect(parts.map { String(decoding: $0.body, as: UTF8.self) } == ["Please see the attached reply.\r\n", "Accepted.",
                                                                              "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR"])
        let calendars = try MailReader.calendarParts(of: Self.forwardedReply)
        #expect(calendars.map(\.method) == ["REPLY"])
    }

    @Test func plainMessageHasNoCalendar() throws {
        let mail = Self.crlf("From: anna@bretten.example\nTo: ob@ettlingen.example\nSubject: Re: Plenum\n\nIch komme.\nBEGIN:VCALENDAR\n")
        let parts = try MailReader.parts(of: mail)
        #expect(parts.count == 1)
        #expect(parts.first?.contentType == "text/plain")
        #expect(parts.first?.body == Array("Ich komme.\r\nBEGIN:VCALENDAR\r\n".utf8))
        #expect(try MailReader.calendarParts(of: mail).isEmpty)
    }

    // MARK: - Reader: structure

    @Test func headersAndParametersAreReadLeniently() throws {
        let mail = Array("""
            content-TYPE :  Multipart/Mixed ; (a comment) BOUNDARY = "b\\"q" ; x=1
            mime-version: 1.0

            preamble
            --b"q
            Content-Type: text/calendar;
             method=request; charset=iso-8859-1
            Content-Disposition: attachment;
             filename*0*=UTF-8''Einladung%20f%C3%BCr;
             filename*1=" Anna.ics"

            \u{00DC}ber
            --b"q
            no header here, and no blank line
            --b"q
            Content-Type: application/octet-stream; name="=?UTF-8?Q?r=C3=BCckmeldung.ICS?="
            Content-Transfer-Encoding: Quoted-Printable

            caf=C3=A9=\r
            =20x  \r
            --b"q--
            epilogue
            --b"q
            Content-Type: text/plain

            after the end
            """.utf8)
        // The literal is UTF-8; make its one Ü the ISO-8859-1 octet the part declares.
        var bytes: [UInt8] = []
        var index = 0
        while index < mail.count {
            if mail[index] == 0xC3, index + 1 < mail.count, mail[index + 1] == 0x9C { bytes.append(0xDC); index += 2 } else { bytes.append(mail[index]); index += 1 }
        }
        let parts = try MailReader.parts(of: bytes)
        try #require(parts.map(\.contentType) == ["text/calendar", "text/plain", "application/octet-stream"])
        #expect(parts[0].filename == "Einladung für Anna.ics")
        #expect(parts[0].parameters["method"] == "request")
        #expect(parts[1].body == Array("no header here, and no blank line".utf8))
        #expect(parts[2].filename == "rückmeldung.ICS")
        #expect(parts[2].body == Array("café x".utf8))
        let calendars = try MailReader.calendarParts(of: bytes)
        #expect(calendars.map(\.method) == ["REQUEST", nil])
        #expect(calendars.first?.text == "Über")
    }

    @Test func missingClosingBoundaryKeepsWhatIsThere() throws {
        let mail = Self.crlf("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XYZ\n\n--XYZ\nContent-Type: text/calendar\n\nBEGIN:VCALENDAR\n--XYZ\n\nsecond, cut off")
        let parts = try MailReader.parts(of: mail)
        #expect(parts.map { String(decoding: $0.body, as: UTF8.self) } == ["BEGIN:VCALENDAR", "second, cut off"])
        #expect(try MailReader.calendarParts(of: mail).map(\.text) == ["BEGIN:VCALENDAR"])
    }

    @Test func charsetsOfCalendarParts() throws {
        func mail(_ charset: String?, _ body: [UInt8]) -> [UInt8] {
            Array("Content-Type: text/calendar\(charset.map { "; charset=\($0)" } ?? "")\r\n\r\n".utf8) + body
        }
        #expect(try MailReader.calendarParts(of: mail(nil, [0xEF, 0xBB, 0xBF] + Array("Grüße".utf8))).first?.text == "Grüße")
        #expect(try MailReader.calendarParts(of: mail("windows-1252", [0x80, 0x96, 0xFC])).first?.text == "€–ü")
        #expect(try MailReader.calendarParts(of: mail("ISO-8859-1", [0x80, 0xFC])).first?.text == "\u{80}ü")
        #expect(try MailReader.calendarParts(of: mail("us-ascii", Array("plain".utf8))).first?.text == "plain")
        let invalid = #expect(throws: MailError.self) { try MailReader.calendarParts(of: mail("utf-8", [0x41, 0xFF, 0x42])) }
        #expect(invalid?.description == "a calendar part is not valid UTF-8")
        #expect(throws: MailError.self) { try MailReader.calendarParts(of: mail("iso-2022-jp", [0x41])) }
    }

    @Test func decodeHeaderFollowsRFC2047() {
        #expect(MailReader.decodeHeader("=?UTF-8?Q?a?= =?UTF-8?Q?b?=") == "ab")
        #expect(MailReader.decodeHeader("=?UTF-8?Q?a?=\r\n\t=?UTF-8?Q?b?= c") == "ab c")
        #expect(MailReader.decodeHeader("x =?utf-8?q?=C3=BC_y?= z") == "x ü y z")
        #expect(MailReader.decodeHeader("=?ISO-8859-1?Q?=FC?=") == "ü")
        #expect(MailReader.decodeHeader("=?utf-8*de?B?w7w=?=") == "ü")
        // A character a careless encoder split across two words still comes out whole.
        #expect(MailReader.decodeHeader("=?UTF-8?Q?=C3?= =?UTF-8?Q?=BC?=") == "ü")
        #expect(MailReader.decodeHeader("=?x-unknown?Q?a?= plain =?") == "=?x-unknown?Q?a?= plain =?")
        #expect(MailReader.decodeHeader("no words here") == "no words here")
    }

    @Test func nestingIsLimited() throws {
        func nested(_ depth: Int) -> [UInt8] {
            var text = "Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR"
            for level in 0..<depth {
                text = "Content-Type: multipart/mixed; boundary=b\(level)\r\n\r\n--b\(level)\r\n\(text)\r\n--b\(level)--"
            }
            return Array(("MIME-Version: 1.0\r\n" + text).utf8)
        }
        #expect(try MailReader.calendarParts(of: nested(32)).map(\.text) == ["BEGIN:VCALENDAR"])
        let error = #expect(throws: MailError.self) { try MailReader.parts(of: nested(33)) }
        #expect(error?.description == "the message nests parts more than 32 levels deep")
    }

    @Test func garbageNeverCrashes() throws {
        var random = SplitMix64(seed: 6047)
        #expect(throws: MailError.self) { try MailReader.parts(of: []) }
        #expect(throws: MailError.self) { try MailReader.parts(of: [0, 0, 0]) }
        for length in [1, 2, 7, 64, 500, 4096] {
            for _ in 0..<40 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                _ = try? MailReader.parts(of: bytes)
                _ = try? MailReader.calendarParts(of: bytes)
                _ = MailReader.decodeHeader(String(decoding: bytes, as: UTF8.self))
            }
        }
        // Mutations of real messages reach the deeper paths: flipped octets, cuts, structural text.
        let seeds = [Self.outlookReply, Self.thunderbirdReply, Self.forwardedReply, Array(try Self.invitation().rendered().utf8)]
        let fragments = ["\r\n", "\n", "--", "=?", "?=", "\"", ";", "=", "boundary=", "Content-Type: multipart/mixed; boundary=x\r\n", "\r\n\r\n"].map { Array($0.utf8) }
        for seed in seeds {
            for _ in 0..<150 {
                var bytes = seed
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    let position = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes[position] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.insert(contentsOf: fragments.randomElement(using: &random) ?? [], at: position)
                    default: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...200, using: &random)))
                    }
                    if bytes.isEmpty { bytes = [0x41] }
                }
                _ = try? MailReader.parts(of: bytes)
                _ = try? MailReader.calendarParts(of: bytes)
                _ = MailReader.decodeHeader(String(decoding: bytes.prefix(2000), as: UTF8.self))
            }
        }
    }

    /// Inputs that make naive parsers quadratic, each at n and at 4n: a linear reader takes about 4× as long for the
    /// bigger one, a quadratic one 16×. Each time is the fastest of three runs, so a loaded machine (other builds on
    /// both cores) slows both sizes alike instead of failing a wall-clock limit — which a linear reader hit here at
    /// load 10. The time limit only guards against a hang.
    @Test(.timeLimit(.minutes(10))) func pathologicalInputsStayLinear() throws {
        let cases: [(name: String, run: (Int) throws -> Void)] = [
            ("encoded-word openers", { size in _ = MailReader.decodeHeader(String(repeating: "=?", count: size / 2)) }),
            ("encoded-word prefixes", { size in _ = MailReader.decodeHeader(String(repeating: "=?utf-8?q?", count: size / 10)) }),
            ("encoded words", { size in _ = MailReader.decodeHeader(String(repeating: "=?utf-8?q?a?= ", count: size / 14)) }),
            ("delimiters", { size in
                let delimiters = "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + String(repeating: "--b\r\n", count: size / 5)
                let parts = try MailReader.parts(of: Array(delimiters.utf8))
                #expect(parts.count == size / 5 - 1)
            }),
            ("near-miss delimiters", { size in
                let nearMisses = "Content-Type: multipart/mixed; boundary=\(String(repeating: "b", count: 60))\r\n\r\n"
                    + String(repeating: "--" + String(repeating: "b", count: 59) + "\n", count: size / 62)
                let parts = try MailReader.parts(of: Array(nearMisses.utf8))
                #expect(parts.isEmpty)
            }),
            ("folded header", { size in
                let folded = "Subject: x" + String(repeating: "\r\n y", count: size / 4) + "\r\n\r\nbody"
                let parts = try MailReader.parts(of: Array(folded.utf8))
                #expect(parts.count == 1)
            }),
            ("quoted-printable", { size in
                let qp = "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + String(repeating: "=", count: size) + String(repeating: " ", count: size)
                // The last `=` before nothing but white space is a soft break.
                let parts = try MailReader.parts(of: Array(qp.utf8))
                #expect(parts.first?.body.count == size - 1)
            }),
            ("parameter continuations", { size in
                let parameters = "Content-Type: text/plain" + String(repeating: "; a*1*=x", count: size / 8) + "\r\n\r\n"
                _ = try MailReader.parts(of: Array(parameters.utf8))
            }),
            ("open comments", { size in
                let comments = "Content-Type: text/plain; " + String(repeating: "(", count: size) + "\r\n\r\n"
                _ = try MailReader.parts(of: Array(comments.utf8))
            }),
        ]
        let small = 1 << 14
        let clock = ContinuousClock()
        func fastest(_ run: (Int) throws -> Void, _ size: Int) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let took = try clock.measure { try run(size) }
                best = min(best, Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18)
            }
            return best
        }
        for item in cases {
            let ratio = try fastest(item.run, 4 * small) / max(try fastest(item.run, small), 1e-3)
            #expect(ratio < 9, "\(item.name): 4× the input took \(ratio)× as long")
        }
    }

    // MARK: - Cross-check: Python's email package

    /// Reference: CPython's `email` package (3.11 on the build machine) with `email.policy.default`,
    /// the parser used by many mail tools, plus the legacy `email.header.decode_header`.
    @Test func pythonEmailPackageReadsTheInvitation() throws {
        guard let python = Self.executable("python3") else {
            // python3 is not installed: nothing to cross-check against.
            return
        }
        let subject = "„Einladung“ – Plenum Digital Regional – Ettlingen, 12.05.2027 – Straßenbau, Öffnungszeiten 😀 äöüß"
        let message = try Self.invitation(subject: subject).rendered()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("convene-mail-\(UUID().uuidString).eml")
        try Data(message.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import email, email.policy, json, sys
            from email.header import decode_header, make_header
            raw = open(sys.argv[1], 'rb').read()
            m = email.message_from_bytes(raw, policy=email.policy.default)
            legacy = email.message_from_bytes(raw)
            defects = [type(d).__name__ for p in m.walk() for d in p.defects]
            for p in m.walk():
                for k, v in p.items():
                    defects += [k + ':' + type(d).__name__ for d in getattr(v, 'defects', ())]
            cal = [p for p in m.walk() if p.get_content_type() == 'text/calendar']
            print(json.dumps({
                'subject': str(m['subject']),
                'legacySubject': str(make_header(decode_header(legacy['subject']))),
                'from': [m['from'].addresses[0].display_name, m['from'].addresses[0].addr_spec],
                'to': [[a.display_name, a.addr_spec] for a in m['to'].addresses],
                'types': [p.get_content_type() for p in m.walk()],
                'method': cal[0].get_param('method') if cal else None,
                'calendar': cal[0].get_content() if cal else None,
                'filenames': [p.get_filename() for p in m.walk() if p.get_filename()],
                'defects': defects,
            }))
            """
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script, file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(errorText)")

        struct Result: Decodable {
            var subject: String, legacySubject: String, from: [String], to: [[String]], types: [String]
            var method: String?, calendar: String?, filenames: [String], defects: [String]
        }
        let result = try JSONDecoder().decode(Result.self, from: data)
        #expect(result.subject == subject)
        #expect(result.legacySubject == subject)
        #expect(result.from == ["Müller, Anna", "ob@ettlingen.example"])
        #expect(result.to == [["Schmidt, Anna", "ob@bretten.example"], ["", "it@bretten.example"],
                              ["Jürgen Weiß-Öztürk (Bürgermeister)", "ob@baden-baden.example"], ["Office", "office@rastatt.example"]])
        #expect(result.types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics"])
        #expect(result.method == "REQUEST")
        #expect(result.calendar?.replacingOccurrences(of: "\r\n", with: "\n") == Self.ics.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(result.filenames == ["invite.ics"])
        #expect(result.defects.isEmpty, "\(result.defects)")
    }

    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// A small seeded generator (SplitMix64) so the random tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
