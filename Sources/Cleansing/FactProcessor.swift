import Dispatch
import Foundation
import Lake
import RxCore

/// Runs the shared rules over prescriber-drug batches from either raw layout and writes
/// `cleansed/prescriber_drug` and `cleansed/prescriber` in source order.
///
/// Per row: the reject rules in `CleanseRule` order (the first that fires sends the row to
/// quarantine), then duplicate / conflicting-key detection, then the fixes (suppression, FIPS)
/// and warnings on the rows that are kept. The prescriber of each (year, NPI) is written when
/// its group ends (grouped input) or at the end (ungrouped), in order of its first kept row.
final class FactProcessor {
    struct Counts { var raw = 0, cleansed = 0, quarantined = 0, duplicates = 0 }

    let names: FactColumnNames
    let suppressBelow: Int64
    /// Data years accepted (`[source] min_year`…`max_year`).
    let years: ClosedRange<Int64>
    let rawTable: String
    let quarantine: QuarantineSink
    /// Indices into `FactBatch.raw` of the quarantine columns, in `quarantine.columns` order.
    let quarantineColumns: [Int]
    private(set) var ledger = RuleLedger()
    private(set) var counts = Counts()
    private var dedup: FactDeduplicator
    private var votes = PrescriberVotes()
    private(set) var drugReferenced: [Bool]
    private let pseudonymizer: Pseudonymizer?
    private let facts: FixedRowGroupWriter
    private let prescribers: FixedRowGroupWriter
    private(set) var prescriberRows = 0
    let interners: Interners

    init(names: FactColumnNames, suppressBelow: Int, years: ClosedRange<Int>, rawTable: String, quarantine: QuarantineSink, quarantineColumns: [Int],
         grouped: Bool, pseudonymizer: Pseudonymizer?, interners: Interners,
         facts: FixedRowGroupWriter, prescribers: FixedRowGroupWriter) {
        self.names = names
        self.suppressBelow = Int64(suppressBelow)
        self.years = Int64(years.lowerBound)...Int64(years.upperBound)
        self.rawTable = rawTable
        self.quarantine = quarantine
        self.quarantineColumns = quarantineColumns
        dedup = FactDeduplicator(grouped: grouped)
        self.pseudonymizer = pseudonymizer
        self.interners = interners
        self.facts = facts
        self.prescribers = prescribers
        drugReferenced = Array(repeating: false, count: interners.drugs.count)
    }

    private func texts(_ b: FactBatch, _ r: Int) -> [String?] { quarantineColumns.map { b.raw[$0].text(at: r) } }

    private func example(_ b: FactBatch, _ r: Int, _ message: String) -> RuleExample {
        RuleExample(table: rawTable, source: b.sourceText(r), line: b.line[r], message: message,
                    values: Dictionary(zip(quarantine.columns, quarantine.values(texts(b, r))), uniquingKeysWith: { a, _ in a }))
    }

    /// The first reject rule row `r` breaks, with its message: the layout's finding (a rescued
    /// field, an orphan, …) or `FactRuleCheck`'s, whichever comes first in `CleanseRule` order.
    private func reject(_ b: FactBatch, _ r: Int) -> (CleanseRule, String)? {
        let layout = b.layoutRejects[r]
        guard let check = FactRuleCheck.first(b, r, years: years) else { return layout.map { ($0.rule, $0.message) } }
        if let layout, CleanseRule.allCases.firstIndex(of: layout.rule)! < CleanseRule.allCases.firstIndex(of: check.rule)! {
            return (layout.rule, layout.message)
        }
        return (check.rule, check.message(b, r, names: names, years: years))
    }

    static func validNPI(_ npi: Int64) -> Bool {
        guard npi >= 1_000_000_000, npi <= 9_999_999_999 else { return false }
        return NPI.checkDigit(base: Int(npi / 10)) == Int(npi % 10)
    }

    static func fingerprint(_ b: FactBatch, _ r: Int) -> UInt64 {
        var h = FigureHasher()
        @inline(__always) func add(_ c: NullableInts) { h.add(UInt64(bitPattern: c.values[r]), valid: !c.isNull(r)) }
        @inline(__always) func add(_ c: NullableDoubles) { h.add(c.values[r].bitPattern, valid: !c.isNull(r)) }
        @inline(__always) func add(_ c: NullableCents) { h.add(UInt64(bitPattern: c.values[r]), valid: !c.isNull(r)) }
        add(b.claims); add(b.daySupply); add(b.benes); add(b.ge65Claims); add(b.ge65DaySupply); add(b.ge65Benes)
        add(b.fills); add(b.cost); add(b.ge65Fills); add(b.ge65Cost)
        h.add(UInt64(b.ge65Flag[r].rawValue), valid: true)
        h.add(UInt64(b.ge65BeneFlag[r].rawValue), valid: true)
        // The prescriber's name, city, state and specialty too: a row that repeats the figures
        // under another name is no exact copy (it is a conflicting key, quarantined and counted).
        h.add(UInt64(bitPattern: Int64(b.attributes[r])), valid: b.attributes[r] >= 0)
        return h.value
    }

    /// True when some reject rule fires (`reject`'s rules, without building a message).
    @inline(__always)
    static func breaksARule(_ b: FactBatch, _ r: Int, years: ClosedRange<Int64>) -> Bool {
        b.layoutRejects[r] != nil || FactRuleCheck.first(b, r, years: years) != nil
    }

    /// The stateless part of the rules for every row, on all cores: 0 = passes the reject rules
    /// (then `prints` holds its fingerprint), 1 = breaks one.
    static func screen(_ b: FactBatch, years: ClosedRange<Int64>) -> (failed: [Bool], prints: [UInt64]) {
        let n = b.rows
        var failed = [Bool](repeating: false, count: n)
        var prints = [UInt64](repeating: 0, count: n)
        let parts = n >= 32_768 ? max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) : 1
        failed.withUnsafeMutableBufferPointer { f in
            prints.withUnsafeMutableBufferPointer { p in
                let out = SendableBuffers(failed: f, prints: p)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    for r in (n * part / parts)..<(n * (part + 1) / parts) {
                        if breaksARule(b, r, years: years) { out.failed[r] = true } else { out.prints[r] = fingerprint(b, r) }
                    }
                }
            }
        }
        return (failed, prints)
    }

    /// Processes one batch (all rows of one year partition or several, in source order).
    func process(_ input: FactBatch) throws {
        var b = input
        counts.raw += b.rows
        var kept: [Int] = []
        kept.reserveCapacity(b.rows)
        let (failed, prints) = Self.screen(b, years: years)
        for r in 0..<b.rows {
            if failed[r] {
                guard let (rule, message) = reject(b, r) else { preconditionFailure("screen and reject disagree at row \(r)") }
                try quarantineRow(b, r, rule, message)
                continue
            }
            let year = Int32(truncatingIfNeeded: b.year.values[r])
            let npi = b.npi.values[r]
            let group = FactDeduplicator.group(year: year, npi: npi)
            let outcome = try dedup.check(group: group, drug: b.drug[r], fingerprint: prints[r]) { closed in
                try emitPrescriber(closed, votes.take(closed))
            }
            switch outcome {
            case .duplicate:
                counts.duplicates += 1
                ledger.record(.duplicateRow) { example(b, r, "exact copy of an earlier row for the same year, NPI and drug") }
                continue
            case .conflict:
                try quarantineRow(b, r, .conflictingKey, "same year, NPI and drug as an earlier kept row, with different figures or prescriber details")
                continue
            case .new:
                break
            }
            applyFixes(&b, r)
            checkWarnings(b, r)
            votes.add(group: group, tuple: b.attributes[r], line: b.line[r], source: b.sourceText(r))
            drugReferenced[Int(b.drug[r])] = true
            kept.append(r)
        }
        counts.cleansed += kept.count
        try write(b, kept)
    }

    private func quarantineRow(_ b: FactBatch, _ r: Int, _ rule: CleanseRule, _ message: String) throws {
        let year = Int32(truncatingIfNeeded: b.year.get(r) ?? 0)
        let values = try quarantine.add(texts: texts(b, r), year: year, rule: rule, message: message, source: b.sourceText(r), line: b.line[r])
        counts.quarantined += 1
        ledger.record(rule) { RuleExample(table: rawTable, source: b.sourceText(r), line: b.line[r], message: message, values: values) }
    }

    private func applyFixes(_ b: inout FactBatch, _ r: Int) {
        var fixed: [String] = []
        if b.ge65Flag[r].isSuppressed {
            var any = false
            if !b.ge65Claims.isNull(r) { b.ge65Claims.setNull(r); any = true }
            if !b.ge65DaySupply.isNull(r) { b.ge65DaySupply.setNull(r); any = true }
            if !b.ge65Fills.isNull(r) { b.ge65Fills.setNull(r); any = true }
            if !b.ge65Cost.isNull(r) { b.ge65Cost.setNull(r); any = true }
            if any { fixed.append("65+ figures present although \(names.ge65Flag) is \(b.ge65Flag[r].text!)") }
        }
        if b.ge65BeneFlag[r].isSuppressed && !b.ge65Benes.isNull(r) {
            b.ge65Benes.setNull(r)
            fixed.append("\(names.ge65Benes) present although \(names.ge65BeneFlag) is \(b.ge65BeneFlag[r].text!)")
        }
        if let v = b.benes.get(r), v >= 1, v < suppressBelow {
            b.benes.setNull(r)
            fixed.append("\(names.benes) of \(v) published (counts 1-\(suppressBelow - 1) are suppressed)")
        }
        if let v = b.ge65Benes.get(r), v >= 1, v < suppressBelow {
            b.ge65Benes.setNull(r)
            fixed.append("\(names.ge65Benes) of \(v) published (counts 1-\(suppressBelow - 1) are suppressed)")
        }
        if !fixed.isEmpty {
            let message = fixed.joined(separator: "; ") + ": nulled"
            ledger.record(.suppression) { example(input: b, r, message) }
        }
        if !b.fipsFixed.isEmpty && b.fipsFixed.contains(r) {
            ledger.record(.stateFIPS) { example(input: b, r, "state FIPS code replaced by the one of the state code") }
        }
        if !b.stateFromPrescriber.isEmpty, let message = b.stateFromPrescriber[r] {
            ledger.record(.prescriberConflict) { example(input: b, r, message) }
        }
        if !b.notes.isEmpty, let notes = b.notes[r] {
            for note in notes { ledger.record(note.rule) { example(input: b, r, note.message) } }
        }
    }

    private func example(input b: FactBatch, _ r: Int, _ message: String) -> RuleExample { example(b, r, message) }

    private func checkWarnings(_ b: FactBatch, _ r: Int) {
        if let fills = b.fills.get(r), fills < Double(b.claims.values[r]) {
            ledger.record(.fillsVsClaims) { example(b, r, "\(names.fills) \(fills) is below \(names.claims) \(b.claims.values[r])") }
        }
        var over: [String] = []
        if let a = b.ge65Claims.get(r), a > b.claims.values[r] { over.append(names.ge65Claims) }
        if let a = b.ge65Fills.get(r), let t = b.fills.get(r), a > t { over.append(names.ge65Fills) }
        if let a = b.ge65Cost.get(r), a > b.cost.values[r] { over.append(names.ge65Cost) }
        if let a = b.ge65DaySupply.get(r), let t = b.daySupply.get(r), a > t { over.append(names.ge65DaySupply) }
        if let a = b.ge65Benes.get(r), let t = b.benes.get(r), a > t { over.append(names.ge65Benes) }
        if !over.isEmpty {
            ledger.record(.ge65WithinTotal) { example(b, r, over.joined(separator: ", ") + " above the total") }
        }
    }

    private func write(_ b: FactBatch, _ kept: [Int]) throws {
        guard !kept.isEmpty else { return }
        var start = 0
        while start < kept.count {
            let year = b.year.values[kept[start]]
            var end = start + 1
            while end < kept.count && b.year.values[kept[end]] == year { end += 1 }
            try facts.append(partition: Int32(truncatingIfNeeded: year), columns: columns(b, Array(kept[start..<end])))
            start = end
        }
    }

    private func columns(_ b: FactBatch, _ rows: [Int]) -> [ColumnVector] {
        func gathered<C: NullableValues>(_ c: C, _ make: ([C.Element]) -> ColumnVector.Values) -> ColumnVector {
            let v = rows.map { c.values[$0] }
            guard let valid = c.valid else { return ColumnVector(make(v)) }
            let g = rows.map { valid[$0] }
            return ColumnVector(make(rows.indices.map { g[$0] ? v[$0] : 0 }), validity: g.allSatisfy { $0 } ? nil : g)
        }
        func ints(_ c: NullableInts) -> ColumnVector { gathered(c) { .int64($0) } }
        func doubles(_ c: NullableDoubles) -> ColumnVector { gathered(c) { .double($0) } }
        func cents(_ c: NullableCents) -> ColumnVector { gathered(c) { .decimal($0) } }
        func flags(_ f: [SuppressionFlag]) -> ColumnVector {
            var s = StringArray()
            var valid = [Bool]()
            valid.reserveCapacity(rows.count)
            for r in rows {
                if let t = f[r].text { s.append(t); valid.append(true) } else { s.appendEmpty(); valid.append(false) }
            }
            return ColumnVector(.string(s), validity: valid.allSatisfy { $0 } ? nil : valid)
        }
        let year = ColumnVector(.int32(rows.map { Int32(truncatingIfNeeded: b.year.values[$0]) }))
        let npi: ColumnVector
        if let p = pseudonymizer {
            npi = ColumnVector(.int64(rows.map { p.pseudonym(b.npi.values[$0]) }))
        } else {
            npi = ColumnVector(.int64(rows.map { b.npi.values[$0] }))
        }
        let ids = interners.drugs.ids
        let drug = ColumnVector(.int32(rows.map { ids[Int(b.drug[$0])] }))
        return [year, npi, drug, ints(b.claims), doubles(b.fills), ints(b.daySupply), cents(b.cost), ints(b.benes),
                flags(b.ge65Flag), ints(b.ge65Claims), doubles(b.ge65Fills), cents(b.ge65Cost), ints(b.ge65DaySupply),
                flags(b.ge65BeneFlag), ints(b.ge65Benes)]
    }

    // MARK: Prescribers

    private func emitPrescriber(_ group: UInt64, _ candidates: [PrescriberVotes.Candidate]) throws {
        guard let winner = candidates.first else { return }
        let year = Int32(truncatingIfNeeded: group >> 34)
        let npi = Int64(group & 0x3_FFFF_FFFF)
        let t = interners.tuples
        if candidates.count > 1 {
            let others = candidates.dropFirst()
            ledger.record(.prescriberConflict) {
                let shownNPI = pseudonymizer.map { String($0.pseudonym(text: String(npi))) } ?? String(npi)
                return RuleExample(
                    table: rawTable, source: others.first!.firstSource, line: others.first!.firstLine,
                    message: "\(names.npi) has \(candidates.count) different attribute sets in \(year); kept the one on \(winner.count) rows (first at line \(winner.firstLine))",
                    values: [names.npi: shownNPI, "year": String(year)])
            }
        }
        let tuple = t.tuples[Int(winner.tuple)]
        let shownNPI: Int64
        if let p = pseudonymizer {
            shownNPI = p.pseudonym(npi)
        } else {
            shownNPI = npi
        }
        let hide = pseudonymizer != nil
        let state = StateReference.all[Int(tuple.state)]
        try prescribers.append(partition: year) { c in
            c[0].append(int32: year)
            c[1].append(int64: shownNPI)
            c[2].append(string: hide ? nil : t.last.text(tuple.last))
            c[3].append(string: hide ? nil : t.first.text(tuple.first))
            c[4].append(string: t.city.text(tuple.city))
            c[5].append(string: state.code)
            c[6].append(string: state.fips.isEmpty ? nil : state.fips)
            c[7].append(string: t.type.text(tuple.type))
            c[8].append(string: t.typeSource.text(tuple.typeSource))
        }
        prescriberRows += 1
    }

    /// Ends the input: writes the prescribers still pending.
    func finish() throws {
        try dedup.finish { closed in try emitPrescriber(closed, votes.take(closed)) }
        for (group, candidates) in votes.takeAll() { try emitPrescriber(group, candidates) }
    }
}

/// The output buffers of `screen`; each worker writes a disjoint range.
/// Unchecked: raw buffers; each worker writes a disjoint range of rows and the caller reads after all joined.
private struct SendableBuffers: @unchecked Sendable {
    let failed: UnsafeMutableBufferPointer<Bool>
    let prints: UnsafeMutableBufferPointer<UInt64>
}
