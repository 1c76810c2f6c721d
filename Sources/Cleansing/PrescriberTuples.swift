import Lake
import RxCore

/// Interns prescriber attributes: (name, first name, city, state, specialty, specialty source),
/// each normalised; the state upper-cased and looked up in `StateReference`. FIPS is not part
/// of the tuple: it follows from the state (rule `state_fips`).
struct PrescriberTuples {
    struct Tuple: Hashable {
        var last, first, city: Int32
        /// Index into `StateReference.all`, -1 when unknown.
        var state: Int32
        var type, typeSource: Int32
    }

    var last = TextInterner(), first = TextInterner(), city = TextInterner()
    var type = TextInterner(), typeSource = TextInterner()
    var stateText = TextInterner(), fipsText = TextInterner()
    private var stateIndexCache: [Int32: Int32] = [:]
    private var index: [Tuple: Int32] = [:]
    private(set) var tuples: [Tuple] = []

    static let stateIndex: [String: Int32] = Dictionary(
        uniqueKeysWithValues: StateReference.all.enumerated().map { ($1.code, Int32($0)) })

    /// The reference index of an interned state text, -1 when not a known code.
    mutating func stateIndex(_ id: Int32) -> Int32 {
        guard id >= 0 else { return -1 }
        if let cached = stateIndexCache[id] { return cached }
        let value = Self.stateIndex[stateText.values[Int(id)].uppercased()] ?? -1
        stateIndexCache[id] = value
        return value
    }

    mutating func id(_ t: Tuple) -> Int32 {
        if let i = index[t] { return i }
        let i = Int32(tuples.count)
        tuples.append(t)
        index[t] = i
        return i
    }

    /// Per-row findings of one batch of prescriber columns.
    struct Rows {
        var tuple: [Int32]
        /// Rows whose state is missing or unknown: the message.
        var badState: [Int: String]
        /// Rows whose FIPS disagreed with the state code.
        var fipsFixed: Set<Int>
    }

    /// Interns a batch: columns in tuple order (last, first, city, state, fips, type, source).
    mutating func rows(_ c: [ColumnVector], stateColumn: String) -> Rows {
        let n = c[0].count
        let l = last.ids(for: c[0]), f = first.ids(for: c[1]), ci = city.ids(for: c[2])
        let s = stateText.ids(for: c[3]), fi = fipsText.ids(for: c[4])
        let ty = type.ids(for: c[5]), ts = typeSource.ids(for: c[6])
        var out = Rows(tuple: Array(repeating: -1, count: n), badState: [:], fipsFixed: [])
        var previous: (Tuple, Int32)? = nil
        var previousFips: (Int32, Int32, Bool)? = nil
        for r in 0..<n {
            let state = stateIndex(s[r])
            if state < 0 {
                out.badState[r] = s[r] < 0 ? "\(stateColumn) is missing" : "\(stateColumn) \"\(stateText.values[Int(s[r])])\" is not a state code CMS uses"
            } else {
                let fixed: Bool
                if let p = previousFips, p.0 == state, p.1 == fi[r] {
                    fixed = p.2
                } else {
                    let want = StateReference.all[Int(state)].fips
                    fixed = (fi[r] < 0 ? "" : fipsText.values[Int(fi[r])]) != want
                    previousFips = (state, fi[r], fixed)
                }
                if fixed { out.fipsFixed.insert(r) }
            }
            let t = Tuple(last: l[r], first: f[r], city: ci[r], state: state, type: ty[r], typeSource: ts[r])
            if let p = previous, p.0 == t {
                out.tuple[r] = p.1
            } else {
                let id = self.id(t)
                out.tuple[r] = id
                previous = (t, id)
            }
        }
        return out
    }
}
