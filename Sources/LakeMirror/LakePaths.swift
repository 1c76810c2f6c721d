import Lake

/// How the files of a lake are told apart when it is copied to and from S3.
enum LakePaths {
    /// `<zone>/<table>/_manifest.json`: a table's commit record.
    static func isTableManifest(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[2] == "_manifest.json" && !parts[0].isEmpty && !parts[1].isEmpty
    }

    /// The table directory (`<zone>/<table>`) of a manifest path.
    static func tableDirectory(ofManifest path: String) -> String {
        String(path.dropLast("/_manifest.json".count))
    }

    /// A path inside a table directory (`<zone>/<table>/…` of a lake zone): its data files are
    /// part of the lake only when the table's manifest lists them.
    static func isInsideTable(_ path: String) -> Bool {
        let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count == 3 && Lake.zones.contains(String(parts[0]))
    }

    /// Files that belong to one machine and never travel: locks, and hidden files (the
    /// mirror's own state, a writer's temporary files, Spark's `.crc` checksums).
    static func isLocalOnly(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name == "_lock" || name.hasSuffix(".lock") || name.hasPrefix(".")
    }

    /// The order in which a push uploads: data files (and profiles, quality reports) first,
    /// then the table manifests that commit them, then the run records and the verdict that
    /// point at those versions. A reader that lists the bucket mid-push sees the old
    /// manifests, whose files are still there (deletions come after every upload).
    static func commitRank(_ path: String) -> Int {
        if isTableManifest(path) { return 1 }
        if path.hasPrefix("runs/") || path.hasSuffix("/_verdict.json") { return 2 }
        return 0
    }
}
