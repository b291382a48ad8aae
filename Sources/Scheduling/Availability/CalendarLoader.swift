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
    /// Fetches feed and CalDAV sources (LiveCalendars, passed in by the CLI); nil: live sources count as unknown.
    public let fetcher: (any CalendarFetching)?

    public init(workspace: Workspace, zone: CalendarTimeZone, reader: any BusyTimeReading, useCache: Bool = true,
                fetcher: (any CalendarFetching)? = nil) {
        self.workspace = workspace
        self.zone = zone
        self.reader = reader
        self.fetcher = fetcher
        self.cache = useCache ? BusyCache(folder: workspace.root.appendingPathComponent(".convene/cache/busy")) : nil
    }

    /// One request: a workspace-relative path (or a live source) and how to read it.
    public struct Request: Hashable, Sendable {
        public var path: String
        public var countEverything: Bool
        /// A feed or CalDAV source, fetched first; its answer then takes the path of a file's bytes.
        public var live: LiveSource?
        public init(path: String, countEverything: Bool) {
            self.path = path
            self.countEverything = countEverything
        }

        /// The request for one `calendars:` entry of `person`.
        public init(_ location: CalendarLocation, of person: String, countEverything: Bool) {
            if let path = location.path {
                self.init(path: path, countEverything: countEverything)
            } else {
                self.init(path: location.key, countEverything: countEverything)
                live = LiveSource(person: person, location: location)
            }
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
        let rootPath = workspace.root.path
        let stamps = LockedSlots<BusyCache.Stamp>(count: unique.count)
        let fetched = fetchLive(unique, window: window, ignoring: ignoring)
        // A warm run first: the last run's answers to this question, one file (BusyCache.RunSnapshot), and one stat
        // per calendar file to see it is unchanged. What it cannot answer takes the path of index and entries below.
        let question = BusyCache.RunSnapshot.question(window: window, zone: zoneName, ignoring: ignoring)
        let snapshot = cache?.loadSnapshot(question: question)
        let fileStats = LockedSlots<FileStat>(count: unique.count)
        DispatchQueue.concurrentPerform(iterations: unique.count) { position in
            let request = unique[position]
            guard request.live == nil, let stat = FileStat(path: rootPath + "/" + request.path) else { return }
            fileStats.set(position, stat)
            if let (stamp, busy) = snapshot?.answer(.init(path: request.path, countEverything: request.countEverything), stat: stat) {
                stamps.set(position, stamp)
                results.set(position, .success(busy))
            }
        }
        // Live sources are always fetched (conditionally); only a calendar file the snapshot did not answer
        // needs the index, and makes this run's answers the next snapshot.
        let missing = unique.indices.filter { results.get($0) == nil }
        let missedFiles = missing.contains { unique[$0].live == nil }
        // Files whose size, mtime and inode are as recorded keep their recorded content hash, so
        // a warm run neither reads nor hashes them (as git's index does).
        let index = missedFiles ? cache?.loadIndex() ?? [:] : [:]
        DispatchQueue.concurrentPerform(iterations: missing.count) { slot in
            let position = missing[slot]
            let request = unique[position]
            let ignored = request.countEverything ? UIDFilter() : ignoring
            if let live = request.live {
                results.set(position, .success(busyTime(of: live, fetched[live], request: request, window: window, ignoring: ignored)))
                return
            }
            let stat = fileStats.get(position)
            if let stat, let known = index[request.path], known.matches(stat),
               let cached = cache?.load(BusyCache.key(contentHash: known.hash, window: window, zone: zoneName,
                                                      countEverything: request.countEverything, ignoring: ignored), file: request.path) {
                stamps.set(position, known)
                results.set(position, .success(cached))
                return
            }
            let url = workspace.url(request.path)
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
        if let cache, missedFiles {
            var updated = index
            for (position, request) in unique.enumerated() { if let stamp = stamps.get(position) { updated[request.path] = stamp } }
            if updated != index { cache.storeIndex(updated) }
            // The answers of this run's calendar files, for the next run to read in one go.
            var answers: [(BusyCache.RunSnapshot.Name, BusyCache.Stamp, BusyTime)] = []
            for (position, request) in unique.enumerated() where request.live == nil {
                guard let stamp = stamps.get(position), case .success(let busy)? = results.get(position) else { continue }
                answers.append((.init(path: request.path, countEverything: request.countEverything), stamp, busy))
            }
            cache.storeSnapshot(question: question, answers)
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

extension CalendarLoader {
    /// Fetches the live requests first (the fetcher's own bounded pool); the cache says which
    /// content hashes need no body.
    private func fetchLive(_ requests: [Request], window: Interval, ignoring: UIDFilter) -> [LiveSource: FetchOutcome] {
        let live = requests.filter { $0.live != nil }
        guard !live.isEmpty, let fetcher else { return [:] }
        let modes = Dictionary(live.map { ($0.live!, $0.countEverything) }, uniquingKeysWith: { $0 || $1 })
        let (cache, zoneName) = (cache, zone.identifier)
        return fetcher.fetch(Array(modes.keys), window: window) { source, hash in
            let everything = modes[source] ?? false
            return cache?.load(BusyCache.key(contentHash: hash, window: window, zone: zoneName, countEverything: everything,
                                             ignoring: everything ? UIDFilter() : ignoring), file: source.location.display) != nil
        }
    }

    /// The busy time of a fetched live source: its answer read like a file's bytes (cached by content
    /// hash); a source that failed, or whose answer is neither cached nor given, is unknown for the window.
    private func busyTime(of live: LiveSource, _ outcome: FetchOutcome?, request: Request, window: Interval, ignoring: UIDFilter) -> BusyTime {
        let unknown = { (warning: Diagnostic) in BusyTime(intervals: [], unknown: [window], warnings: [warning]) }
        guard let outcome else {
            return unknown(Diagnostic(file: Workspace.peopleFile, "\(live.person): \(live.location.display) not fetched; the time counts as unknown"))
        }
        guard case .content(let hash, let bytes, let notes) = outcome else {
            if case .failed(let warning) = outcome { return unknown(warning) }
            return unknown(Diagnostic(file: Workspace.peopleFile, "\(live.person): \(live.location.display) not read"))
        }
        let name = "\(live.person): \(live.location.display)"
        let key = BusyCache.key(contentHash: hash, window: window, zone: zone.identifier, countEverything: request.countEverything,
                                ignoring: ignoring)
        if var cached = cache?.load(key, file: name) {
            cached.warnings += notes
            return cached
        }
        guard let bytes else {
            return unknown(Diagnostic(file: Workspace.peopleFile, "\(name): the last answer is no longer cached; fetch again (without --offline); the time counts as unknown"))
        }
        do {
            var busy = try reader.busyTime(of: CalendarSource(name: name, bytes: bytes), window: window, zone: zone,
                                           countEverything: request.countEverything, ignoring: ignoring)
            cache?.store(key, busy)
            busy.warnings += notes
            return busy
        } catch {
            // The message names the source as person and host only (the name given above).
            return unknown(Diagnostic(file: Workspace.peopleFile, "\(live.person): \(live.location.display) did not answer with iCalendar data we can read (\(error.message)); the time counts as unknown"))
        }
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
