/// The HTTP headers a site file is served with: its media type by extension and a cache policy.
public enum ContentType {
    /// `Content-Type` for `path` by its extension (case-insensitive); text types carry charset=utf-8.
    public static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        let ext = name[name.index(after: dot)...].lowercased()
        return types[ext] ?? "application/octet-stream"
    }

    private static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8", "json": "application/json",
        "map": "application/json", "geojson": "application/geo+json",
        "webmanifest": "application/manifest+json", "csv": "text/csv; charset=utf-8",
        "tsv": "text/tab-separated-values; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8", "xml": "application/xml", "rss": "application/rss+xml",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip",
        "zst": "application/zstd", "parquet": "application/vnd.apache.parquet", "wasm": "application/wasm",
    ]
}

/// `Cache-Control` by name: a fingerprinted file (its name carries a content hash, so a new
/// version gets a new name) may be cached for a year; everything else, pages above all, is
/// revalidated on every visit.
public enum CachePolicy {
    public static let immutable = "public, max-age=31536000, immutable"
    public static let revalidate = "no-cache"

    public static func of(_ path: String) -> String { isFingerprinted(path) ? immutable : revalidate }

    /// True when the file name has a dot-separated token of 8–64 hex digits before its extension
    /// that holds at least one letter a–f (`app.3f2a9c1d.css`, `chart.0123abcd.svg`). Pages are
    /// never treated as fingerprinted. A date such as `data.20240101.csv` is not a hash; a hash
    /// that happens to be all decimal digits is missed, which only costs caching, never freshness.
    public static func isFingerprinted(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return false }
        let ext = parts.last!.lowercased()
        if ext == "html" || ext == "htm" { return false }
        let token = parts[parts.count - 2]
        guard (8...64).contains(token.count) else { return false }
        var letters = 0
        for scalar in token.unicodeScalars {
            switch scalar {
            case "0"..."9": continue
            case "a"..."f": letters += 1
            default: return false
            }
        }
        return letters > 0
    }
}
