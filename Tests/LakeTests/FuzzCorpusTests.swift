import Foundation
import Testing
@testable import Lake

/// The reader against hostile input: every file of the corpus (Tests/Corpus/lake, written by
/// rxpipe, pyarrow and DuckDB) truncated at every offset, with every byte flipped, and with
/// lying lengths. Each read must end in a `LakeError` or in values — never a crash, a hang or
/// a huge allocation (sizes are checked before anything is allocated).
@Suite struct FuzzCorpusTests {
    static let files = ["duckdb_v2.parquet", "pyarrow_gzip_v2.parquet", "pyarrow_snappy_dict.parquet",
                        "pyarrow_zstd_delta.parquet", "rxpipe_zstd.parquet",
                        "pyarrow_empty_dict.parquet", "pyarrow_empty_plain.parquet", "duckdb_empty.parquet"]

    /// Opens and fully decodes `bytes`; returns nil on success or the error's text.
    static func attempt(_ bytes: [UInt8], at path: String) -> String? {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        do {
            let f = try ParquetFile(path: path)
            let usable = f.columns.indices.filter { f.columns[$0].type != nil }
            for g in 0..<f.rowGroupCount {
                let batch = try f.readRowGroup(g, columnIndices: usable)
                for c in batch.columns { _ = c.materialized() }
            }
            return nil
        } catch let e as LakeError {
            return e.description
        } catch {
            return "UNTYPED \(error)"
        }
    }

    @Test(arguments: files)
    func truncatedAtEveryOffset(name: String) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(Repo.corpus)/\(name)")))
        for cut in 0..<bytes.count {
            let result = Self.attempt(Array(bytes[0..<cut]), at: dir.file("t.parquet"))
            #expect(result != nil && !result!.hasPrefix("UNTYPED"), "cut at \(cut): \(result ?? "read without error")")
            #expect(result?.contains(dir.file("t.parquet")) ?? false, "errors name the file")
        }
    }

    @Test(arguments: files)
    func everyByteFlipped(name: String) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(Repo.corpus)/\(name)")))
        for i in 0..<bytes.count {
            for mask: UInt8 in [0xFF, 0x01, 0x80] {
                var m = bytes
                m[i] ^= mask
                let result = Self.attempt(m, at: dir.file("f.parquet"))
                #expect(!(result?.hasPrefix("UNTYPED") ?? false), "byte \(i) ^ \(mask): \(result ?? "")")
            }
        }
    }

    @Test(arguments: files)
    func lyingLengths(name: String) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(Repo.corpus)/\(name)")))
        let n = bytes.count
        // Footer length: zero, too big, huge, off by one either way.
        let footer = Int(UInt32(bytes[n - 8]) | UInt32(bytes[n - 7]) << 8 | UInt32(bytes[n - 6]) << 16 | UInt32(bytes[n - 5]) << 24)
        for claimed in [0, n, n - 8, 0xFFFF_FFFF, footer - 1, footer + 1] {
            var m = bytes
            let v = UInt32(truncatingIfNeeded: claimed)
            m[n - 8] = UInt8(v & 0xFF); m[n - 7] = UInt8(v >> 8 & 0xFF); m[n - 6] = UInt8(v >> 16 & 0xFF); m[n - 5] = UInt8(v >> 24)
            let result = Self.attempt(m, at: dir.file("l.parquet"))
            #expect(result != nil && !result!.hasPrefix("UNTYPED"), "footer length \(claimed): \(result ?? "read")")
        }
        // Every varint-looking byte replaced by a maximal continuation run (sizes in the billions).
        for i in 4..<(n - 8) {
            var m = bytes
            m.replaceSubrange(i..<min(n - 8, i + 5), with: [0xFF, 0xFF, 0xFF, 0xFF, 0x07].prefix(min(n - 8, i + 5) - i))
            let result = Self.attempt(m, at: dir.file("v.parquet"))
            #expect(!(result?.hasPrefix("UNTYPED") ?? false), "varint at \(i): \(result ?? "")")
        }
    }

    @Test func errorsAreSpecific() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.file("x.parquet")
        #expect(Self.attempt([], at: path) == "\(path): corrupt Parquet file: 0 bytes is too small for a Parquet file (needs at least 12)")
        #expect(Self.attempt(Array("PAR1 not really a parquet file".utf8), at: path)
            == "\(path): corrupt Parquet file: the file does not end with the PAR1 magic (not Parquet, truncated, or encrypted)")
        #expect(throws: LakeError.io(path: dir.file("missing"), operation: "open", reason: "No such file or directory")) {
            _ = try ParquetFile(path: dir.file("missing"))
        }
    }
}
