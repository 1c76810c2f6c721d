import Foundation
import Testing

@testable import RxCore

@Suite struct ConfigLoaderTests {
    @Test func defaultsAreTheDocumentedOnes() throws {
        let config = RxpipeConfig.defaults()
        #expect(config.source.kind == .csv)
        #expect(config.source.path == "local_data/raw")
        #expect(config.source.url == nil)
        #expect(config.source.schema == "public")
        #expect(config.source.prescriberDrugTable == "prescriber_drug")
        #expect(config.lake.root == "local_data/lake")
        #expect(config.site.dir == "site")
        #expect(config.site.templates == "")
        #expect(config.site.baseURL == nil)
        #expect(config.privacy.pseudonymize == false)
        #expect(config.privacy.suppressBelow == 11)
        #expect(config.quality.requiredYears == [])
        #expect(config.drugs == RxpipeConfig.Drugs(generic: [], brand: []))
        #expect(config.site.moversMinClaims == 1_000)
        #expect(config.site.moversMinCost == 100_000)
        #expect(config.entries.allSatisfy { $0.origin == .defaults })
    }

    @Test func fileValuesOverrideDefaultsAndRecordTheirLine() throws {
        let config = try ConfigLoader.parse(
            text: """
                # nightly build
                [source]
                kind = "postgres"
                url = "postgres://rx@db.internal:5432/partd"

                [quality]
                max_quarantine_share = 0.1
                required_years = [2021, 2022]
                max_kpi_change = 1
                """, path: "nightly.toml")
        #expect(config.source.kind == .postgres)
        #expect(config.source.url == "postgres://rx@db.internal:5432/partd")
        #expect(config.quality.maxQuarantineShare == 0.1)
        #expect(config.quality.maxKPIChange == 1.0)
        #expect(config.quality.requiredYears == [2021, 2022])
        let kind = config.entries.first { $0.key.description == "source.kind" }!
        #expect(kind.origin == .file(path: "nightly.toml", line: 3))
    }

    @Test func environmentOverridesTheFile() throws {
        let config = try ConfigLoader.parse(
            text: "[quality]\nmin_rows_per_year = 10\n", path: "rxpipe.toml",
            environment: [
                "RXPIPE_QUALITY_MIN_ROWS_PER_YEAR": "1000", "RXPIPE_PRIVACY_PSEUDONYMIZE": "true",
                "RXPIPE_QUALITY_REQUIRED_YEARS": "2022, 2023", "RXPIPE_PSEUDONYM_KEY": "not-a-setting",
            ])
        #expect(config.quality.minRowsPerYear == 1000)
        #expect(config.privacy.pseudonymize)
        #expect(config.quality.requiredYears == [2022, 2023])
        let entry = config.entries.first { $0.key.description == "quality.min_rows_per_year" }!
        #expect(entry.origin == .environment(variable: "RXPIPE_QUALITY_MIN_ROWS_PER_YEAR"))
    }

    @Test func listsInTheEnvironmentMayBeWrittenAsInTheFile() throws {
        let config = try ConfigLoader.parse(
            text: "", path: "rxpipe.toml",
            environment: ["RXPIPE_QUALITY_REQUIRED_YEARS": "[2021, 2022]", "RXPIPE_DRUGS_BRAND": #"["Norco", "Insulin Glargine,Hum.Rec.Anlog"]"#])
        #expect(config.quality.requiredYears == [2021, 2022])
        #expect(config.drugs.brand == ["Norco", "Insulin Glargine,Hum.Rec.Anlog"])
        for bad in ["[2021, \"x\"]", "[2021", "[2021.5]"] {
            #expect(throws: ConfigError.self) {
                _ = try ConfigLoader.parse(text: "", path: "rxpipe.toml", environment: ["RXPIPE_QUALITY_REQUIRED_YEARS": bad])
            }
        }
    }

    @Test func drugOverridesComeFromTheFileAndTheEnvironment() throws {
        let config = try ConfigLoader.parse(
            text: """
                [drugs]
                generic = ["Wixela Inhub", "Insulin Glargine,Hum.Rec.Anlog"]

                [site]
                movers_min_claims = 50
                movers_min_cost = 2500.5
                """, path: "rxpipe.toml", environment: ["RXPIPE_DRUGS_BRAND": " Norco ;Percocet;"])
        #expect(config.drugs.generic == ["Wixela Inhub", "Insulin Glargine,Hum.Rec.Anlog"])
        #expect(config.drugs.brand == ["Norco", "Percocet"])
        #expect(config.site.moversMinClaims == 50)
        #expect(config.site.moversMinCost == 2500.5)
        #expect(config.entries.first { $0.key.description == "drugs.generic" }?.origin == .file(path: "rxpipe.toml", line: 2))
        #expect(config.entries.first { $0.key.description == "drugs.brand" }?.origin == .environment(variable: "RXPIPE_DRUGS_BRAND"))
    }

    @Test func drugOverridesAreCheckedWithFileLineAndKey() {
        expectMessage(
            "[drugs]\ngeneric = \"Wixela Inhub\"\n",
            "config: rxpipe.toml line 2, key drugs.generic: expected a list of strings, found a string")
        expectMessage(
            "[drugs]\nbrand = [\"Norco\", 3]\n",
            "config: rxpipe.toml line 2, key drugs.brand: expected a list of strings, found an array")
        expectMessage(
            "[drugs]\ngeneric = [\"Norco\"]\nbrand = [\"NORCO\"]\n",
            "config: rxpipe.toml line 3, key drugs.brand: \"NORCO\" is also in drugs.generic; a product is either generic or brand")
        expectMessage("[drugs]\ngeneric = [\" \"]\n", "config: rxpipe.toml line 2, key drugs.generic: a name must not be empty")
        expectMessage(
            "[site]\nmovers_min_claims = -1\n", "config: rxpipe.toml line 2, key site.movers_min_claims: -1 is outside 0…\(Int.max)")
        // PostgreSQL keeps 63 bytes of a name and would read another table: refused.
        let long = String(repeating: "p", count: 64)
        expectMessage(
            "[source]\nprescriber_table = \"\(long)\"\n",
            "config: rxpipe.toml line 2, key source.prescriber_table: has 64 bytes; PostgreSQL names keep at most 63")
    }

    @Test func unknownKeyNamesFileLineAndKey() {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(text: "[lake]\nroot = \"x\"\nroots = \"y\"\n", path: "rxpipe.toml") }
        do {
            _ = try ConfigLoader.parse(text: "[lake]\nroot = \"x\"\nroots = \"y\"\n", path: "rxpipe.toml")
        } catch {
            #expect("\(error)" == "config: rxpipe.toml line 3: unknown key 'lake.roots' (known keys: root, cache, endpoint_url)")
        }
    }

    @Test func unknownSectionIsAnError() {
        expectMessage(
            "[sources]\nkind = \"csv\"\n",
            "config: rxpipe.toml line 1: unknown key 'sources' (known keys: source, fetch, lake, site, privacy, drugs, quality, profile, runs, outliers)")
    }

    @Test func wrongTypeNamesFileLineAndKey() {
        expectMessage(
            "[privacy]\n\nsuppress_below = \"eleven\"\n",
            "config: rxpipe.toml line 3, key privacy.suppress_below: expected an integer, found a string")
        expectMessage(
            "[quality]\nrequired_years = [2022, \"2023\"]\n",
            "config: rxpipe.toml line 2, key quality.required_years: expected a list of integers, found an array")
    }

    @Test func passwordInTheFileIsRefused() {
        expectMessage(
            "[source]\nkind = \"postgres\"\npassword = \"hunter2\"\n",
            "config: rxpipe.toml line 3, key source.password: a password is written in the file; remove it and use PGPASSWORD, ~/.pgpass or PGPASSFILE (libpq's own conventions)"
        )
        expectMessage(
            "[source]\nurl = \"postgres://rx:hunter2@db/partd\"\n",
            "config: rxpipe.toml line 2, key source.url: a password is written in the file; remove it and use PGPASSWORD, ~/.pgpass or PGPASSFILE (libpq's own conventions)"
        )
        expectMessage(
            "[source]\nurl = \"host=db dbname=partd password=hunter2\"\n",
            "config: rxpipe.toml line 2, key source.url: a password is written in the file; remove it and use PGPASSWORD, ~/.pgpass or PGPASSFILE (libpq's own conventions)"
        )
    }

    @Test func invalidValuesAreExplained() {
        expectMessage(
            "[source]\nkind = \"mysql\"\n",
            "config: rxpipe.toml line 2, key source.kind: \"mysql\" is not one of csv, postgres")
        expectMessage(
            "[quality]\nmax_rule_share = 1.5\n",
            "config: rxpipe.toml line 2, key quality.max_rule_share: 1.5 is outside 0.0…1.0")
        expectMessage("[lake]\nroot = \"  \"\n", "config: rxpipe.toml line 2, key lake.root: must not be empty")
    }

    @Test func syntaxErrorNamesLineAndColumn() {
        do {
            _ = try ConfigLoader.parse(text: "[lake]\nroot = \"unterminated\n", path: "bad.toml")
            Issue.record("parsed invalid TOML")
        } catch let error as ConfigError {
            guard case .syntax(let path, let line, _, _) = error else {
                Issue.record("expected a syntax error, got \(error)")
                return
            }
            #expect(path == "bad.toml")
            #expect(line == 2)
            #expect(error.description.hasPrefix("config: bad.toml line 2, column "))
        } catch {
            Issue.record("untyped error \(error)")
        }
    }

    @Test func environmentErrorsNameTheVariable() {
        #expect(throws: ConfigError.wrongType(
            origin: .environment(variable: "RXPIPE_QUALITY_MIN_ROWS_PER_YEAR"), key: "quality.min_rows_per_year",
            expected: "an integer", found: "\"lots\"")) {
            try ConfigLoader.parse(text: "", path: "x.toml", environment: ["RXPIPE_QUALITY_MIN_ROWS_PER_YEAR": "lots"])
        }
        do {
            _ = try ConfigLoader.parse(text: "", path: "x.toml", environment: ["RXPIPE_LAKE_ROOTS": "/tmp"])
            Issue.record("accepted an unknown variable")
        } catch {
            #expect("\(error)" == "config: environment variable RXPIPE_LAKE_ROOTS: unknown key 'RXPIPE_LAKE_ROOTS' (known keys: RXPIPE_LAKE_ROOT, RXPIPE_LAKE_CACHE, RXPIPE_LAKE_ENDPOINT_URL)")
        }
    }

    @Test func explicitMissingFileIsAnError() {
        #expect(throws: ConfigError.unreadable(path: "/nonexistent/rxpipe.toml", reason: "no such file")) {
            try ConfigLoader.load(path: "/nonexistent/rxpipe.toml", environment: [:])
        }
    }

    @Test func loadReadsTheFileAndEnvironment() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-config-\(getpid()).toml")
        defer { try? FileManager.default.removeItem(at: url) }
        try "[site]\ntitle = \"Part D — nightly\"\n".write(to: url, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: url.path, environment: ["RXPIPE_SITE_DIR": "/srv/www"])
        #expect(config.site.title == "Part D — nightly")
        #expect(config.site.dir == "/srv/www")
        #expect(config.file == url.path)
    }

    @Test func fetchSectionDefaultsAndValidation() throws {
        let defaults = RxpipeConfig.defaults().fetch
        #expect(defaults.catalogURL == "https://data.cms.gov/data.json")
        #expect(defaults.dataset == "Medicare Part D Prescribers - by Provider and Drug")
        #expect(defaults.years == [] && defaults.attempts == 5)
        let config = try ConfigLoader.parse(
            text: "[fetch]\ncatalog_url = \"http://mirror.internal/data.json\"\n", path: "rxpipe.toml",
            environment: ["RXPIPE_FETCH_YEARS": "2022, 2023"])
        #expect(config.fetch.catalogURL == "http://mirror.internal/data.json")
        #expect(config.fetch.years == [2022, 2023])
        expectMessage(
            "[fetch]\ncatalog_url = \"ftp://x/data.json\"\n",
            "config: rxpipe.toml line 2, key fetch.catalog_url: \"ftp://x/data.json\" is not an http:// or https:// URL")
        expectMessage("[fetch]\nattempts = 0\n", "config: rxpipe.toml line 2, key fetch.attempts: 0 is outside 1…100")
    }

    private func expectMessage(_ text: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try ConfigLoader.parse(text: text, path: "rxpipe.toml")
            Issue.record("accepted: \(text)", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)" == message, sourceLocation: sourceLocation)
        }
    }
}
