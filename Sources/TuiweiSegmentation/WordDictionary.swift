import Foundation
import TuiweiCore

#if canImport(Glibc)
import Glibc
#endif

/// The words the segmenter knows, with their frequencies and the frequency total.
///
/// The text file stays the source of truth. Parsing 5 MB of text and building the table takes
/// longer than a command should wait, so the built table is also written once to a binary cache
/// (see `lexicons/README.md`) and read back with two system calls while the text file's size and
/// modification time are unchanged.
struct WordDictionary: Sendable {
    var trie: DictionaryTrie
    /// Sum of all frequencies; a word's probability is its frequency over this.
    private(set) var total: Double
    private(set) var logTotal: Double

    init(trie: DictionaryTrie, total: Double) {
        self.trie = trie
        self.total = total
        self.logTotal = Foundation.log(max(total, 1))
    }

    /// Adds `frequency` to the total, as jieba does when a word is added.
    mutating func setWord(_ word: [UInt32], frequency: Int) {
        total += Double(frequency)
        logTotal = Foundation.log(max(total, 1))
        trie.setWeight(frequency > 0 ? Float(Foundation.log(Double(frequency))) : DictionaryTrie.removed, for: word)
    }

    /// Frequency of `word`, 0 when it is not a word.
    func frequency(of word: [UInt32]) -> Double {
        let w = trie.weight(of: word)
        return w >= 0 ? Foundation.exp(Double(w)) : 0
    }

    // MARK: - Loading

    /// Parses a main dictionary in jieba's format; every line needs a frequency.
    static func parse(path: String) throws -> WordDictionary {
        let bytes = try FileBytes.read(path)
        // About one node per 10 bytes of text; sized so the table never grows while loading.
        var bits = 10
        while (1 << bits) * 3 < (bytes.count / 10 + 1) * 4 { bits += 1 }
        var trie = DictionaryTrie(capacityBits: bits)
        var total = 0.0
        var frequent: [(word: [UInt32], frequency: Int)] = []
        try bytes.withUnsafeBufferPointer { b in
            try DictionaryFile.parse(b, file: path) { word, frequency, line in
                guard let frequency else {
                    throw Diagnostic(.error, file: path, line: line, "the main dictionary needs a frequency on every line ('word frequency [tag]')")
                }
                total += Double(frequency)
                trie.setWeight(frequency > 0 ? Float(Foundation.log(Double(frequency))) : DictionaryTrie.removed, for: word)
                if word.count >= 2 && frequency >= 50 { frequent.append((word, frequency)) }
            }
        }
        frequent.sort { $0.frequency > $1.frequency }
        for f in frequent { trie.warm(f.word) }
        return WordDictionary(trie: trie, total: total)
    }

    static let cacheMagic: UInt64 = 0x3130_4447_4553_5754  // the bytes "TWSEGD01"
    static let cacheVersion: UInt64 = 5

    /// The default folder for compiled dictionaries: `$TUIWEI_CACHE_DIR`, `$XDG_CACHE_HOME/tuiwei`,
    /// `~/.cache/tuiwei`, or a folder under the temporary directory.
    static func defaultCacheDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        if let d = env["TUIWEI_CACHE_DIR"], !d.isEmpty { return d }
        if let d = env["XDG_CACHE_HOME"], !d.isEmpty { return d + "/tuiwei" }
        if let h = env["HOME"], !h.isEmpty { return h + "/.cache/tuiwei" }
        return NSTemporaryDirectory() + "tuiwei-cache"
    }

    /// Path of the cache file for the dictionary at `path` (named by a hash of its absolute path).
    static func cachePath(for path: String, in directory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in (absolute as NSString).standardizingPath.utf8 { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return directory + "/segdict-" + String(h, radix: 16) + ".bin"
    }

    /// The dictionary at `path`, from the cache when it is current, else parsed (and cached).
    static func load(path: String, cacheDirectory: String?) throws -> WordDictionary {
        guard let st = FileBytes.status(path) else {
            throw Diagnostic(.error, file: path, "cannot open the segmentation dictionary; check --dict-dir or restore lexicons/dictionary/jieba-dict.txt")
        }
        let header: [UInt64] = [cacheMagic, cacheVersion, UInt64(st.size), UInt64(bitPattern: Int64(st.mtimeSeconds)), UInt64(st.mtimeNanoseconds)]
        if let cacheDirectory, let d = readCache(cachePath(for: path, in: cacheDirectory), expecting: header) { return d }
        let d = try parse(path: path)
        if let cacheDirectory { d.writeCache(cachePath(for: path, in: cacheDirectory), header: header) }
        return d
    }

    private static func readCache(_ cache: String, expecting header: [UInt64]) -> WordDictionary? {
        let fd = open(cache, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var head = [UInt64](repeating: 0, count: 9)
        guard head.withUnsafeMutableBytes({ FileBytes.readExactly(fd, into: $0) }), Array(head[0..<5]) == header else { return nil }
        let bits = Int(head[5]), count = Int(head[6]), total = Double(bitPattern: head[7]), weightCount = Int(head[8])
        guard bits >= 4 && bits <= DictionaryTrie.maxBits && count < 1 << bits && weightCount >= 2 && weightCount <= 0x10000 else { return nil }
        var ok = true
        let weights = [Float](unsafeUninitializedCapacity: weightCount) { buf, n in
            ok = FileBytes.readExactly(fd, into: UnsafeMutableRawBufferPointer(buf))
            n = ok ? buf.count : 0
        }
        guard ok else { return nil }
        let slots = [UInt64](unsafeUninitializedCapacity: 1 << bits) { buf, n in
            adviseHugePages(UnsafeMutableRawBufferPointer(buf))
            ok = FileBytes.readExactly(fd, into: UnsafeMutableRawBufferPointer(buf))
            n = ok ? buf.count : 0
        }
        guard ok else { return nil }
        let root = [UInt64](unsafeUninitializedCapacity: DictionaryTrie.rootTableSize) { buf, n in
            ok = FileBytes.readExactly(fd, into: UnsafeMutableRawBufferPointer(buf))
            n = ok ? buf.count : 0
        }
        guard ok else { return nil }
        let filter = [UInt64](unsafeUninitializedCapacity: 1 << (DictionaryTrie.pairBits - 6)) { buf, n in
            ok = FileBytes.readExactly(fd, into: UnsafeMutableRawBufferPointer(buf))
            n = ok ? buf.count : 0
        }
        guard ok else { return nil }
        let hot = [UInt64](unsafeUninitializedCapacity: 2 << DictionaryTrie.hotBits) { buf, n in
            ok = FileBytes.readExactly(fd, into: UnsafeMutableRawBufferPointer(buf))
            n = ok ? buf.count : 0
        }
        guard ok else { return nil }
        return WordDictionary(trie: DictionaryTrie(slots: slots, rootTable: root, weights: weights, pairFilter: filter, hot: hot, bits: bits, count: count), total: total)
    }

    /// Asks the kernel to back the table with 2 MB pages before it is first touched: lookups hit
    /// random places in an 8 MB table, and with 4 KB pages most of them also miss the TLB.
    static func adviseHugePages(_ buf: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard let base = buf.baseAddress, buf.count >= huge else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buf.count) & ~(huge - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14 /* MADV_HUGEPAGE */) }
        #endif
    }

    /// Writes the cache next to a temporary name and renames it into place, so a reader never
    /// sees half a file. Failure only costs the next load its speed.
    private func writeCache(_ cache: String, header: [UInt64]) {
        let dir = (cache as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tmp = cache + ".\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        let head = header + [UInt64(trie.bits), UInt64(trie.count), total.bitPattern, UInt64(trie.weights.count)]
        var ok = head.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.weights.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.slots.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.rootTable.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.pairFilter.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.hot.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        close(fd)
        if !ok || rename(tmp, cache) != 0 { unlink(tmp) }
    }
}
