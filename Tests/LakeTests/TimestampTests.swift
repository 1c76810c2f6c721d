import Testing
@testable import Lake

/// Timestamps as other writers store them (Spark's INT96, INT64 in three units) read as
/// microseconds since the epoch, exactly or not at all; written back as TIMESTAMP(UTC, MICROS).
@Suite struct TimestampTests {
    /// 12 INT96 bytes: nanoseconds of the day then the Julian day, both little-endian.
    static func int96(nanos: Int64, julianDay: Int32) -> [UInt8] {
        withUnsafeBytes(of: nanos.littleEndian) { Array($0) } + withUnsafeBytes(of: julianDay.littleEndian) { Array($0) }
    }

    static func int96Column(_ values: [[UInt8]?]) -> (StringArray, [Bool]) {
        var a = StringArray()
        for v in values { if let v { v.withUnsafeBytes { a.append($0) } } else { a.appendEmpty() } }
        return (a, values.map { $0 != nil })
    }

    @Test func int96IsNanosecondsOfTheDayAndTheJulianDay() throws {
        // 2023-05-01T12:30:00Z is Julian day 2460066, 45,000 s into the day.
        let noon = Self.int96(nanos: 45_000 * 1_000_000_000, julianDay: 2_460_066)
        let epoch = Self.int96(nanos: 0, julianDay: 2_440_588)
        let beforeEpoch = Self.int96(nanos: 86_399_999_999_000, julianDay: 2_440_587)
        let (array, validity) = Self.int96Column([noon, nil, epoch, beforeEpoch])
        let micros = try TimestampRescale.microseconds(int96: array, validity: validity, column: "ts")
        #expect(micros == [1_682_944_200_000_000, 0, 0, -1])
        #expect(micros.map(DateFormatting.iso(microseconds:)) ==
                ["2023-05-01T12:30:00Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z"])
    }

    @Test func digitsBelowAMicrosecondAreRefusedNotDropped() {
        let (array, validity) = Self.int96Column([Self.int96(nanos: 1_500, julianDay: 2_440_588)])
        #expect(throws: FormatError.self) { try TimestampRescale.microseconds(int96: array, validity: validity, column: "ts") }
        #expect(throws: FormatError.self) {
            try TimestampRescale.microseconds(ints: [1_000, 1_001], validity: nil, storage: .nanoseconds, column: "ts")
        }
        #expect((try? TimestampRescale.microseconds(ints: [1_000, -2_000], validity: nil, storage: .nanoseconds, column: "ts")) == [1, -2])
    }

    @Test func millisecondsScaleUpAndOverflowIsRefused() {
        #expect((try? TimestampRescale.microseconds(ints: [1_682_944_200_000, 7], validity: [true, false], storage: .milliseconds, column: "ts"))
                == [1_682_944_200_000_000, 0])
        #expect(throws: FormatError.self) {
            try TimestampRescale.microseconds(ints: [Int64.max / 10], validity: nil, storage: .milliseconds, column: "ts")
        }
        let (array, validity) = Self.int96Column([Self.int96(nanos: 86_400 * 1_000_000_000, julianDay: 2_440_588)])
        #expect(throws: FormatError.self) { try TimestampRescale.microseconds(int96: array, validity: validity, column: "ts") }
    }

    @Test func isoTextCoversTheWholeRange() {
        #expect(DateFormatting.iso(microseconds: 1_682_944_200_123_456) == "2023-05-01T12:30:00.123456Z")
        #expect(DateFormatting.iso(microseconds: 1_682_944_200_120_000) == "2023-05-01T12:30:00.120000Z")
        #expect(DateFormatting.iso(microseconds: .min) == "-290308-12-21T19:59:05.224192Z")
        #expect(DateFormatting.iso(microseconds: .max) == "294247-01-10T04:00:54.775807Z")
    }

    @Test func theWriterAnnotatesTimestampUTCMicros() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.file("t.parquet")
        let column = try ColumnVector.from([.timestamp(1_682_944_200_000_000), .null, .timestamp(-1)], type: .timestamp)
        let writer = try ParquetWriter(path: path, schema: Schema([Field("ts", .timestamp)]))
        try writer.write([column])
        try writer.close()
        let file = try ParquetFile(path: path)
        let element = file.metadata.schema[1]
        #expect(element.logicalType == 8 && element.timestampUnit == 2 && element.timestampIsAdjustedToUTC == true)
        #expect(element.convertedType == ConvertedType.timestampMicros)
        #expect(file.columns[0].timestampStorage == .microseconds && file.columns[0].type == .timestamp)
        #expect(values(try readAll(path)[0]) == values(column))
    }
}
