import ArgumentParser
import Logging
import RxCore
import Runs

/// Options every subcommand shares: configuration file and logging.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: ./rxpipe.toml when present, else embedded defaults).")
    var config: String?

    @Flag(name: .shortAndLong, help: "Only warnings and errors on stderr; no progress.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Debug detail on stderr.")
    var verbose = false

    @Option(name: .long, help: "Log line format on stderr: text or json.")
    var logFormat: LogFormat = .text

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    /// Installs logging and returns the logger for `label`.
    func startLogging(_ label: String) -> Logger {
        LogSetup.bootstrap(format: logFormat, level: quiet ? .warning : verbose ? .debug : .info)
        return Logger(label: label)
    }

    /// The effective configuration; a problem is a usage error (exit 2).
    func loadConfig() throws -> RxpipeConfig {
        do {
            return try ConfigLoader.load(path: config)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.description)
        }
    }
}

extension LogFormat: ExpressibleByArgument {}

/// Failures the CLI reports itself, with rxpipe's exit codes.
enum CommandFailure: Error, CustomStringConvertible, ExitCoded {
    /// Exit 2: the command line or the configuration is wrong.
    case usage(String)
    /// Exit 1: the work failed.
    case failed(String)
    /// Exit 4: the site breaks the disclosure policy (`rxpipe audit`); nothing was published.
    case disclosure(String)

    var description: String {
        switch self {
        case .usage(let message), .failed(let message), .disclosure(let message): return message
        }
    }

    var exitCode: Int32 {
        switch self {
        case .usage: return 2
        case .failed: return 1
        case .disclosure: return 4
        }
    }
}

/// Runs `body`, printing any error once as `rxpipe: error: …` and exiting with its code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        ErrorOutput.write("\(failure)", exitCode: failure.exitCode)
        throw ExitCode(failure.exitCode)
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ConfigError {
        ErrorOutput.write("\(error)", exitCode: 2)
        throw ExitCode(2)
    } catch let error as any ExitCoded {
        ErrorOutput.write("\(error)", exitCode: error.exitCode)
        throw ExitCode(error.exitCode)
    } catch {
        ErrorOutput.write("\(error)", exitCode: 1)
        throw ExitCode(1)
    }
}
