import Testing

@testable import Site

@Suite struct CSVExportTests {
    @Test func integersAreWrittenLikeSwiftPrintsThem() {
        for v: Int64 in [0, 7, -5, 10, 1_234_567_893, .max, .min] {
            var out: [UInt8] = []
            CSVExport.appendInteger(v, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(v))
        }
    }

    @Test func textCellsAreQuotedAndFormulaSafe() {
        for (text, expected) in [("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("=SUM(A1)", "'=SUM(A1)"),
                                 ("-5 mg", "'-5 mg"), ("line\nbreak", "\"line\nbreak\""), ("@x,y", "\"'@x,y\"")] {
            var out: [UInt8] = []
            Array(text.utf8).withUnsafeBytes { CSVExport.appendText($0, to: &out) }
            #expect(String(decoding: out, as: UTF8.self) == expected, "\(text)")
        }
    }
}
