import Foundation
import Testing

@testable import Cleansing

@Suite struct NormalizationTests {
    func norm(_ s: String) -> String? { TextNormalization.normalize(s) }

    @Test func trimsAndCollapsesWhitespaceIncludingNBSP() {
        #expect(norm("  Atorvastatin \t\u{00A0} Calcium  ") == "Atorvastatin Calcium")
        #expect(norm("\u{00A0}") == nil)
        #expect(norm("") == nil)
        #expect(norm("a\nb") == "a b")
    }

    @Test func composesToNFC() {
        let decomposed = "Nguye\u{0302}\u{0303}n"
        let composed = "Nguyễn"
        #expect(decomposed.unicodeScalars.count != composed.unicodeScalars.count)
        #expect(norm(decomposed).map { Array($0.unicodeScalars) } == Array(composed.unicodeScalars))
    }

    @Test func plainASCIIIsUntouched() {
        let bytes = Array("Sertraline Hcl".utf8)
        #expect(bytes.withUnsafeBytes { TextNormalization.isPlainASCII($0) })
        #expect(!Array("two  spaces".utf8).withUnsafeBytes { TextNormalization.isPlainASCII($0) })
        #expect(Array(" x".utf8).withUnsafeBytes { TextNormalization.normalize($0) } == "x")
    }

    @Test func drugIDIsDeterministicAndPositive() {
        let key = DrugIdentities.Key(brand: "LIPITOR", generic: "ATORVASTATIN CALCIUM")
        #expect(DrugIdentities.hash(key) == DrugIdentities.hash(key))
        #expect(DrugIdentities.hash(key) >= 1)
        // Colliding identities are resolved in key order, whatever order they arrive in.
        var a = DrugIdentities(), b = DrugIdentities()
        let names = ["A", "B", "C", "D"]
        for n in names { _ = a.identity(brand: a.brands.id(normalized: n), generic: a.generics.id(normalized: n)) }
        for n in names.reversed() { _ = b.identity(brand: b.brands.id(normalized: n), generic: b.generics.id(normalized: n)) }
        a.assignIDs()
        b.assignIDs()
        let idsA = Dictionary(uniqueKeysWithValues: zip(a.keys.map(\.brand), a.ids))
        let idsB = Dictionary(uniqueKeysWithValues: zip(b.keys.map(\.brand), b.ids))
        #expect(idsA == idsB)
    }
}
