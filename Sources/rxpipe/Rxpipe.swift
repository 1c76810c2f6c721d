import ArgumentParser
import RxCore

@main
struct Rxpipe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rxpipe",
        abstract: "Medicare Part D prescribing data → Parquet lake → static report site.",
        version: RxpipeVersion.string,
        subcommands: [LakeCommand.self, ParquetCommand.self])
}
