import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Invitations

/// The built-in letter templates are the files `Templates/letter.*.mustache`, compiled in.
@Suite struct EmbeddedLetterTemplatesTests {
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        try checkEmbeddedTemplates(prefix: "letter.", expected: ["letter.de.html.mustache", "letter.de.txt.mustache",
                                                                 "letter.en.html.mustache", "letter.en.txt.mustache"],
                                   embedded: DefaultLetterTemplates.files, enumName: "DefaultLetterTemplates",
                                   swiftFile: "Sources/Invitations/Templates/DefaultLetterTemplates.swift", suite: "EmbeddedLetterTemplatesTests")
    }
}

@Suite struct GreetingTests {
    func person(_ name: String, _ address: FormOfAddress) -> Person {
        var person = Person(id: "p", name: name, email: "p@x.example", town: "t", role: .ob)
        person.address = address
        return person
    }

    @Test(arguments: [
        (FormOfAddress(salutation: .herr, title: "Dr.", office: "Oberbürgermeister"), "Jürgen Arnold",
         "Sehr geehrter Herr Oberbürgermeister Dr. Arnold,", "Dear Dr. Arnold,"),
        (FormOfAddress(salutation: .frau, office: "Bürgermeisterin"), "Eva Müller", "Sehr geehrte Frau Bürgermeisterin Müller,", "Dear Ms Müller,"),
        (FormOfAddress(salutation: .frau), "Eva Müller", "Sehr geehrte Frau Müller,", "Dear Ms Müller,"),
        (FormOfAddress(salutation: .herr, surname: "von Berg"), "Karl von Berg", "Sehr geehrter Herr von Berg,", "Dear Mr von Berg,"),
        (FormOfAddress(salutation: FormOfAddress.Salutation.none), "Hauptamt Ettlingen", "Sehr geehrte Damen und Herren,", "Dear Sir or Madam,"),
        (FormOfAddress(), "Jürgen Weiß", "Guten Tag Jürgen Weiß,", "Dear Jürgen Weiß,"),
    ])
    func openings(address: FormOfAddress, name: String, german: String, english: String) {
        #expect(Language.de.greeting(for: person(name, address), name: nil) == german)
        #expect(Language.en.greeting(for: person(name, address), name: nil) == english)
    }

    @Test func someoneNotInPeopleYAML() {
        #expect(Language.de.greeting(for: nil, name: "Ehemalige Leitung") == "Guten Tag Ehemalige Leitung,")
        #expect(Language.de.greeting(for: nil, name: nil) == "Guten Tag,")
        #expect(Language.en.greeting(for: nil, name: nil) == "Hello,")
    }

    @Test func aWorkspaceTemplateOverridesTheLetter() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try sample.write("templates/letter.de.txt.mustache", "{{% CONTENT_TYPE: TEXT }}\n{{greeting}} Eigener Brief zu {{title}}.\n")
        try sample.write("meetings/spring-2027/slot.yaml", "start: 2027-05-12T10:30:00Z\nend: 2027-05-12T14:00:00Z\n")
        let workspace = try Workspace.load(at: sample.root)
        let meeting = try #require(workspace.meeting("spring-2027"))
        let invitation = try InvitationBuilder(workspace: workspace, meeting: meeting).build(now: Instant(rfc3339: "2027-04-01T09:00:00Z")!)
        let message = try #require(invitation.messages.first)
        #expect(message.text.contains("Eigener Brief zu Plenum Digi"), "\(message.text.prefix(2000))")

        try sample.write("templates/letter.de.txt.mustache", "{{greting}}\n")
        do {
            _ = try InvitationBuilder(workspace: try Workspace.load(at: sample.root), meeting: meeting).build(now: Instant(rfc3339: "2027-04-01T09:00:00Z")!)
            Issue.record("a template with a typo rendered")
        } catch let error as WorkspaceProblem {
            #expect(error.description == "templates/letter.de.txt.mustache:1: template uses 'greting', which the letter does not provide")
        }
    }
}
