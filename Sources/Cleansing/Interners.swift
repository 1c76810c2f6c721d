/// The text dictionaries one cleanse run builds, shared by the layout reader (which fills
/// them) and the rule processor and dimension writers (which read them).
final class Interners {
    var tuples = PrescriberTuples()
    var drugs = DrugIdentities()
    var flags = TextInterner()
}
