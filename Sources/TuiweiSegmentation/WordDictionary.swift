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
    /// For each weight index, a word's log probability, `Double(weight) − logTotal`, or NaN for a
    /// prefix that is not a word and for a removed word: NaN compares false, so the best path
    /// passes over them without a test of its own.
    private(set) var scores: [Double]

    init(trie: DictionaryTrie, total: Double) {
        self.trie = trie
        self.total = total
        self.logTotal = Foundation.log(max(total, 1))
        self.scores = []
        updateScores()
    }

    private mutating func updateScores() {
        let logTotal = self.logTotal
        scores = trie.weights.map { $0 >= 0 ? Double($0) - logTotal : .nan }
    }

    /// Brings `scores` up to date after words were set with `rescore: false`.
    mutating func rescore() { updateScores() }

    /// Adds `frequency` to the total, as jieba does when a word is added. With `rescore` false the
    /// scores are left stale until `rescore()`, so that many words can be set before one update.
    mutating func setWord(_ word: [UInt32], frequency: Int, rescore: Bool = true) {
        total += Double(frequency)
        logTotal = Foundation.log(max(total, 1))
        trie.setWeight(frequency > 0 ? Float(Foundation.log(Double(frequency))) : DictionaryTrie.removed, for: word)
        if rescore { updateScores() }
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
        var total = 0.0
        var scalars: [UInt32] = [], ends: [Int] = [], weights: [Float] = [], frequencies: [Double] = []
        scalars.reserveCapacity(bytes.count / 4)
        ends.reserveCapacity(bytes.count / 12)
        weights.reserveCapacity(bytes.count / 12)
        frequencies.reserveCapacity(bytes.count / 12)
        try bytes.withUnsafeBufferPointer { b in
            try DictionaryFile.parse(b, file: path) { word, frequency, line in
                guard let frequency else {
                    throw Diagnostic(.error, file: path, line: line, "the main dictionary needs a frequency on every line ('word frequency [tag]')")
                }
                total += Double(frequency)
                scalars.append(contentsOf: word)
                ends.append(scalars.count)
                weights.append(frequency > 0 ? Float(Foundation.log(Double(frequency))) : DictionaryTrie.removed)
                frequencies.append(Double(frequency))
            }
        }
        if ends.isEmpty { throw DataFile.empty(path, what: "segmentation dictionary", need: .required) }
        let trie = DictionaryTrie.build(scalars: scalars, ends: ends, weights: weights, frequencies: frequencies)
        return WordDictionary(trie: trie, total: total)
    }

    static let cacheMagic: UInt64 = 0x3130_4447_4553_5754  // the bytes "TWSEGD01"
    /// 7: the header ends with a checksum of the body.
    static let cacheVersion: UInt64 = 7

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
        var head = [UInt64](repeating: 0, count: 12)
        guard head.withUnsafeMutableBytes({ FileBytes.readExactly(fd, into: $0) }), Array(head[0..<5]) == header else { return nil }
        let unitCount = Int(head[5]), count = Int(head[6]), total = Double(bitPattern: head[7])
        let weightCount = Int(head[8]), codeCount = Int(head[9]), wideCount = Int(head[10])
        guard unitCount >= 2 && unitCount <= DictionaryTrie.maxUnits && count < unitCount && codeCount >= 1
            && codeCount <= unitCount && wideCount < codeCount && weightCount >= 2 && weightCount <= 0x10000 else { return nil }
        func read<T>(_ type: T.Type, _ n: Int, huge: Bool = false) -> [T]? {
            var ok = true
            let a = [T](unsafeUninitializedCapacity: n) { buf, k in
                if huge { adviseHugePages(UnsafeMutableRawBufferPointer(buf)) }
                ok = FileBytes.readExactly(fd, into: UnsafeMutableRawBufferPointer(buf))
                k = ok ? buf.count : 0
            }
            return ok ? a : nil
        }
        guard let weights = read(Float.self, weightCount), let units = read(UInt64.self, unitCount, huge: true),
              let codeTable = read(UInt32.self, DictionaryTrie.codeTableSize), let wide = read(UInt64.self, wideCount)
        else { return nil }
        // A damaged body (a disk error, a copy cut short and padded) is rebuilt, never trusted.
        guard bodyChecksum(weights: weights, units: units, codeTable: codeTable, wide: wide) == head[11] else { return nil }
        let trie = DictionaryTrie(units: units, codeTable: codeTable, wideCodes: wide, codeCount: codeCount, weights: weights, count: count)
        return WordDictionary(trie: trie, total: total)
    }

    /// A 64-bit checksum of the cache body, eight bytes a step (a few milliseconds for the
    /// shipped dictionary): any changed byte changes it.
    static func bodyChecksum(weights: [Float], units: [UInt64], codeTable: [UInt32], wide: [UInt64]) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        func mix(_ raw: UnsafeRawBufferPointer) {
            let words = raw.count / 8
            for i in 0..<words {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x100_0000_01B3
                h ^= h >> 29
            }
            for i in (words * 8)..<raw.count { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01B3 }
            h = (h ^ UInt64(raw.count)) &* 0xBF58_476D_1CE4_E5B9
        }
        weights.withUnsafeBytes(mix)
        units.withUnsafeBytes(mix)
        codeTable.withUnsafeBytes(mix)
        wide.withUnsafeBytes(mix)
        return h
    }

    /// Asks the kernel to back the trie with 2 MB pages before it is first touched: lookups hit
    /// random places in 7–8 MB of units, and with 4 KB pages many of them also miss the TLB.
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
        let head = header + [UInt64(trie.units.count), UInt64(trie.count), total.bitPattern, UInt64(trie.weights.count),
                             UInt64(trie.codeCount), UInt64(trie.wideCodes.count),
                             Self.bodyChecksum(weights: trie.weights, units: trie.units, codeTable: trie.codeTable, wide: trie.wideCodes)]
        var ok = head.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.weights.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.units.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.codeTable.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        ok = ok && trie.wideCodes.withUnsafeBytes { FileBytes.writeAll(fd, $0) }
        close(fd)
        if !ok || rename(tmp, cache) != 0 { unlink(tmp) }
    }
}
