import CalendarValues

/// The language of what convene writes for people — agendas, minutes, their labels and dates:
/// German (the default, as the network writes its *Tagesordnung* and *Protokoll*) or English.
///
/// The words every feature shares live here; each feature adds its own in an extension
/// (`Agenda`: frame items, reasons; `Minutes`: `MinutesWords`). A new language is a new case
/// plus its words in those places (see docs/ARCHITECTURE.md).
public enum Language: String, Sendable, CaseIterable {
    case de
    case en

    /// The word for an action item's status (agenda review item, minutes, action lists).
    public func label(of status: ActionStatus) -> String {
        switch (self, status) {
        case (.de, .open): return "offen"
        case (.en, .open): return "open"
        case (.de, .inProgress): return "in Arbeit"
        case (.en, .inProgress): return "in progress"
        case (.de, .done): return "erledigt"
        case (.en, .done): return "done"
        case (.de, .dropped): return "verworfen"
        case (.en, .dropped): return "dropped"
        }
    }

    // MARK: Dates and times

    /// `18.11.2026` or `18 Nov 2026`.
    public func date(_ date: LocalDate) -> String {
        switch self {
        case .de: return GermanDate.numeric(date)
        case .en: return "\(date.day) \(date.englishMonthAbbreviation) \(date.year)"
        }
    }

    /// `Mi 12.05.2027` or `Wed 12 May 2027`.
    public func day(_ date: LocalDate) -> String {
        switch self {
        case .de: return GermanDate.short(date)
        case .en: return "\(date.weekday.englishAbbreviation) \(self.date(date))"
        }
    }

    /// `12:30`.
    public func clock(_ time: LocalDateTime) -> String { GermanDate.clock(time) }

    /// `40 %` or `40%`.
    public func percent(_ share: Double) -> String {
        let value = Int((share * 100).rounded())
        return self == .de ? "\(value) %" : "\(value)%"
    }
}

extension Workspace {
    /// The language a command writes in: the one its `--lang` names, else convene.yaml's `language`.
    public func language(_ chosen: Language?) -> Language { chosen ?? network.language }
}
