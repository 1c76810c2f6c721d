import Foundation

/// One CSV distribution of the dataset: a data year's file as the catalog lists it.
public struct CatalogFile: Equatable, Sendable {
    public let year: Int
    public let url: URL
    /// The name the file is placed under in `[source] path`: the URL's last component (CMS's
    /// own, `MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv`), with `_DYyy` appended when it lacks one so
    /// `rxpipe ingest` can tell the year.
    public let fileName: String
    /// Size in bytes, when the catalog gives `byteSize`.
    public let byteSize: Int64?
    /// A checksum, when the catalog gives one (`checksum` / `spdx:checksum`).
    public let checksum: Checksum?

    public struct Checksum: Equatable, Sendable {
        /// Lower case, as written in messages: `sha256`.
        public let algorithm: String
        /// Lower-case hex.
        public let value: String
    }

    public init(year: Int, url: URL, fileName: String, byteSize: Int64? = nil, checksum: Checksum? = nil) {
        self.year = year
        self.url = url
        self.fileName = fileName
        self.byteSize = byteSize
        self.checksum = checksum
    }
}
