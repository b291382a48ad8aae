import CalendarValues

/// Whether a person invited to a meeting attended (*anwesend*, *entschuldigt*, *abwesend*).
public enum AttendanceStatus: String, Sendable, CaseIterable {
    case present
    case excused
    case absent
}

/// One person's attendance as recorded in the minutes.
public struct AttendanceEntry: Sendable, Equatable {
    public var person: String
    public var status: AttendanceStatus
    public init(person: String, status: AttendanceStatus) {
        self.person = person
        self.status = status
    }
}

/// The result of a vote (*Abstimmungsergebnis*), written `vote: {for: 9, against: 0, abstain: 1}`
/// (not `yes`/`no`, which YAML 1.1 readers turn into booleans) — or `vote: einstimmig` (`unanimous`): a unanimous
/// vote whose counts were not recorded, as a Niederschrift often has it. Such a vote has no counts (`counted` is
/// false, the three numbers are 0 and mean nothing).
public struct VoteResult: Sendable, Equatable {
    public var inFavor: Int
    public var against: Int
    public var abstain: Int
    /// False for `einstimmig` without counts.
    public var counted: Bool
    public init(inFavor: Int, against: Int, abstain: Int) {
        self.inFavor = inFavor
        self.against = against
        self.abstain = abstain
        counted = true
    }

    /// A unanimous vote whose counts were not recorded (`vote: einstimmig`).
    public static let unanimousWithoutCounts: VoteResult = {
        var vote = VoteResult(inFavor: 0, against: 0, abstain: 0)
        vote.counted = false
        return vote
    }()

    /// The words that write a unanimous vote without counts, in the YAML and the Markdown form alike.
    public static let unanimousWords: Set<String> = ["einstimmig", "unanimous", "unanimously"]

    /// Nobody against, nobody abstaining: counted with at least one vote in favour, or recorded as `einstimmig`.
    public var isUnanimous: Bool { counted ? against == 0 && abstain == 0 && inFavor > 0 : true }
}

/// A decision (*Beschluss*) taken under an agenda item, written as plain text or
/// `{text, vote, town, due}`: the town responsible for carrying it out and the day it is due (both optional)
/// are what the Beschlusskontrolle (`convene decisions`) follows up.
public struct Decision: Sendable, Equatable {
    public var text: String
    public var vote: VoteResult?
    /// The town responsible for carrying the decision out.
    public var town: String?
    /// When it is to be carried out.
    public var due: LocalDate?
    public init(text: String, vote: VoteResult? = nil, town: String? = nil, due: LocalDate? = nil) {
        self.text = text
        self.vote = vote
        self.town = town
        self.due = due
    }
}

/// What the minutes say about one agenda item (TOP).
public struct MinutesSection: Sendable, Equatable {
    /// The TOP number of the stored agenda.
    public var number: String?
    public var title: String
    public var notes: String?
    public var decisions: [Decision]
    /// Ids of the action items recorded under this item (the items themselves are in
    /// `Workspace.actionItems`).
    public var actionItems: [String]

    public init(number: String?, title: String, notes: String? = nil, decisions: [Decision] = [], actionItems: [String] = []) {
        self.number = number
        self.title = title
        self.notes = notes
        self.decisions = decisions
        self.actionItems = actionItems
    }
}

/// The minutes (*Protokoll*) of a meeting: `meetings/<id>/minutes.yaml`.
///
/// ```yaml
/// chair: ettlingen-ob                  # person ids (optional)
/// minute_taker: ettlingen-main-office
/// attendance:                          # person id: present | excused | absent
///   ettlingen-ob: present
///   bretten-ob: excused
/// items:                               # one section per agenda item (TOP)
///   - number: "3"
///     title: Geschäftsordnung
///     notes: Entwurf besprochen.
///     decisions:
///       - text: Die Geschäftsordnung wird im Grundsatz angenommen.
///         vote: {for: 9, against: 0, abstain: 1}   # optional
///         town: ettlingen              # responsible for carrying it out (optional)
///         due: 2027-03-31              # optional
///       - Ein Beschluss ohne Abstimmung     # plain text is a decision too
///     action_items:                    # as under the top-level key; `item` defaults to the number
///       - id: kickoff-ettlingen-geschaeftsordnung
///         title: Geschäftsordnung ausformulieren
///         town: ettlingen
/// action_items: []                     # items not tied to a section (the original format)
/// ```
public struct MinutesRecord: Sendable, Equatable {
    public var meeting: String
    public var chair: String?
    public var minuteTaker: String?
    public var attendance: [AttendanceEntry]
    public var sections: [MinutesSection]

    public init(meeting: String, chair: String? = nil, minuteTaker: String? = nil, attendance: [AttendanceEntry] = [],
                sections: [MinutesSection] = []) {
        self.meeting = meeting
        self.chair = chair
        self.minuteTaker = minuteTaker
        self.attendance = attendance
        self.sections = sections
    }
}
