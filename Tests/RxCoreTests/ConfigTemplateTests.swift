import Testing

@testable import RxCore

/// The `rxpipe.toml` that `rxpipe init` writes.
@Suite struct ConfigTemplateTests {
    @Test func listsEveryKeyWithItsDescription() {
        let text = ConfigTemplate.toml()
        for section in ConfigSchema.sections { #expect(text.contains("\n[\(section)]\n")) }
        for key in ConfigSchema.keys {
            #expect(text.contains("\n# \(key.name) = "), "\(key.path)")
            #expect(text.contains(String(key.help.split(separator: " ").prefix(3).joined(separator: " "))), "\(key.path)")
        }
    }

    @Test func changesNothingAsWritten() throws {
        let config = try ConfigLoader.parse(text: ConfigTemplate.toml(), path: "rxpipe.toml")
        #expect(config.entries.map(\.value) == RxpipeConfig.defaults().entries.map(\.value))
        #expect(config.entries.allSatisfy { $0.origin == .defaults })
    }

    /// Uncommenting a key line gives valid TOML with the same value: the defaults are real literals.
    @Test func uncommentedDefaultsParseToTheDefaults() throws {
        let names = Set(ConfigSchema.keys.map(\.name))
        let uncommented = ConfigTemplate.toml().split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let body = line.dropFirst(2)
            let isKeyLine = line.hasPrefix("# ") && names.contains(String(body.prefix { $0 != " " }))
                && body.drop { $0 != " " }.hasPrefix(" = ")
            return isKeyLine && !line.contains("unset by default") ? String(body) : String(line)
        }.joined(separator: "\n")
        let config = try ConfigLoader.parse(text: uncommented, path: "rxpipe.toml")
        #expect(config.entries.map(\.value) == RxpipeConfig.defaults().entries.map(\.value))
        #expect(config.entries.filter { $0.origin == .defaults }.count == 5)  // source.url, source.year, source.max_year, lake.endpoint_url, site.base_url
    }
}
