/// The quality gates' verdict, shown as a banner when any failed.
public struct GateSummary: Sendable, Equatable {
    public struct Gate: Codable, Sendable, Equatable {
        public var name: String
        public var passed: Bool
        public var detail: String
        public init(name: String, passed: Bool, detail: String) {
            self.name = name
            self.passed = passed
            self.detail = detail
        }
    }
    public var gates: [Gate]
    public init(gates: [Gate]) { self.gates = gates }
    public var passed: Bool { gates.allSatisfy(\.passed) }
}
