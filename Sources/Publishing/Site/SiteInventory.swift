import Digests
import Foundation

/// The files of a site directory, sorted by path (UTF-8 byte order), with their digests.
///
/// Regular files and symbolic links to regular files are published; a symbolic link to a directory,
/// a socket or a device is an error. The gate record (`GateRecord.fileName`) at the root is site
/// metadata and is never published.
public struct SiteInventory: Sendable {
    public let root: URL
    public let files: [SiteFile]

    public init(root: URL, files: [SiteFile]) {
        self.root = root
        self.files = files
    }

    /// Reads `root` completely, hashing every file.
    public static func scan(_ root: URL) throws -> SiteInventory {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PublishError.siteMissing(path: root.path)
        }
        guard let walker = FileManager.default.enumerator(atPath: root.path) else {
            throw PublishError.siteUnreadable(path: root.path, reason: "cannot list the directory")
        }
        var files: [SiteFile] = []
        while let relative = walker.nextObject() as? String {
            if relative == GateRecord.fileName { continue }
            let url = root.appendingPathComponent(relative)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
                throw PublishError.siteUnreadable(path: url.path, reason: "a dangling symbolic link")
            }
            let type = (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) ?? nil
            if isDir.boolValue {
                if type == .typeSymbolicLink {
                    throw PublishError.siteUnreadable(
                        path: url.path, reason: "a symbolic link to a directory; copy the directory into the site instead")
                }
                continue
            }
            if type != .typeRegular && type != .typeSymbolicLink {
                throw PublishError.siteUnreadable(path: url.path, reason: "not a regular file")
            }
            files.append(try hash(url, relative: relative))
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return SiteInventory(root: root, files: files)
    }

    /// The absolute location of a site file.
    public func url(of file: SiteFile) -> URL { root.appendingPathComponent(file.path) }

    /// Digests of one file, read once.
    static func hash(_ url: URL, relative: String) throws -> SiteFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PublishError.siteUnreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
        return SiteFile.digests(of: data, path: relative)
    }
}

extension SiteFile {
    /// A site file with the digests of `data`.
    public static func digests(of data: Data, path: String) -> SiteFile {
        SiteFile(
            path: path, size: data.count, sha256: Hex.string(SHA256.hash(data: data)),
            md5: Hex.string(MD5.hash(data: data)))
    }
}
