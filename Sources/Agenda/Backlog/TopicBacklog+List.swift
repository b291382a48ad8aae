import ConveneCore

extension TopicBacklog {
    /// Which topics `convene topics list` shows by status.
    public enum StatusFilter: Sendable, Equatable {
        /// Open and scheduled (the default).
        case pending
        case all
        case only(TopicStatus)

        /// `pending`, `all` or a status name; nil for anything else.
        public init?(_ text: String) {
            switch text {
            case "pending": self = .pending
            case "all": self = .all
            default:
                guard let status = TopicStatus(rawValue: text) else { return nil }
                self = .only(status)
            }
        }

        func matches(_ status: TopicStatus) -> Bool {
            switch self {
            case .pending: status.isPending
            case .all: true
            case .only(let wanted): status == wanted
            }
        }
    }

    /// The backlog's topics (sorted by id) that match every filter given.
    /// - Throws: `WorkspaceProblem` naming people.yaml for a town the workspace does not have.
    public func list(status: StatusFilter = .pending, town: String? = nil, kind: TopicKind? = nil) throws(WorkspaceProblem) -> [Topic] {
        if let town, workspace.town(town) == nil {
            throw WorkspaceProblem(file: Workspace.peopleFile, "unknown town '\(town)' (towns: \(workspace.towns.map(\.id).joined(separator: ", ")))")
        }
        return workspace.topics.filter { topic in
            status.matches(topic.status) && (town == nil || topic.town == town) && (kind == nil || topic.kind == kind)
        }
    }
}
