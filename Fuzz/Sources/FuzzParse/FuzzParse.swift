import ICalendar

/// Zone and window are fixed: the fuzzer varies only the file.
let zone = try! CalendarTimeZone(identifier: "Europe/Berlin")
let window = Interval(start: Instant(rfc3339: "2027-01-01T00:00:00Z")!,
                      end: Instant(rfc3339: "2028-01-01T00:00:00Z")!)

/// Every input must end in busy time or a `CalendarError` — never a crash, leak or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = CalendarSource(name: "fuzz.ics", bytes: bytes)
    if let result = try? BusyTimeReader.read(source, window: window, zone: zone) {
        // Invariants of the output.
        for (a, b) in zip(result.intervals, result.intervals.dropFirst()) where a.end >= b.start { fatalError("not merged") }
        for interval in result.intervals where interval.isEmpty || interval.start < window.start || interval.end > window.end {
            fatalError("not clipped")
        }
    }
    return 0
}

/// libFuzzer's driver (compiler-rt, `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point as `<Target>_main`; hand control to libFuzzer there.
@_cdecl("FuzzParse_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
