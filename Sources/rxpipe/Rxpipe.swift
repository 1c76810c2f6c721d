import ArgumentParser
import RxCore

@main
struct Rxpipe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rxpipe",
        abstract: "Medicare Part D prescribing data → Parquet lake → static report site.",
        discussion: """
            Exit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 quality gate failed.
            Configuration: rxpipe.toml in the working directory (or --config FILE), then
            RXPIPE_<SECTION>_<KEY> environment variables; `rxpipe config` prints the result.
            """,
        version: RxpipeVersion.string,
        subcommands: [SampleCommand.self, ConfigCommand.self])
}
