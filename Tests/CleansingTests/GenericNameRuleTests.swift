import Testing

@testable import Cleansing

/// `GenericNameRule` on CMS Part D naming patterns (shared/data/cms-partd-reference.md §1.2, §2.4):
/// a hand classification of real `Brnd_Name` / `Gnrc_Name` pairs.
@Suite struct GenericNameRuleTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        let brand: String
        let generic: String
        /// The hand classification: the product is sold under its generic name.
        let isGeneric: Bool
        /// Claims in a year, of the order CMS reports for the product (rounded, §2.4); they weight
        /// the share test.
        let claims: Int
        var testDescription: String { "\(brand) / \(generic)" }
    }

    static let pairs: [Pair] = [
        // Generic products: the brand field spells the generic name differently.
        .init(brand: "Hydrocodone-Acetaminophen", generic: "Hydrocodone/Acetaminophen", isGeneric: true, claims: 18_000_000),
        .init(brand: "Acetaminophen-Codeine", generic: "Acetaminophen With Codeine", isGeneric: true, claims: 2_400_000),
        .init(brand: "Oxycodone-Acetaminophen", generic: "Oxycodone Hcl/Acetaminophen", isGeneric: true, claims: 9_000_000),
        .init(brand: "Morphine Sulfate Er", generic: "Morphine Sulfate", isGeneric: true, claims: 1_500_000),
        .init(brand: "Metformin Hcl Er", generic: "Metformin Hcl", isGeneric: true, claims: 12_000_000),
        .init(brand: "Amlodipine Besylate", generic: "Amlodipine Besylate", isGeneric: true, claims: 44_000_000),
        .init(brand: "Atorvastatin Calcium", generic: "Atorvastatin Calcium", isGeneric: true, claims: 63_000_000),
        .init(brand: "Levothyroxine Sodium", generic: "Levothyroxine Sodium", isGeneric: true, claims: 38_000_000),
        .init(brand: "Gabapentin", generic: "Gabapentin", isGeneric: true, claims: 33_000_000),
        .init(brand: "Metoprolol Succinate", generic: "Metoprolol Succinate", isGeneric: true, claims: 26_000_000),
        .init(brand: "Losartan-Hydrochlorothiazide", generic: "Losartan/Hydrochlorothiazide", isGeneric: true, claims: 6_000_000),
        .init(brand: "Lisinopril-Hydrochlorothiazide", generic: "Lisinopril/Hydrochlorothiazide", isGeneric: true, claims: 7_000_000),
        .init(brand: "Triamterene-Hctz", generic: "Triamterene/Hydrochlorothiazide", isGeneric: true, claims: 4_000_000),
        .init(brand: "Amlodipine-Benazepril", generic: "Amlodipine Besylate/Benazepril", isGeneric: true, claims: 2_000_000),
        .init(brand: "Bupropion Xl", generic: "Bupropion Hcl", isGeneric: true, claims: 6_000_000),
        .init(brand: "Diltiazem 24hr Er", generic: "Diltiazem Hcl", isGeneric: true, claims: 3_000_000),
        .init(brand: "Potassium Chloride Er", generic: "Potassium Chloride", isGeneric: true, claims: 8_000_000),
        .init(brand: "Albuterol Sulfate Hfa", generic: "Albuterol Sulfate", isGeneric: true, claims: 9_000_000),
        .init(brand: "Sulfamethoxazole-Trimethoprim", generic: "Sulfamethoxazole/Trimethoprim", isGeneric: true, claims: 3_000_000),
        .init(brand: "Amoxicillin-Pot Clavulanate", generic: "Amoxicillin/Potassium Clav", isGeneric: true, claims: 4_000_000),
        .init(brand: "Isosorbide Mononitrate Er", generic: "Isosorbide Mononitrate", isGeneric: true, claims: 5_000_000),
        .init(brand: "Methylphenidate Er", generic: "Methylphenidate Hcl", isGeneric: true, claims: 900_000),
        .init(brand: "Ondansetron Odt", generic: "Ondansetron", isGeneric: true, claims: 2_000_000),
        .init(brand: "Clopidogrel", generic: "Clopidogrel Bisulfate", isGeneric: true, claims: 13_000_000),
        .init(brand: "Carbidopa-Levodopa Er", generic: "Carbidopa/Levodopa", isGeneric: true, claims: 1_000_000),
        .init(brand: "Buprenorphine-Naloxone", generic: "Buprenorphine Hcl/Naloxone Hcl", isGeneric: true, claims: 3_000_000),
        .init(brand: "Dextroamphetamine-Amphetamine", generic: "Dextroamphetamine/Amphetamine", isGeneric: true, claims: 2_000_000),
        .init(brand: "Budesonide-Formoterol Fumarate", generic: "Budesonide/Formoterol Fumarate", isGeneric: true, claims: 500_000),
        .init(brand: "Insulin Lispro", generic: "Insulin Lispro", isGeneric: true, claims: 1_000_000),
        .init(brand: "Insulin Glargine", generic: "Insulin Glargine,Hum.Rec.Anlog", isGeneric: true, claims: 700_000),
        .init(brand: "Pantoprazole Sodium", generic: "Pantoprazole Sodium", isGeneric: true, claims: 20_000_000),
        .init(brand: "OMEPRAZOLE", generic: "Omeprazole", isGeneric: true, claims: 27_000_000),
        // Brands: a word of their own that the generic name lacks.
        .init(brand: "Eliquis", generic: "Apixaban", isGeneric: false, claims: 18_000_000),
        .init(brand: "Lantus Solostar", generic: "Insulin Glargine,Hum.Rec.Anlog", isGeneric: false, claims: 3_000_000),
        .init(brand: "Basaglar Kwikpen", generic: "Insulin Glargine,Hum.Rec.Anlog", isGeneric: false, claims: 1_500_000),
        .init(brand: "Januvia", generic: "Sitagliptin Phosphate", isGeneric: false, claims: 5_000_000),
        .init(brand: "Ozempic", generic: "Semaglutide", isGeneric: false, claims: 6_400_000),
        .init(brand: "Trelegy Ellipta", generic: "Fluticasone/Umeclidin/Vilanter", isGeneric: false, claims: 3_000_000),
        .init(brand: "Humira(Cf) Pen", generic: "Adalimumab", isGeneric: false, claims: 600_000),
        .init(brand: "Lipitor", generic: "Atorvastatin Calcium", isGeneric: false, claims: 300_000),
        .init(brand: "Norco", generic: "Hydrocodone/Acetaminophen", isGeneric: false, claims: 100_000),
        .init(brand: "Percocet", generic: "Oxycodone Hcl/Acetaminophen", isGeneric: false, claims: 200_000),
        .init(brand: "Tylenol-Codeine", generic: "Acetaminophen With Codeine", isGeneric: false, claims: 150_000),
        .init(brand: "Xarelto", generic: "Rivaroxaban", isGeneric: false, claims: 5_000_000),
        .init(brand: "Synthroid", generic: "Levothyroxine Sodium", isGeneric: false, claims: 4_000_000),
        .init(brand: "Levoxyl", generic: "Levothyroxine Sodium", isGeneric: false, claims: 700_000),
        .init(brand: "Jardiance", generic: "Empagliflozin", isGeneric: false, claims: 5_500_000),
        .init(brand: "Farxiga", generic: "Dapagliflozin Propanediol", isGeneric: false, claims: 3_500_000),
        .init(brand: "Revlimid", generic: "Lenalidomide", isGeneric: false, claims: 220_000),
        .init(brand: "Belbuca", generic: "Buprenorphine Hcl", isGeneric: false, claims: 150_000),
        .init(brand: "Toprol Xl", generic: "Metoprolol Succinate", isGeneric: false, claims: 400_000),
        .init(brand: "Cipro", generic: "Ciprofloxacin Hcl", isGeneric: false, claims: 20_000),
        .init(brand: "Wellbutrin Xl", generic: "Bupropion Hcl", isGeneric: false, claims: 100_000),
        .init(brand: "Humalog Kwikpen", generic: "Insulin Lispro", isGeneric: false, claims: 1_500_000),
        .init(brand: "Advair Diskus", generic: "Fluticasone Propionate/Salmeterol", isGeneric: false, claims: 1_000_000),
        .init(brand: "Proair Hfa", generic: "Albuterol Sulfate", isGeneric: false, claims: 2_000_000),
        .init(brand: "Adderall", generic: "Dextroamphetamine/Amphetamine", isGeneric: false, claims: 100_000),
        .init(brand: "Sinemet", generic: "Carbidopa/Levodopa", isGeneric: false, claims: 30_000),
        .init(brand: "Suboxone", generic: "Buprenorphine Hcl/Naloxone Hcl", isGeneric: false, claims: 400_000),
        .init(brand: "Flovent Hfa", generic: "Fluticasone Propionate", isGeneric: false, claims: 800_000),
        .init(brand: "Nexium", generic: "Esomeprazole Magnesium", isGeneric: false, claims: 200_000),
        .init(brand: "Trulicity", generic: "Dulaglutide", isGeneric: false, claims: 5_000_000),
    ]

    @Test(arguments: pairs)
    func classifiesLikeTheHandClassification(_ pair: Pair) {
        #expect(GenericNameRule.isGeneric(brand: pair.brand, generic: pair.generic) == pair.isGeneric)
    }

    @Test func tableHoldsAtLeastThirtyPairsOfEachKind() {
        #expect(Self.pairs.filter(\.isGeneric).count >= 30)
        #expect(Self.pairs.filter { !$0.isGeneric }.count >= 30)
    }

    /// The claim-weighted generic share by the rule is within 0.5 points of the hand
    /// classification, where the old rule (the two fields equal, case-insensitively) is far off.
    @Test func genericClaimShareMatchesTheHandClassification() {
        func share(_ isGeneric: (Pair) -> Bool) -> Double {
            Double(Self.pairs.filter(isGeneric).reduce(0) { $0 + $1.claims }) / Double(Self.pairs.reduce(0) { $0 + $1.claims })
        }
        let hand = share(\.isGeneric)
        let rule = share { GenericNameRule.isGeneric(brand: $0.brand, generic: $0.generic) }
        let equality = share { $0.brand.lowercased() == $0.generic.lowercased() }
        #expect(abs(rule - hand) <= 0.005)
        #expect(hand - equality > 0.2)
    }

    @Test func wordsDropConnectorsFormsAndSalts() {
        #expect(GenericNameRule.words("Acetaminophen With Codeine") == ["acetaminophen", "codeine"])
        #expect(GenericNameRule.words("Oxycodone Hcl/Acetaminophen") == ["oxycodone", "acetaminophen"])
        #expect(GenericNameRule.words("Diltiazem 24hr Er") == ["diltiazem"])
        #expect(GenericNameRule.words("Insulin Glargine,Hum.Rec.Anlog") == ["insulin", "glargine"])
        #expect(GenericNameRule.words("Potassium Chloride Er") == ["potassium", "chloride"])
        #expect(GenericNameRule.words("Humira(Cf) Pen") == ["humira", "cf"])
    }

    @Test func combinationsMatchInAnyOrderButNotWithAnIngredientMissing() {
        #expect(GenericNameRule.isGeneric(brand: "Benazepril-Amlodipine", generic: "Amlodipine Besylate/Benazepril"))
        #expect(!GenericNameRule.isGeneric(brand: "Hydrocodone", generic: "Hydrocodone/Acetaminophen"))
        #expect(!GenericNameRule.isGeneric(brand: "Oxycodone-Acetaminophen-Codeine", generic: "Oxycodone Hcl/Acetaminophen"))
    }

    @Test func aNameCutAtTheFieldWidthMatchesOnItsFirstWords() {
        let cut = "Rsv Vacc, Pref A And Pref B/Pf"
        #expect(cut.count == 30)
        #expect(GenericNameRule.isGeneric(brand: "Rsv Vacc Pref A Pref B Recomb Adjuvanted", generic: cut))
        #expect(!GenericNameRule.isGeneric(brand: "Abrysvo", generic: cut))
        // Under the field width a name is whole: an extra word makes a brand.
        #expect(!GenericNameRule.isGeneric(brand: "Insulin Lispro Junior", generic: "Insulin Lispro"))
    }

    @Test func overridesWinOverTheRule() {
        let classifier = GenericClassifier(generic: ["  wixela   INHUB "], brand: ["Hydrocodone-Acetaminophen"])
        #expect(classifier.isGeneric(brand: "Wixela Inhub", generic: "Fluticasone Propionate/Salmeterol"))
        #expect(!classifier.isGeneric(brand: "Hydrocodone-Acetaminophen", generic: "Hydrocodone/Acetaminophen"))
        #expect(classifier.isGeneric(brand: "Oxycodone-Acetaminophen", generic: "Oxycodone Hcl/Acetaminophen"))
        #expect(!GenericClassifier().isGeneric(brand: "Wixela Inhub", generic: "Fluticasone Propionate/Salmeterol"))
    }
}
