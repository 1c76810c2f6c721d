import Foundation

/// Reads a DCAT-US (Project Open Data v1.1) catalog, the shape of https://data.cms.gov/data.json:
/// `dataset[]` with a `title` and `distribution[]`; each year of a CMS dataset is one
/// distribution with `downloadURL`, `mediaType: text/csv` and `temporal: 2022-01-01/2022-12-31`,
/// beside an API distribution (`format: API`, `accessURL`) that is skipped.
public enum DataCatalog {
    /// The CSV files of the dataset titled `dataset`, one per data year (the first listed wins;
    /// CMS lists the newest release first), newest year first.
    public static func files(in data: Data, dataset: String, catalogURL: String) throws -> [CatalogFile] {
        let where_ = LoggableURL.text(catalogURL)
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let datasets = root["dataset"] as? [[String: Any]]
        else {
            throw FetchError.badCatalog(url: where_, reason: "not a data.json catalog (no \"dataset\" list)")
        }
        let wanted = fold(dataset)
        guard let entry = datasets.first(where: { fold($0["title"] as? String ?? "") == wanted }) else {
            let near = datasets.compactMap { $0["title"] as? String }.filter { $0.localizedCaseInsensitiveContains("Part D") }.prefix(5)
            let hint = near.isEmpty ? "" : " (titles mentioning Part D: \(near.joined(separator: "; ")))"
            throw FetchError.badCatalog(url: where_, reason: "no dataset titled \"\(dataset)\"; check [fetch] dataset\(hint)")
        }
        var byYear: [Int: CatalogFile] = [:]
        for distribution in entry["distribution"] as? [[String: Any]] ?? [] {
            guard let file = csvFile(distribution, base: URL(string: catalogURL)), byYear[file.year] == nil else { continue }
            byYear[file.year] = file
        }
        return byYear.values.sorted { $0.year > $1.year }
    }
}

private extension DataCatalog {
    static func fold(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "–", with: "-").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func csvFile(_ distribution: [String: Any], base: URL?) -> CatalogFile? {
        guard let link = distribution["downloadURL"] as? String, let url = URL(string: link, relativeTo: base)?.absoluteURL,
            ["http", "https"].contains(url.scheme?.lowercased() ?? "")
        else { return nil }
        let mediaType = (distribution["mediaType"] as? String ?? "").lowercased()
        let format = (distribution["format"] as? String ?? "").lowercased()
        let name = url.lastPathComponent
        guard mediaType == "text/csv" || format == "csv" || name.lowercased().hasSuffix(".csv") else { return nil }
        guard let year = year(of: distribution, fileName: name), let fileName = placedName(name, year: year) else { return nil }
        return CatalogFile(
            year: year, url: url, fileName: fileName, byteSize: byteSize(distribution["byteSize"]),
            checksum: checksum(distribution["checksum"] ?? distribution["spdx:checksum"]))
    }

    /// The start year of `temporal` (`2022-01-01/2022-12-31`), else `DYyy` in the file name.
    static func year(of distribution: [String: Any], fileName: String) -> Int? {
        if let temporal = distribution["temporal"] as? String, let year = Int(temporal.prefix(4)), (2000...2100).contains(year) {
            return year
        }
        guard let range = fileName.range(of: "_DY", options: .caseInsensitive) else { return nil }
        let digits = fileName[range.upperBound...].prefix { $0.isNumber }
        return digits.count == 2 ? Int(digits).map { 2000 + $0 } : nil
    }

    /// A plain file name (no path, not hidden, ending .csv) carrying `_DYyy`.
    static func placedName(_ name: String, year: Int) -> String? {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains("\\"),
            name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }), name.lowercased().hasSuffix(".csv")
        else { return nil }
        let marker = String(format: "_DY%02d", year % 100)
        if name.range(of: marker, options: .caseInsensitive) != nil { return name }
        return String(name.dropLast(4)) + marker + ".csv"
    }

    static func byteSize(_ value: Any?) -> Int64? {
        if let number = value as? NSNumber { return number.int64Value > 0 ? number.int64Value : nil }
        if let text = value as? String, let number = Int64(text), number > 0 { return number }
        return nil
    }

    /// `{"algorithm": "sha256", "checksumValue": "…"}`, also with `spdx:` prefixes and
    /// `checksumAlgorithm_sha256` (SPDX's name for it). Only SHA-256 is checked.
    static func checksum(_ value: Any?) -> CatalogFile.Checksum? {
        guard let object = value as? [String: Any] else { return nil }
        let algorithm = (object["algorithm"] ?? object["spdx:algorithm"]) as? String ?? ""
        let hex = ((object["checksumValue"] ?? object["spdx:checksumValue"]) as? String ?? "").lowercased()
        let normalized = algorithm.lowercased().replacingOccurrences(of: "spdx:", with: "")
            .replacingOccurrences(of: "checksumalgorithm_", with: "").replacingOccurrences(of: "-", with: "")
        guard normalized == "sha256", hex.count == 64, hex.allSatisfy(\.isHexDigit) else { return nil }
        return .init(algorithm: "sha256", value: hex)
    }
}
