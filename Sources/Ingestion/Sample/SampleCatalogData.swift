/// The hand-written part of the sample catalog: real drug names (generic, brands, therapeutic
/// area, typical gross cost per 30-day fill in USD), CMS prescriber types with their relative
/// prescriber counts, and names that exercise CSV quoting and UTF-8.
///
/// Popularity order of the first drugs follows the public 2022 top-by-claims list
/// (shared/data/cms-partd-reference.md §2.4); everything else is calibrated, not copied, data.
enum SampleCatalogData {
    enum Area: Int, CaseIterable, Sendable {
        case cardio, diabetes, thyroid, psych, pain, gastro, respiratory, antibiotic, oncology, eye, skin, urology,
            dental, immune, other

        /// Acute areas are short courses (fills ≈ claims); chronic ones are refilled, often as 90-day fills.
        var isChronic: Bool { self != .antibiotic && self != .dental }
    }

    struct RealDrug {
        let generic: String
        let brands: [String]
        let area: Area
        /// Typical gross cost of a 30-day fill, USD.
        let costPerFill: Double
        /// True when no generic version is sold (every row carries the brand).
        let brandOnly: Bool
        init(_ generic: String, _ brands: [String], _ area: Area, _ cost: Double, brandOnly: Bool = false) {
            self.generic = generic
            self.brands = brands
            self.area = area
            self.costPerFill = cost
            self.brandOnly = brandOnly
        }
    }

    static let realDrugs: [RealDrug] = [
        .init("Atorvastatin Calcium", ["Lipitor"], .cardio, 9),
        .init("Amlodipine Besylate", ["Norvasc"], .cardio, 6),
        .init("Levothyroxine Sodium", ["Synthroid", "Levoxyl", "Unithroid"], .thyroid, 17),
        .init("Lisinopril", ["Zestril", "Prinivil"], .cardio, 6),
        .init("Gabapentin", ["Neurontin"], .pain, 14),
        .init("Metformin Hcl", ["Glucophage"], .diabetes, 9),
        .init("Losartan Potassium", ["Cozaar"], .cardio, 9),
        .init("Omeprazole", ["Prilosec"], .gastro, 11),
        .init("Metoprolol Succinate", ["Toprol Xl"], .cardio, 15),
        .init("Furosemide", ["Lasix"], .cardio, 5),
        .init("Pantoprazole Sodium", ["Protonix"], .gastro, 9),
        .init("Rosuvastatin Calcium", ["Crestor"], .cardio, 11),
        .init("Hydrocodone/Acetaminophen", ["Norco"], .pain, 16),
        .init("Apixaban", ["Eliquis"], .cardio, 560, brandOnly: true),
        .init("Hydrochlorothiazide", [], .cardio, 5),
        .init("Tamsulosin Hcl", ["Flomax"], .urology, 9),
        .init("Sertraline Hcl", ["Zoloft"], .psych, 8),
        .init("Montelukast Sodium", ["Singulair"], .respiratory, 9),
        .init("Simvastatin", ["Zocor"], .cardio, 6),
        .init("Trazodone Hcl", ["Desyrel"], .psych, 8),
        .init("Escitalopram Oxalate", ["Lexapro"], .psych, 8),
        .init("Carvedilol", ["Coreg"], .cardio, 8),
        .init("Metoprolol Tartrate", ["Lopressor"], .cardio, 6),
        .init("Clopidogrel Bisulfate", ["Plavix"], .cardio, 8),
        .init("Pravastatin Sodium", ["Pravachol"], .cardio, 9),
        .init("Potassium Chloride", ["Klor-Con M20", "Klor-Con"], .other, 14),
        .init("Tramadol Hcl", ["Ultram"], .pain, 8),
        .init("Bupropion Hcl", ["Wellbutrin Xl", "Wellbutrin Sr"], .psych, 18),
        .init("Duloxetine Hcl", ["Cymbalta"], .psych, 13),
        .init("Meloxicam", ["Mobic"], .pain, 6),
        .init("Glipizide", ["Glucotrol Xl"], .diabetes, 7),
        .init("Allopurinol", ["Zyloprim"], .other, 8),
        .init("Albuterol Sulfate", ["Proair Hfa", "Ventolin Hfa", "Proventil Hfa"], .respiratory, 42),
        .init("Insulin Glargine,Hum.Rec.Anlog", ["Lantus Solostar", "Basaglar Kwikpen", "Toujeo Solostar"], .diabetes, 390),
        .init("Semaglutide", ["Ozempic", "Rybelsus"], .diabetes, 930, brandOnly: true),
        .init("Empagliflozin", ["Jardiance"], .diabetes, 580, brandOnly: true),
        .init("Dulaglutide", ["Trulicity"], .diabetes, 900, brandOnly: true),
        .init("Dapagliflozin Propanediol", ["Farxiga"], .diabetes, 560, brandOnly: true),
        .init("Sitagliptin Phosphate", ["Januvia"], .diabetes, 520, brandOnly: true),
        .init("Rivaroxaban", ["Xarelto"], .cardio, 540, brandOnly: true),
        .init("Sacubitril/Valsartan", ["Entresto"], .cardio, 600, brandOnly: true),
        .init("Fluticasone/Umeclidin/Vilanter", ["Trelegy Ellipta"], .respiratory, 640, brandOnly: true),
        .init("Tiotropium Bromide", ["Spiriva", "Spiriva Respimat"], .respiratory, 480, brandOnly: true),
        .init("Budesonide/Formoterol Fumarate", ["Symbicort", "Breyna"], .respiratory, 330),
        .init("Fluticasone/Salmeterol", ["Advair Diskus", "Wixela Inhub"], .respiratory, 160),
        .init("Fluticasone Propionate", ["Flonase"], .respiratory, 14),
        .init("Prednisone", [], .respiratory, 6),
        .init("Benzonatate", ["Tessalon Perle"], .respiratory, 10),
        .init("Spironolactone", ["Aldactone"], .cardio, 11),
        .init("Valsartan", ["Diovan"], .cardio, 20),
        .init("Olmesartan Medoxomil", ["Benicar"], .cardio, 16),
        .init("Warfarin Sodium", ["Coumadin", "Jantoven"], .cardio, 9),
        .init("Diltiazem Hcl", ["Cardizem Cd", "Cardizem La"], .cardio, 28),
        .init("Ezetimibe", ["Zetia"], .cardio, 12),
        .init("Hydralazine Hcl", [], .cardio, 11),
        .init("Isosorbide Mononitrate Er", [], .cardio, 11),
        .init("Chlorthalidone", ["Thalitone"], .cardio, 14),
        .init("Nifedipine Er", ["Procardia Xl"], .cardio, 22),
        .init("Glimepiride", ["Amaryl"], .diabetes, 7),
        .init("Pioglitazone Hcl", ["Actos"], .diabetes, 9),
        .init("Tirzepatide", ["Mounjaro"], .diabetes, 1_020, brandOnly: true),
        .init("Insulin Lispro", ["Humalog Kwikpen", "Admelog Solostar", "Lyumjev Kwikpen"], .diabetes, 340),
        .init("Insulin Aspart", ["Novolog Flexpen", "Fiasp Flextouch"], .diabetes, 370),
        .init("Liraglutide", ["Victoza"], .diabetes, 880, brandOnly: true),
        .init("Quetiapine Fumarate", ["Seroquel"], .psych, 12),
        .init("Citalopram Hbr", ["Celexa"], .psych, 6),
        .init("Fluoxetine Hcl", ["Prozac"], .psych, 7),
        .init("Aripiprazole", ["Abilify"], .psych, 16),
        .init("Mirtazapine", ["Remeron"], .psych, 9),
        .init("Venlafaxine Hcl Er", ["Effexor Xr"], .psych, 18),
        .init("Buspirone Hcl", ["Buspar"], .psych, 9),
        .init("Lorazepam", ["Ativan"], .psych, 7),
        .init("Alprazolam", ["Xanax"], .psych, 6),
        .init("Clonazepam", ["Klonopin"], .psych, 6),
        .init("Risperidone", ["Risperdal"], .psych, 9),
        .init("Olanzapine", ["Zyprexa"], .psych, 11),
        .init("Lamotrigine", ["Lamictal"], .psych, 11),
        .init("Donepezil Hcl", ["Aricept"], .psych, 9),
        .init("Lithium Carbonate", ["Lithobid"], .psych, 11),
        .init("Oxycodone Hcl", ["Roxicodone", "Oxycontin"], .pain, 24),
        .init("Cyclobenzaprine Hcl", ["Flexeril"], .pain, 7),
        .init("Pregabalin", ["Lyrica"], .pain, 28),
        .init("Acetaminophen With Codeine", ["Acetaminophen-Codeine"], .pain, 10),
        .init("Buprenorphine Hcl", ["Belbuca", "Butrans"], .pain, 340),
        .init("Buprenorphine Hcl/Naloxone Hcl", ["Suboxone", "Zubsolv"], .pain, 140),
        .init("Baclofen", ["Lioresal"], .pain, 11),
        .init("Tizanidine Hcl", ["Zanaflex"], .pain, 8),
        .init("Ibuprofen", ["Motrin Ib"], .pain, 6),
        .init("Naproxen", ["Naprosyn"], .pain, 8),
        .init("Celecoxib", ["Celebrex"], .pain, 14),
        .init("Levetiracetam", ["Keppra"], .pain, 14),
        .init("Topiramate", ["Topamax"], .pain, 9),
        .init("Sumatriptan Succinate", ["Imitrex"], .pain, 14),
        .init("Famotidine", ["Pepcid"], .gastro, 7),
        .init("Ondansetron Hcl", ["Zofran"], .gastro, 7),
        .init("Esomeprazole Magnesium", ["Nexium"], .gastro, 19),
        .init("Linaclotide", ["Linzess"], .gastro, 480, brandOnly: true),
        .init("Dicyclomine Hcl", ["Bentyl"], .gastro, 9),
        .init("Amoxicillin", ["Amoxil"], .antibiotic, 7),
        .init("Amoxicillin/Potassium Clav", ["Augmentin"], .antibiotic, 14),
        .init("Azithromycin", ["Zithromax", "Z-Pak"], .antibiotic, 9),
        .init("Cephalexin", ["Keflex"], .antibiotic, 9),
        .init("Ciprofloxacin Hcl", ["Cipro"], .antibiotic, 7),
        .init("Doxycycline Hyclate", ["Vibramycin"], .antibiotic, 14),
        .init("Sulfamethoxazole/Trimethoprim", ["Bactrim Ds"], .antibiotic, 7),
        .init("Nitrofurantoin Monohyd/M-Cryst", ["Macrobid"], .antibiotic, 18),
        .init("Clindamycin Hcl", ["Cleocin"], .antibiotic, 14),
        .init("Penicillin V Potassium", [], .antibiotic, 7),
        .init("Levofloxacin", ["Levaquin"], .antibiotic, 9),
        .init("Metronidazole", ["Flagyl"], .antibiotic, 8),
        .init("Valacyclovir", ["Valtrex"], .antibiotic, 14),
        .init("Lenalidomide", ["Revlimid"], .oncology, 16_800),
        .init("Ibrutinib", ["Imbruvica"], .oncology, 14_600, brandOnly: true),
        .init("Palbociclib", ["Ibrance"], .oncology, 13_900, brandOnly: true),
        .init("Anastrozole", ["Arimidex"], .oncology, 7),
        .init("Letrozole", ["Femara"], .oncology, 8),
        .init("Tamoxifen Citrate", ["Soltamox"], .oncology, 14),
        .init("Enzalutamide", ["Xtandi"], .oncology, 12_800, brandOnly: true),
        .init("Pomalidomide", ["Pomalyst"], .oncology, 18_500, brandOnly: true),
        .init("Osimertinib Mesylate", ["Tagrisso"], .oncology, 16_900, brandOnly: true),
        .init("Abiraterone Acetate", ["Zytiga"], .oncology, 280),
        .init("Latanoprost", ["Xalatan"], .eye, 11),
        .init("Timolol Maleate", ["Timoptic"], .eye, 11),
        .init("Brimonidine Tartrate", ["Alphagan P"], .eye, 24),
        .init("Dorzolamide/Timolol", ["Cosopt"], .eye, 19),
        .init("Prednisolone Acetate", ["Pred Forte"], .eye, 24),
        .init("Cyclosporine", ["Restasis"], .eye, 540),
        .init("Ketorolac Tromethamine", ["Acular"], .eye, 19),
        .init("Triamcinolone Acetonide", ["Kenalog"], .skin, 9),
        .init("Clobetasol Propionate", ["Temovate"], .skin, 38),
        .init("Mupirocin", ["Bactroban"], .skin, 11),
        .init("Ketoconazole", ["Nizoral"], .skin, 14),
        .init("Tretinoin", ["Retin-A"], .skin, 78),
        .init("Fluocinonide", ["Lidex"], .skin, 29),
        .init("Finasteride", ["Proscar"], .urology, 7),
        .init("Oxybutynin Chloride", ["Ditropan Xl"], .urology, 11),
        .init("Mirabegron", ["Myrbetriq"], .urology, 390, brandOnly: true),
        .init("Solifenacin Succinate", ["Vesicare"], .urology, 19),
        .init("Tadalafil", ["Cialis"], .urology, 24),
        .init("Chlorhexidine Gluconate", ["Peridex"], .dental, 8),
        .init("Sodium Fluoride", ["Prevident 5000 Plus"], .dental, 19),
        .init("Adalimumab", ["Humira(Cf) Pen", "Humira Pen"], .immune, 6_400, brandOnly: true),
        .init("Etanercept", ["Enbrel Sureclick"], .immune, 5_900, brandOnly: true),
        .init("Methotrexate", ["Trexall"], .immune, 14),
        .init("Hydroxychloroquine Sulfate", ["Plaquenil"], .immune, 14),
        .init("Colchicine", ["Colcrys", "Mitigare"], .other, 28),
        .init("Alendronate Sodium", ["Fosamax"], .other, 7),
        .init("Ergocalciferol", ["Drisdol"], .other, 9),
        .init("Folic Acid", [], .other, 5),
        .init("Estradiol", ["Estrace"], .other, 19),
        .init("Rsv Vacc, Pref A And Pref B/Pf", ["Arexvy", "Abrysvo"], .other, 270, brandOnly: true),
        .init("Zoster Vac Recomb Adjuvanted", ["Shingrix"], .other, 195, brandOnly: true),
        .init("Emtricitabine/Tenofovir Alafenamide", ["Descovy"], .other, 1_950, brandOnly: true),
        .init("Bictegravir/Emtricitab/Tenofov", ["Biktarvy"], .other, 3_700, brandOnly: true),
    ]

    /// Synthetic generic names are built from a stem and a class suffix that says their area.
    static let stems = [
        "Al", "Ben", "Cal", "Dex", "El", "Fen", "Gal", "Hal", "Ix", "Lor", "Mel", "Nor", "Ox", "Pra", "Quin", "Ris",
        "Sal", "Tri", "Val", "Zan", "Cor", "Fla", "Lev", "Mon", "Pel", "Sor", "Tel", "Ver", "Xa", "Ze", "Bri", "Dro",
        "Epi", "Gor", "Ket", "Lum", "Nev", "Oda", "Pim", "Rab", "Tor", "Ulo", "Vor", "Yel", "Zol", "Ami", "Cre", "Dul",
    ]
    static let middles = ["a", "e", "i", "o", "u", "ari", "ode", "ila", "ova", "uti", "eta", "imo", "opra", "ena", "ace", "iro"]
    static let suffixes: [(String, Area)] = [
        ("vastatin", .cardio), ("sartan", .cardio), ("pril", .cardio), ("olol", .cardio), ("dipine", .cardio),
        ("gliptin", .diabetes), ("gliflozin", .diabetes), ("glutide", .diabetes), ("oxetine", .psych), ("apine", .psych),
        ("azepam", .psych), ("idone", .psych), ("profen", .pain), ("coxib", .pain), ("cillin", .antibiotic),
        ("mycin", .antibiotic), ("floxacin", .antibiotic), ("cycline", .antibiotic), ("prazole", .gastro),
        ("tidine", .gastro), ("setron", .gastro), ("terol", .respiratory), ("sonide", .respiratory),
        ("lukast", .respiratory), ("tinib", .oncology), ("ciclib", .oncology), ("limab", .immune), ("cept", .immune),
        ("prost", .eye), ("olone", .skin), ("osin", .urology), ("afil", .urology), ("vir", .other), ("dronate", .other),
        ("thyrox", .thyroid),
    ]
    static let salts = ["", "", "", " Hcl", " Sodium", " Potassium", " Calcium", " Mesylate", " Maleate", " Er", " Hbr", " Acetate"]
    static let brandStarts = ["Xel", "Zor", "Ver", "Lun", "Cal", "Tra", "Bri", "Qui", "Nex", "Oz", "Rel", "Syn", "Ad", "Ely", "Fem", "Jan", "Kor", "Myr", "Pro", "Vy"]
    static let brandMiddles = ["", "", "", "", "va", "li", "ro", "ta", "ne", "mi", "so", "ka"]
    static let brandEnds = ["ava", "ix", "ora", "elle", "ion", "ex", "ara", "ida", "yn", "osa", "ent", "iq", "ura", "axa", "eon"]
    static let brandForms = ["", "", "", "", " Xr", " Er", " Hfa", " Pen", " Kwikpen", " Solostar", " Odt", " Dr"]

    /// CMS `Prscrbr_Type` values with relative prescriber counts (shaped like the 2023 counts
    /// in the reference note), the mean number of drug rows a prescriber of that type has, the
    /// share of their claims for patients 65+, and the areas they prescribe in.
    struct Specialty {
        let name: String
        let weight: Double
        let meanDrugs: Double
        let elderlyShare: Double
        let areas: [Area: Double]
    }

    static let primaryCare: [Area: Double] = [
        .cardio: 0.34, .diabetes: 0.14, .thyroid: 0.05, .psych: 0.12, .pain: 0.1, .gastro: 0.07, .respiratory: 0.07,
        .antibiotic: 0.04, .urology: 0.03, .other: 0.04,
    ]

    static let specialties: [Specialty] = {
        var list: [Specialty] = [
            .init(name: "Nurse Practitioner", weight: 258_730, meanDrugs: 19, elderlyShare: 0.62, areas: primaryCare),
            .init(name: "Dentist", weight: 131_349, meanDrugs: 3, elderlyShare: 0.7, areas: [.dental: 0.5, .antibiotic: 0.35, .pain: 0.15]),
            .init(name: "Physician Assistant", weight: 129_444, meanDrugs: 14, elderlyShare: 0.6, areas: primaryCare),
            .init(name: "Internal Medicine", weight: 128_226, meanDrugs: 48, elderlyShare: 0.8, areas: primaryCare),
            .init(name: "Family Practice", weight: 116_540, meanDrugs: 55, elderlyShare: 0.74, areas: primaryCare),
            .init(name: "Student in an Organized Health Care Education/Training Program", weight: 66_682, meanDrugs: 6, elderlyShare: 0.65, areas: primaryCare),
            .init(name: "Emergency Medicine", weight: 54_622, meanDrugs: 4, elderlyShare: 0.55, areas: [.antibiotic: 0.4, .pain: 0.35, .gastro: 0.15, .respiratory: 0.1]),
            .init(name: "Pharmacist", weight: 36_120, meanDrugs: 5, elderlyShare: 0.75, areas: primaryCare),
            .init(name: "Obstetrics & Gynecology", weight: 34_229, meanDrugs: 5, elderlyShare: 0.45, areas: [.other: 0.5, .antibiotic: 0.3, .urology: 0.2]),
            .init(name: "Optometry", weight: 33_191, meanDrugs: 6, elderlyShare: 0.85, areas: [.eye: 1]),
            .init(name: "Psychiatry", weight: 23_909, meanDrugs: 22, elderlyShare: 0.35, areas: [.psych: 0.95, .pain: 0.05]),
            .init(name: "General Surgery", weight: 22_097, meanDrugs: 4, elderlyShare: 0.7, areas: [.pain: 0.6, .antibiotic: 0.4]),
            .init(name: "Orthopedic Surgery", weight: 21_058, meanDrugs: 5, elderlyShare: 0.72, areas: [.pain: 0.85, .antibiotic: 0.15]),
            .init(name: "Ophthalmology", weight: 19_647, meanDrugs: 10, elderlyShare: 0.9, areas: [.eye: 1]),
            .init(name: "Hospitalist", weight: 19_524, meanDrugs: 6, elderlyShare: 0.78, areas: primaryCare),
            .init(name: "Cardiology", weight: 18_500, meanDrugs: 30, elderlyShare: 0.88, areas: [.cardio: 0.95, .diabetes: 0.05]),
            .init(name: "Neurology", weight: 12_000, meanDrugs: 18, elderlyShare: 0.62, areas: [.pain: 0.7, .psych: 0.3]),
            .init(name: "Endocrinology", weight: 6_000, meanDrugs: 24, elderlyShare: 0.7, areas: [.diabetes: 0.75, .thyroid: 0.2, .other: 0.05]),
            .init(name: "Gastroenterology", weight: 12_500, meanDrugs: 12, elderlyShare: 0.7, areas: [.gastro: 0.9, .immune: 0.1]),
            .init(name: "Pulmonary Disease", weight: 9_000, meanDrugs: 18, elderlyShare: 0.82, areas: [.respiratory: 0.9, .antibiotic: 0.1]),
            .init(name: "Nephrology", weight: 8_500, meanDrugs: 20, elderlyShare: 0.75, areas: [.cardio: 0.6, .other: 0.3, .diabetes: 0.1]),
            .init(name: "Urology", weight: 9_500, meanDrugs: 12, elderlyShare: 0.86, areas: [.urology: 0.8, .antibiotic: 0.15, .oncology: 0.05]),
            .init(name: "Dermatology", weight: 11_000, meanDrugs: 12, elderlyShare: 0.7, areas: [.skin: 0.8, .antibiotic: 0.15, .immune: 0.05]),
            .init(name: "Hematology-Oncology", weight: 9_000, meanDrugs: 14, elderlyShare: 0.76, areas: [.oncology: 0.7, .gastro: 0.2, .pain: 0.1]),
            .init(name: "Medical Oncology", weight: 4_500, meanDrugs: 12, elderlyShare: 0.76, areas: [.oncology: 0.75, .gastro: 0.15, .pain: 0.1]),
            .init(name: "Rheumatology", weight: 5_000, meanDrugs: 14, elderlyShare: 0.7, areas: [.immune: 0.7, .pain: 0.2, .other: 0.1]),
            .init(name: "Infectious Disease", weight: 5_500, meanDrugs: 10, elderlyShare: 0.5, areas: [.antibiotic: 0.6, .other: 0.4]),
            .init(name: "Geriatric Medicine", weight: 3_500, meanDrugs: 30, elderlyShare: 0.98, areas: primaryCare),
            .init(name: "Pediatric Medicine", weight: 9_000, meanDrugs: 5, elderlyShare: 0.02, areas: [.antibiotic: 0.5, .respiratory: 0.3, .psych: 0.2]),
            .init(name: "Podiatry", weight: 10_000, meanDrugs: 5, elderlyShare: 0.85, areas: [.skin: 0.5, .antibiotic: 0.3, .pain: 0.2]),
            .init(name: "General Practice", weight: 6_500, meanDrugs: 35, elderlyShare: 0.72, areas: primaryCare),
            .init(name: "Physical Medicine and Rehabilitation", weight: 6_000, meanDrugs: 8, elderlyShare: 0.6, areas: [.pain: 1]),
            .init(name: "Anesthesiology", weight: 7_500, meanDrugs: 4, elderlyShare: 0.6, areas: [.pain: 1]),
            .init(name: "Interventional Pain Management", weight: 2_000, meanDrugs: 10, elderlyShare: 0.55, areas: [.pain: 1]),
            .init(name: "Otolaryngology", weight: 7_000, meanDrugs: 6, elderlyShare: 0.65, areas: [.antibiotic: 0.5, .respiratory: 0.5]),
            .init(name: "Allergy/Immunology", weight: 3_000, meanDrugs: 8, elderlyShare: 0.55, areas: [.respiratory: 0.9, .immune: 0.1]),
            .init(name: "Certified Clinical Nurse Specialist", weight: 3_000, meanDrugs: 10, elderlyShare: 0.6, areas: primaryCare),
            .init(name: "Certified Nurse Midwife", weight: 3_500, meanDrugs: 3, elderlyShare: 0.05, areas: [.antibiotic: 0.6, .other: 0.4]),
            .init(name: "Oral Surgery (Dentist only)", weight: 5_000, meanDrugs: 3, elderlyShare: 0.6, areas: [.pain: 0.5, .antibiotic: 0.4, .dental: 0.1]),
            .init(name: "Vascular Surgery", weight: 2_500, meanDrugs: 5, elderlyShare: 0.85, areas: [.cardio: 0.7, .pain: 0.3]),
            .init(name: "Radiation Oncology", weight: 2_500, meanDrugs: 4, elderlyShare: 0.75, areas: [.oncology: 0.4, .gastro: 0.3, .pain: 0.3]),
            .init(name: "Addiction Medicine", weight: 1_200, meanDrugs: 6, elderlyShare: 0.25, areas: [.pain: 0.8, .psych: 0.2]),
            .init(name: "Sleep Medicine", weight: 800, meanDrugs: 6, elderlyShare: 0.6, areas: [.psych: 1]),
            .init(name: "Geriatric Psychiatry", weight: 600, meanDrugs: 15, elderlyShare: 0.97, areas: [.psych: 1]),
            .init(name: "Critical Care (Intensivists)", weight: 2_500, meanDrugs: 5, elderlyShare: 0.7, areas: [.respiratory: 0.5, .antibiotic: 0.5]),
            .init(name: "Neurosurgery", weight: 2_800, meanDrugs: 4, elderlyShare: 0.6, areas: [.pain: 1]),
            .init(name: "Plastic and Reconstructive Surgery", weight: 2_200, meanDrugs: 3, elderlyShare: 0.5, areas: [.pain: 0.6, .antibiotic: 0.4]),
            .init(name: "Thoracic Surgery", weight: 1_500, meanDrugs: 4, elderlyShare: 0.75, areas: [.pain: 0.6, .cardio: 0.4]),
            .init(name: "Colorectal Surgery (Proctology)", weight: 900, meanDrugs: 4, elderlyShare: 0.7, areas: [.gastro: 0.5, .pain: 0.5]),
            .init(name: "Hand Surgery", weight: 800, meanDrugs: 3, elderlyShare: 0.6, areas: [.pain: 1]),
            .init(name: "Sports Medicine", weight: 1_200, meanDrugs: 4, elderlyShare: 0.5, areas: [.pain: 1]),
            .init(name: "Pain Management", weight: 1_800, meanDrugs: 10, elderlyShare: 0.55, areas: [.pain: 1]),
            .init(name: "Psychologist, Clinical", weight: 300, meanDrugs: 2, elderlyShare: 0.4, areas: [.psych: 1]),
            .init(name: "Preventive Medicine", weight: 700, meanDrugs: 10, elderlyShare: 0.7, areas: primaryCare),
            .init(name: "Osteopathic Manipulative Medicine", weight: 400, meanDrugs: 12, elderlyShare: 0.7, areas: primaryCare),
            .init(name: "Hospice and Palliative Care", weight: 1_000, meanDrugs: 10, elderlyShare: 0.9, areas: [.pain: 0.6, .psych: 0.2, .gastro: 0.2]),
            .init(name: "Clinic or Group Practice", weight: 500, meanDrugs: 20, elderlyShare: 0.7, areas: primaryCare),
            .init(name: "Registered Nurse", weight: 900, meanDrugs: 4, elderlyShare: 0.6, areas: primaryCare),
            .init(name: "Counselor", weight: 200, meanDrugs: 2, elderlyShare: 0.4, areas: [.psych: 1]),
            .init(name: "Maxillofacial Surgery", weight: 600, meanDrugs: 3, elderlyShare: 0.6, areas: [.pain: 0.5, .antibiotic: 0.5]),
            .init(name: "Periodontics", weight: 1_500, meanDrugs: 2, elderlyShare: 0.7, areas: [.dental: 0.6, .antibiotic: 0.4]),
            .init(name: "Endodontics", weight: 1_200, meanDrugs: 2, elderlyShare: 0.6, areas: [.antibiotic: 0.6, .pain: 0.4]),
        ]
        // CMS lists ~200 types; the long tail is many small subspecialties.
        let subspecialtyAreas: [(String, [Area: Double])] = [
            ("Cardiology", [.cardio: 1]), ("Nephrology", [.cardio: 0.6, .other: 0.4]), ("Neurology", [.pain: 0.7, .psych: 0.3]),
            ("Endocrinology", [.diabetes: 0.8, .thyroid: 0.2]), ("Gastroenterology", [.gastro: 1]),
            ("Pulmonology", [.respiratory: 1]), ("Rheumatology", [.immune: 1]), ("Hematology", [.oncology: 0.6, .other: 0.4]),
            ("Oncology", [.oncology: 1]), ("Dermatology", [.skin: 1]), ("Ophthalmology", [.eye: 1]),
            ("Urology", [.urology: 1]), ("Psychiatry", [.psych: 1]), ("Infectious Disease", [.antibiotic: 0.7, .other: 0.3]),
            ("Allergy and Immunology", [.respiratory: 0.8, .immune: 0.2]), ("Surgery", [.pain: 0.6, .antibiotic: 0.4]),
            ("Critical Care Medicine", [.respiratory: 0.5, .antibiotic: 0.5]), ("Sleep Medicine", [.psych: 1]),
            ("Sports Medicine", [.pain: 1]), ("Pain Medicine", [.pain: 1]), ("Hospice and Palliative Medicine", [.pain: 1]),
            ("Transplant Hepatology", [.gastro: 0.5, .immune: 0.5]), ("Emergency Medicine", [.antibiotic: 0.5, .pain: 0.5]),
            ("Adolescent Medicine", [.psych: 0.5, .antibiotic: 0.5]), ("Genetics", [.other: 1]),
            ("Clinical Pharmacology", [.other: 0.5, .cardio: 0.5]), ("Geriatric Medicine", [.cardio: 0.5, .psych: 0.5]),
            ("Interventional Cardiology", [.cardio: 1]), ("Electrophysiology", [.cardio: 1]), ("Toxicology", [.other: 1]),
        ]
        for prefix in ["Pediatric ", "Adult ", "Advanced Heart Failure and ", "Internal Medicine - "] {
            for (index, (name, areas)) in subspecialtyAreas.enumerated() where list.count < 202 {
                let full = prefix == "Advanced Heart Failure and " ? "\(prefix)Transplant \(name)" : prefix + name
                guard !list.contains(where: { $0.name == full }) else { continue }
                let elderly = prefix == "Pediatric " ? 0.02 : 0.7
                list.append(.init(name: full, weight: 60 + Double((index * 37) % 400), meanDrugs: 6, elderlyShare: elderly, areas: areas))
            }
        }
        return list
    }()

    static let typeSources = ["Claim-Specialty", "NPPES-Specialty"]

    static let lastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
        "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
        "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Shah", "Kim", "Chen", "Wang", "Singh",
        "Khan", "Cohen", "Murphy", "Kelly", "O'Brien", "O'Connor", "D'Angelo", "Dell'Orto", "García", "Núñez", "Peña",
        "Muñoz", "Ibáñez", "Müller", "Schröder", "Øvergaard", "Łukasz", "Çelik", "Nakamura", "Zhāng", "Nguyễn",
        "Smith, Jr.", "Brown, III", "Van der Berg", "St. John", "Mc Donald", "Khalil", "Haddad", "Okafor", "Adeyemi",
        "Kowalski", "Novak", "Ivanova", "Rossi", "Bianchi", "Dubois", "Lefèvre", "Jørgensen", "Sørensen", "Ahmed",
    ]
    static let firstNames = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
        "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen", "Daniel", "Lisa",
        "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley", "Andrew", "Emily", "Priya", "Raj",
        "Wei", "Mei", "Ahmed", "Fatima", "José", "María", "Zoë", "Chloé", "André", "Renée", "Siobhán", "Björn", "Søren",
        "Dário", "Inés", "François", "Noémie", "Jürgen", "Ana-Lucía", "Mary Ann", "J.", "Li", "Rashid", "Ngozi", "Kofi",
    ]
    static let organisations = [
        "Riverside Community Health Center, Inc.", "\"Healthy Kids\" Pediatrics, Pllc", "St. Mary's Medical Group",
        "Valley Family Practice, P.C.", "Clínica San José", "North Star \"Urgent\" Care", "Lakeside Health, Llc",
        "Hôpital Saint-Luc Associates",
    ]
    /// Town names common to many states, used everywhere.
    static let commonCities = [
        "Springfield", "Franklin", "Greenville", "Clinton", "Fairview", "Madison", "Georgetown", "Salem", "Ashland",
        "Riverside", "Bristol", "Chester", "Dover", "Jackson", "Marion", "Oxford", "Milton", "Newport", "Winchester",
        "Lexington", "Burlington", "Manchester", "Columbia", "Auburn", "Dayton", "Hudson", "Kingston", "Lebanon",
    ]
    /// A few real cities per state code, some with accents and apostrophes.
    static let stateCities: [String: [String]] = [
        "CA": ["Los Angeles", "San Diego", "San José", "Fresno", "Sacramento", "La Cañada Flintridge"],
        "TX": ["Houston", "San Antonio", "Dallas", "Austin", "El Paso"], "FL": ["Miami", "Tampa", "Orlando", "Jacksonville"],
        "NY": ["New York", "Buffalo", "Rochester", "Albany"], "PA": ["Philadelphia", "Pittsburgh", "Allentown"],
        "IL": ["Chicago", "Peoria", "Rockford"], "OH": ["Toledo", "Columbus", "Cleveland", "Cincinnati"],
        "GA": ["Atlanta", "Savannah", "Macon"], "NC": ["Charlotte", "Raleigh", "Durham"], "MI": ["Detroit", "Grand Rapids"],
        "NJ": ["Newark", "Jersey City", "Trenton"], "VA": ["Virginia Beach", "Richmond"], "WA": ["Seattle", "Spokane"],
        "AZ": ["Phoenix", "Tucson"], "MA": ["Boston", "Worcester"], "TN": ["Nashville", "Memphis"],
        "IN": ["Indianapolis", "Fort Wayne"], "MD": ["Baltimore", "Rockville"], "MO": ["Kansas City", "St. Louis"],
        "CO": ["Denver", "Colorado Springs", "Cañon City"], "ID": ["Boise", "Coeur d'Alene"],
        "NM": ["Albuquerque", "Española", "Santa Fe"], "LA": ["New Orleans", "Baton Rouge"], "NV": ["Las Vegas", "Reno"],
        "PR": ["San Juan", "Bayamón", "Mayagüez", "Ponce", "Caguas", "San Germán"], "GU": ["Hagåtña", "Tamuning"],
        "VI": ["Charlotte Amalie", "Christiansted"], "AS": ["Pago Pago"], "MP": ["Saipan"], "DC": ["Washington"],
        "HI": ["Honolulu", "Hilo", "Kāneʻohe"], "AK": ["Anchorage", "Fairbanks"],
        "ZZ": ["Toronto", "Montréal", "Mexico City"], "AE": ["Apo"], "AP": ["Fpo"], "AA": ["Dpo"], "XX": [""],
    ]
}
