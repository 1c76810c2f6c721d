/// Progress a publisher reports while it works (the CLI prints these).
public enum PublishEvent: Sendable {
    case uploaded(path: String, bytes: Int)
    case deleted(path: String)
    case note(String)
}

/// What a finished publish did.
public struct PublishReport: Equatable, Sendable {
    public let uploaded: Int
    public let kept: Int
    public let deleted: Int
    public let bytesUploaded: Int
    /// Target-specific detail: the commit id for git, the tree for a directory.
    public let detail: String?

    public init(uploaded: Int, kept: Int, deleted: Int, bytesUploaded: Int, detail: String? = nil) {
        self.uploaded = uploaded
        self.kept = kept
        self.deleted = deleted
        self.bytesUploaded = bytesUploaded
        self.detail = detail
    }
}
