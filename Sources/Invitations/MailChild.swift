import ConveneCore
import Foundation

/// The mail program while it runs: its own process group, killed with convene, never waited for
/// without a bound. Only `Mailer` uses it.
final class MailChild: @unchecked Sendable {
    struct StartError: Error { var reason: String }

    enum End: Equatable {
        case exit(Int32)
        case signal(Int32)
        /// Stopped at the timeout; `killed` when SIGTERM was not enough.
        case timedOut(killed: Bool)
    }

    let pid: pid_t
    private let input: Int32
    private let output: Int32

    private init(pid: pid_t, input: Int32, output: Int32) {
        self.pid = pid
        self.input = input
        self.output = output
    }

    /// `prctl(2)` is variadic in C, which Swift cannot call; its ABI for integer arguments is that
    /// of this fixed signature.
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    private static let prctl: Prctl? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return nil }
        return unsafeBitCast(symbol, to: Prctl.self)
    }()
    private static let deathSignal: Int32 = 1  // PR_SET_PDEATHSIG

    /// Starts `path` with `arguments`, stdin and stdout/stderr on pipes, in a new process group.
    static func start(_ path: String, arguments: [String]) throws(StartError) -> MailChild {
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { throw StartError(reason: String(cString: strerror(errno))) }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            throw StartError(reason: String(cString: strerror(errno)))
        }
        // Not inherited by anything else this process starts (the child gets them by dup2).
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let prctl = Self.prctl
        let parent = getpid()
        MailGroupGuard.install()
        let pid = fork()
        if pid == 0 {
            _ = setpgid(0, 0)
            _ = prctl?(deathSignal, UInt(SIGKILL), 0, 0, 0)
            if getppid() != parent { _exit(127) }
            _ = signal(SIGPIPE, SIG_DFL)
            _ = signal(SIGTERM, SIG_DFL)
            _ = signal(SIGINT, SIG_DFL)
            _ = signal(SIGHUP, SIG_DFL)
            var empty = sigset_t()
            sigemptyset(&empty)
            sigprocmask(SIG_SETMASK, &empty, nil)
            _ = dup2(toChild[0], 0)
            _ = dup2(fromChild[1], 1)
            _ = dup2(fromChild[1], 2)
            argv.withUnsafeBufferPointer { buffer in
                _ = execv(buffer[0]!, buffer.baseAddress!)
            }
            _exit(127)
        }
        let failure = errno
        close(toChild[0])
        close(fromChild[1])
        guard pid > 0 else {
            close(toChild[1]); close(fromChild[0])
            throw StartError(reason: String(cString: strerror(failure)))
        }
        _ = setpgid(pid, pid)  // also from here, so the group exists before any kill(-pid)
        MailGroupGuard.active = pid
        return MailChild(pid: pid, input: toChild[1], output: fromChild[0])
    }

    /// Feeds `input`, collects at most 64 KiB of output, and waits at most `timeout` seconds
    /// (then SIGTERM to the group, SIGKILL after `grace`).
    func run(input data: Data, timeout: Double, grace: Double) -> (end: End, output: String) {
        let written = DispatchSemaphore(value: 0)
        let inputDescriptor = input
        DispatchQueue.global().async {
            data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < buffer.count {
                    let count = write(inputDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if count < 0 { if errno == EINTR { continue } else { break } }
                    offset += count
                }
            }
            close(inputDescriptor)
            written.signal()
        }
        let collected = LockedSlots<Data>(count: 1)
        let read = DispatchSemaphore(value: 0)
        let outputDescriptor = output
        DispatchQueue.global().async {
            var result = Data()
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = Glibc.read(outputDescriptor, &chunk, chunk.count)
                if count < 0 { if errno == EINTR { continue } else { break } }
                if count == 0 { break }
                if result.count < 65_536 { result.append(contentsOf: chunk[0..<count]) }
            }
            close(outputDescriptor)
            collected.set(0, result)
            read.signal()
        }
        var end = wait(until: Date().addingTimeInterval(timeout))
        if end == nil {
            kill(-pid, SIGTERM)
            if wait(until: Date().addingTimeInterval(grace)) != nil {
                end = .timedOut(killed: false)
            } else {
                kill(-pid, SIGKILL)
                _ = wait(until: Date().addingTimeInterval(10))
                end = .timedOut(killed: true)
            }
        }
        // Whatever the program left behind in its group goes with it.
        kill(-pid, SIGKILL)
        MailGroupGuard.active = 0
        _ = written.wait(timeout: .now() + 2)
        _ = read.wait(timeout: .now() + 2)
        return (end ?? .timedOut(killed: true), String(decoding: collected.get(0) ?? Data(), as: UTF8.self))
    }

    /// Polls for the child's end until `deadline`; nil when it is still running.
    private func wait(until deadline: Date) -> End? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                return signal == 0 ? .exit((status >> 8) & 0xff) : .signal(signal)
            }
            if result < 0 && errno != EINTR { return .exit(-1) }
            if Date() >= deadline { return nil }
            usleep(5_000)
        }
    }
}

/// Ends the mail program's group when convene is told to stop (SIGTERM, SIGINT, SIGHUP) while a
/// message is being handed over; the signal then ends convene as usual.
enum MailGroupGuard {
    nonisolated(unsafe) static var active: pid_t = 0
    nonisolated(unsafe) private static var installed = false

    static func install() {
        guard !installed else { return }
        installed = true
        // A program that closes its input early must not kill convene with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        // A parent may have started convene with these blocked (a thread's mask is inherited across
        // exec): unblock them here, or a SIGTERM would wait until the send is over.
        var stop = sigset_t()
        sigemptyset(&stop)
        for number in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&stop, number) }
        pthread_sigmask(SIG_UNBLOCK, &stop, nil)
        for number in [SIGTERM, SIGINT, SIGHUP] {
            // Only if nobody else (a test runner, a shell's `trap … ''`) chose what these do.
            let previous = signal(number, SIG_DFL)
            if let previous, unsafeBitCast(previous, to: Int.self) != 0 {
                signal(number, previous)
                continue
            }
            signal(number) { received in
                let group = MailGroupGuard.active
                if group > 0 { kill(-group, SIGKILL) }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
