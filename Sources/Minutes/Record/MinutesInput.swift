import ConveneCore
import ICalendar

/// What a Niederschrift is made of, as values: `MinutesPlanner.niederschrift(for:)` reads them from the workspace,
/// `MinutesBuilder.niederschrift(_:language:)` makes the document's data from them without touching a file (a test
/// builds one from values alone).
public struct NiederschriftInput: Sendable {
    /// The minutes as recorded (minutes.yaml or minutes.md).
    public var record: MinutesRecord
    public var meeting: Meeting
    /// The network's name (the header).
    public var network: String
    /// The place: the location's name and address, else the meeting's location id.
    public var place: String
    /// The towns in the order of people.yaml, and the people (for names).
    public var towns: [Town]
    public var people: [Person]
    /// The meeting's action items exactly as its minutes record them (their status at the meeting).
    public var actions: [ActionItem]
    /// The decision numbers of the record: `numbers[section][decision]` (`DecisionNumbers`).
    public var decisionNumbers: [[String]]
    /// The Beschlussfähigkeit (nil for a meeting without a town rule).
    public var quorum: Quorum?
    /// The approval, if any; whether the minutes file is still what was approved; the approving meeting's title.
    public var approval: MinutesApproval?
    public var approvalMatches: Bool
    public var approvingMeetingTitle: String?
    public var zone: CalendarTimeZone

    public init(record: MinutesRecord, meeting: Meeting, network: String, place: String, towns: [Town], people: [Person],
                actions: [ActionItem], decisionNumbers: [[String]], quorum: Quorum?, approval: MinutesApproval? = nil,
                approvalMatches: Bool = true, approvingMeetingTitle: String? = nil, zone: CalendarTimeZone) {
        self.record = record
        self.meeting = meeting
        self.network = network
        self.place = place
        self.towns = towns
        self.people = people
        self.actions = actions
        self.decisionNumbers = decisionNumbers
        self.quorum = quorum
        self.approval = approval
        self.approvalMatches = approvalMatches
        self.approvingMeetingTitle = approvingMeetingTitle
        self.zone = zone
    }
}

/// What a new minutes record (`minutes init`) is made of, as values: the stored agenda, the people (the host town's
/// OB chairs, its main office takes the minutes), the invitees and their answers to the invitation.
public struct MinutesDraftInput: Sendable {
    public var meeting: Meeting
    public var agenda: StoredAgenda
    public var people: [Person]
    public var invitees: [Person]
    public var replies: ReplyBook
    /// The SEQUENCE that set the invitation's time; replies to earlier ones do not count.
    public var answersFrom: Int
    public var zone: CalendarTimeZone
    /// The language of the record's comments and headings (convene.yaml's `language:`); the keys are the same in both.
    public var language: Language

    public init(meeting: Meeting, agenda: StoredAgenda, people: [Person], invitees: [Person], replies: ReplyBook = ReplyBook(),
                answersFrom: Int = 0, zone: CalendarTimeZone, language: Language = .de) {
        self.language = language
        self.meeting = meeting
        self.agenda = agenda
        self.people = people
        self.invitees = invitees
        self.replies = replies
        self.answersFrom = answersFrom
        self.zone = zone
    }

    /// The values of a loaded workspace (reads no file: people and invitees come with the workspace value).
    public init(meeting: Meeting, agenda: StoredAgenda, workspace: Workspace, replies: ReplyBook = ReplyBook(), answersFrom: Int = 0,
                zone: CalendarTimeZone) {
        self.init(meeting: meeting, agenda: agenda, people: workspace.people, invitees: workspace.invitees(of: meeting), replies: replies,
                  answersFrom: answersFrom, zone: zone, language: workspace.language(nil))
    }
}
