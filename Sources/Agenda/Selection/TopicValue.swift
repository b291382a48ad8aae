import ConveneCore
import ICalendar

/// The value a topic brings to an agenda; the selection maximises the sum over the chosen topics.
///
/// ```
/// value = 10·(6 − priority)                      priority 1 (highest) … 5: 50 … 10
///       + 500  if the deadline falls on or after the meeting and before the next meeting
///              (this meeting is the last chance: practically a must)
///       + 200  for a project report of a town that is due to report: its last report was
///              `report_every` or more meetings ago, or it never reported
///       + 15·(times deferred, at most 4)          aging: a topic pushed back gains weight
/// ```
///
/// The tiers are deliberately far apart: an urgent deadline outweighs any number of ordinary
/// topics of the same length, a due report outweighs priority and aging.
public enum TopicValue {
    public static let priorityStep = 10
    public static let urgentDeadline = 500
    public static let dueReport = 200
    public static let agingStep = 15
    public static let agingCap = 4

    /// Whether `topic`'s deadline makes it urgent for a meeting on `meetingDate`.
    public static func isUrgent(_ topic: Topic, meetingDate: LocalDate, nextMeetingDate: LocalDate) -> Bool {
        guard let deadline = topic.deadline else { return false }
        return meetingDate <= deadline && deadline < nextMeetingDate
    }

    /// Whether `town` must report at this meeting to keep "a report at least every `every` meetings".
    /// - Parameter meetingsSinceReport: earlier meetings since the town's last report (0 = reported
    ///   at the previous one); `nil` = never reported.
    public static func isReportDue(meetingsSinceReport: Int?, every: Int) -> Bool {
        guard let since = meetingsSinceReport else { return true }
        return since + 1 >= every
    }

    public static func breakdown(priority: Int, urgent: Bool, reportDue: Bool, timesDeferred: Int) -> ValueBreakdown {
        ValueBreakdown(priority: priorityStep * (6 - min(max(priority, 1), 5)),
                       deadline: urgent ? urgentDeadline : 0,
                       aging: agingStep * min(timesDeferred, agingCap),
                       fairness: reportDue ? dueReport : 0)
    }
}
