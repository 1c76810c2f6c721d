/// A count in prose with its noun in the right number: `24,996,370 cleansed rows`, `1 row`.
extension HumanNumber {
    /// `plural` defaults to the noun with an "s" appended.
    public static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        integer.format(Double(value)) + " " + (value == 1 ? noun : plural ?? noun + "s")
    }
}
