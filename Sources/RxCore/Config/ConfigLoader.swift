import Foundation
import TOMLKit

/// Builds the effective configuration: embedded defaults, then the TOML file, then
/// `RXPIPE_<SECTION>_<KEY>` environment variables.
public enum ConfigLoader {
    /// The file read when `--config` is not given and it exists in the working directory.
    public static let defaultFileName = "rxpipe.toml"

    /// Loads the configuration.
    /// - Parameters:
    ///   - path: an explicit `--config` path (must exist), or nil to use `rxpipe.toml` if present.
    ///   - environment: the process environment (injectable for tests).
    public static func load(
        path: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> RxpipeConfig {
        var settings = Settings()
        var filePath: String?
        if let path {
            filePath = path
        } else if FileManager.default.fileExists(atPath: defaultFileName) {
            filePath = defaultFileName
        }
        if let filePath {
            let text: String
            do {
                text = try String(contentsOfFile: filePath, encoding: .utf8)
            } catch {
                let reason = FileManager.default.fileExists(atPath: filePath) ? "not readable UTF-8 text" : "no such file"
                throw ConfigError.unreadable(path: filePath, reason: reason)
            }
            try apply(fileText: text, path: filePath, to: &settings)
        }
        try apply(environment: environment, to: &settings)
        return try RxpipeConfig(settings: settings, file: filePath)
    }

    /// Parses TOML text as if read from `path` (used by `load` and by tests).
    public static func parse(text: String, path: String, environment: [String: String] = [:]) throws -> RxpipeConfig {
        var settings = Settings()
        try apply(fileText: text, path: path, to: &settings)
        try apply(environment: environment, to: &settings)
        return try RxpipeConfig(settings: settings, file: path)
    }

    // MARK: File

    static func apply(fileText: String, path: String, to settings: inout Settings) throws {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: fileText)
        } catch let error as TOMLParseError {
            throw ConfigError.syntax(
                path: path, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        }
        let locator = TOMLKeyLocator(text: fileText)
        func origin(_ keyPath: [String]) -> ConfigOrigin { .file(path: path, line: locator.line(of: keyPath)) }

        for sectionName in table.keys.sorted(by: { (locator.line(of: [$0]) ?? 0) < (locator.line(of: [$1]) ?? 0) }) {
            guard ConfigSchema.sections.contains(sectionName) else {
                throw ConfigError.unknownKey(origin: origin([sectionName]), key: sectionName, known: ConfigSchema.sections)
            }
            guard let section = table[sectionName]?.table else {
                throw ConfigError.wrongType(
                    origin: origin([sectionName]), key: sectionName, expected: "a table [\(sectionName)]",
                    found: typeName(table[sectionName]))
            }
            for name in section.keys.sorted(by: {
                (locator.line(of: [sectionName, $0]) ?? 0) < (locator.line(of: [sectionName, $1]) ?? 0)
            }) {
                let where_ = origin([sectionName, name])
                if name.lowercased().contains("password") {
                    throw ConfigError.passwordInFile(origin: where_, key: "\(sectionName).\(name)")
                }
                guard let key = ConfigSchema.key(section: sectionName, name: name) else {
                    throw ConfigError.unknownKey(
                        origin: where_, key: "\(sectionName).\(name)",
                        known: ConfigSchema.keys(in: sectionName).map(\.name))
                }
                let value = try convert(section[name], to: key, origin: where_)
                if key.mayHoldSecret, case .string(let text) = value, ConnectionString.containsPassword(text) {
                    throw ConfigError.passwordInFile(origin: where_, key: key.path)
                }
                settings.set(key, value, from: where_)
            }
        }
    }

    static func convert(_ raw: TOMLValueConvertible?, to key: ConfigKey, origin: ConfigOrigin) throws -> ConfigValue {
        let mismatch = ConfigError.wrongType(origin: origin, key: key.path, expected: key.type.phrase, found: typeName(raw))
        guard let raw else { throw mismatch }
        switch key.type {
        case .string:
            guard raw.type == .string, let text = raw.string else { throw mismatch }
            return .string(text)
        case .integer:
            guard raw.type == .int, let number = raw.int else { throw mismatch }
            return .integer(number)
        case .number:
            if raw.type == .int, let number = raw.int { return .number(Double(number)) }
            guard raw.type == .double, let number = raw.double else { throw mismatch }
            return .number(number)
        case .boolean:
            guard raw.type == .bool, let flag = raw.bool else { throw mismatch }
            return .boolean(flag)
        case .integerList:
            guard let numbers = elements(of: raw, { $0.type == .int ? $0.int : nil }) else { throw mismatch }
            return .integerList(numbers)
        case .stringList:
            guard let texts = elements(of: raw, { $0.type == .string ? $0.string : nil }) else { throw mismatch }
            return .stringList(texts)
        }
    }

    /// The elements of a TOML array, each read by `element`; nil when `raw` is not an array or an
    /// element does not fit.
    static func elements<T>(of raw: TOMLValueConvertible, _ element: (TOMLValueConvertible) -> T?) -> [T]? {
        guard raw.type == .array, let array = raw.array else { return nil }
        var values: [T] = []
        for item in array {
            guard let value = element(item) else { return nil }
            values.append(value)
        }
        return values
    }

    static func typeName(_ raw: TOMLValueConvertible?) -> String {
        guard let raw else { return "nothing" }
        switch raw.type {
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a floating-point number"
        case .bool: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        case .date, .time, .dateTime: return "a date or time"
        }
    }

    // MARK: Environment

    static func apply(environment: [String: String], to settings: inout Settings) throws {
        for variable in environment.keys.sorted() where variable.hasPrefix("RXPIPE_") {
            let value = environment[variable]!
            if let key = ConfigSchema.keys.first(where: { $0.environmentVariable == variable }) {
                settings.set(key, try parse(value, as: key, variable: variable), from: .environment(variable: variable))
                continue
            }
            // RXPIPE_<SECTION>_<typo> is a mistake worth stopping for; other RXPIPE_ variables
            // (RXPIPE_PSEUDONYM_KEY, RXPIPE_BIN, …) are not configuration keys.
            if let section = ConfigSchema.sections.first(where: { variable.hasPrefix("RXPIPE_\($0.uppercased())_") }) {
                throw ConfigError.unknownKey(
                    origin: .environment(variable: variable), key: variable,
                    known: ConfigSchema.keys(in: section).map(\.environmentVariable))
            }
        }
    }

    static func parse(_ text: String, as key: ConfigKey, variable: String) throws -> ConfigValue {
        let origin = ConfigOrigin.environment(variable: variable)
        let mismatch = ConfigError.wrongType(
            origin: origin, key: key.path, expected: key.type.phrase, found: "\"\(key.mayHoldSecret ? "…" : text)\"")
        let trimmed = text.trimming([" ", "\t"])
        // A list may also be written as in the file: RXPIPE_QUALITY_REQUIRED_YEARS="[2021, 2022]".
        if key.type == .integerList || key.type == .stringList, trimmed.hasPrefix("[") {
            guard let table = try? TOMLTable(string: "value = " + trimmed) else { throw mismatch }
            return try convert(table["value"], to: key, origin: origin)
        }
        switch key.type {
        case .string:
            return .string(text)
        case .integer:
            guard let number = Int(trimmed) else { throw mismatch }
            return .integer(number)
        case .number:
            guard let number = Double(trimmed), number.isFinite else { throw mismatch }
            return .number(number)
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "1", "yes": return .boolean(true)
            case "false", "0", "no": return .boolean(false)
            default: throw mismatch
            }
        case .integerList:
            if trimmed.isEmpty { return .integerList([]) }
            var numbers: [Int] = []
            for part in trimmed.split(separator: ",") {
                guard let number = Int(part.trimming([" "])) else { throw mismatch }
                numbers.append(number)
            }
            return .integerList(numbers)
        case .stringList:
            // Names may hold commas (`Insulin Glargine,Hum.Rec.Anlog`), so the list is `;`-separated.
            return .stringList(text.split(separator: ";").map { String($0.trimming([" ", "\t"])) }.filter { !$0.isEmpty })
        }
    }
}

/// Values and where each came from, before validation.
struct Settings {
    private(set) var values: [String: ConfigValue] = [:]
    private(set) var origins: [String: ConfigOrigin] = [:]

    init() {
        for key in ConfigSchema.keys {
            values[key.path] = key.defaultValue
            origins[key.path] = .defaults
        }
    }

    mutating func set(_ key: ConfigKey, _ value: ConfigValue, from origin: ConfigOrigin) {
        values[key.path] = value
        origins[key.path] = origin
    }
}
