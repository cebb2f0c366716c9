import Foundation
import TuiweiTestSupport

/// Runs the built `tuiwei` binary, as a user would, for the tests of what a whole run does.
struct ToolProcess {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let binary = root + "/.build/debug/tuiwei"

    let process = Process()
    private let errors = Pipe()
    private let output = Pipe()

    init(_ arguments: [String], stdin: FileHandle? = nil, environment extra: [String: String] = [:]) {
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        var environment = ProcessInfo.processInfo.environment
        environment["TUIWEI_HOME"] = Self.root
        environment.merge(extra) { _, new in new }
        process.environment = environment
    }

    func start() throws { try process.run() }

    /// Waits for the end; the exit status (128 + signal for a signal) and standard error.
    func finish() -> (status: Int32, stdout: String, stderr: String) {
        // Both pipes are drained at once: a command that fills one while the other is read
        // would otherwise wait for ever.
        let errorReader = errors.fileHandleForReading
        nonisolated(unsafe) var err = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { err = errorReader.readDataToEndOfFile() }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Runs to the end.
    static func run(_ arguments: [String], stdin: FileHandle? = nil,
                    environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = ToolProcess(arguments, stdin: stdin, environment: environment)
        try p.start()
        return p.finish()
    }
}

extension TemporaryFolder {
    /// A corpus of `copies` renamed copies of the bundled corpus, to make a run last a while.
    func corpus(copies: Int) throws -> String {
        let dir = sub("corpus")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: ToolProcess.root + "/corpus").filter { $0.hasSuffix(".txt") }
        for k in 0..<copies {
            for name in names {
                try FileManager.default.copyItem(atPath: ToolProcess.root + "/corpus/" + name, toPath: dir + "/\(k)-" + name)
            }
        }
        return dir
    }
}
