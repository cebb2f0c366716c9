import Foundation
import TuiweiCore
import TuiweiCorpus
import TuiweiSegmentation
#if canImport(Glibc)
import Glibc
#endif

/// `tuiwei segment`: words of each input line, or an evaluation against a gold segmentation.
enum SegmentCommand: Command {
    static let spec = CommandSpec(
        name: "segment",
        synopsis: "tuiwei segment [FILE|-] [-u|--user-dict F]… [-n|--no-hmm] [--keep-measure-words] [-d|--delimiter S] [--json] [--dict-dir DIR] [-q|--quiet] [--eval GOLD]",
        summary: "Split Chinese text into words, one output line per input line.",
        options: [
            OptionSpec.value("--user-dict", "F", "Add the words of a jieba-format dictionary (word [freq] [tag]); repeatable.", repeatable: true).short("-u"),
            OptionSpec.flag("--no-hmm", "Leave characters the dictionary does not cover as single characters.").short("-n"),
            .flag("--keep-measure-words", "Keep numeral + measure word compounds (一个, 这次) whole, as jieba does."),
            OptionSpec.value("--delimiter", "S", "Put S between words (default: two spaces).", allowsEmpty: true).short("-d"),
            .flag("--json", "Write one JSON object per line, with each token's kind and offsets."),
            .value("--dict-dir", "DIR", "Folder with jieba-dict.txt and hmm-model.utf8 (default: lexicons/dictionary)."),
            .value("--lexicons", "DIR", "A copy of lexicons/: use its dictionary/ when it has one (as the other commands do)."),
            OptionSpec.flag("--quiet", "No notes on standard error about how the input was decoded.").short("-q"),
            .value("--eval", "GOLD", "Score against a gold file (words separated by spaces, one sentence a line)."),
        ],
        details: """
            Reads FILE, or standard input when FILE is '-' or absent, with the decoder of every other
            command (UTF-8 with or without BOM, UTF-16, GB18030, Big5) and its line ends (LF, CRLF,
            CR): one output line, ending in LF, per input line. Traditional characters are looked up
            as their simplified forms and printed as written. Whitespace is dropped; Latin runs,
            numbers (3.5, 2,000, 50%) and each punctuation mark are tokens of their own. With
            --json, offsets count from the start of each line. -d, -u, -n and -q are jieba's short
            options; jieba's -D (a dictionary file), -a (all cuts) and -p (parts of speech) have
            no counterpart. With --eval, prints precision, recall and F1 of word spans; the last
            line is JSON with keys precision, recall, f1, words_gold, words_out. Exit status 1 when
            the input cannot be read or decoded, 65 when a dictionary cannot be used.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard args.positional.count <= 1 else {
            throw UsageError(message: "takes at most one input file, got \(args.positional.count)")
        }
        if args.value("--eval") != nil && !args.positional.isEmpty {
            throw UsageError(message: "--eval reads its sentences from GOLD; give no input file")
        }
        let copied = try args.value("--lexicons").map { _ in try LexiconOptions.layout(args).dictionary }
        guard let dictDir = args.value("--dict-dir") ?? copied ?? ProjectLayout.lexiconsDirectory().map({ $0 + "/dictionary" }) else {
            printError(ProjectLayout.notFound("lexicons/dictionary", option: "--dict-dir DIR"))
            return ExitStatus.dataError
        }
        let options = Segmenter.Options(hmm: !args.flag("--no-hmm"), separateMeasureWords: !args.flag("--keep-measure-words"))
        // The dictionary loads while the input is read and decoded.
        let userDictionaries = args.all("--user-dict")
        let loading = Task.detached { loadSegmenter(directory: dictDir, userDictionaries: userDictionaries) }

        if let gold = args.value("--eval") {
            guard let segmenter = await loading.value else { return ExitStatus.dataError }
            guard let data = FileManager.default.contents(atPath: gold) else {
                printError(Diagnostic(.error, file: gold, "cannot read the gold file; check the path").description)
                return ExitStatus.dataError
            }
            // Traditional-script gold is segmented as the text is: looked up as simplified.
            var folded = Array(data)
            let table = FoldTable((try? TextNormaliser.shipped()) ?? TextNormaliser())
            table.table.withUnsafeBufferPointer { SegmentOutput.fold(&folded, $0) }
            let score = segmenter.evaluate(goldText: String(decoding: folded, as: UTF8.self), options: options)
            print("sentences  \(score.sentences)")
            print("gold words \(score.wordsGold)")
            print("out words  \(score.wordsOut)")
            print(String(format: "precision  %.4f\nrecall     %.4f\nF1         %.4f", score.precision, score.recall, score.f1))
            print(String(
                format: "{\"precision\": %.6f, \"recall\": %.6f, \"f1\": %.6f, \"words_gold\": %d, \"words_out\": %d}",
                score.precision, score.recall, score.f1, score.wordsGold, score.wordsOut))
            return ExitStatus.ok
        }

        let folding = Task.detached { () -> (FoldTable, String?) in
            do { return (FoldTable(try TextNormaliser.shipped()), nil) } catch {
                return (FoldTable(TextNormaliser()), "\(error); traditional characters are looked up as written")
            }
        }
        let path = args.positional.first ?? "-"
        let name = path == "-" ? "<stdin>" : path
        let raw: [UInt8]
        if path == "-" {
            raw = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let bytes = readFile(path) else {
                var isDir: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
                let why = !exists ? "no such file; check the path"
                    : isDir.boolValue ? "is a folder; segment takes one text file (or - for standard input)"
                    : "cannot read the input file; check its permissions"
                printError(Diagnostic(.error, file: path, why).description)
                return ExitStatus.partial
            }
            raw = bytes
        }
        if raw.isEmpty { return await loading.value == nil ? ExitStatus.dataError : ExitStatus.ok }
        var text: [UInt8]
        // Plain UTF-8, which the decoder would read as it is, is used as it is.
        if TextDecoder.isPlainUTF8(raw) { text = consume raw } else {
        switch TextDecoder.decode(raw) {
        case .failure(let failure):
            printError(Diagnostic(.error, file: name, failure.description).description)
            return ExitStatus.partial
        case .success(let decoded):
            if !args.flag("--quiet") {
                for w in decoded.warnings { printError(Diagnostic(.note, file: name, w).description) }
            }
            // Plain UTF-8 decodes to its own bytes: no second copy.
            text = Array(decoded.text.utf8)
        }
        }
        guard let segmenter = await loading.value else { return ExitStatus.dataError }
        let (folder, problem) = await folding.value
        if let problem, !args.flag("--quiet") { printError(problem) }
        let output = SegmentOutput(delimiter: Array((args.value("--delimiter") ?? "  ").utf8), json: args.flag("--json"))
        let length = text.count
        return output.write(text: SegmentOutput.padded(consume text), length: length, folder: folder, segmenter: segmenter, options: options) ? ExitStatus.ok : ExitStatus.partial
    }

    /// The bytes of a file, read straight into an array with room for the writer's slack after
    /// them; nil when it cannot be opened or read.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT != S_IFDIR else { return nil }
        let size = max(0, Int(st.st_size))
        var failed = false
        var out = [UInt8](unsafeUninitializedCapacity: size + 64) { buf, n in
            n = 0
            while n < size {
                let r = read(fd, buf.baseAddress! + n, size - n)
                if r < 0 && errno == EINTR { continue }
                if r < 0 { failed = true }
                if r <= 0 { break }
                n += r
            }
        }
        if failed { return nil }
        // A file that grows while read, or has no size (a pipe, /proc), is read to its end.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let r = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if r < 0 && errno == EINTR { continue }
            if r < 0 { return nil }
            if r == 0 { return out }
            out += chunk[..<r]
        }
    }

    /// The segmenter, or nil after printing why it could not be loaded.
    static func loadSegmenter(directory: String, userDictionaries: [String]) -> Segmenter? {
        do {
            var segmenter = try Segmenter.load(directory: directory)
            for path in userDictionaries {
                for w in try segmenter.loadUserDictionary(at: path) { printError(w.description) }
            }
            return segmenter
        } catch {
            printError("\(error)")
            return nil
        }
    }
}

/// Writes the segmentation of a whole text, line by line, straight from its UTF-8 bytes: tokens
/// are copied from the input into large output buffers, never made into strings. A long text is
/// cut at line ends into pieces that one thread per core folds and segments while this thread
/// writes the finished pieces in order.
struct SegmentOutput: Sendable {
    let delimiter: [UInt8]
    let json: Bool

    /// `text` with the 16 bytes of slack `write` needs after it; no copy when it has room.
    static func padded(_ text: consuming [UInt8]) -> [UInt8] {
        text.append(contentsOf: repeatElement(0, count: 16))
        return text
    }

    /// Segments `text` and writes its words to standard output; false when that failed.
    /// - Parameter text: the input, its first `length` bytes, followed by at least 16 more
    ///   (`padded`), so that a word's bytes may be moved eight at a time.
    func write(text given: [UInt8], length: Int, folder: FoldTable, segmenter: Segmenter, options: Segmenter.Options) -> Bool {
        let text = given.count >= length + 16 ? given : Self.padded(Array(given.prefix(length)))
        let workers = length > 1 << 20 ? max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) : 1
        let pieces = Self.pieces(text, length: length, count: workers == 1 ? 1 : workers * 4, numbered: json)
        let work = PieceQueue(count: pieces.count)
        let render = { @Sendable (k: Int) -> ByteBuffer in
            let out = work.buffer(capacity: pieces[k].range.count * (json ? 12 : 1 + delimiter.count) + 64)
            self.render(text: text, range: pieces[k].range, firstLine: pieces[k].firstLine, folder: folder,
                        segmenter: segmenter, options: options, into: out)
            return out
        }
        if workers == 1 {
            return pieces.indices.allSatisfy { k in
                let out = render(k)
                defer { work.recycle(out) }
                return Self.writeAll(out)
            }
        }
        for _ in 0..<workers {
            Thread.detachNewThread {
                while let k = work.take() { work.finish(k, render(k)) }
            }
        }
        var ok = true
        for k in pieces.indices {
            let out = work.wait(k)
            if ok { ok = Self.writeAll(out) }
            work.recycle(out)
        }
        return ok
    }

    /// Ranges of about equal size ending at line ends, with the number of their first line
    /// (counted only when `numbered`, for JSON).
    static func pieces(_ text: [UInt8], length: Int, count: Int, numbered: Bool) -> [(range: Range<Int>, firstLine: Int)] {
        var out: [(Range<Int>, Int)] = []
        var start = 0
        var line = 1
        for k in 1...count {
            var end = k == count ? length : max(start, length * k / count)
            while end < length, end > 0, text[end - 1] != 0x0A { end += 1 }
            if end <= start { continue }
            out.append((start..<end, line))
            if numbered { line += text.withUnsafeBufferPointer { lineEnds($0, start..<end).count } }
            start = end
        }
        return out
    }

    /// Where each line of `r` ends and the next begins: at LF, CR, CRLF, or U+2028/U+2029
    /// (E2 80 A8/A9), as the corpus reader reads lines. A last line without an end has none.
    static func lineEnds(_ t: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> [(stop: Int, next: Int)] {
        var out: [(Int, Int)] = []
        var i = r.lowerBound
        let end = r.upperBound
        while i < end {
            let c = t[i]
            if c == 0x0A { out.append((i, i + 1)) }
            else if c == 0x0D {
                let next = i + 1 < end && t[i + 1] == 0x0A ? i + 2 : i + 1
                out.append((i, next))
                i = next
                continue
            } else if c == 0xE2, i + 2 < end, t[i + 1] == 0x80, t[i + 2] == 0xA8 || t[i + 2] == 0xA9 {
                out.append((i, i + 3))
                i += 3
                continue
            }
            i += 1
        }
        return out
    }

    /// The output of the lines in `range`, found in one pass over the bytes that also notices
    /// traditional characters: a line that has some is folded into a scratch copy for lookup.
    func render(text: [UInt8], range: Range<Int>, firstLine: Int, folder: FoldTable,
                segmenter: Segmenter, options: Segmenter.Options, into out: ByteBuffer) {
        var lineNumber = firstLine
        var scratch: [UInt8] = []
        text.withUnsafeBufferPointer { t in
            folder.table.withUnsafeBufferPointer { table in
                let end = range.upperBound
                var start = range.lowerBound
                while start < end {
                    // LF, CR, CRLF and U+2028/U+2029 (E2 80 A8/A9) end a line, as the corpus reader reads them.
                    var stop = end, next = end
                    var fold = false
                    var j = start
                    while j < end {
                        let c = t[j]
                        if c < 0x80 {
                            if c == 0x0A { stop = j; next = j + 1; break }
                            if c == 0x0D { stop = j; next = j + 1 < end && t[j + 1] == 0x0A ? j + 2 : j + 1; break }
                            j += 1
                            continue
                        }
                        if c < 0xE0 { j += 2; continue }
                        if c >= 0xF0 { j += 4; continue }
                        if c == 0xE2, t[j + 1] == 0x80, t[j + 2] == 0xA8 || t[j + 2] == 0xA9 { stop = j; next = j + 3; break }
                        if !fold, folder.active, c >= 0xE3 {
                            let v = (Int(c) & 0x0F) << 12 | (Int(t[j + 1]) & 0x3F) << 6 | Int(t[j + 2]) & 0x3F
                            fold = v >= 0x3400 && Int(table[v]) != v
                        }
                        j += 3
                    }
                    let line = UnsafeBufferPointer(rebasing: t[start..<stop])
                    if fold {
                        scratch.removeAll(keepingCapacity: true)
                        scratch.append(contentsOf: line)
                        Self.fold(&scratch, table)
                        scratch.withUnsafeBufferPointer { l in
                            self.line(l, from: line.baseAddress!, number: lineNumber, segmenter: segmenter, options: options, into: out)
                        }
                    } else {
                        self.line(line, from: line.baseAddress!, number: lineNumber, segmenter: segmenter, options: options, into: out)
                    }
                    lineNumber += 1
                    start = next
                }
            }
        }
    }

    /// Replaces, in place, every ideograph whose simplified form the table gives (three bytes
    /// for three bytes, so offsets do not move).
    static func fold(_ bytes: inout [UInt8], _ table: UnsafeBufferPointer<UInt16>) {
        bytes.withUnsafeMutableBufferPointer { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0xE0 { i += c < 0x80 ? 1 : 2; continue }
                if c >= 0xF0 { i += 4; continue }
                if c >= 0xE3, i + 2 < b.count {
                    let v = (Int(c) & 0x0F) << 12 | (Int(b[i + 1]) & 0x3F) << 6 | Int(b[i + 2]) & 0x3F
                    let f = Int(table[v])
                    if v >= 0x3400, f != v {
                        b[i] = UInt8(0xE0 | f >> 12)
                        b[i + 1] = UInt8(0x80 | (f >> 6) & 0x3F)
                        b[i + 2] = UInt8(0x80 | f & 0x3F)
                    }
                }
                i += 3
            }
        }
    }

    /// One line: its words looked up in `words`, their bytes copied from `source` (the line as
    /// written, which `words` is or folds byte for byte).
    @inline(__always)
    func line(_ words: UnsafeBufferPointer<UInt8>, from source: UnsafePointer<UInt8>, number: Int,
              segmenter: Segmenter, options: Segmenter.Options, into out: ByteBuffer) {
        if json {
            out.append("{\"line\": \(number), \"tokens\": [")
            var first = true
            segmenter.segment(utf8: words, options: options) { tok in
                if !first { out.append(", ") }
                first = false
                out.append("{\"text\": ")
                Self.appendJSONString(out, UnsafeBufferPointer(start: source + tok.utf8Range.lowerBound, count: tok.utf8Range.count))
                out.append(", \"kind\": \"\(tok.kind.rawValue)\", \"start\": \(tok.scalarRange.lowerBound), \"end\": \(tok.scalarRange.upperBound), \"utf8_start\": \(tok.utf8Range.lowerBound), \"utf8_end\": \(tok.utf8Range.upperBound)}")
            }
            out.append("]}\n")
        } else {
            delimiter.withUnsafeBufferPointer { d in
                let dp = d.baseAddress!, dn = d.count
                // Room for the line's bytes, a delimiter per byte at most, its LF and 16 bytes of
                // slack: then the words go in through a plain pointer, a word of up to 16 bytes
                // (nearly all) as two 8-byte moves. The text has 16 readable bytes after its end.
                var w = out.reserve(words.count * (1 + dn) + 1 + 16)
                let start = w
                var first = true
                segmenter.segmentBatches(utf8: words, options: options) { batch in
                    var q = UnsafeMutableRawPointer(w)
                    for tok in batch {
                        if !first {
                            if dn == 2 {
                                q.storeBytes(of: UnsafeRawPointer(dp).loadUnaligned(as: UInt16.self), as: UInt16.self)
                            } else {
                                q.copyMemory(from: dp, byteCount: dn)
                            }
                            q += dn
                        }
                        first = false
                        let from = UnsafeRawPointer(source + tok.utf8Range.lowerBound)
                        let n = tok.utf8Range.count
                        if n <= 16 {
                            q.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                            (q + 8).storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), as: UInt64.self)
                        } else {
                            q.copyMemory(from: from, byteCount: n)
                        }
                        q += n
                    }
                    w = q.assumingMemoryBound(to: UInt8.self)
                }
                w[0] = 0x0A
                w += 1
                out.commit(w - start)
            }
        }
    }

    /// Writes all of `buffer` to standard output; false on an error (a closed pipe, a full disk).
    static func writeAll(_ buffer: ByteBuffer) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = Glibc.write(1, buffer.base + done, buffer.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                printError("tuiwei segment: cannot write the output: \(String(cString: strerror(errno)))")
                return false
            }
            done += n
        }
        return true
    }

    /// Appends `s` as a JSON string literal.
    static func appendJSONString(_ out: ByteBuffer, _ s: UnsafeBufferPointer<UInt8>) {
        out.append(0x22)
        for c in s {
            switch c {
            case 0x22: out.append("\\\"")
            case 0x5C: out.append("\\\\")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case 0x09: out.append("\\t")
            case 0..<0x20: out.append(String(format: "\\u%04x", c))
            default: out.append(c)
            }
        }
        out.append(0x22)
    }
}

/// The folder's ideograph table as one array the hot loop reads directly: each BMP scalar's
/// simplified form where that is also a three-byte ideograph, the scalar itself otherwise.
struct FoldTable: Sendable {
    let table: [UInt16]
    let active: Bool

    init(_ normaliser: TextNormaliser) {
        var t = (0..<0x10000).map { UInt16($0) }
        var any = false
        for v in 0x3400..<0x10000 where !(0xD800..<0xE000).contains(v) {
            let f = normaliser.fold(UInt32(v))
            if f != v, f >= 0x800, f < 0x10000, !(0xD800..<0xE000).contains(f) {
                t[v] = UInt16(f)
                any = true
            }
        }
        table = t
        active = any
    }
}

/// A growing byte buffer that a single thread fills, then hands on.
final class ByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        if count + n > capacity { grow(count + n) }
        // Words are a few bytes: a loop beats a call to memcpy.
        if n <= 16 {
            for i in 0..<n { base[count + i] = p[i] }
        } else {
            (base + count).update(from: p, count: n)
        }
        count += n
    }

    /// Where the next `n` bytes may be written; `commit` then says how many were.
    func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count + n > capacity { grow(count + n) }
        return base + count
    }

    func commit(_ n: Int) { count += n }

    /// Empties the buffer, keeping its memory (already paged in) for the next piece.
    func reset() { count = 0 }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = byte
        count += 1
    }

    func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0.baseAddress!, $0.count) }
    }

    private func grow(_ need: Int) {
        let bigger = max(need, capacity * 2)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        p.update(from: base, count: count)
        base.deallocate()
        base = p
        capacity = bigger
    }
}

/// Pieces handed out to worker threads in order, and their outputs back to the writer.
final class PieceQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var outputs: [ByteBuffer?]
    private let ready: [DispatchSemaphore]
    /// Buffers the writer is done with, handed to the next pieces: their pages are already in.
    private var free: [ByteBuffer] = []

    init(count: Int) {
        outputs = Array(repeating: nil, count: count)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    func buffer(capacity: Int) -> ByteBuffer {
        lock.lock()
        let b = free.popLast()
        lock.unlock()
        guard let b else { return ByteBuffer(capacity: capacity) }
        b.reset()
        _ = b.reserve(capacity)
        return b
    }

    func recycle(_ b: ByteBuffer) {
        lock.lock()
        free.append(b)
        lock.unlock()
    }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < outputs.count else { return nil }
        next += 1
        return next - 1
    }

    func finish(_ k: Int, _ output: ByteBuffer) {
        lock.lock()
        outputs[k] = output
        lock.unlock()
        ready[k].signal()
    }

    /// Blocks until piece `k` is done; its output, which the queue then lets go of.
    func wait(_ k: Int) -> ByteBuffer {
        ready[k].wait()
        lock.lock()
        defer { lock.unlock() }
        let out = outputs[k]!
        outputs[k] = nil
        return out
    }
}
