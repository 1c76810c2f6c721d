import Foundation
import RxCore

/// How a command's final error reaches stderr: `rxpipe: error: …`, or with `--log-format json`
/// one JSON object like the log lines (`level`, `logger`, `message`, plus `exit_code`), so a
/// log collector parses failures too. Read from the raw arguments: a parse error happens
/// before the options exist.
enum ErrorOutput {
    static var wantsJSON: Bool {
        let args = CommandLine.arguments
        if args.contains("--log-format=json") { return true }
        guard let i = args.firstIndex(of: "--log-format"), i + 1 < args.count else { return false }
        return args[i + 1] == "json"
    }

    /// `message` as the error line; `prefixed: false` for ArgumentParser's own full message
    /// (which starts "Error: " and carries the usage).
    static func write(_ message: String, exitCode: Int32, prefixed: Bool = true) {
        guard wantsJSON else {
            StandardError.write(prefixed ? "rxpipe: error: \(message)\n" : message + "\n")
            return
        }
        let object: [String: Any] = ["level": "error", "logger": "rxpipe", "message": message, "exit_code": Int(exitCode)]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        StandardError.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
