import Runs

/// Every command that writes the lake (a stage on its own, `lake import`) holds the lake's run
/// lock for its whole work, like `rxpipe run` does: a stage started during a run is refused at
/// once (exit 1, naming the holder) instead of making the run fail halfway, and a run started
/// during a stage is refused the same way.
public enum StageLock {
    public static func hold(lakeRoot: String, logger: (String) -> Void = { _ in }) throws -> RunLock {
        let lock = try RunLock(lakeRoot: lakeRoot)
        if let stale = lock.clearedStaleHolder {
            logger("cleared a stale run lock left by \(stale), which is no longer running")
        }
        return lock
    }
}
