import ArgumentParser
import RxCore

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration (defaults, file, environment), secrets redacted.",
        discussion: """
            Each line says where its value came from. Passwords are never printed: a password in
            source.url (from RXPIPE_SOURCE_URL) shows as ***, and a password written in the file
            is an error — use PGPASSWORD, ~/.pgpass or PGPASSFILE instead.

            Examples:
              rxpipe config
              rxpipe config --config nightly.toml
              RXPIPE_QUALITY_MIN_ROWS_PER_YEAR=1000 rxpipe config
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            _ = global.startLogging("rxpipe.config")
            let config = try global.loadConfig()
            print(ConfigPrinter.toml(config), terminator: "")
        }
    }
}
