import Foundation

/// One slot per task, written from worker threads and read once they are done.
public final class LockedSlots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()
    public init(count: Int) { values = Array(repeating: nil, count: count) }
    public func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }
    public func get(_ index: Int) -> Value? { lock.withLock { values[index] } }
}
