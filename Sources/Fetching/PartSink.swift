import Foundation

/// The hidden `.<name>.part` file a download appends to.
/// Unchecked: one transfer owns it; URLSession calls it on the transfer's serial delegate queue only.
final class PartSink: @unchecked Sendable {
    let path: String
    private var handle: FileHandle?
    private(set) var opened = false

    init(path: String) { self.path = path }

    /// Opens for appending; `truncating` starts the file over.
    func open(truncating: Bool) throws {
        if truncating || !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw FetchError.io(path: path, reason: "cannot create: \(DurableFile.reason())")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw FetchError.io(path: path, reason: "cannot open for writing: \(DurableFile.reason())")
        }
        do { try handle.seekToEnd() } catch { throw FetchError.io(path: path, reason: "\(error)") }
        self.handle = handle
        opened = true
    }

    func write(_ data: Data) throws {
        do { try handle?.write(contentsOf: data) } catch { throw FetchError.io(path: path, reason: "cannot write: \(error)") }
    }

    /// Flushes to disk (before the rename that places the file).
    func finish() throws {
        do { try handle?.synchronize() } catch { throw FetchError.io(path: path, reason: "fsync failed: \(error)") }
    }

    func close() {
        try? handle?.close()
        handle = nil
    }
}
