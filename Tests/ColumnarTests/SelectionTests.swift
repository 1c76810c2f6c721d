import Lake
import Testing
@testable import Columnar

@Suite struct SelectionTests {
    @Test func selectsByPredicateSkippingNulls() throws {
        let claims = ColumnVector(.int64([5, 11, 40, 11, 0]), validity: [true, true, true, false, true])
        #expect(try Selection.whereInt(claims) { $0 >= 11 }.rows == [1, 2])
        #expect(Selection.nonNull(claims).rows == [0, 1, 2, 4])
        let cost = ColumnVector(.double([1.5, -2, 3, 4, 0]))
        #expect(try Selection.whereDouble(cost) { $0 > 0 }.rows == [0, 2, 3])
        #expect(try Selection.whereInt(claims) { $0 >= 11 }.intersection(try Selection.whereDouble(cost) { $0 > 0 }).rows == [2])
        let flag = ColumnVector(.boolean([true, false, true]), validity: [true, true, false])
        #expect(try Selection.whereTrue(flag).rows == [0])
    }

    @Test func gatherMaterialisesASelection() throws {
        let names = ColumnVector(.string(StringArray(["a", "b", "c"])))
        let picked = names.gather(try Selection.whereInt(ColumnVector(.int32([1, 0, 1]))) { $0 == 1 }.rows)
        #expect(picked.value(at: 0) == .string("a") && picked.value(at: 1) == .string("c") && picked.count == 2)
    }

    @Test func wrongTypeIsAnError() {
        #expect(throws: ColumnarError.wrongType(expected: "integer", found: "double")) {
            try Selection.whereInt(ColumnVector(.double([1]))) { _ in true }
        }
    }
}
