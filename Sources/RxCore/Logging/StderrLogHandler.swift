import Foundation
import Logging

/// How log lines look on stderr.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `rxpipe sample: wrote 50,000 rows (file=…)` for people.
    case text
    /// One JSON object per line for log collectors.
    case json
}

/// A swift-log handler that writes one line per event to stderr.
///
/// Text lines carry no timestamp (a terminal or journald adds one); JSON lines carry an ISO 8601
/// time because collectors expect it. Logs are never part of rxpipe's content outputs.
public struct StderrLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: LogFormat

    public init(label: String, format: LogFormat, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let line: String
        switch format {
        case .text:
            let pairs = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }
            let level = event.level >= .warning ? "\(event.level): " : ""
            line = "\(label): \(level)\(event.message)" + (pairs.isEmpty ? "" : " (\(pairs.joined(separator: ", ")))")
        case .json:
            var object: [String: Any] = [
                "time": ISO8601DateFormatter().string(from: Date()),
                "level": event.level.rawValue,
                "logger": label,
                "message": event.message.description,
            ]
            for (key, value) in merged { object[key] = value.description }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        StandardError.write(line + "\n")
    }
}

/// Serialised writes to stderr (the C `stderr` global is not concurrency-safe in Swift 6).
public enum StandardError {
    private static let lock = NSLock()

    public static func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// True when stderr is a terminal, so progress can redraw one line.
    public static var isTerminal: Bool { isatty(2) == 1 }
}

/// Installs the process-wide log handler once, from the CLI's `--quiet/--verbose/--log-format`.
public enum LogSetup {
    public static func bootstrap(format: LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label, format: format, level: level) }
    }
}
