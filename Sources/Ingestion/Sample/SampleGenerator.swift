import Codecs
import Dispatch
import Foundation
import RxCore

/// How sample files are compressed.
public enum SampleCompression: String, Sendable, CaseIterable {
    case none, zstd, gzip

    var fileSuffix: String {
        switch self {
        case .none: return ".csv"
        case .zstd: return ".csv.zst"
        case .gzip: return ".csv.gz"
        }
    }
}

/// What `rxpipe sample` is asked to make.
public struct SampleOptions: Sendable, Equatable {
    /// Rows per data year, before faults.
    public var rows: Int
    public var years: ClosedRange<Int>
    public var seed: UInt64
    public var outputDirectory: String
    public var compression: SampleCompression
    /// Bad rows mixed into each file.
    public var faults: Int
    /// Prescribers per file planted far from their specialty-state peers (listed in
    /// `planted-outliers.tsv`); 0 leaves the files exactly as without the option.
    public var outliers: Int

    public init(
        rows: Int, years: ClosedRange<Int>, seed: UInt64, outputDirectory: String, compression: SampleCompression, faults: Int,
        outliers: Int = 0
    ) {
        self.rows = rows
        self.years = years
        self.seed = seed
        self.outputDirectory = outputDirectory
        self.compression = compression
        self.faults = faults
        self.outliers = outliers
    }
}

/// One written file.
public struct SampleFileReport: Sendable, Equatable {
    public let year: Int
    public let path: String
    /// Data rows, faults included.
    public let rows: Int
    public let bytes: Int
    public let faults: [SampleFault]
    /// Prescribers planted as outliers in this file.
    public let outliers: [PlantedOutlier]
}

public enum SampleError: Error, Equatable, CustomStringConvertible {
    case invalidOptions(String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidOptions(let message): return "sample: \(message)"
        case .cannotWrite(let path, let reason): return "sample: cannot write \(path): \(reason)"
        }
    }
}

/// Writes CMS-shaped "Medicare Part D Prescribers – by Provider and Drug" files, one per data
/// year, deterministically: the same options give byte-identical files on any machine.
///
/// Prescribers are generated in chunks on all cores and written in order; memory is bounded by
/// one batch of chunks whatever the row count.
public struct SampleGenerator: Sendable {
    /// The exact CMS header, in file order (note the 65+ block's cost-before-day-supply order).
    public static let header = [
        "Prscrbr_NPI", "Prscrbr_Last_Org_Name", "Prscrbr_First_Name", "Prscrbr_City", "Prscrbr_State_Abrvtn",
        "Prscrbr_State_FIPS", "Prscrbr_Type", "Prscrbr_Type_Src", "Brnd_Name", "Gnrc_Name", "Tot_Clms",
        "Tot_30day_Fills", "Tot_Day_Suply", "Tot_Drug_Cst", "Tot_Benes", "GE65_Sprsn_Flag", "GE65_Tot_Clms",
        "GE65_Tot_30day_Fills", "GE65_Tot_Drug_Cst", "GE65_Tot_Day_Suply", "GE65_Bene_Sprsn_Flag", "GE65_Tot_Benes",
    ]

    /// CMS's file name for a data year, e.g. 2022 → `MUP_DPR_RY24_P04_V10_DY22_NPIBN`.
    public static func fileStem(year: Int) -> String {
        let dataYear = year % 100
        let releaseYear = (year + 2) % 100
        return String(format: "MUP_DPR_RY%02d_P04_V10_DY%02d_NPIBN", releaseYear, dataYear)
    }

    public let options: SampleOptions
    let catalog: SampleCatalog
    /// Prescribers per chunk: a unit of parallel work (~45 K rows). Output does not depend on it.
    let chunkSize: Int

    public init(options: SampleOptions) throws {
        try self.init(options: options, chunkSize: 2_048)
    }

    init(options: SampleOptions, chunkSize: Int) throws {
        guard options.rows >= 1 else { throw SampleError.invalidOptions("--rows must be at least 1") }
        guard options.rows <= 200_000_000 else { throw SampleError.invalidOptions("--rows must be at most 200,000,000 per year") }
        guard options.faults >= 0 else { throw SampleError.invalidOptions("--faults must not be negative") }
        guard options.faults <= options.rows else { throw SampleError.invalidOptions("--faults must not exceed --rows") }
        guard options.outliers >= 0 else { throw SampleError.invalidOptions("--outliers must not be negative") }
        guard options.years.lowerBound >= 2013, options.years.upperBound <= 2099, options.years.count <= 30 else {
            throw SampleError.invalidOptions("--years must lie within 2013…2099 and span at most 30 years")
        }
        self.options = options
        self.chunkSize = chunkSize
        catalog = SampleCatalog(seed: options.seed, yearCount: options.years.count)
    }

    /// The universe of prescribers is larger than any year needs; each year uses a prefix of it.
    var universe: Int { options.rows / 8 + 1_000 }

    /// The sidecar listing planted outliers (written only with `--outliers`).
    public static let plantedOutliersFile = "planted-outliers.tsv"

    /// Writes every year's file. `progress` is told of rows as they are written.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [SampleFileReport] {
        try FileManager.default.createDirectory(atPath: options.outputDirectory, withIntermediateDirectories: true)
        let reports = try options.years.enumerated().map { yearIndex, year in
            try writeYear(yearIndex: yearIndex, year: year, progress: progress)
        }
        if options.outliers > 0 {
            let path = (options.outputDirectory as NSString).appendingPathComponent(Self.plantedOutliersFile)
            let output = try SampleOutput(path: path, compression: .none)
            try output.write(SampleOutlierPlanner.tsv(reports.flatMap(\.outliers)))
            _ = try output.finish()
        }
        return reports
    }

    private func writeYear(yearIndex: Int, year: Int, progress: (@Sendable (Int) -> Void)?) throws -> SampleFileReport {
        let path = (options.outputDirectory as NSString).appendingPathComponent(Self.fileStem(year: year) + options.compression.fileSuffix)
        let plan = planRows(yearIndex: yearIndex)
        let faultPlan = planFaults(yearIndex: yearIndex)
        let outlierPlan = SampleOutlierPlanner.plan(count: options.outliers, yearIndex: yearIndex, rows: plan, generator: self)
        let output = try SampleOutput(path: path, compression: options.compression)
        var headerBytes = Array(Self.header.joined(separator: ",").utf8)
        headerBytes.append(0x0A)
        try output.write(headerBytes)

        let chunkCount = (plan.prescribers + chunkSize - 1) / chunkSize
        let batch = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        // Generation of the next batch overlaps compression and writing of this one.
        let writer = OrderedWriter(output)
        var faults: [SampleFault] = []
        var rowsWritten = 0
        var firstChunk = 0
        while firstChunk < chunkCount {
            let chunks = firstChunk..<min(chunkCount, firstChunk + batch)
            let results = IndexedSlots<Chunk>(count: chunks.count)
            let generator = self
            DispatchQueue.concurrentPerform(iterations: chunks.count) { offset in
                results.set(offset, generator.makeChunk(chunks.lowerBound + offset, yearIndex: yearIndex, plan: plan, faultPlan: faultPlan,
                                                         outlierPlan: outlierPlan))
            }
            var buffers: [[UInt8]] = []
            var batchRows = 0
            for offset in 0..<chunks.count {
                let chunk = results.take(offset)
                batchRows += chunk.rows
                for fault in chunk.faults {
                    faults.append(SampleFault(line: 1 + rowsWritten + fault.rowOffset + 1, kind: fault.kind))
                }
                buffers.append(chunk.bytes)
                rowsWritten += chunk.rows
            }
            try writer.submit(buffers)
            progress?(batchRows)
            firstChunk = chunks.upperBound
        }
        try writer.drain()
        let bytes = try output.finish()
        let planted = outlierPlan.keys.sorted().map { index in
            let p = SamplePrescriber.make(index: index, universe: universe, seed: options.seed, catalog: catalog, withPrefix: false)
            return PlantedOutlier(year: year, npi: p.npi, prescriberType: catalog.specialties[p.specialty].name,
                                  state: catalog.states[p.state].code, kind: outlierPlan[index]!)
        }
        return SampleFileReport(year: year, path: path, rows: rowsWritten, bytes: bytes, faults: faults, outliers: planted)
    }

    // MARK: Planning

    /// Rows per prescriber for one year, cut so the year has exactly `options.rows` rows.
    struct RowPlan: Sendable {
        let counts: [Int32]
        /// Row index (within the year, faults excluded) of each chunk's first row.
        let chunkStarts: [Int]
        var prescribers: Int { counts.count }
    }

    func planRows(yearIndex: Int) -> RowPlan {
        var counts: [Int32] = []
        var total = 0
        var index = 0
        while total < options.rows {
            precondition(index < universe, "sample universe exhausted")
            let prescriber = SamplePrescriber.make(
                index: index, universe: universe, seed: options.seed, catalog: catalog, withPrefix: false)
            var count = prescriber.rowCount(year: yearIndex, seed: options.seed, index: index)
            count = min(count, options.rows - total)
            counts.append(Int32(count))
            total += count
            index += 1
        }
        var chunkStarts: [Int] = []
        var running = 0
        for (i, count) in counts.enumerated() {
            if i % chunkSize == 0 { chunkStarts.append(running) }
            running += Int(count)
        }
        return RowPlan(counts: counts, chunkStarts: chunkStarts)
    }

    /// Faults go after distinct row positions, kinds in rotation so every kind appears.
    func planFaults(yearIndex: Int) -> [Int: SampleFaultKind] {
        guard options.faults > 0 else { return [:] }
        var random = SampleRandom(seed: options.seed, stream: 9, index: UInt64(yearIndex))
        var positions = Set<Int>()
        while positions.count < options.faults { positions.insert(random.below(options.rows)) }
        let kinds = SampleFaultKind.allCases
        var plan: [Int: SampleFaultKind] = [:]
        for (order, position) in positions.sorted().enumerated() { plan[position] = kinds[order % kinds.count] }
        return plan
    }

    // MARK: Generation

    struct Chunk: Sendable {
        var bytes: [UInt8] = []
        var rows = 0
        var faults: [(rowOffset: Int, kind: SampleFaultKind)] = []
    }

    func makeChunk(
        _ chunk: Int, yearIndex: Int, plan: RowPlan, faultPlan: [Int: SampleFaultKind], outlierPlan: [Int: SampleOutlierKind] = [:]
    ) -> Chunk {
        var result = Chunk()
        result.bytes.reserveCapacity(chunkSize * 24 * 150)
        var writer = SampleRowWriter(catalog: catalog, seed: options.seed, year: yearIndex)
        var figures: [SampleRowWriter.Figures] = []
        var rowIndex = plan.chunkStarts[chunk]
        let first = chunk * chunkSize
        for index in first..<min(plan.prescribers, first + chunkSize) {
            let count = Int(plan.counts[index])
            guard count > 0 else { continue }
            let prescriber = SamplePrescriber.make(index: index, universe: universe, seed: options.seed, catalog: catalog)
            figures.removeAll(keepingCapacity: true)
            if faultPlan.isEmpty {
                writer.appendRows(prescriber: prescriber, index: index, count: count, to: &result.bytes, figures: &figures,
                                  outlier: outlierPlan[index])
                result.rows += figures.count
                rowIndex += count
                continue
            }
            // With faults planned, write row by row so a fault can follow its row.
            var rowBytes: [UInt8] = []
            writer.appendRows(prescriber: prescriber, index: index, count: count, to: &rowBytes, figures: &figures,
                              outlier: outlierPlan[index])
            var start = 0
            for (offset, row) in figures.enumerated() {
                let end = rowBytes[start...].firstIndex(of: 0x0A)! + 1
                let line = rowBytes[start..<end]
                result.bytes += line
                result.rows += 1
                if let kind = faultPlan[rowIndex + offset] {
                    var random = SampleRandom(seed: options.seed, stream: 10 + UInt64(yearIndex) << 8, index: UInt64(rowIndex + offset))
                    let bad = SampleFaultMaker(writer: writer, prescriber: prescriber, row: row, line: Array(line))
                        .make(kind, random: &random)
                    result.faults.append((result.rows, kind))
                    result.bytes += bad
                    result.rows += 1
                }
                start = end
            }
            rowIndex += count
        }
        return result
    }
}

/// Writes batches in submission order on a background queue, at most two batches in flight,
/// so memory stays bounded while generation runs ahead.
/// Unchecked: pending batches and the error are guarded by its NSLock; writes run on one serial queue.
private final class OrderedWriter: @unchecked Sendable {
    private let output: SampleOutput
    private let queue = DispatchQueue(label: "rxpipe.sample.writer")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var failure: Error?

    init(_ output: SampleOutput) { self.output = output }

    func submit(_ buffers: [[UInt8]]) throws {
        try checkFailure()
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard currentFailure() == nil else { return }
            do {
                for buffer in buffers { try output.write(buffer) }
            } catch {
                lock.lock()
                failure = error
                lock.unlock()
            }
        }
    }

    /// Waits for every submitted batch and rethrows the first write error.
    func drain() throws {
        queue.sync {}
        try checkFailure()
    }

    private func currentFailure() -> Error? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    private func checkFailure() throws {
        if let failure = currentFailure() { throw failure }
    }
}
