import Foundation
import Testing

@Suite struct CLITests {
    @Test func printsItsVersion() throws {
        let result = try rxpipe(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func everySubcommandHasHelpWithExamples() throws {
        for command in ["sample", "config"] {
            let result = try rxpipe([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Examples:"), "\(command) --help has no examples")
        }
    }

    @Test func configPrintsEffectiveValuesWithSecretsRedacted() throws {
        let dir = scratchDirectory("config")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[site]\ntitle = \"Nightly\"\n".write(toFile: dir + "/rxpipe.toml", atomically: true, encoding: .utf8)
        let result = try rxpipe(["config"], environment: ["RXPIPE_SOURCE_URL": "postgres://rx:hunter2@db/partd"], in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains("title = \"Nightly\"  # rxpipe.toml line 2"))
        #expect(result.stdout.contains("postgres://rx:***@db/partd"))
        #expect(!result.stdout.contains("hunter2") && !result.stderr.contains("hunter2"))
    }

    @Test func configErrorsExitWithTwoAndNameTheLine() throws {
        let dir = scratchDirectory("badconfig")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[lake]\nroot = 5\n".write(toFile: dir + "/bad.toml", atomically: true, encoding: .utf8)
        let result = try rxpipe(["config", "--config", dir + "/bad.toml"])
        #expect(result.status == 2)
        #expect(result.stderr == "rxpipe: error: config: \(dir)/bad.toml line 2, key lake.root: expected a string, found an integer\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try rxpipe(["sample", "--years", "2023-2021"]).status == 2)
        #expect(try rxpipe(["sample", "--rows", "0", "--out", "/tmp/never"]).status == 2)
        #expect(try rxpipe(["config", "--quiet", "--verbose"]).status == 2)
        #expect(try rxpipe(["frobnicate"]).status == 2)
    }

    @Test func sampleWritesFilesAndReportsThem() throws {
        let dir = scratchDirectory("sample")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try rxpipe(["sample", "--rows", "500", "--years", "2021-2022", "--faults", "3", "--out", dir, "--log-format", "json"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("\(dir)/MUP_DPR_RY23_P04_V10_DY21_NPIBN.csv\t503 rows\t"))
        // Logs are JSON objects on stderr; progress lines are plain text when stderr is not a TTY.
        let jsonLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(!jsonLines.isEmpty)
        for line in jsonLines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
        }
    }

    @Test func quietSilencesProgressAndInfo() throws {
        let dir = scratchDirectory("quiet")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try rxpipe(["sample", "--rows", "200", "--years", "2022", "--out", dir, "--quiet"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }
}
