import Foundation
import Testing

@testable import RxCore

@Suite struct ReferenceTests {
    @Test func npiCheckDigitsMatchKnownNumbers() {
        // 1234567893 is CMS's documented example; 1003000142 is a real prescriber in the 2024 file.
        #expect(NPI.isValid("1234567893"))
        #expect(NPI.isValid("1003000142"))
        #expect(NPI.make(base: 123_456_789) == 1_234_567_893)
        for wrong in ["1234567890", "1234567894", "123456789", "12345678933", "12345678a3", ""] {
            #expect(!NPI.isValid(wrong), "\(wrong)")
        }
    }

    @Test func everyCheckDigitIsTheOnlyValidOne() {
        for base in stride(from: 100_000_000, to: 199_999_999, by: 9_999_991) {
            let valid = (0...9).filter { NPI.isValid(String(base * 10 + $0)) }
            #expect(valid == [NPI.checkDigit(base: base)])
        }
    }

    @Test func stateTableMatchesTheShippedCSV() throws {
        let csv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../assets/us-states.csv")
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(lines.count == 56)
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let info = try #require(StateReference.info(fields[0]))
            #expect(info.fips == fields[1])
            #expect(info.name == fields[2])
            #expect(info.region == fields[3])
            #expect(info.division == fields[4])
            #expect(info.population == Int(fields[5]))
        }
        #expect(StateReference.all.count == 62)
        for code in ["FM", "AA", "AE", "AP", "XX", "ZZ"] { #expect(StateReference.info(code) != nil) }
        let states = StateReference.all.filter { $0.kind == .state }
        #expect(states.count == 50)
        #expect(states.reduce(0) { $0 + $1.population! } + StateReference.info("DC")!.population! == 331_449_281)
    }

    @Test func populationSourceIsTheVintageTheProvenanceNoteStates() throws {
        let note = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../assets/us-states.README.md")
        let text = try String(contentsOf: note, encoding: .utf8)
        #expect(text.contains("`population_2020`: resident population on 1 April 2020 (2020 Census"))
        #expect(StateReference.populationSource.contains("2020 Census resident population (1 April 2020)"))
    }
}
