/// A message about an input, naming the file and, where it applies, the line and what to do.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning, note }

    public let severity: Severity
    /// Path of the file the message is about, as the user gave it.
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: severity: message`, the form editors and compilers use.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return "\(s): \(severity.rawValue): \(message)"
    }
}
