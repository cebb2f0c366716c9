import Foundation

/// A fresh, uniquely named folder under the system's temporary folder, for a test's files.
/// Whoever makes one removes it: `defer { folder.remove() }`, or `TemporaryFolder.with`, which
/// always does.
public struct TemporaryFolder: Sendable {
    /// The folder's absolute path.
    public let path: String

    /// Makes `tuiwei-<label>-<UUID>` under the temporary folder (`$TMPDIR`, else `/tmp`).
    public init(_ label: String = "test") throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("tuiwei-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` (which may hold `/`) inside the folder; nothing is made.
    public func sub(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `text` as UTF-8 to `name` inside the folder, making the folders on its way; its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = try preparedPath(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Writes `bytes` to `name` inside the folder, making the folders on its way; its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = try preparedPath(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Removes the folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Runs `body` with a fresh folder, then removes the folder, also when `body` throws.
    public static func with<T>(_ label: String = "test", _ body: (TemporaryFolder) throws -> T) throws -> T {
        let folder = try TemporaryFolder(label)
        defer { folder.remove() }
        return try body(folder)
    }

    public static func with<T>(_ label: String = "test", _ body: (TemporaryFolder) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder(label)
        defer { folder.remove() }
        return try await body(folder)
    }

    /// Every file of `dir` (hidden ones too) with its bytes.
    public static func snapshot(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            out[name] = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(name)) ?? Data()
        }
        return out
    }

    /// `sub(name)`, with the folder that is to hold it made.
    private func preparedPath(_ name: String) throws -> String {
        let file = sub(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return file
    }
}
