/// The words `GenericNameRule` reads past when it compares a brand name with a generic name.
///
/// Drawn from how CMS spells Part D product names (`Brnd_Name`, `Gnrc_Name`): salts and
/// hydrates that one field names and the other omits, release forms and devices that only the
/// brand field carries, connectors that turn `/` into words, and the few abbreviations CMS uses
/// for whole ingredients. All lower case; names are compared lower-cased.
enum GenericNameVocabulary {
    /// Words that join ingredients of a combination product: `Acetaminophen With Codeine`.
    static let connectors: Set<String> = ["with", "and", "w"]

    /// Salt, ester and hydrate words, with CMS's cut spellings (`Pot`, `Potass`): `Metformin Hcl`
    /// is metformin, `Amlodipine Besylate` is amlodipine. Dropped only while an active word is
    /// left (`Potassium Chloride` keeps both).
    static let salts: Set<String> = [
        "hcl", "hydrochloride", "dihydrochloride", "hbr", "hydrobromide", "sodium", "disodium", "potassium", "calcium",
        "magnesium", "sulfate", "sulf", "bisulfate", "besylate", "maleate", "tartrate", "bitartrate", "succinate", "mesylate",
        "dimesylate", "citrate", "acetate", "phosphate", "bromide", "chloride", "dihydrate", "monohydrate", "trihydrate",
        "hemihydrate", "sesquihydrate", "hydrate", "anhydrous", "hyclate", "fumarate", "hemifumarate", "oxalate", "malate",
        "tosylate", "napsylate", "lactate", "gluconate", "carbonate", "nitrate", "mononitrate", "propionate", "dipropionate",
        "furoate", "valerate", "decanoate", "cypionate", "enanthate", "pamoate", "stearate", "xinafoate", "besilate",
        "meglumine", "tromethamine", "propanediol", "pot", "potass",
    ]

    /// Release forms, dosage forms and devices: `Morphine Sulfate Er`, `Albuterol Sulfate Hfa`,
    /// `Insulin Lispro Kwikpen`. Only brand fields carry them, so they never tell products apart.
    static let forms: Set<String> = [
        "er", "xr", "sr", "dr", "cr", "la", "xl", "ec", "odt", "ir", "cd", "xt", "tr", "ds", "osm", "mod", "hfa", "patch",
        "pen", "pens", "vial", "vials", "syringe", "syringes", "kit", "pf", "tab", "tabs", "tablet", "tablets", "cap", "caps",
        "capsule", "capsules", "soln", "solution", "susp", "suspension", "inhaler", "autoinjector", "auto", "injector",
        "injection", "prefilled", "pfs", "cartridge", "flexpen", "kwikpen", "solostar", "flextouch", "disp", "dispersible",
        "chewable", "chew", "oral", "topical",
    ]

    /// Descriptors of the truncated biologic names (`Insulin Glargine,Hum.Rec.Anlog`).
    static let descriptors: Set<String> = ["hum", "human", "rec", "recomb", "recombinant", "anlog", "analog"]

    /// CMS abbreviations of whole ingredients in brand fields: `Triamterene-Hctz`.
    static let synonyms: [String: String] = [
        "hctz": "hydrochlorothiazide", "apap": "acetaminophen", "smz": "sulfamethoxazole", "tmp": "trimethoprim",
    ]

    /// Length of CMS's name fields: a name this long may have been cut, or abbreviated word by
    /// word to fit (`Fluticasone/Umeclidin/Vilanter`).
    static let fieldWidth = 30
}
