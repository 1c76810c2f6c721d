import Foundation

/// The default page templates, static assets and state map geometry, compiled into rxpipe at
/// build time by the EmbedDefaults plugin (from `templates/` and `assets/us-states-albers.json`),
/// so an installed binary builds a site with no files beside it.
public enum EmbeddedDefaults {
    /// Every file under `templates/`, by path relative to that folder (`index.md`,
    /// `static/site.css`) → bytes.
    public static let templates: [String: [UInt8]] = {
        var out: [String: [UInt8]] = [:]
        for (path, bytes) in decoded where path.hasPrefix("templates/") { out[String(path.dropFirst(10))] = bytes }
        return out
    }()

    /// `assets/us-states-albers.json`, the projected state outlines the maps are drawn from.
    public static let stateGeometry: [UInt8] = decoded["assets/us-states-albers.json"] ?? []

    /// Path relative to the package root → bytes.
    static let decoded: [String: [UInt8]] = {
        var out: [String: [UInt8]] = [:]
        for (path, base64) in encoded {
            // The generator wrote valid base64; line breaks between its lines are ignored.
            out[path] = Data(base64Encoded: base64, options: .ignoreUnknownCharacters).map(Array.init) ?? []
        }
        return out
    }()
}
