import ConveneCore
import Foundation
import ICalendar
import MIME

/// One input of `convene rsvp`: a reply file, a saved mail, standard input, or a mail of a Maildir.
struct ReplyInput: Sendable {
    var source: CalendarSource
    /// Read from a Maildir's `cur/` or `new/`. A mailbox holds whatever arrived — newsletters, forwarded
    /// invitations, answers to other meetings — so a mail there that is not an answer to this meeting is skipped
    /// and counted, not rejected (`ReplyIntake.screen`).
    var fromMailbox: Bool
}

/// Lists what `convene rsvp` was given. A folder holding `cur/` and `new/` is a Maildir (Maildir's own
/// layout, as Dovecot, Postfix and mbsync write it): every mail in `cur/` and then `new/` is read, whatever its
/// name (`1733059200.M1P2.host:2,S` has no extension); `tmp/` holds mail still being delivered and is never
/// read; names starting with a dot are not mail. A Maildir's `cur/` or `new/` named on its own is read the same
/// way. Any other folder gives its `*.ics` and `*.eml` files, as before.
enum ReplyInputs {
    static let extensions = [".ics", ".eml"]

    /// - Throws: `WorkspaceProblem` naming a path that cannot be read, a FIFO or device, a Maildir's `tmp/`,
    ///   or a plain folder without `.ics`/`.eml` files.
    static func load(_ paths: [String]) throws(WorkspaceProblem) -> [ReplyInput] {
        var inputs: [ReplyInput] = []
        for path in paths {
            if path != "-", let folders = try mailboxFolders(path) {
                for folder in folders {
                    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
                    let files = names.map { (folder as NSString).appendingPathComponent($0) }.filter { !isFolder($0) }
                    for file in files { try SafeRead.requireRegularFiles(file, extensions: []) }
                    inputs += try CalendarSource.load(files).map { ReplyInput(source: $0, fromMailbox: true) }
                }
                continue
            }
            // A FIFO or device would block the reader forever: refuse it before reading anything.
            if path != "-" { try SafeRead.requireRegularFiles(path, extensions: extensions) }
            inputs += try CalendarSource.load([path], extensions: extensions).map { ReplyInput(source: $0, fromMailbox: false) }
        }
        return inputs
    }

    /// The folders of mail `path` names when it is a Maildir (`cur`, `new`) or one of its `cur`/`new`
    /// folders; nil for anything else.
    /// - Throws: `WorkspaceProblem` for a Maildir's `tmp/`.
    static func mailboxFolders(_ path: String) throws(WorkspaceProblem) -> [String]? {
        guard isFolder(path) else { return nil }
        if isMaildir(path) { return ["cur", "new"].map { (path as NSString).appendingPathComponent($0) } }
        let name = (path as NSString).lastPathComponent, parent = (path as NSString).deletingLastPathComponent
        guard isMaildir(parent.isEmpty ? "." : parent) else { return nil }
        switch name {
        case "cur", "new": return [path]
        case "tmp":
            throw WorkspaceProblem(file: path, "is a Maildir's tmp/, which holds mail still being delivered and is never read; "
                                   + "name the Maildir itself (its cur/ and new/ are read)")
        default: return nil
        }
    }

    static func isMaildir(_ path: String) -> Bool {
        isFolder((path as NSString).appendingPathComponent("cur")) && isFolder((path as NSString).appendingPathComponent("new"))
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

extension ReplyIntake {
    /// Why a mail of a Maildir was not read as an answer.
    public enum SkipReason: String, Sendable, CaseIterable {
        /// A mail without any text/calendar part (a newsletter, a note).
        case noCalendar = "no calendar part"
        /// A calendar part that is not an answer: a REQUEST someone forwarded, a CANCEL, a PUBLISH.
        case notAnAnswer = "not a reply"
        /// An answer, but to an event that is neither this meeting's invitation nor one of its holds.
        case otherEvent = "for another event"
    }

    /// Whether a mail of a Maildir is read as an answer: nil when it is (a REPLY or COUNTER to the invitation's
    /// UID or one of the meeting's holds), else the outcome that skips it — `skipped` with the reason, or
    /// `unreadable` (a one-line warning naming the file) when the mail or one of its calendar parts is broken.
    static func screen(_ source: CalendarSource, meeting: Meeting, invitationUID: String?) -> ReplyOutcome? {
        func skip(_ reason: SkipReason) -> ReplyOutcome {
            ReplyOutcome(source: source.name, kind: .skipped, attendee: nil, answer: nil,
                         message: "\(source.name): skipped, \(reason.rawValue)", skipReason: reason)
        }
        func unreadable(_ text: String) -> ReplyOutcome {
            ReplyOutcome(source: source.name, kind: .unreadable, attendee: nil, answer: nil, message: "\(source.name): \(text); the mail was skipped")
        }
        var calendars: [CalendarSource] = []
        if looksLikeCalendar(source.bytes) {
            calendars = [source]
        } else {
            let parts: [(method: String?, text: String)]
            do { parts = try MailReader.calendarParts(of: source.bytes) } catch { return unreadable("not a readable mail (\(error.description))") }
            guard !parts.isEmpty else { return skip(.noCalendar) }
            calendars = parts.map { CalendarSource(name: source.name, bytes: Array($0.text.utf8)) }
        }
        var answers = false
        var relevant = false
        for calendar in calendars {
            let message: ITIPMessage
            do { message = try ITIPReader.read(calendar) } catch { return unreadable("a calendar part cannot be read (\(error.line.map { "line \($0) of the part: " } ?? "")\(error.message))") }
            guard ["REPLY", "COUNTER"].contains(message.method?.uppercased() ?? "") else { continue }
            answers = true
            let holdPrefix = "hold-\(meeting.id)-"
            if message.replies.contains(where: { $0.uid == invitationUID || $0.uid.hasPrefix(holdPrefix) }) { relevant = true }
        }
        if relevant { return nil }
        return skip(answers ? .otherEvent : .notAnAnswer)
    }
}
