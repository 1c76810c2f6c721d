import Foundation
import Testing

/// `rxpipe ingest` on the four-table CSV layout, and `rxpipe run` end to end from it.
@Suite struct IngestLayoutCommandTests {
    /// Four small table files: two prescribers, two drugs, three facts, two states.
    func fourTables(_ name: String) throws -> String {
        let dir = scratchDirectory(name) + "/src"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let files = [
            "prescriber.csv": "npi,last_org_name,first_name,city,state_abbr,state_fips,prescriber_type,type_source\n1003000126,Smith,Ann,Austin,TX,48,Internal Medicine,S\n1003000134,Doe,Bob,Dallas,TX,48,Dentist,S\n",
            "drug.csv": "drug_id,brand_name,generic_name\n1,Lipitor,Atorvastatin Calcium\n2,Atorvastatin Calcium,Atorvastatin Calcium\n",
            "prescriber_drug.csv": "year,npi,drug_id,tot_clms,tot_30day_fills,tot_day_suply,tot_drug_cst,tot_benes,ge65_sprsn_flag,ge65_tot_clms,ge65_tot_30day_fills,ge65_tot_drug_cst,ge65_tot_day_suply,ge65_bene_sprsn_flag,ge65_tot_benes\n"
                + "2022,1003000126,1,20,25.5,600,1234.56,,*,,,,,*,\n2022,1003000126,2,40,41,1200,99.10,15,,30,31,80.5,900,,12\n2022,1003000134,2,25,25,750,45.00,12,,,,,,*,\n",
            "state.csv": "state_abbr,state_fips,state_name,region,division,population\nTX,48,Texas,South,West South Central,30029572\n",
        ]
        for (file, text) in files { try text.write(toFile: "\(dir)/\(file)", atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func ingestsTheFourTableLayout() throws {
        let src = try fourTables("four-table-ingest")
        let lake = (src as NSString).deletingLastPathComponent + "/lake"
        let r = try rxpipe(["ingest", "--source", src, "--quiet"], environment: ["RXPIPE_LAKE_ROOT": lake])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("prescriber_drug.csv\traw/prescriber_drug\t3 rows\t0 rescued"))
        #expect(r.stdout.contains("raw/state\tversion 1\t1 rows"))
        // Forcing the wide layout names the file and the columns it lacks.
        let wide = try rxpipe(["ingest", "--source", src, "--layout", "cms_wide", "--quiet"], environment: ["RXPIPE_LAKE_ROOT": lake])
        #expect(wide.status == 1)
        #expect(wide.stderr.contains("drug.csv line 1: missing required columns Prscrbr_NPI"))
        let bad = try rxpipe(["ingest", "--source", src, "--layout", "three_table"], environment: ["RXPIPE_LAKE_ROOT": lake])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--layout must be auto, cms_wide or four_table"))
    }

    @Test func aDirectoryMissingATableIsRefusedAndNothingIsCommitted() throws {
        let src = try fourTables("four-table-missing")
        try FileManager.default.removeItem(atPath: src + "/state.csv")
        let lake = (src as NSString).deletingLastPathComponent + "/lake"
        let r = try rxpipe(["ingest", "--source", src, "--quiet"], environment: ["RXPIPE_LAKE_ROOT": lake])
        #expect(r.status == 1)
        #expect(r.stderr.contains("missing state.csv"))
        #expect(!FileManager.default.fileExists(atPath: lake + "/raw/prescriber/_manifest.json"))
    }

    @Test func runGoesFromTheFourTablesToTheSite() throws {
        let src = try fourTables("four-table-run")
        let base = (src as NSString).deletingLastPathComponent
        let env = ["RXPIPE_SOURCE_PATH": src, "RXPIPE_LAKE_ROOT": base + "/lake", "RXPIPE_SITE_DIR": base + "/site",
                   "RXPIPE_SITE_TEMPLATES": packageRoot.path + "/templates", "RXPIPE_QUALITY_MIN_ROWS_PER_YEAR": "1"]
        let r = try rxpipe(["run", "--quiet"], environment: env, in: base)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: base + "/site/index.html"))
        let quality = try String(contentsOfFile: base + "/lake/cleansed/quality.json", encoding: .utf8)
        #expect(quality.contains("\"layout\" : \"four_table\"") || quality.contains("\"layout\":\"four_table\""))
    }
}
