import Foundation
import Lake
import Runs
import RxCore

/// What the stages read to decide whether to rerun: the committed tables of a lake's zones.
struct StageInputs {
    let lakeRoot: String

    /// Whether `zone` holds at least one committed table (a stage's outputs are still there).
    func hasTables(in zone: String) -> Bool {
        ((try? Lake(root: lakeRoot).tables(zone: zone)) ?? []).isEmpty == false
    }

    /// The fingerprint of the committed tables of `zones` and `settings`, under rxpipe's
    /// version: a new table version upstream, a changed setting or a new rxpipe reruns the stage.
    func fingerprint(zones: [String], settings: [(String, String)] = []) -> String {
        var f = Fingerprint()
        f.add("rxpipe", RxpipeVersion.string)
        for (k, v) in RunFacts.tableHashes(lakeRoot: lakeRoot, zones: zones) + settings { f.add(k, v) }
        return f.hex
    }
}
