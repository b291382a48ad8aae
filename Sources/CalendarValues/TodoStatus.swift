/// The STATUS of a VTODO (RFC 5545 §3.8.1.11). A plain value so that ConveneCore can map action
/// items to it without linking libical; ICalendar's `TodoWriter` writes it.
public enum TodoStatus: String, Sendable, CaseIterable {
    case needsAction = "NEEDS-ACTION"
    case inProcess = "IN-PROCESS"
    case completed = "COMPLETED"
    case cancelled = "CANCELLED"
}
