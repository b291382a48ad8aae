import MIME

/// The mail reader on hostile mail (what `convene rsvp` reads from strangers): every input must
/// end in parts or a `MailError` — never a crash, trap or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let parts = try? MailReader.calendarPartsWithSender(of: bytes) {
        for part in parts where part.sender?.contains("\r") == true || part.sender?.contains("\n") == true {
            fatalError("a line break in a sender address")
        }
    }
    _ = try? MailReader.parts(of: bytes)
    _ = MailReader.decodeHeader(String(decoding: bytes.prefix(4096), as: UTF8.self))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzMail_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
