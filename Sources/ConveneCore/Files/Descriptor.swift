import Foundation

/// Writing to a file descriptor with `write(2)`, the one loop every writer uses: until every byte
/// is out, retrying when a signal interrupts the call (the mail program's SIGCHLD). Foundation's
/// `FileHandle.write` traps on an interrupted call instead.
public enum Descriptor {
    /// Writes all of `bytes` to `descriptor`.
    /// - Returns: nil when everything was written, else the `errno` of the failure (a full disk, a
    ///   reader that has gone).
    @discardableResult
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard var pointer = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(descriptor, pointer, left)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            pointer += written
            left -= written
        }
        return nil
    }

    /// Writes all of `data` to `descriptor` (see the other `writeAll`).
    @discardableResult
    public static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { writeAll($0, to: descriptor) }
    }
}
