import CalendarValues
import ConveneCore
import Dispatch
import Foundation

/// Reads the workspace's calendar files into busy intervals — through `reader` (the freebusy
/// layer), in parallel, with the busy cache.
public struct CalendarLoader: Sendable {
    public let workspace: Workspace
    public let zone: CalendarTimeZone
    public let reader: any BusyTimeReading
    public let cache: BusyCache?

    public init(workspace: Workspace, zone: CalendarTimeZone, reader: any BusyTimeReading, useCache: Bool = true) {
        self.workspace = workspace
        self.zone = zone
        self.reader = reader
        self.cache = useCache ? BusyCache(folder: workspace.root.appendingPathComponent(".convene/cache/busy")) : nil
    }

    /// One request: a workspace-relative path and how to read it.
    public struct Request: Hashable, Sendable {
        public var path: String
        public var countEverything: Bool
        public init(path: String, countEverything: Bool) {
            self.path = path
            self.countEverything = countEverything
        }
    }

    /// Busy time of every requested file within `window`.
    /// - Parameter ignoring: events left out of people's calendars by UID (convene's own invitation and holds of
    ///   the meeting planned); blackout calendars (`countEverything`) keep everything.
    /// - Returns: results by request, and the warnings met.
    /// - Throws: `WorkspaceErrors` with every unreadable or invalid file.
    public func load(_ requests: [Request], window: Interval, ignoring: UIDFilter = UIDFilter()) throws(WorkspaceErrors) -> [Request: BusyTime] {
        let unique = Array(Set(requests)).sorted { ($0.path, $0.countEverything ? 1 : 0) < ($1.path, $1.countEverything ? 1 : 0) }
        let results = LockedSlots<Result<BusyTime, CalendarError>>(count: unique.count)
        let zoneName = zone.identifier
        // Files whose size, mtime and inode are as recorded keep their recorded content hash, so
        // a warm run neither reads nor hashes them (as git's index does).
        let index = cache?.loadIndex() ?? [:]
        let stamps = LockedSlots<BusyCache.Stamp>(count: unique.count)
        DispatchQueue.concurrentPerform(iterations: unique.count) { position in
            let request = unique[position]
            let ignored = request.countEverything ? UIDFilter() : ignoring
            let url = workspace.url(request.path)
            let stat = FileStat(path: url.path)
            if let stat, let known = index[request.path], known.matches(stat),
               let cached = cache?.load(BusyCache.key(contentHash: known.hash, window: window, zone: zoneName,
                                                      countEverything: request.countEverything, ignoring: ignored), file: request.path) {
                stamps.set(position, known)
                results.set(position, .success(cached))
                return
            }
            // Regular files of at most 256 MiB only: a FIFO or device in calendars/ must not hang or exhaust memory.
            let data: Data
            do throws(CalendarError) { data = try SafeRead.contents(of: url, display: request.path) } catch {
                results.set(position, .failure(error))
                return
            }
            let bytes = [UInt8](data)
            let hash = SHA256.hex(bytes)
            if let stat { stamps.set(position, BusyCache.Stamp(stat: stat, hash: hash)) }
            let key = BusyCache.key(contentHash: hash, window: window, zone: zoneName, countEverything: request.countEverything,
                                    ignoring: ignored)
            if let cached = cache?.load(key, file: request.path) {
                results.set(position, .success(cached))
                return
            }
            do {
                let busy = try reader.busyTime(of: CalendarSource(name: request.path, bytes: bytes), window: window, zone: zone,
                                               countEverything: request.countEverything, ignoring: ignored)
                cache?.store(key, busy)
                results.set(position, .success(busy))
            } catch let error as CalendarError {
                results.set(position, .failure(error))
            } catch {
                results.set(position, .failure(CalendarError(file: request.path, "\(error)")))
            }
        }
        if let cache {
            var updated = index
            for (position, request) in unique.enumerated() { if let stamp = stamps.get(position) { updated[request.path] = stamp } }
            if updated != index { cache.storeIndex(updated) }
        }
        var byRequest: [Request: BusyTime] = [:]
        var problems: [WorkspaceProblem] = []
        for (index, request) in unique.enumerated() {
            switch results.get(index) {
            case .success(let busy): byRequest[request] = busy
            case .failure(let error): problems.append(error)
            case nil: problems.append(CalendarError(file: request.path, "not read"))
            }
        }
        guard problems.isEmpty else { throw WorkspaceErrors(problems: problems) }
        return byRequest
    }
}

/// Size, modification time (nanoseconds) and inode of a file, from stat(2).
struct FileStat: Equatable {
    var size: Int64
    var modified: Int64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}
