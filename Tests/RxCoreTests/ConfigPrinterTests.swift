import Testing

@testable import RxCore

@Suite struct ConfigPrinterTests {
    @Test func redactsPasswordsInBothConnectionStringForms() {
        #expect(ConnectionString.redacted("postgres://rx:hunter2@db:5432/partd") == "postgres://rx:***@db:5432/partd")
        #expect(ConnectionString.redacted("postgresql://rx@db/partd?password=hunter2&sslmode=require")
            == "postgresql://rx@db/partd?password=***&sslmode=require")
        #expect(ConnectionString.redacted("host=db password = 'a b\\' c' dbname=x") == "host=db password = *** dbname=x")
        #expect(ConnectionString.redacted("host=db dbname=partd") == "host=db dbname=partd")
        // Unquoted values with backslash escapes (libpq allows them): nothing of the secret leaks.
        #expect(ConnectionString.redacted("host=db password=Sec\\ Esc\\'q dbname=x") == "host=db password=*** dbname=x")
        #expect(ConnectionString.redacted("password=trailing\\") == "password=***")
        #expect(ConnectionString.redacted("postgresql://rx@db/p?password=a\\&b&sslmode=require") == "postgresql://rx@db/p?password=***&sslmode=require")
        #expect(!ConnectionString.containsPassword("postgres://rx@db/partd"))
        #expect(ConnectionString.containsPassword("postgres://rx:pw@db/partd"))
    }

    @Test func printsEffectiveConfigWithOriginsAndNoSecrets() throws {
        let config = try ConfigLoader.parse(
            text: "[site]\ntitle = \"Say \\\"hi\\\"\"\n", path: "rxpipe.toml",
            environment: ["RXPIPE_SOURCE_URL": "postgres://rx:hunter2@db/partd"])
        let text = ConfigPrinter.toml(config)
        #expect(!text.contains("hunter2"))
        #expect(text.contains("url = \"postgres://rx:***@db/partd\"  # environment variable RXPIPE_SOURCE_URL"))
        #expect(text.contains("title = \"Say \\\"hi\\\"\"  # rxpipe.toml line 2"))
        #expect(text.contains("kind = \"csv\"  # default"))
        #expect(text.contains("max_quarantine_share = 0.05  # default"))
        #expect(text.contains("# base_url = (unset)"))
    }

    @Test func printedConfigReadsBackToTheSameValues() throws {
        let original = try ConfigLoader.parse(
            text: "[quality]\nrequired_years = [2021]\nmax_kpi_change = 2\n[privacy]\npseudonymize = true\n"
                + "[drugs]\ngeneric = [\"Say \\\"Er\\\"\", \"Insulin Glargine,Hum.Rec.Anlog\"]\n[site]\nmovers_min_cost = 5\n", path: "a.toml")
        let reread = try ConfigLoader.parse(text: ConfigPrinter.toml(original), path: "b.toml")
        #expect(reread.quality == original.quality)
        #expect(reread.privacy == original.privacy)
        #expect(reread.source == original.source)
        #expect(reread.site == original.site)
        #expect(reread.drugs == original.drugs)
        #expect(reread.drugs.generic == ["Say \"Er\"", "Insulin Glargine,Hum.Rec.Anlog"])
    }
}
