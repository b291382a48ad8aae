import Foundation
import Testing

/// Folders whose permissions differ from the usual: run as another user (root reads every folder, whatever its mode),
/// through util-linux's setpriv.
@Suite struct PermissionTests {
    static let setpriv = "/usr/bin/setpriv"
    static var canDropPrivileges: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: setpriv) }

    /// A `calendars/` folder that can be searched but not listed (`chmod 711`): every file in it can still be read, and
    /// a person's default `calendars/<id>.ics` is found as before, not silently dropped with its busy time.
    @Test(.enabled(if: canDropPrivileges)) func aCalendarFolderThatCannotBeListedStillGivesEveryExport() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let expected = try sample.run(["sources", "--format", "json"])
        #expect(expected.status == 0 && expected.stdout.contains("calendars/"))
        try FileManager.default.removeItem(atPath: sample.path + "/.convene/cache/people.bin")
        // nobody may enter the copy, read it and write its .convene/ (the lock readers share, the caches).
        for folder in [sample.scratch.url.path, sample.path] { chmod(folder, 0o777) }
        let enumerator = try #require(FileManager.default.enumerator(atPath: sample.path))
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            let path = sample.path + "/" + relative
            guard lstat(path, &info) == 0 else { continue }
            chmod(path, (info.st_mode & S_IFMT) == S_IFDIR ? 0o777 : 0o666)
        }
        chmod(sample.path + "/calendars", 0o711)
        for _ in 0..<2 {  // the long way, then through the people.yaml snapshot
            let result = try CLI.run(["sources", "--format", "json", "-w", sample.path], environment: ["CONVENE_NOW": "2027-04-01T09:00:00Z"],
                                     launcher: [Self.setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == expected.stdout)
        }
        chmod(sample.path + "/calendars", 0o777)
    }
}
