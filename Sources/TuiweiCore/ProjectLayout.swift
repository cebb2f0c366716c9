import Foundation

/// Finds the project folder that holds `lexicons/` and the bundled `corpus/`.
///
/// Lexicons are data the user edits, not compiled resources, so the tool looks for them at run
/// time: `$TUIWEI_HOME`, then the current folder and its parents, then the folders above the
/// executable (which lives under `.build/` inside the project).
public enum ProjectLayout {
    /// The project root, or nil when no folder with a `lexicons/` subfolder is found.
    public static func root(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        func hasLexicons(_ dir: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: dir + "/lexicons", isDirectory: &isDir) && isDir.boolValue
        }
        if let home = environment["TUIWEI_HOME"], hasLexicons(home) { return home }
        var starts = [fm.currentDirectoryPath]
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append((exe as NSString).deletingLastPathComponent)
        }
        for start in starts {
            var dir = (start as NSString).standardizingPath
            while true {
                if hasLexicons(dir) { return dir }
                let parent = (dir as NSString).deletingLastPathComponent
                if parent == dir || parent.isEmpty { break }
                dir = parent
            }
        }
        return nil
    }

    /// `ROOT/lexicons`, where the shipped lexicons, weights and dictionary live.
    public static func lexiconsDirectory() -> String? { root().map { $0 + "/lexicons" } }

    /// `ROOT/corpus`, the bundled sample corpus analysed when the user names none.
    public static func corpusDirectory() -> String? { root().map { $0 + "/corpus" } }
}
