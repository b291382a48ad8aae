import CalendarValues
import Testing
@testable import Holidays

@Suite struct EasterTests {
    @Test(arguments: [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
        (2000, "2000-04-23"), (2038, "2038-04-25"), (2285, "2285-03-22"), (1995, "1995-04-16"),
    ])
    func knownDates(year: Int, expected: String) {
        #expect(Easter.sunday(of: year).description == expected)
    }
}
