import ArgumentParser
import Foundation
import Ingestion
import RxCore

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write CMS-shaped \"Part D Prescribers – by Provider and Drug\" sample files.",
        discussion: """
            One file per data year, named like CMS's (MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv), with
            the real 22-column header. Rows are grouped by prescriber and sorted by NPI; NPIs carry
            valid check digits; counts follow CMS's suppression rules (no row under 11 claims,
            Tot_Benes blank under 11, 65+ values flagged * or # and left blank). The same
            arguments give byte-identical files on any machine.

            --faults K mixes K bad rows into each file, in rotation:
            \(SampleFaultKind.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

            Examples:
              rxpipe sample --rows 50000 --years 2021-2023 --out local_data/raw
              rxpipe sample --rows 2500000 --years 2022 --seed 7 --compress zstd --out /tmp/big
              rxpipe sample --rows 1000 --faults 20 --out /tmp/faulty
              rxpipe sample --rows 500000 --years 2022 --outliers 600 --out /tmp/planted

            --outliers K plants K prescribers per file far from the peers of their specialty and
            state (kinds in rotation: cost per claim × 100, cost per claim ÷ 100, every drug with a
            brand version prescribed as the brand), chosen among prescribers with at least 10 rows
            in a specialty-state with at least 25 such prescribers (a small file has fewer: a
            warning says how many); they are listed in planted-outliers.tsv (tab-separated: year,
            npi, prescriber_type, state, kind, metric) beside the files, which ingest does not
            read. Other prescribers' rows are the same as without the option.
            """)

    @Option(parsing: .unconditional, help: "Rows per data year, before faults.")
    var rows = 50_000

    @Option(help: "Data years, e.g. 2022 or 2021-2023.")
    var years: YearRange = YearRange(2021...2023)

    @Option(help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 42

    @Option(help: "Output directory (created if missing).")
    var out = "local_data/raw"

    @Option(help: "Compression: none, zstd or gzip.")
    var compress: SampleCompression = .none

    @Option(parsing: .unconditional, help: "Bad rows mixed into each file (see above).")
    var faults = 0

    @Option(parsing: .unconditional, help: "Prescribers per file planted as outliers among their peers (see above).")
    var outliers = 0

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.sample")
            let accepted = try global.loadConfig().source.years
            for year in [years.range.lowerBound, years.range.upperBound] {
                if let problem = DataYears.problem(year, in: accepted) { throw CommandFailure.usage("sample: --years: \(problem)") }
            }
            let options = SampleOptions(
                rows: rows, years: years.range, seed: seed, outputDirectory: out, compression: compress, faults: faults,
                outliers: outliers)
            let generator: SampleGenerator
            do { generator = try SampleGenerator(options: options) } catch let error as SampleError {
                throw CommandFailure.usage(error.description)
            }
            let total = (rows + faults) * years.range.count
            let progress = ProgressReporter(label: "sample", total: total, unit: "rows", quiet: global.quiet)
            let started = Date()
            let reports = try generator.run { progress.advance(by: $0) }
            progress.finish()
            let seconds = Date().timeIntervalSince(started)
            for report in reports {
                print("\(report.path)\t\(report.rows) rows\t\(report.bytes) bytes\t\(report.faults.count) faults"
                      + (outliers > 0 ? "\t\(report.outliers.count) planted outliers" : ""))
            }
            for report in reports where report.outliers.count < outliers {
                logger.warning(
                    "\(report.year): planted \(report.outliers.count) of \(outliers) outliers: only that many prescribers have 10 rows or more in a specialty-state with 25 such prescribers (more --rows gives more)")
            }
            let written = reports.reduce(0) { $0 + $1.rows }
            logger.info(
                "wrote \(written) rows in \(String(format: "%.2f", seconds)) s (\(Int(Double(written) / max(seconds, 1e-9))) rows/s)")
        }
    }
}

/// `2022` or `2021-2023`.
struct YearRange: ExpressibleByArgument {
    let range: ClosedRange<Int>

    init(_ range: ClosedRange<Int>) { self.range = range }

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        switch parts.count {
        case 1:
            guard let year = parts[0] else { return nil }
            range = year...year
        case 2:
            guard let first = parts[0], let last = parts[1], first <= last else { return nil }
            range = first...last
        default:
            return nil
        }
    }

    var defaultValueDescription: String { "\(range.lowerBound)-\(range.upperBound)" }
}

extension SampleCompression: ExpressibleByArgument {}
