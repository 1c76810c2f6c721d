import RxCore

/// The writer's exclusive lock on `<table>/_lock`: `LockFile`, not waiting, its failures as the
/// lake's errors (a busy table names its holder).
final class TableLock {
    private let lock: LockFile

    init(path: String, table: String) throws(LakeError) {
        do {
            lock = try LockFile(path: path, wait: false)
        } catch {
            switch error {
            case .busy(let holder): throw LakeError.locked(table: table, holder: holder)
            case .io(let path, let reason): throw LakeError.io(path: path, operation: "lock", reason: reason)
            }
        }
    }

    func release() { lock.release() }
}
