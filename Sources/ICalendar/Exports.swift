// ICalendar's API speaks the plain values of CalendarValues (LocalDate, Instant, Interval,
// CalendarError, …); re-exporting them keeps `import ICalendar` enough for its callers.
@_exported import CalendarValues
