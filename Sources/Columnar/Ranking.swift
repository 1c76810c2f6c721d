/// Window-style ranking: rows numbered 1, 2, 3, … within their partition in the order of
/// the sort keys (SQL `row_number() over (partition by … order by …)`), and top-k per group.
public enum Ranking {
    /// The 1-based rank of every row within its partition (`partitions[i]` is row i's group).
    /// Rows equal on every key rank in input order, so ties never share a rank.
    public static func rowNumbers(partitions: [Int32], by keys: [SortKey]) -> [Int32] {
        let perm = Sorting.permutation(count: partitions.count, by: [.int32(partitions)] + keys)
        var ranks = [Int32](repeating: 0, count: partitions.count)
        var previous: Int32? = nil
        var rank: Int32 = 0
        for r in perm {
            let p = partitions[Int(r)]
            rank = p == previous ? rank + 1 : 1
            previous = p
            ranks[Int(r)] = rank
        }
        return ranks
    }

    /// For each partition in ascending order, its first `k` rows by `keys`: (partition, rows in rank order).
    public static func topK(_ k: Int, partitions: [Int32], by keys: [SortKey]) -> [(partition: Int32, rows: [Int32])] {
        let perm = Sorting.permutation(count: partitions.count, by: [.int32(partitions)] + keys)
        var out: [(partition: Int32, rows: [Int32])] = []
        for r in perm {
            let p = partitions[Int(r)]
            if out.last?.partition != p { out.append((p, [])) }
            if out[out.count - 1].rows.count < k { out[out.count - 1].rows.append(r) }
        }
        return out
    }
}
