import Foundation

/// Finds the project folder that holds `lexicons/` and the bundled `corpus/`.
///
/// Lexicons are data the user edits, not compiled resources, so the tool looks for them at run
/// time: `$TUIWEI_HOME`, then the current folder and its parents, then the folders above the
/// executable (which lives under `.build/` inside the project) and `share/tuiwei` beside the
/// folder it was installed in (`/usr/local/bin/tuiwei` → `/usr/local/share/tuiwei`). The first
/// folder with a `lexicons/` subfolder is the root; its `corpus/` is the default corpus.
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
        for (k, start) in starts.enumerated() {
            var dir = (start as NSString).standardizingPath
            if k == 1 {
                let shared = ((dir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/tuiwei")
                if hasLexicons(shared) { return shared }
            }
            while true {
                if hasLexicons(dir) { return dir }
                let parent = (dir as NSString).deletingLastPathComponent
                if parent == dir || parent.isEmpty { break }
                dir = parent
            }
        }
        return nil
    }

    /// Why the project's data was not found and how to point the tool to it, for `what`
    /// (`lexicons/dictionary`); `option` names a flag that gives the file directly.
    public static func notFound(_ what: String, option: String? = nil,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var s = "cannot find \(what): no folder with a lexicons/ subfolder "
        if let home = environment["TUIWEI_HOME"] { s += "in TUIWEI_HOME (\(home)), " } else { s += "(TUIWEI_HOME is not set), " }
        s += "in the current folder or its parents, above the executable or in share/tuiwei beside its folder. "
        s += "Set TUIWEI_HOME to the folder that holds lexicons/ and corpus/ (export TUIWEI_HOME=/path/to/tuiwei), "
        s += "or copy them to share/tuiwei beside the binary's folder (see README, Installation)"
        if let option { s += ", or give \(option)" }
        return s
    }

    /// `ROOT/lexicons`, where the shipped lexicons, weights and dictionary live.
    public static func lexiconsDirectory() -> String? { root().map { $0 + "/lexicons" } }

    /// `ROOT/corpus`, the bundled sample corpus analysed when the user names none.
    public static func corpusDirectory() -> String? { root().map { $0 + "/corpus" } }
}
