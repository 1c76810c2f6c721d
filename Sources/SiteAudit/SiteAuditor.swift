import Codecs
import Foundation
import RxCore

/// `rxpipe audit`: scans every file of a rendered site for what the disclosure policy forbids,
/// independently of the code that redacted it: small beneficiary and claim counts beside their
/// column, beneficiary sums and means, CMS-flagged 65+ figures, remainders that a total and a
/// part give away, and, for a pseudonymised lake, real NPIs, names and source files (read from
/// the lake). HTML, JavaScript, JSON, CSV, SVG and any other text are read; PNG and other binary
/// files are not text and are skipped.
public struct SiteAuditor: Sendable {
    public let rules: AuditRules

    public init(rules: AuditRules) { self.rules = rules }

    /// Findings in files given as path → bytes (a site in memory, before it is written).
    public func audit(files: [String: [UInt8]]) -> [AuditFinding] {
        let paths = files.keys.sorted()
        let results = ConcurrentMap.run(paths.count) { i in findings(path: paths[i], bytes: files[paths[i]]!) }
        return results.flatMap { $0 }.sorted()
    }

    /// Findings in the files under `directory` (symbolic links to files are followed).
    public func audit(directory: String) throws -> [AuditFinding] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw AuditError.unreadable(path: root, reason: "not a directory")
        }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        let sorted = paths.sorted()
        let results = try ConcurrentMap.run(paths.count) { i -> Result<[AuditFinding], AuditError> in
            guard let data = FileManager.default.contents(atPath: root + "/" + sorted[i]) else {
                return .failure(.unreadable(path: root + "/" + sorted[i], reason: String(cString: strerror(errno))))
            }
            return .success(findings(path: sorted[i], bytes: [UInt8](data)))
        }.map { try $0.get() }
        return results.flatMap { $0 }.sorted()
    }

    /// One file's findings. A gzip-compressed file (`.csv.gz`) is read as what it holds; one
    /// that does not decompress is a finding of its own kind, since it cannot be checked.
    public func findings(path: String, bytes: [UInt8]) -> [AuditFinding] {
        if path.lowercased().hasSuffix(".gz") {
            guard let inner = try? Gzip.decompress(bytes) else {
                return [AuditFinding(kind: .unreadable, path: path, line: 1, column: 1, detail: "not valid gzip: its content cannot be checked")]
            }
            return findings(path: String(path.dropLast(3)), bytes: inner).map { finding in
                var f = finding
                f.path = path
                return f
            }
        }
        let ext = (path as NSString).pathExtension.lowercased()
        guard !Self.binary.contains(ext) else { return [] }
        var out: [AuditFinding] = []
        bytes.withUnsafeBufferPointer { buffer in
            var lines: LineIndex? = nil  // made on the first finding: most files have none
            func at(_ kind: AuditFinding.Kind, _ offset: Int, _ detail: String) {
                if lines == nil { lines = LineIndex(buffer) }
                let (line, column) = lines!.position(of: offset)
                out.append(AuditFinding(kind: kind, path: path, line: line, column: column, detail: detail))
            }
            switch ext {
            case "json":
                let text = Bytes(buffer)
                JSONChecks(rules: rules).findings(Data(buffer)) { kind, detail, anchor in
                    at(kind, text.find(Array("\"\(anchor)\"".utf8), from: 0) ?? 0, detail)
                }
            case "csv":
                CSVChecks(rules: rules).findings(buffer, report: at)
            default:
                MarkupChecks(rules: rules).findings(buffer, report: at)
            }
            if rules.pseudonymized { IdentityScan(identities: rules.identities).findings(in: buffer, report: at) }
        }
        return out
    }

    static let binary: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "ico", "woff", "woff2", "ttf", "otf", "pdf", "zst", "parquet"]
}

public enum AuditError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "audit: cannot read \(path): \(reason)"
        }
    }
}

/// Byte offset → 1-based line and column.
struct LineIndex {
    private var starts: [Int] = [0]

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        for (i, b) in buffer.enumerated() where b == 0x0A { starts.append(i + 1) }
    }

    func position(of offset: Int) -> (Int, Int) {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, offset - starts[lo] + 1)
    }
}

/// `count` independent jobs over the machine's cores, results in job order.
enum ConcurrentMap {
    static func run<T: Sendable>(_ count: Int, _ job: @Sendable (Int) -> T) -> [T] {
        let slots = IndexedSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, job(i)) }
        return slots.values()
    }
}
