import CalendarValues
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The CalDAV requests convene sends and the parts of the answers it reads (RFC 4791, RFC 4918).
enum CalDAV {
    static let davNamespace = "DAV:"
    static let calDAVNamespace = "urn:ietf:params:xml:ns:caldav"
    static let calendarServerNamespace = "http://calendarserver.org/ns/"

    /// `20270419T000000Z`: the UTC form of a time-range attribute (RFC 4791 §9.9).
    static func utc(_ instant: Instant) -> String {
        instant.utc.description.filter { $0 != "-" && $0 != ":" } + "Z"
    }

    /// The free-busy-query REPORT body for `window` (RFC 4791 §7.10).
    static func freeBusyQuery(_ window: Interval) -> Data {
        Data("""
            <?xml version="1.0" encoding="utf-8"?>
            <C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">
              <C:time-range start="\(utc(window.start))" end="\(utc(window.end))"/>
            </C:free-busy-query>
            """.utf8)
    }

    /// The calendar-query REPORT body: every VEVENT overlapping `window` (every VEVENT when nil), whole
    /// (RFC 4791 §7.8, §9.9).
    static func calendarQuery(_ window: Interval?) -> Data {
        let range = window.map { #"<C:time-range start="\#(utc($0.start))" end="\#(utc($0.end))"/>"# } ?? ""
        return Data("""
            <?xml version="1.0" encoding="utf-8"?>
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><C:calendar-data/></D:prop>
              <C:filter>
                <C:comp-filter name="VCALENDAR">
                  <C:comp-filter name="VEVENT">\(range)</C:comp-filter>
                </C:comp-filter>
              </C:filter>
            </C:calendar-query>
            """.utf8)
    }

    /// The PROPFIND body asking a collection for what changes whenever its content does.
    static let versionQuery = Data("""
        <?xml version="1.0" encoding="utf-8"?>
        <D:propfind xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/">
          <D:prop><CS:getctag/><D:sync-token/><D:getetag/></D:prop>
        </D:propfind>
        """.utf8)

    /// What a 207 Multi-Status answer holds for convene: the calendar-data texts and the collection's
    /// version tokens.
    struct MultiStatus {
        var calendarData: [String] = []
        var ctag: String?
        var syncToken: String?
        var etag: String?

        /// The first of ctag, sync-token, etag: a token that changes with the collection's content.
        var version: String? { ctag ?? syncToken ?? etag }

        /// Parses the XML with Foundation's XMLParser (namespace-aware).
        /// - Returns: nil when the body is not well-formed XML.
        static func parse(_ data: Data) -> MultiStatus? {
            let parser = XMLParser(data: data)
            let collector = Collector()
            parser.delegate = collector
            parser.shouldProcessNamespaces = true
            parser.shouldResolveExternalEntities = false
            // swift-corelibs' parse() may return true for a truncated document: check the delegate saw a whole one.
            guard parser.parse(), !collector.failed, collector.closedRoot else { return nil }
            return collector.result
        }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var result = MultiStatus()
        var failed = false
        var closedRoot = false
        private var depth = 0
        private var text: String?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }

        private static let wanted: Set<String> = [
            "\(calDAVNamespace)|calendar-data", "\(calendarServerNamespace)|getctag", "\(davNamespace)|sync-token", "\(davNamespace)|getetag",
        ]

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            depth += 1
            if Self.wanted.contains("\(namespaceURI ?? "")|\(elementName)") { text = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text?.append(string) }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            text?.append(String(decoding: CDATABlock, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            depth -= 1
            if depth == 0 { closedRoot = true }
            guard let value = text else { return }
            text = nil
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            switch "\(namespaceURI ?? "")|\(elementName)" {
            case "\(calDAVNamespace)|calendar-data": if !trimmed.isEmpty { result.calendarData.append(value) }
            case "\(calendarServerNamespace)|getctag": if result.ctag == nil, !trimmed.isEmpty { result.ctag = trimmed }
            case "\(davNamespace)|sync-token": if result.syncToken == nil, !trimmed.isEmpty { result.syncToken = trimmed }
            case "\(davNamespace)|getetag": if result.etag == nil, !trimmed.isEmpty { result.etag = trimmed }
            default: break
            }
        }
    }
}
