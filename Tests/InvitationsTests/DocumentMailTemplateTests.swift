import Foundation
import SampleSupport
import Testing
@testable import Invitations

/// The built-in texts of `minutes send` and `actions remind` are the files in Templates/ (an installed binary has no
/// resource folder). Regenerate with `CONVENE_EMBED_TEMPLATES=1`; the test fails while they differ.
@Suite struct EmbeddedDocumentMailTemplatesTests {
    @Test func minutesMailTemplatesMatchTheTemplatesFolder() throws {
        try checkEmbeddedTemplates(prefix: "minutes-send.", expected: ["minutes-send.de.txt.mustache", "minutes-send.en.txt.mustache"],
                                   embedded: DefaultMinutesMailTemplates.files, enumName: "DefaultMinutesMailTemplates",
                                   swiftFile: "Sources/Invitations/Documents/DefaultMinutesMailTemplates.swift", suite: "EmbeddedDocumentMailTemplatesTests")
    }

    @Test func reminderTemplatesMatchTheTemplatesFolder() throws {
        try checkEmbeddedTemplates(prefix: "actions-remind.", expected: ["actions-remind.de.txt.mustache", "actions-remind.en.txt.mustache"],
                                   embedded: DefaultReminderTemplates.files, enumName: "DefaultReminderTemplates",
                                   swiftFile: "Sources/Invitations/Documents/DefaultReminderTemplates.swift", suite: "EmbeddedDocumentMailTemplatesTests")
    }
}
