import CalendarValues
import Foundation

/// What the loader made of people.yaml the last time it was valid — its towns and people — in one binary file,
/// `.convene/cache/people.bin`, so a run over an unchanged file composes no YAML and checks no person again
/// (a warm `propose` for 1,000 people spent a third of its time there).
///
/// The trust rule: the snapshot is keyed by the SHA-256 of people.yaml's bytes, of the network's working hours
/// (the one thing of convene.yaml a person's reading depends on) and of `format`, and it is only written after a
/// load that found no problem at all. What the file system adds is checked again on every use: a person without
/// `calendars:` reads `calendars/<id>.ics` when it exists *now*, and every calendar file and blackout calendar a
/// person names must exist now (else the loader takes the long way, which reports it). A load with any problem
/// takes the long way too, so every message and line is the one the YAML gives. A missing, damaged, foreign or
/// older-format snapshot is no snapshot.
///
/// It holds nothing that may be a secret: a people.yaml with a live calendar (a feed or CalDAV URL, which may
/// carry a token) is read the long way every time and leaves no snapshot.
struct PeopleSnapshot: Equatable {
    static let path = ".convene/cache/people.bin"
    static let magic = Array("CVPEOP".utf8)
    /// The layout below *and* the reading rules of `readPeople`: a change to either must raise it, so that a
    /// snapshot of an older reader is never trusted (`PeopleSnapshotTests` fails when a field of `Person` is
    /// added without being stored).
    static let format: UInt16 = 1

    var towns: [Town]
    /// The people as people.yaml names their sources — without the default `calendars/<id>.ics`.
    var people: [Person]
    /// Per person: people.yaml has no `calendars:` for them (so `calendars/<id>.ics` is read when it exists).
    var readsDefaultCalendar: [Bool]

    /// The snapshot's key for people.yaml's `bytes` read with the network's `hours`.
    static func key(people bytes: some Collection<UInt8>, hours: WorkingHours) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(magic)
        withUnsafeBytes(of: format.littleEndian) { hasher.update(Array($0)) }
        var writer = CacheWriter(magic: [])
        put(hours, into: &writer)
        hasher.update(writer.bytes)
        hasher.update(Array(bytes))
        return hasher.finalize()
    }

    /// Whether `people` may be kept at all (no live source, whose URL may hold a secret).
    static func mayKeep(_ people: [Person]) -> Bool {
        !people.contains { $0.sources.contains { $0.path == nil } }
    }

    /// The people as the loader hands them on: the default calendar where it exists in `calendars` (this run's
    /// listing of `calendars/`).
    func people(in calendars: DirectoryListing) -> [Person] {
        var result = people
        for index in result.indices where readsDefaultCalendar[index] && calendars.contains("\(result[index].id).ics") {
            result[index].sources = [.file("calendars/\(result[index].id).ics")]
        }
        return result
    }

    /// The workspace files the people name (calendar files and blackout calendars), which must exist.
    var namedFiles: [String] { people.flatMap { $0.calendars + $0.blackoutCalendars } }

    // MARK: The format

    /// Little-endian, in one go:
    ///
    ///     "CVPEOP" format:UInt16 key:32 bytes
    ///     townCount:UInt32 × (id name)
    ///     personCount:UInt32 × (id name email town role deputy? readsDefault:UInt8
    ///         fileCount:UInt32 × path
    ///         hours? (present:UInt8, then the hours as below)
    ///         awayCount:UInt32 × (firstDay:Int64 lastDay:Int64)   days since 1970-01-01
    ///         blackoutCount:UInt32 × path   aliasCount:UInt32 × alias
    ///         salutation? title? office? surname?)
    ///     SHA-256 of everything before it (32 bytes)
    ///
    /// Text is `length:UInt32` and UTF-8; `x?` is `present:UInt8` and then x; hours are `dayCount:UInt8 ×
    /// (weekday:UInt8 start:UInt16 end:UInt16)` in minutes, by weekday.
    func encoded(key: [UInt8]) -> [UInt8] {
        var out = CacheWriter(magic: Self.magic, capacity: 128 * (people.count + towns.count) + 64)
        out.put(Self.format)
        out.append(key)
        out.put(UInt32(towns.count))
        for town in towns {
            out.put(text: town.id)
            out.put(text: town.name)
        }
        out.put(UInt32(people.count))
        for (person, readsDefault) in zip(people, readsDefaultCalendar) {
            for text in [person.id, person.name, person.email, person.town, person.role.rawValue] { out.put(text: text) }
            out.put(optional: person.deputy)
            out.put(UInt8(readsDefault ? 1 : 0))
            Self.put(person.calendars, into: &out)
            out.put(UInt8(person.workingHours == nil ? 0 : 1))
            if let hours = person.workingHours { Self.put(hours, into: &out) }
            out.put(UInt32(person.away.count))
            for range in person.away {
                out.put(Int64(range.first.daysSinceEpoch))
                out.put(Int64(range.last.daysSinceEpoch))
            }
            Self.put(person.blackoutCalendars, into: &out)
            Self.put(person.aliases, into: &out)
            out.put(optional: person.address.salutation?.rawValue)
            out.put(optional: person.address.title)
            out.put(optional: person.address.office)
            out.put(optional: person.address.surname)
        }
        return out.finishedWithSHA256()
    }

    /// The snapshot in `bytes` when it is intact, of this format and for `key`; nil otherwise.
    init?(_ bytes: [UInt8], key: [UInt8]) {
        guard var reader = CacheReader(bytes, magic: Self.magic), reader.take(UInt16.self) == Self.format else { return nil }
        for byte in key { guard reader.take(UInt8.self) == byte else { return nil } }
        guard let townCount = reader.take(UInt32.self), Int(townCount) <= reader.remaining / 8 else { return nil }
        var towns: [Town] = []
        towns.reserveCapacity(Int(townCount))
        for _ in 0..<townCount {
            guard let id = reader.text(), let name = reader.text() else { return nil }
            towns.append(Town(id: id, name: name))
        }
        guard let personCount = reader.take(UInt32.self), Int(personCount) <= reader.remaining / 20 else { return nil }
        var people: [Person] = []
        var readsDefault: [Bool] = []
        people.reserveCapacity(Int(personCount))
        readsDefault.reserveCapacity(Int(personCount))
        for _ in 0..<personCount {
            guard let id = reader.text(), let name = reader.text(), let email = reader.text(), let town = reader.text(),
                  let role = reader.text().flatMap(Role.init(rawValue:)), let deputy = reader.optionalText(),
                  let flag = reader.take(UInt8.self), flag <= 1, let files = Self.texts(&reader),
                  let hasHours = reader.take(UInt8.self), hasHours <= 1 else { return nil }
            var hours: WorkingHours?
            if hasHours == 1 { guard let read = Self.hours(&reader) else { return nil }; hours = read }
            guard let awayCount = reader.take(UInt32.self), Int(awayCount) <= reader.remaining / 16 else { return nil }
            var away: [DateRange] = []
            for _ in 0..<awayCount {
                guard let first = reader.take(Int64.self), let last = reader.take(Int64.self), first <= last,
                      let range = Self.dates(first, last) else { return nil }
                away.append(range)
            }
            guard let blackout = Self.texts(&reader), let aliases = Self.texts(&reader), let salutationText = reader.optionalText(),
                  let title = reader.optionalText(), let office = reader.optionalText(), let surname = reader.optionalText() else { return nil }
            var salutation: FormOfAddress.Salutation?
            if let salutationText {
                guard let known = FormOfAddress.Salutation(rawValue: salutationText) else { return nil }
                salutation = known
            }
            var person = Person(id: id, name: name, email: email, town: town, role: role, deputy: deputy, calendars: files,
                                workingHours: hours, away: away, blackoutCalendars: blackout)
            person.aliases = aliases
            person.address = FormOfAddress(salutation: salutation, title: title, office: office, surname: surname)
            people.append(person)
            readsDefault.append(flag == 1)
        }
        guard reader.atEnd else { return nil }
        self.towns = towns
        self.people = people
        readsDefaultCalendar = readsDefault
    }

    init(towns: [Town], people: [Person], readsDefaultCalendar: [Bool]) {
        self.towns = towns
        self.people = people
        self.readsDefaultCalendar = readsDefaultCalendar
    }

    private static func put(_ texts: [String], into out: inout CacheWriter) {
        out.put(UInt32(texts.count))
        for text in texts { out.put(text: text) }
    }

    private static func texts(_ reader: inout CacheReader) -> [String]? {
        guard let count = reader.take(UInt32.self), Int(count) <= reader.remaining / 4 else { return nil }
        var result: [String] = []
        result.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let text = reader.text() else { return nil }
            result.append(text)
        }
        return result
    }

    private static func put(_ hours: WorkingHours, into out: inout CacheWriter) {
        out.put(UInt8(hours.days.count))
        for (weekday, span) in hours.days.sorted(by: { $0.key < $1.key }) {
            out.put(UInt8(weekday))
            out.put(UInt16(span.lowerBound.minutes))
            out.put(UInt16(span.upperBound.minutes))
        }
    }

    private static func hours(_ reader: inout CacheReader) -> WorkingHours? {
        guard let count = reader.take(UInt8.self), count <= 7 else { return nil }
        var days: [Int: ClosedRange<ClockTime>] = [:]
        for _ in 0..<count {
            guard let weekday = reader.take(UInt8.self), (1...7).contains(weekday), days[Int(weekday)] == nil,
                  let start = reader.take(UInt16.self), let end = reader.take(UInt16.self), start < end, end <= 24 * 60 else { return nil }
            days[Int(weekday)] = ClockTime(minutes: Int(start))...ClockTime(minutes: Int(end))
        }
        return WorkingHours(days: days)
    }

    /// The range of two day numbers when both are dates convene reads (years 1…9999).
    private static func dates(_ first: Int64, _ last: Int64) -> DateRange? {
        let bounds = Int64(LocalDate(year: 1, month: 1, day: 1)!.daysSinceEpoch)...Int64(LocalDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch)
        guard bounds.contains(first), bounds.contains(last) else { return nil }
        return DateRange(first: LocalDate(daysSinceEpoch: Int(first)), last: LocalDate(daysSinceEpoch: Int(last)))
    }
}
