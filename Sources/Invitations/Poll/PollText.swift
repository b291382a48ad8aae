import ConveneCore
import Foundation
import ICalendar

/// The words of the poll's mails and holds, German or English. The mail bodies come from the
/// templates `Templates/poll-{request,cancel,remind}.{de,en}.txt.mustache` (compiled in as
/// `DefaultPollTemplates`, overridable in `<workspace>/templates/`); the HTML part is the same
/// text as escaped paragraphs, plain enough for Outlook's mail view.
enum PollText {
    enum Kind: String {
        case request, cancel, remind
    }

    /// `Mittwoch, 12.05.2027, 12:30–16:00 Uhr` or `Wed 12 May 2027, 12:30–16:00`.
    static func when(_ slot: Interval, zone: CalendarTimeZone, language: Language) -> String {
        switch language {
        case .de: return InvitationText.when(slot.start, slot.end, zone: zone)
        case .en:
            let from = zone.localTime(of: slot.start), to = zone.localTime(of: slot.end)
            let endDay = from.date == to.date ? "" : "\(language.day(to.date)), "
            return "\(language.day(from.date)), \(language.clock(from))–\(endDay)\(language.clock(to))"
        }
    }

    static func salutation(_ name: String?, language: Language) -> String {
        switch language {
        case .de: return name.map { "Guten Tag \($0)," } ?? "Guten Tag,"
        case .en: return name.map { "Hello \($0)," } ?? "Hello,"
        }
    }

    /// The SUMMARY of a hold: `Vorschlag 2 von 4: …` / `Option 2 of 4: …`.
    static func summary(option: Int, of count: Int, title: String, language: Language) -> String {
        language == .de ? "Vorschlag \(option) von \(count): \(title)" : "Option \(option) of \(count): \(title)"
    }

    /// The DESCRIPTION of a hold (the same for everyone asked).
    static func holdDescription(option: Int, of count: Int, title: String, deadline: LocalDate, language: Language) -> String {
        switch language {
        case .de:
            return "Terminumfrage für \(title): Vorschlag \(option) von \(count). Bitte bis \(language.date(deadline)) antworten: "
                + "Zusagen = passt, Mit Vorbehalt = notfalls, Ablehnen = passt nicht. Der gewählte Vorschlag wird zur Einladung, die übrigen werden abgesagt."
        case .en:
            return "Date poll for \(title): option \(option) of \(count). Please answer by \(language.date(deadline)): "
                + "Accept = suits you, Tentative = if need be, Decline = does not suit you. The chosen option becomes the invitation; the others are cancelled."
        }
    }

    static func subject(_ kind: Kind, option: Int, of count: Int, title: String, slot: Interval, zone: CalendarTimeZone,
                        language: Language) -> String {
        let day = language.day(zone.localTime(of: slot.start).date)
        switch (kind, language) {
        case (.request, .de): return "Terminumfrage (Vorschlag \(option) von \(count)): \(title) – \(day)"
        case (.request, .en): return "Date poll (option \(option) of \(count)): \(title) – \(day)"
        case (.cancel, .de): return "Vorschlag entfällt: \(title) – \(day)"
        case (.cancel, .en): return "Option withdrawn: \(title) – \(day)"
        case (.remind, .de): return "Erinnerung Terminumfrage: \(title)"
        case (.remind, .en): return "Reminder, date poll: \(title)"
        }
    }

    /// Renders a mail body from `template` (the workspace's copy or the built-in one, as `PollInput` read it).
    /// - Throws: `WorkspaceProblem` naming the template file (and line) when it cannot be used.
    static func body(data: [String: Any], template: InvitationInput.TemplateSource) throws(WorkspaceProblem) -> String {
        try TemplateRenderer.render(templateText: template.text, file: template.file, data: data, known: ["number", "when", "this"], subject: "the poll")
    }

    /// The plain text as HTML: escaped paragraphs, lines kept, indented lines in a monospace-free
    /// table-less form Outlook's Word engine renders as written.
    static func html(_ text: String, title: String, language: Language) -> String {
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        var parts = ["<!DOCTYPE html>", "<html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\"><title>\(HTML.escape(title))</title></head><body>"]
        for paragraph in paragraphs {
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                let indent = line.prefix { $0 == " " }.count
                return String(repeating: "&nbsp;", count: indent) + HTML.escape(String(line.dropFirst(indent)))
            }
            parts.append("<p>" + lines.joined(separator: "<br>\n") + "</p>")
        }
        parts.append("</body></html>")
        return parts.joined(separator: "\n") + "\n"
    }
}
