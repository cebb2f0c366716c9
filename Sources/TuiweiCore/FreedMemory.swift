#if os(Linux)
/// glibc's `malloc_trim`, which the Glibc module does not bring in.
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif

/// Gives the memory a large document took back to the system once it is let go. The allocator
/// otherwise keeps it, each thread's share apart, so that a file parsed on one thread and then
/// again on another would count twice against the run's peak.
public enum FreedMemory {
    /// Turn text, in bytes, from which a document is large enough to be worth the call.
    public static let largeDocumentBytes = 4 << 20

    public static func release() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }
}
