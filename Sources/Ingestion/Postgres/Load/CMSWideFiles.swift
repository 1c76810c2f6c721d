import Foundation

/// A CMS "by Provider and Drug" file and the data year its name carries (`…_DY22_…` → 2022).
public struct CMSWideFile: Sendable, Equatable {
    public let path: String
    public let year: Int

    /// The data year in a CMS file name, or nil.
    public static func year(fromName name: String) -> Int? {
        let scalars = Array(name.uppercased().utf8)
        let marker = Array("_DY".utf8)
        var index = 0
        while index + 5 < scalars.count {
            if Array(scalars[index..<index + 3]) == marker,
                let tens = digit(scalars[index + 3]), let ones = digit(scalars[index + 4]),
                scalars[index + 5] == UInt8(ascii: "_") || scalars[index + 5] == UInt8(ascii: ".")
            {
                return 2000 + tens * 10 + ones
            }
            index += 1
        }
        return nil
    }

    /// Every `.csv`, `.csv.zst` and `.csv.gz` file in `directory`, sorted by name; each must
    /// name its data year, and no year may appear twice.
    public static func list(in directory: String) throws -> [CMSWideFile] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw LoadError.unreadableDirectory(directory, reason: (error as NSError).localizedDescription)
        }
        let csvNames = names.filter { name in [".csv", ".csv.zst", ".csv.gz"].contains { name.lowercased().hasSuffix($0) } }.sorted()
        guard !csvNames.isEmpty else { throw LoadError.noFiles(directory) }
        var files: [CMSWideFile] = []
        for name in csvNames {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let year = year(fromName: name) else { throw LoadError.noYearInName(path) }
            if let other = files.first(where: { $0.year == year }) { throw LoadError.duplicateYear(year, other.path, path) }
            files.append(CMSWideFile(path: path, year: year))
        }
        return files
    }

    private static func digit(_ byte: UInt8) -> Int? { byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil }
}

/// Why `rxpipe db load` cannot start on a directory.
public enum LoadError: Error, Equatable, CustomStringConvertible {
    case unreadableDirectory(String, reason: String)
    case noFiles(String)
    case noYearInName(String)
    case duplicateYear(Int, String, String)

    public var description: String {
        switch self {
        case .unreadableDirectory(let directory, let reason): return "db load: cannot read \(directory): \(reason)"
        case .noFiles(let directory): return "db load: no .csv, .csv.zst or .csv.gz files in \(directory)"
        case .noYearInName(let path):
            return "db load: \(path): cannot tell the data year from the file name (expected CMS's …_DY22_… form)"
        case .duplicateYear(let year, let first, let second):
            return "db load: two files for data year \(year): \(first) and \(second); keep one"
        }
    }
}
