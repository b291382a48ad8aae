import CalendarValues
import Foundation
import SampleSupport
import Testing
@testable import ConveneCore

/// The snapshot of people.yaml (`PeopleSnapshot`): a load through it gives exactly what the long way gives, a
/// damaged or foreign one is ignored and rebuilt, and what the file system adds is checked again every time.
@Suite struct PeopleSnapshotTests {
    private func snapshotURL(_ sample: SampleWorkspace) -> URL { sample.root.appendingPathComponent(PeopleSnapshot.path) }

    private func longWay(_ sample: SampleWorkspace) throws -> Workspace { try Workspace.load(at: sample.root, snapshots: false) }

    /// The snapshot's key for the sample's people.yaml as it is now.
    private func key(_ sample: SampleWorkspace) throws -> [UInt8] {
        let workspace = try longWay(sample)
        return PeopleSnapshot.key(people: try Data(contentsOf: sample.root.appendingPathComponent(Workspace.peopleFile)),
                                  hours: workspace.network.workingHours)
    }

    private func expectSame(_ a: Workspace, _ b: Workspace) {
        #expect(a.towns == b.towns)
        #expect(a.people == b.people)
        #expect(a.warnings == b.warnings)
    }

    @Test func aLoadThroughTheSnapshotGivesWhatTheLongWayGives() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let expected = try longWay(sample)
        #expect(!FileManager.default.fileExists(atPath: snapshotURL(sample).path), "the long way leaves no snapshot")
        let first = try Workspace.load(at: sample.root)
        let bytes = try Data(contentsOf: snapshotURL(sample))
        let second = try Workspace.load(at: sample.root)
        expectSame(first, expected)
        expectSame(second, expected)
        #expect(try Data(contentsOf: snapshotURL(sample)) == bytes, "a hit does not rewrite it")
        #expect(PeopleSnapshot([UInt8](bytes), key: try key(sample)) != nil)
        // Some people read their default calendars/<id>.ics: the snapshot must have them through the listing.
        #expect(second.people.contains { $0.calendars == ["calendars/\($0.id).ics"] })
    }

    /// Proof that the shortcut is taken, and its trust rule: a snapshot whose key matches is believed.
    @Test func aSnapshotWhoseKeyMatchesIsWhatTheLoaderReturns() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        var planted = try longWay(sample).people
        planted[0].name = "Planted Name"
        let snapshot = PeopleSnapshot(towns: try longWay(sample).towns, people: planted.map { var p = $0; p.sources = []; return p },
                                      readsDefaultCalendar: planted.map { _ in true })
        try FileManager.default.createDirectory(at: snapshotURL(sample).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(snapshot.encoded(key: try key(sample))).write(to: snapshotURL(sample))
        #expect(try Workspace.load(at: sample.root).people[0].name == "Planted Name")
        // Another people.yaml is another key: the planted answer is gone with the first edit.
        try sample.write(Workspace.peopleFile, try sample.read(Workspace.peopleFile) + "\n# edited\n")
        #expect(try Workspace.load(at: sample.root).people[0].name == (try longWay(sample)).people[0].name)
    }

    @Test func aDamagedForeignOrOlderSnapshotIsIgnoredAndRebuilt() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let expected = try longWay(sample)
        _ = try Workspace.load(at: sample.root)
        let good = try Data(contentsOf: snapshotURL(sample))
        var damaged = [UInt8](good)
        damaged[damaged.count / 2] ^= 0x20
        var older = [UInt8](good)
        older[PeopleSnapshot.magic.count] &+= 1  // another format number (the digest no longer matches either)
        var cut = [UInt8](good)
        cut.removeLast(40)
        for bad in [damaged, older, cut, Array("CVBUSY".utf8) + [UInt8](good.dropFirst(6)), [], Array(repeating: 0xFF, count: 4096)] {
            try Data(bad).write(to: snapshotURL(sample))
            expectSame(try Workspace.load(at: sample.root), expected)
            #expect(try Data(contentsOf: snapshotURL(sample)) == good, "rebuilt")
        }
    }

    /// A default calendar that appears or goes, a named file that is deleted: the snapshot follows the folder.
    @Test func whatTheFileSystemAddsIsCheckedEveryTime() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        _ = try Workspace.load(at: sample.root)
        let withDefault = try #require(try longWay(sample).people.first { $0.calendars == ["calendars/\($0.id).ics"] })
        let file = sample.root.appendingPathComponent("calendars/\(withDefault.id).ics")
        let moved = sample.root.appendingPathComponent("calendars/.moved")
        try FileManager.default.moveItem(at: file, to: moved)
        // Its export is gone: no calendar for that person (as the long way says), from the same snapshot.
        let without = try Workspace.load(at: sample.root)
        #expect(without.people.first { $0.id == withDefault.id }?.calendars == [])
        expectSame(without, try longWay(sample))
        try FileManager.default.moveItem(at: moved, to: file)
        #expect(try Workspace.load(at: sample.root).people.first { $0.id == withDefault.id }?.calendars == [file.lastPathComponent].map { "calendars/" + $0 })

        // A calendar named in people.yaml that is deleted after the snapshot was made: the error of the long way.
        try sample.write("calendars/named.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        let people = try sample.read(Workspace.peopleFile)
        let id = try #require(try longWay(sample).people.last?.id)
        let entry = try #require(people.range(of: "- id: \(id)\n"))
        try sample.write(Workspace.peopleFile, people.replacingCharacters(in: entry, with: "- id: \(id)\n    calendars: [calendars/named.ics]\n"))
        _ = try Workspace.load(at: sample.root)
        #expect(PeopleSnapshot([UInt8](try Data(contentsOf: snapshotURL(sample))), key: try key(sample))?.namedFiles.contains("calendars/named.ics") == true)
        try FileManager.default.removeItem(at: sample.root.appendingPathComponent("calendars/named.ics"))
        let longError = #expect(throws: WorkspaceErrors.self) { try longWay(sample) }
        let shortError = #expect(throws: WorkspaceErrors.self) { try Workspace.load(at: sample.root) }
        #expect(shortError?.problems == longError?.problems)
        #expect(longError?.problems.contains { $0.file == Workspace.peopleFile && $0.line != nil && $0.message.contains("does not exist") } == true)
    }

    /// A load with a problem anywhere leaves no snapshot, and a snapshot never hides one (its messages and lines
    /// are those of the YAML).
    @Test func problemsAreNeverSnapshotAndNeverHidden() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        _ = try Workspace.load(at: sample.root)
        let good = try Data(contentsOf: snapshotURL(sample))
        let meeting = try #require(try longWay(sample).meetings.first)
        let file = MeetingFolder(id: meeting.id).meetingFile
        let text = try sample.read(file)
        try sample.write(file, text.replacingOccurrences(of: "location: ", with: "location: nowhere-") )
        let long = #expect(throws: WorkspaceErrors.self) { try longWay(sample) }
        let short = #expect(throws: WorkspaceErrors.self) { try Workspace.load(at: sample.root) }
        #expect(short?.problems == long?.problems)
        // people.yaml itself broken: no snapshot of it.
        try sample.write(file, text)
        try FileManager.default.removeItem(at: snapshotURL(sample))
        let people = try sample.read(Workspace.peopleFile)
        try sample.write(Workspace.peopleFile, people.replacingOccurrences(of: "role: ob", with: "role: mayor"))
        #expect(throws: WorkspaceErrors.self) { try Workspace.load(at: sample.root) }
        #expect(!FileManager.default.fileExists(atPath: snapshotURL(sample).path))
        try sample.write(Workspace.peopleFile, people)
        _ = try Workspace.load(at: sample.root)
        #expect(try Data(contentsOf: snapshotURL(sample)) == good)
    }

    /// A live calendar's URL may carry a token: such a people.yaml is never kept in the cache.
    @Test func aPeopleFileWithLiveCalendarsLeavesNoSnapshot() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let people = try sample.read(Workspace.peopleFile)
        let id = try #require(try longWay(sample).people.last?.id)
        let entry = try #require(people.range(of: "- id: \(id)\n"))
        try sample.write(Workspace.peopleFile, people.replacingCharacters(
            in: entry, with: "- id: \(id)\n    calendars: [\"https://calendar.example.org/feed/secret-token.ics\"]\n"))
        let loaded = try Workspace.load(at: sample.root)
        #expect(loaded.people.last?.sources.first?.url != nil)
        #expect(!FileManager.default.fileExists(atPath: snapshotURL(sample).path))
    }

    @Test func theSnapshotIsNoMoreReadableThanPeopleYAML() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        chmod(sample.root.appendingPathComponent(Workspace.peopleFile).path, 0o600)
        _ = try Workspace.load(at: sample.root)
        var info = stat()
        #expect(stat(snapshotURL(sample).path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        chmod(sample.root.appendingPathComponent(Workspace.peopleFile).path, 0o640)
        try sample.write(Workspace.peopleFile, try sample.read(Workspace.peopleFile) + "\n")
        _ = try Workspace.load(at: sample.root)
        #expect(stat(snapshotURL(sample).path, &info) == 0 && info.st_mode & 0o777 == 0o640)
    }

    /// Every field of a person survives the snapshot; a field added to `Person` (or `FormOfAddress`) without
    /// being stored — and `PeopleSnapshot.format` raised — fails here.
    @Test func everyFieldOfAPersonIsStored() throws {
        #expect(Mirror(reflecting: Person(id: "", name: "", email: "", town: "", role: .ob)).children.map(\.label)
                == ["id", "name", "email", "town", "role", "deputy", "sources", "workingHours", "away", "blackoutCalendars", "aliases", "address"])
        #expect(Mirror(reflecting: FormOfAddress()).children.map(\.label) == ["salutation", "title", "office", "surname"])
        #expect(Mirror(reflecting: Town(id: "", name: "")).children.map(\.label) == ["id", "name"])
        var full = Person(id: "p-1", name: "Dr. Maria Ölmez", email: "m@example.org", town: "t", role: .mainOffice, deputy: "p-2",
                          calendars: ["calendars/a.ics", "calendars/b.ics"],
                          workingHours: WorkingHours(days: [1: ClockTime(minutes: 480)...ClockTime(minutes: 720), 5: ClockTime(minutes: 0)...ClockTime(minutes: 1440)]),
                          away: [DateRange(first: LocalDate(year: 2027, month: 5, day: 3)!, last: LocalDate(year: 2027, month: 5, day: 7)!),
                                 DateRange(first: LocalDate(year: 1, month: 1, day: 1)!, last: LocalDate(year: 9999, month: 12, day: 31)!)],
                          blackoutCalendars: ["blackout/school.ics"])
        full.aliases = ["maria@example.org"]
        full.address = FormOfAddress(salutation: .frau, title: "Dr.", office: "Hauptamtsleiterin", surname: "Ölmez")
        let bare = Person(id: "p-2", name: "", email: "", town: "", role: .other)
        let snapshot = PeopleSnapshot(towns: [Town(id: "t", name: "Stadt"), Town(id: "u", name: "")], people: [full, bare],
                                      readsDefaultCalendar: [false, true])
        let key = PeopleSnapshot.key(people: Array("people".utf8), hours: .standard)
        #expect(PeopleSnapshot(snapshot.encoded(key: key), key: key) == snapshot)
        #expect(PeopleSnapshot(snapshot.encoded(key: key), key: PeopleSnapshot.key(people: Array("people".utf8), hours: WorkingHours(days: [:]))) == nil,
                "the network's hours are part of the key")
    }
}
