import RxCore

/// The PostgreSQL column types of the four source tables, as rxpipe reads and creates them.
public enum PGColumnType: String, Sendable, Equatable {
    case integer, bigint, text, numeric
    /// Money: numeric(14,2), exact to the cent.
    case money = "numeric(14,2)"
}

public struct SourceColumn: Sendable, Equatable {
    public let name: String
    public let type: PGColumnType
}

/// The four tables of the source database (issue 4), in their documented shape.
public enum SourceTable: String, Sendable, CaseIterable {
    case prescriber, drug
    case prescriberDrug = "prescriber_drug"
    case state

    public var columns: [SourceColumn] {
        func c(_ name: String, _ type: PGColumnType) -> SourceColumn { SourceColumn(name: name, type: type) }
        switch self {
        case .prescriber:
            return [c("npi", .bigint)]
                + ["last_org_name", "first_name", "city", "state_abbr", "state_fips", "prescriber_type", "type_source"].map { c($0, .text) }
        case .drug:
            return [c("drug_id", .integer), c("brand_name", .text), c("generic_name", .text)]
        case .prescriberDrug:
            return [
                c("year", .integer), c("npi", .bigint), c("drug_id", .integer), c("tot_clms", .integer),
                c("tot_30day_fills", .numeric), c("tot_day_suply", .integer), c("tot_drug_cst", .money), c("tot_benes", .integer),
                c("ge65_sprsn_flag", .text), c("ge65_tot_clms", .integer), c("ge65_tot_30day_fills", .numeric),
                c("ge65_tot_drug_cst", .money), c("ge65_tot_day_suply", .integer), c("ge65_bene_sprsn_flag", .text),
                c("ge65_tot_benes", .integer),
            ]
        case .state:
            return [
                c("state_abbr", .text), c("state_fips", .text), c("state_name", .text), c("region", .text),
                c("division", .text), c("population", .bigint),
            ]
        }
    }

    /// The primary key column (prescriber_drug has none: raw data keeps duplicates).
    public var primaryKey: String? {
        switch self {
        case .prescriber: return "npi"
        case .drug: return "drug_id"
        case .prescriberDrug: return nil
        case .state: return "state_abbr"
        }
    }
}

/// Where the four tables live; every name is configurable and always quoted.
public struct SourceTableNames: Sendable, Equatable {
    public var schema: String
    public var prescriber: String
    public var drug: String
    public var prescriberDrug: String
    public var state: String

    public init(schema: String = "public", prescriber: String = "prescriber", drug: String = "drug", prescriberDrug: String = "prescriber_drug", state: String = "state") {
        self.schema = schema
        self.prescriber = prescriber
        self.drug = drug
        self.prescriberDrug = prescriberDrug
        self.state = state
    }

    public init(_ source: RxpipeConfig.Source) {
        self.init(
            schema: source.schema, prescriber: source.prescriberTable, drug: source.drugTable,
            prescriberDrug: source.prescriberDrugTable, state: source.stateTable)
    }

    public func name(of table: SourceTable) -> String {
        switch table {
        case .prescriber: return prescriber
        case .drug: return drug
        case .prescriberDrug: return prescriberDrug
        case .state: return state
        }
    }
}

extension PostgresConnection {
    /// `CREATE TABLE IF NOT EXISTS` with the documented columns, every identifier quoted.
    func createTableSQL(_ table: SourceTable, names: SourceTableNames) throws -> String {
        var parts: [String] = []
        for column in table.columns {
            let key = column.name == table.primaryKey ? " primary key" : ""
            parts.append("\(try quoteIdentifier(column.name)) \(column.type.rawValue)\(key)")
        }
        let name = try qualifiedName(schema: names.schema, table: names.name(of: table))
        return "CREATE TABLE IF NOT EXISTS \(name) (\(parts.joined(separator: ", ")))"
    }

    /// Quoted, comma-separated column names of `table`.
    func columnList(_ table: SourceTable) throws -> String {
        try table.columns.map { try quoteIdentifier($0.name) }.joined(separator: ", ")
    }
}
