import Testing
import Lake
@testable import Profiling

@Suite struct SemanticTypeTests {
    @Test(arguments: [
        ("Prscrbr_NPI", ColumnType.int64, SemanticType.identifier), ("npi", .int64, .identifier),
        ("drug_id", .int32, .identifier), ("_line", .int64, .identifier), ("Prscrbr_NPI", .string, .identifier),
        ("state", .string, .code), ("state_fips", .string, .code), ("Prscrbr_State_FIPS", .string, .code),
        ("Prscrbr_State_Abrvtn", .string, .code), ("Prscrbr_Type_Src", .string, .code), ("type_source", .string, .code),
        ("year", .int32, .period), ("data_year", .int64, .period),
        ("GE65_Sprsn_Flag", .string, .flag), ("ge65_bene_sprsn_flag", .string, .flag), ("is_generic", .boolean, .flag),
        ("rank_claims", .int32, .ordinal), ("rank", .int32, .ordinal), ("rank_in_state", .int32, .ordinal),
    ])
    func namesGiveTheirType(_ name: String, _ type: ColumnType, _ expected: SemanticType) {
        #expect(SemanticType.fromName(name, type: type) == expected)
    }

    @Test func namesThatSayNothingLeaveItToTheData() {
        for (name, type) in [("Tot_Clms", ColumnType.int64), ("tot_drug_cst", .double), ("Prscrbr_City", .string),
                             ("generic_name", .string), ("year", .string), ("population", .int64)] {
            #expect(SemanticType.fromName(name, type: type) == nil, "\(name)")
        }
    }

    @Test func dataRules() {
        func numeric(count: Int, distinct: Int, ascending: Bool, integer: Bool = true) -> SemanticType {
            SemanticType.refined(integer: integer, count: count, distinct: distinct, ascending: ascending, isString: false, minRows: 30)
        }
        // Every value different and in order: row numbers, not a quantity.
        #expect(numeric(count: 100, distinct: 100, ascending: true) == .identifier)
        #expect(numeric(count: 100, distinct: 100, ascending: false) == .measure)
        #expect(numeric(count: 100, distinct: 99, ascending: true) == .measure)
        #expect(numeric(count: 100, distinct: 100, ascending: true, integer: false) == .measure)
        // Three yearly totals prove nothing.
        #expect(numeric(count: 3, distinct: 3, ascending: true) == .measure)
        func string(count: Int, distinct: Int) -> SemanticType {
            SemanticType.refined(integer: false, count: count, distinct: distinct, ascending: false, isString: true, minRows: 30)
        }
        #expect(string(count: 100, distinct: 2) == .flag)
        #expect(string(count: 100, distinct: 3) == .text)
        #expect(string(count: 5, distinct: 2) == .text)
    }

    func keys(_ values: [Int64]) -> ExpandedKeys {
        var k = values.map(OrderedKey.key)
        RadixSort.sort(&k)
        return ExpandedKeys(keys: k)
    }

    @Test func identifiersGetShapesAndTheNPICheckButNoMoments() {
        let pseudonym = Int64(1) << 61 + 12345
        // 1234567893 is valid (CMS's example NPI); 1234567890 is not.
        let s = NumericSummary.make(
            keys([1_234_567_893, 1_234_567_893, 1_234_567_890, 42, pseudonym]), isInteger: true, nan: 0, bins: 4, logRatio: 100,
            semantic: .identifier, checkNPI: true)
        #expect(s.distinct == 4)
        #expect(s.mean == nil && s.std == nil && s.histogram == nil && s.quantiles.isEmpty)
        let c = try! #require(s.categories)
        #expect(c.validity == NPIValidity(checked: 4, valid: 2, pseudonyms: 1))
        #expect(c.validity?.validShare == 0.5)
        #expect(c.shapes.map(\.value) == ["9999999999", "99", "9999999999999999999"])
        #expect(c.shapes.map(\.count) == [3, 1, 1])
        #expect(c.valueCounts == nil)
    }

    @Test func periodsAreCountedInOrder() {
        let s = NumericSummary.make(keys([2023, 2021, 2021, 2022, 2021]), isInteger: true, nan: 0, bins: 4, logRatio: 100, semantic: .period)
        #expect(s.min == .int(2021) && s.max == .int(2023) && s.mean == nil)
        #expect(s.categories?.valueCounts == [.init(value: "2021", count: 3), .init(value: "2022", count: 1), .init(value: "2023", count: 1)])
        #expect(s.categories?.valueCountsComplete == true)
    }

    @Test func ordinalsKeepOrderStatisticsOnly() {
        let s = NumericSummary.make(keys([1, 2, 3, 4, 5]), isInteger: true, nan: 0, bins: 4, logRatio: 100, semantic: .ordinal)
        #expect(s.quantiles[3] == 3)
        #expect(s.mean == nil && s.histogram == nil && s.categories == nil)
    }

    @Test func theJSONOfAnIdentifierHasNoMeanOrSum() {
        var c = ColumnProfile(name: "npi", type: "int64", kind: .numeric, semantic: .identifier, rows: 2, nulls: 0)
        c.numeric = NumericSummary.make(keys([1_234_567_893, 1_245_319_599]), isInteger: true, nan: 0, bins: 4, logRatio: 100,
                                        semantic: .identifier, checkNPI: true)
        c.validity = c.numeric?.categories?.validity
        let column = ColumnDocument(c)
        #expect(column.semanticType == "identifier" && column.validity?.valid == 2)
        #expect(column.mean == nil && column.sum == nil && column.std == nil && column.min == nil)
        #expect(column.skewness == nil && column.quantiles == nil && column.histogram == nil)
        #expect(column.shapes?.first?.value == "9999999999")
    }
}
