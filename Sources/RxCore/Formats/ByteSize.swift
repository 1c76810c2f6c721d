/// Byte sizes in one style, 1000-based (1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes, as the
/// README and most file managers count): `830 B`, `3.4 KB`, `12.1 MB`, `1.2 GB`. Whole bytes
/// below a kilobyte, one decimal above.
extension HumanNumber {
    public static func bytes(_ count: Int) -> String {
        let magnitude = Double(count.magnitude)
        let sign = count < 0 ? "−" : ""
        if magnitude < 1000 { return sign + "\(count.magnitude) B" }
        let units = ["KB", "MB", "GB", "TB", "PB"]
        var index = 0, scaled = magnitude / 1000
        // Move up when rounding reaches the next unit (999,960 B → 1.0 MB, not 1,000.0 KB).
        while index + 1 < units.count, (scaled * 10).rounded() >= 10_000 {
            index += 1
            scaled /= 1000
        }
        return sign + HumanNumber(.decimal(1)).format(scaled) + " " + units[index]
    }
}
