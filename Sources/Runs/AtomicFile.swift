import Foundation
import RxCore

/// Writes a file by rename, so readers see the old bytes or the new, never half.
public enum AtomicFile {
    public static func write(path: String, data: Data) throws(RunError) {
        let fm = FileManager.default
        let temp = path + ".tmp-\(getpid())"
        do throws(PlainFileError) {
            try PlainFile.makeDirectories((path as NSString).deletingLastPathComponent)
            try PlainFile.write([UInt8](data), to: temp)
        } catch {
            try? fm.removeItem(atPath: temp)
            throw .io(path: error.path, reason: error.reason)
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: temp)
            throw .io(path: path, reason: reason)
        }
    }
}
