import ArgumentParser
import Foundation
import RxCore

@main
struct Rxpipe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rxpipe",
        abstract: "Medicare Part D prescribing data → Parquet lake → static report site.",
        discussion: """
            Exit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 quality gate failed,
            4 the site breaks the disclosure policy (see `rxpipe audit`).
            Configuration: rxpipe.toml in the working directory (or --config FILE), then
            RXPIPE_<SECTION>_<KEY> environment variables; `rxpipe config` prints the result.
            """,
        version: RxpipeVersion.string,
        subcommands: [
            RunCommand.self, RunsCommand.self, DiffCommand.self,
            FetchCommand.self, SampleCommand.self, IngestCommand.self, CleanseCommand.self, TransformCommand.self, ProfileCommand.self,
            RenderCommand.self, AuditCommand.self, InitCommand.self, PublishCommand.self, LakeCommand.self, ParquetCommand.self, DbCommand.self, ConfigCommand.self,
        ])

    /// Parses and runs, mapping argument errors to exit code 2 (documented) instead of
    /// ArgumentParser's EX_USAGE (64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                if ErrorOutput.wantsJSON {
                    ErrorOutput.write(message(for: error), exitCode: 2)
                } else {
                    ErrorOutput.write(fullMessage(for: error), exitCode: 2, prefixed: false)
                }
                Foundation.exit(2)
            }
            let code = exitCode(for: error)
            if ErrorOutput.wantsJSON, !(error is ExitCode), code != .success {
                ErrorOutput.write(message(for: error), exitCode: code.rawValue)
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
    }
}
