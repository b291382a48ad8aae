/// A poll answer: tallied from replies to the tentative holds (Invitations), weighed by the slot
/// search (Scheduling).
public enum Vote: String, Sendable, Equatable, CaseIterable {
    case yes
    case ifNeedBe = "if-need-be"
    case no
}
