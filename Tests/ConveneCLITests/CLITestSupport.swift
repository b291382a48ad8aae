import ConveneCore
import Foundation
import SampleSupport
import Testing

/// Runs the built `convene` binary, as a user or script would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `convene` binary next to the test bundle (or `CONVENE_BIN`).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["CONVENE_BIN"] { return URL(fileURLWithPath: path) }
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("convene")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fromArgument = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return fromArgument.appendingPathComponent("convene")
    }()

    /// - Parameter launcher: a program and its arguments that start convene (`setpriv --reuid=…` to run it as another
    ///   user); none by default.
    static func run(_ arguments: [String], stdin: Data? = nil, environment extra: [String: String] = [:],
                    directory: URL? = nil, launcher: [String] = []) throws -> Result {
        let process = Process()
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = "80"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin {
            // Write from another thread so a large input cannot deadlock against full pipes.
            let handle = input.fileHandleForWriting
            DispatchQueue.global().async {
                Descriptor.writeAll(stdin, to: handle.fileDescriptor)
                try? handle.close()
            }
        } else {
            try input.fileHandleForWriting.close()
        }
        let outData = ReadInBackground(out.fileHandleForReading)
        let errData = readToEnd(err.fileHandleForReading)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData.wait(), as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}


/// Everything until end of file. Retries reads a signal interrupted: Foundation's
/// `readDataToEndOfFile()` traps on EINTR, which SIGCHLD of the many child processes of the CLI
/// tests can cause.
func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = read(handle.fileDescriptor, &buffer, buffer.count)
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            break
        }
        if count == 0 { break }
        data.append(contentsOf: buffer[0..<count])
    }
    return data
}

/// Drains a pipe on another thread.
final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = readToEnd(handle)
            self.done.signal()
        }
    }
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A fresh temporary folder, removed by the caller with `cleanup()`.
struct Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("convene-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

func vcalendar(_ body: String) -> String {
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//convene tests//EN\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\nEND:VCALENDAR\r\n"
}
