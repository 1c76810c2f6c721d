import Foundation

/// Runs `git` in one repository with optional stdin and extra environment; stderr is kept for errors.
struct GitRunner: Sendable {
    let repository: URL
    var environment: [String: String] = [:]

    @discardableResult
    func run(_ arguments: [String], input: Data = Data(), extra: [String: String] = [:]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = repository
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        env.merge(extra) { $1 }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw PublishError.git(command: arguments.first ?? "", reason: "cannot start git (\(error.localizedDescription))")
        }
        // Feed stdin on its own thread so a large input cannot deadlock against a full stdout pipe.
        let writer = stdin.fileHandleForWriting
        let feeding = DispatchGroup()
        feeding.enter()
        Thread.detachNewThread {
            writer.write(input)
            try? writer.close()
            feeding.leave()
        }
        let errorBox = DataBox()
        let errorHandle = stderr.fileHandleForReading
        feeding.enter()
        Thread.detachNewThread {
            errorBox.data = errorHandle.readDataToEndOfFile()
            feeding.leave()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        feeding.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorBox.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PublishError.git(
                command: arguments.prefix(2).joined(separator: " "),
                reason: message.isEmpty ? "exit status \(process.terminationStatus)" : message)
        }
        return output
    }

    func text(_ arguments: [String], input: Data = Data(), extra: [String: String] = [:]) throws -> String {
        String(decoding: try run(arguments, input: input, extra: extra), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Like `text`, but a failing command gives nil (for probes such as `rev-parse --verify`).
    func probe(_ arguments: [String]) -> String? { try? text(arguments) }
}

/// The stderr bytes of a git command. Unchecked: written once by the reading thread before it
/// leaves the dispatch group; read only after `wait()`.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
