import Disclosure
import Foundation
import Testing

@testable import Profiling

/// The published profile (`ProfileDocument.redacted(by:)`): what the disclosure policy removes,
/// what it suppresses (null, named in `suppressed`) and what it keeps.
@Suite struct ProfileRedactionTests {
    let policy = DisclosurePolicy(suppressBelow: 11, pseudonymized: false)

    func document(_ columns: [ColumnDocument], zone: String) -> ProfileDocument {
        ProfileDocument(
            schemaVersion: ProfileDocument.schemaVersion, zone: zone, table: "t", tableVersion: 1, contentHash: "h", rows: 100,
            columns: columns.count, sizeBytes: 1, duplicateRows: 0, duplicateRowShare: 0, missingCells: 0, missingCellsShare: 0,
            passes: 1, belowMinRows: false,
            settings: .init(
                exactMemoryMb: 1, distinctExactMb: 1, histogramBins: 3, logHistogramMinRatio: 100, spearmanMaxRows: 1, minRows: 30,
                flagMaxDistinct: 10, highCardinalityDistinct: 50, highMissingShare: 0.2, uniqueShare: 1, correlationThreshold: 0.9,
                skewnessThreshold: 20, zerosShare: 0.1, imbalanceThreshold: 0.5, suppressedShare: 0.25),
            columnProfiles: columns,
            correlations: .init(columns: [], note: nil, pearson: [], spearman: [], spearmanRows: 0, spearmanRowStride: 1), alerts: [])
    }

    func redact(_ column: ColumnDocument, zone: String, policy: DisclosurePolicy? = nil) -> ColumnDocument {
        document([column], zone: zone).redacted(by: policy ?? self.policy).columnProfiles[0]
    }

    func measure(_ name: String) -> ColumnDocument {
        var c = ColumnDocument(
            name: name, type: "int64", kind: "numeric", semanticType: "measure", count: 100, nulls: 0, nullShare: 0,
            distinct: .init(value: 40, exact: true, relativeError: nil))
        (c.min, c.max, c.sum, c.mean, c.std) = (.some(.int(7)), .some(.int(1648)), .some(.int(2107)), .some(21.07), .some(3.1))
        (c.zeros, c.negatives, c.iqr) = (0, 0, .some(18))
        c.quantiles = .init(method: "exact_linear", p1: 8, p5: 9, p25: 12, p50: 20, p75: 30, p95: 100, p99: 164)
        c.histogram = .some(.init(edges: [7, 9.2, 12, 16], counts: [6, 50, 44]))
        c.logHistogram = .some(.init(edges: [7, 12, 1648], counts: [56, 44]))
        c.topValues = [.init(value: "7", count: 3, share: 0.03), .init(value: "20", count: 9, share: 0.09)]
        return c
    }

    @Test func beneficiaryColumnsLoseSumsAndSmallValues() throws {
        let published = document([measure("Tot_Benes")], zone: "raw").redacted(by: policy)
        let c = published.columnProfiles[0]
        #expect(c.sum == nil && c.mean == nil && c.zeros == nil && c.negatives == nil)
        #expect(c.min == .some(nil) && c.max == .some(.int(1648)))
        #expect(c.quantiles?.p1 == nil && c.quantiles?.p5 == nil && c.quantiles?.p25 == 12 && c.quantiles?.p50 == 20)
        #expect(c.suppressed == ["min", "p1", "p5"])
        #expect(c.histogram == .some(.init(edges: [0, 12, 16], counts: [56, 44])))
        #expect(c.logHistogram == .some(nil))
        #expect(c.topValues?.map(\.value) == ["20"])
        #expect(c.std == .some(3.1))
        #expect(published.disclosure == .init(suppressBelow: 11, pseudonymized: false))
        // The published file says null for what was suppressed and leaves out what was withheld.
        let json = String(decoding: try published.encoded(), as: UTF8.self)
        #expect(json.contains("\"min\" : null") && !json.contains("\"sum\""))
        #expect(try ProfileDocument.decode(try published.encoded(), path: "p.json") == published)
    }

    @Test func aHistogramEntirelyBelowTheThresholdBecomesOneBin() {
        var small = measure("Tot_Benes")
        small.histogram = .some(.init(edges: [1, 4, 8], counts: [3, 4]))
        #expect(redact(small, zone: "raw").histogram == .some(.init(edges: [0, 11], counts: [7])))
    }

    @Test func claimColumnsKeepTheirSum() {
        let c = redact(measure("tot_clms"), zone: "cleansed")
        #expect(c.sum == .some(.int(2107)) && c.min == .some(nil))
    }

    @Test func anEmptyColumnsNullMinimumIsNotCalledSuppressed() {
        var empty = measure("Tot_Benes")
        (empty.min, empty.max, empty.quantiles) = (.some(nil), .some(nil), .init(method: "exact_linear"))
        #expect(redact(empty, zone: "cleansed").suppressed == nil)
    }

    @Test func pseudonymisingKeepsOnlyCountsOfRealIdentities() {
        var npi = measure("Prscrbr_NPI")
        npi.semanticType = "identifier"
        (npi.min, npi.max) = (.some(.int(1_003_000_142)), .some(.int(1_999_999_999)))
        var name = ColumnDocument(
            name: "Prscrbr_Last_Org_Name", type: "string", kind: "string", semanticType: "text", count: 10, nulls: 0, nullShare: 0,
            distinct: .init(value: 3, exact: true, relativeError: nil))
        name.topValues = [.init(value: "Khalil", count: 4, share: 0.4)]
        var source = name
        source.name = "_source"
        source.topValues = [.init(value: "MUP.csv", count: 10, share: 1)]
        source.shapes = [.init(value: "AAA.aaa", count: 10, share: 1)]
        let pseudonymising = DisclosurePolicy(suppressBelow: 11, pseudonymized: true)
        let raw = document([npi, name, source], zone: "raw").redacted(by: pseudonymising).columnProfiles
        #expect(raw[0].min == nil && raw[0].mean == nil && raw[0].distinct.value == 40)
        #expect(raw[1].topValues == nil)
        #expect(raw[2].topValues == nil && raw[2].shapes == nil)
        // Cleansed NPIs are pseudonyms by then: their figures stay.
        var pseudonyms = npi
        pseudonyms.name = "npi"
        pseudonyms.min = .some(.int(2_306_610_685_573_868_427))
        #expect(redact(pseudonyms, zone: "cleansed", policy: pseudonymising).min != nil)
        // Without pseudonymisation the NPIs CMS publishes stay.
        #expect(redact(npi, zone: "raw").min != nil)
    }

    @Test func flaggedColumnsOfRowLevelZonesLoseTheirExtremes() {
        var ge65 = measure("GE65_Tot_Drug_Cst")
        (ge65.min, ge65.max, ge65.mean) = (.some(.double(1.5)), .some(.double(99999)), .some(300))
        ge65.topValues = [.init(value: "1.5", count: 1, share: 0.01)]
        let raw = redact(ge65, zone: "raw")
        #expect(raw.min == nil && raw.max == nil && raw.topValues == nil && raw.mean == .some(300))
        #expect(redact(ge65, zone: "cleansed").max != nil)
    }

    @Test func aRenamedKeyIsNamedWhenReading() throws {
        let bytes = try document([measure("tot_clms")], zone: "cleansed").encoded()
        let renamed = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"semantic_type\"", with: "\"semantic\"").utf8)
        #expect(throws: ProfileDocumentError.self) { try ProfileDocument.decode(renamed, path: "p.json") }
        do {
            _ = try ProfileDocument.decode(renamed, path: "p.json")
        } catch {
            #expect(error.description == "p.json: missing key column_profiles[0].semantic_type")
        }
        let old = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"schema_version\" : 2", with: "\"schema_version\" : 1").utf8)
        #expect(throws: ProfileDocumentError.self) { try ProfileDocument.decode(old, path: "p.json") }
    }
}
