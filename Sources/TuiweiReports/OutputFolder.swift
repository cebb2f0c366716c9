import Foundation
import TuiweiAggregates
import TuiweiCore
#if canImport(Glibc)
import Glibc
#endif

/// The folder a run writes its reports into, owned by that run while it writes.
///
/// Opening it checks the path and takes an exclusive `flock` on the folder, so a second run on the
/// same folder stops at once with `Busy` instead of truncating the first one's files. Every file
/// is written into a private staging folder beside the output (`.NAME.tuiwei-PID-RANDOM`); `commit`
/// then moves the entries the run does not write (other reports, the user's own files) into the
/// staging folder and exchanges the two folders with `renameat2(RENAME_EXCHANGE)`, so the new set
/// of reports replaces the old set in one step. Where the exchange is not possible (no room in the
/// parent folder, a file system without it) the staging folder lives inside the output and its
/// files are renamed over the old ones one by one, each rename atomic. `abandon` (a failed or
/// interrupted run) removes the staging folder and leaves the previous reports as they were.
public final class OutputFolder: @unchecked Sendable {
    /// Another run holds the folder.
    public struct Busy: Error, Sendable, CustomStringConvertible {
        public let path: String
        public var description: String {
            "\(path): error: another tuiwei run is writing to this folder; wait for it to finish or choose another folder with --out"
        }
    }

    /// Makes writes fail after a number of bytes, as a full disk would: a seam for tests.
    public final class WriteBudget: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int

        public init(bytes: Int) { left = bytes }

        /// Takes `n` bytes from the budget; false when they do not fit.
        func spend(_ n: Int) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            guard n <= left else { return false }
            left -= n
            return true
        }
    }

    /// The folder as the user named it.
    public let path: String
    /// Where the files are written until `commit`.
    public let staging: String
    let budget: WriteBudget?
    /// The output folder, links resolved.
    private let target: String
    /// True when the staging folder is a sibling of the output and the two can be exchanged.
    private let exchanges: Bool
    private let createdTarget: Bool
    private var lockFD: Int32
    private var stagingFD: Int32 = -1
    private let stateLock = NSLock()
    private var state = State.writing

    private enum State { case writing, committed, abandoned }

    /// Checks `path`, creates it if needed, takes the folder and makes the staging folder.
    /// - Throws: `Busy` when another run holds the folder; a `Diagnostic` naming the path when it
    ///   is not a folder or cannot be created or written.
    public init(path: String, budget: WriteBudget? = nil) throws {
        guard !path.isEmpty else { throw Diagnostic(.error, file: "--out", "the output folder name is empty; give a folder with --out DIR") }
        self.path = path
        self.budget = budget
        let fm = FileManager.default
        var isDir: ObjCBool = false
        var created = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw Diagnostic(.error, file: path, "is a file, not a folder; choose a folder for the reports with --out")
            }
        } else {
            do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw Diagnostic(.error, file: path, "cannot create the output folder (\(Self.reason(error))); choose another with --out")
            }
            created = true
        }
        createdTarget = created
        guard let real = realpath(path, nil) else {
            throw Diagnostic(.error, file: path, "cannot open the output folder (\(String(cString: strerror(errno)))); choose another with --out")
        }
        target = String(cString: real)
        free(real)
        lockFD = try Self.lock(target, shownAs: path)
        guard access(target, W_OK) == 0 else {
            close(lockFD)
            throw Diagnostic(.error, file: path, "cannot write into the output folder (permission denied); choose another with --out")
        }
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let unique = "tuiwei-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // Beside the output when the parent can take it (the exchange needs both in one folder).
        let beside = (parent as NSString).appendingPathComponent(".\(name).\(unique)")
        if target != "/", mkdir(beside, 0o755) == 0 {
            staging = beside
            exchanges = true
        } else {
            staging = (target as NSString).appendingPathComponent(".\(unique)")
            exchanges = false
            guard mkdir(staging, 0o755) == 0 else {
                let why = String(cString: strerror(errno))
                close(lockFD)
                throw Diagnostic(.error, file: path, "cannot write into the output folder (\(why)); choose another with --out")
            }
        }
        // Held so that, once exchanged, the folder now named `path` is still locked by this run.
        stagingFD = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if stagingFD >= 0 { flock(stagingFD, LOCK_EX | LOCK_NB) }
    }

    deinit {
        abandon()
        if lockFD >= 0 { close(lockFD) }
        if stagingFD >= 0 { close(stagingFD) }
    }

    /// Where a report file is written while the run goes.
    public func stagingPath(_ name: String) -> String { (staging as NSString).appendingPathComponent(name) }

    /// Where a report file is once the run is committed.
    public func finalPath(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Puts the files written into the staging folder in place of the old ones, as one step.
    /// - Parameter names: the files the run wrote; every other entry of the folder is kept.
    /// - Throws: a `Diagnostic` when the files cannot be put in place; the old reports are then kept.
    public func commit(names: [String]) throws(Diagnostic) {
        stateLock.lock()
        defer { stateLock.unlock() }
        guard state == .writing else { return }
        if exchanges, try commitByExchange(names: Set(names)) {
        } else {
            try commitByRenames(names: names)
        }
        state = .committed
        release()
    }

    /// Removes the staging folder and leaves the folder as it was before the run. Safe to call
    /// from a signal handler's queue at any moment: it waits for a commit under way to finish.
    public func abandon() {
        stateLock.lock()
        defer { stateLock.unlock() }
        guard state == .writing else { return }
        state = .abandoned
        Self.removeTree(staging)
        // A folder this run created and left empty goes too.
        if createdTarget { rmdir(target) }
        release()
    }

    private func release() {
        if stagingFD >= 0 { close(stagingFD); stagingFD = -1 }
        if lockFD >= 0 { close(lockFD); lockFD = -1 }
    }

    /// Exchanges the folders; false when the file system cannot (the caller falls back).
    private func commitByExchange(names: Set<String>) throws(Diagnostic) -> Bool {
        guard let exchange = Self.renameat2 else { return false }
        let stagingName = (staging as NSString).lastPathComponent
        let kept = ((try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []).filter { !names.contains($0) && $0 != stagingName }
        var moved: [String] = []
        func moveBack() {
            for entry in moved { rename(stagingPath(entry), (target as NSString).appendingPathComponent(entry)) }
        }
        for entry in kept {
            if rename((target as NSString).appendingPathComponent(entry), stagingPath(entry)) != 0 {
                moveBack()
                return false
            }
            moved.append(entry)
        }
        if exchange(AT_FDCWD, target, AT_FDCWD, staging, 2 /* RENAME_EXCHANGE */) != 0 {
            moveBack()
            return false
        }
        // `staging` now names the old folder, with the old reports only.
        Self.removeTree(staging)
        return true
    }

    private func commitByRenames(names: [String]) throws(Diagnostic) {
        for name in names {
            if rename(stagingPath(name), (target as NSString).appendingPathComponent(name)) != 0 {
                throw Diagnostic(.error, file: finalPath(name), "cannot put the report in place (\(String(cString: strerror(errno)))); check the folder's permissions or choose another with --out")
            }
        }
        Self.removeTree(staging)
    }

    /// An exclusive, non-blocking lock on the folder itself (no lock file is left behind). The
    /// lock is taken again when the folder was exchanged while waiting for it.
    private static func lock(_ target: String, shownAs path: String) throws -> Int32 {
        while true {
            let fd = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                throw Diagnostic(.error, file: path, "cannot open the output folder (\(String(cString: strerror(errno)))); choose another with --out")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                close(fd)
                throw Busy(path: path)
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(target, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                return fd
            }
            close(fd)
        }
    }

    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Glibc's `renameat2`, which Swift's Glibc module does not declare; nil on a C library without it.
    private static let renameat2: Renameat2? = {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()
}

/// Writes one file by a unique temporary name and renames it into place, so that the file is
/// either the old one or the whole new one; `discard` removes the temporary file.
public final class AtomicFile: @unchecked Sendable {
    public let path: String
    let temporary: String
    private let lock = NSLock()
    private var done = false

    public init(path: String) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporary = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(".\(name).tuiwei-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Writes `data` and puts it in place.
    public func write(_ data: Data) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw Diagnostic(.error, file: path, "cannot put the file in place (\(why))")
        }
        done = true
    }

    /// Removes the temporary file of an interrupted write.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
