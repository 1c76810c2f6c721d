import Foundation
import RxCore

/// `PlainFile.replace` with the error typed for the runs module: readers see the old bytes or
/// the new, never half.
public enum AtomicFile {
    public static func write(path: String, data: Data) throws(RunError) {
        do {
            try PlainFile.replace([UInt8](data), at: path)
        } catch {
            throw .io(path: error.path, reason: error.reason)
        }
    }
}
