import Testing
@testable import ICalendar

@Suite struct TodoWriterTests {
    @Test func writesOneVTODOPerToDoWithDueAsADate() {
        let stamp = Instant(rfc3339: "2027-04-01T09:00:00Z")!
        let text = TodoWriter.document(todos: [
            TodoDescription(uid: "action-a1@example.org", stamp: stamp, summary: "Skizze, Entwurf; fertig", due: LocalDate(iso: "2027-02-28"),
                            status: .inProcess, categories: ["bretten"], relatedTo: "kickoff@example.org", description: "Zeile 1\nZeile 2"),
            TodoDescription(uid: "action-a2@example.org", stamp: stamp, summary: "Ohne Frist", status: .cancelled),
        ])
        #expect(text == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//convene//convene 0.1//EN",
            "BEGIN:VTODO", "UID:action-a1@example.org", "DTSTAMP:20270401T090000Z", "SUMMARY:Skizze\\, Entwurf\\; fertig",
            "DUE;VALUE=DATE:20270228", "STATUS:IN-PROCESS", "CATEGORIES:bretten", "RELATED-TO:kickoff@example.org",
            "DESCRIPTION:Zeile 1\\nZeile 2", "END:VTODO",
            "BEGIN:VTODO", "UID:action-a2@example.org", "DTSTAMP:20270401T090000Z", "SUMMARY:Ohne Frist", "STATUS:CANCELLED", "END:VTODO",
            "END:VCALENDAR", "",
        ].joined(separator: "\r\n"))
    }

    @Test func everyStatusIsWrittenAsItsRFCName() {
        for status in TodoStatus.allCases {
            let text = TodoWriter.document(todos: [TodoDescription(uid: "u", stamp: Instant(secondsSince1970: 0), summary: "s", status: status)])
            #expect(text.contains("\r\nSTATUS:\(status.rawValue)\r\n"))
        }
    }
}
