"""The cleanse rules of docs/tables.md ("cleansed") and README "Cleansing", in plain Python.

rxpipe decides these in Sources/Cleansing (CleanseRule, FactRuleCheck, RescueVerdict,
TextNormalization, GenericNameRule, DrugIdentities, Pseudonymizer, Redaction); this file is the
Spark job's copy, kept readable and free of Spark so a change to a rule is made in both places
and tests/oracles/test_spark_parity.py proves they agree (every cleansed table row by row,
quarantine rows with their rule and message, counts per rule, the reconciliation).
"""
import hashlib
import hmac
import json
import unicodedata

# --- The rules, in the order they are checked (CleanseRule) -----------------------------------

RULES = [
    ("rescued", "reject",
     "A field did not parse as its type at ingest (its original text is in _rescued; a number that does not fit its type exactly, "
     "such as a 30-digit decimal, included), the row had the wrong number of fields (a record swallowing several lines says how many), "
     "a field held a NUL byte, a quoted field had text after its closing quote (a backslash-escaped quote), or a field was not UTF-8 "
     "in a file that otherwise is (the byte offset is given)."),
    ("load_rejected", "reject",
     "rxpipe db load could not load the row into PostgreSQL (ragged, a figure that is not a number, a record over the size limit): "
     "it never reached the database, so the run reads it from rxpipe_load_rejects and quarantines it with its CMS file and line."),
    ("required", "reject", "The NPI, year, brand name, generic name, total claims and total drug cost must be present."),
    ("year_range", "reject", "The data year must lie within [source] min_year (2013, the first CMS year) and max_year (default: the current year)."),
    ("npi_format", "reject", "The NPI must be 10 digits with a valid check digit (Luhn over the 80840 prefix)."),
    ("state_known", "reject",
     "The state code must be one CMS uses: the 50 states, DC, the territories, XX, ZZ, AA, AE or AP. The state belongs to the prescriber: "
     "a row with an unknown code takes the state its NPI's other rows give that year (counted under prescriber_conflict); "
     "only an NPI with no known state that year is rejected."),
    ("non_negative", "reject", "Claims, 30-day fills, day supply, drug cost and beneficiary counts cannot be negative."),
    ("claims_min", "reject", "Total claims must be at least 11: CMS publishes no row with fewer."),
    ("flag_known", "reject", "A suppression flag is either empty, * or #."),
    ("orphan", "reject", "A prescriber-drug row must point at a prescriber and a drug that exist (and passed their own checks)."),
    ("conflicting_key", "reject",
     "The same year, prescriber and drug appear again with different figures or prescriber details (name, city, state, specialty): "
     "the first row (in source order) is kept, later ones are quarantined."),
    ("duplicate_row", "drop",
     "Exact copies of an earlier row (the same figures, flags and prescriber details; drug names compared case-insensitively) are removed."),
    ("state_fips", "fix", "The state FIPS code is set to the one that belongs to the state code."),
    ("suppression", "fix",
     "A value present where its suppression flag says it was suppressed, or a beneficiary count of 1-10 that arrived unsuppressed, "
     "is removed: small counts are never published."),
    ("fills_vs_claims", "warn", "30-day fills are expected to be at least the number of claims."),
    ("ge65_within_total", "warn", "Figures for beneficiaries 65 and over are expected not to exceed the totals."),
    ("prescriber_conflict", "warn",
     "One NPI appears with different names, places or specialties within one year: the most frequent wins, ties go to the first seen."),
    ("encoding_repair", "fix",
     "The source file is not UTF-8 anywhere it has non-ASCII bytes, so it was read as Windows-1252 (only a file that is consistently "
     "Windows-1252 is repaired)."),
    ("stray_quote", "warn", "A quote inside an unquoted field (O\"BRIEN) is kept as written."),
    ("extra_column", "warn", "A value in a column rxpipe does not know is kept in the raw zone only, not in the cleansed tables."),
]
RULE_IDS = [r[0] for r in RULES]
RULE_RANK = {rule: i for i, rule in enumerate(RULE_IDS)}
MAX_EXAMPLES = 5
MINIMUM_CLAIMS = 11  # CMS leaves out rows with 1-10 claims

# The fact columns by role, as each raw layout names them (FactColumnNames).
CMS_NAMES = dict(year="year", npi="Prscrbr_NPI", claims="Tot_Clms", fills="Tot_30day_Fills", day_supply="Tot_Day_Suply",
                 cost="Tot_Drug_Cst", benes="Tot_Benes", ge65_flag="GE65_Sprsn_Flag", ge65_claims="GE65_Tot_Clms",
                 ge65_fills="GE65_Tot_30day_Fills", ge65_cost="GE65_Tot_Drug_Cst", ge65_day_supply="GE65_Tot_Day_Suply",
                 ge65_bene_flag="GE65_Bene_Sprsn_Flag", ge65_benes="GE65_Tot_Benes")
SOURCE_NAMES = dict(year="year", npi="npi", claims="tot_clms", fills="tot_30day_fills", day_supply="tot_day_suply",
                    cost="tot_drug_cst", benes="tot_benes", ge65_flag="ge65_sprsn_flag", ge65_claims="ge65_tot_clms",
                    ge65_fills="ge65_tot_30day_fills", ge65_cost="ge65_tot_drug_cst", ge65_day_supply="ge65_tot_day_suply",
                    ge65_bene_flag="ge65_bene_sprsn_flag", ge65_benes="ge65_tot_benes")
# Checked for negatives in this order (FactRuleCheck.first).
NON_NEGATIVE = ["claims", "fills", "day_supply", "cost", "benes", "ge65_claims", "ge65_fills", "ge65_cost", "ge65_day_supply", "ge65_benes"]

# --- Text (TextNormalization) -----------------------------------------------------------------

# Unicode White_Space (Swift's `isWhitespace`), plus NBSP, zero-width space and BOM.
_SPACES = frozenset([*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F,
                     0x3000, 0x200B, 0xFEFF])


def normalize_text(text):
    """NFC, runs of whitespace collapsed to one space, trimmed; None when nothing is left."""
    if text is None:
        return None
    if text.isascii() and text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text or None
    out, pending = [], False
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) in _SPACES:
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        out.append(ch)
    return "".join(out) or None


def flag_code(normalized):
    """A suppression flag: 0 none, 1 `*`, 2 `#`, 3 anything else (SuppressionFlag)."""
    return 0 if normalized is None else {"*": 1, "#": 2}.get(normalized, 3)


FLAG_TEXT = {1: "*", 2: "#"}

# --- NPI ----------------------------------------------------------------------------------------


def valid_npi(npi):
    """10 digits with the Luhn check digit over the 80840 prefix (NPI.checkDigit)."""
    if npi is None or not 1_000_000_000 <= npi <= 9_999_999_999:
        return False
    base, total = npi // 10, 24
    for position in range(9):
        digit = base % 10
        base //= 10
        if position % 2 == 0:
            twice = digit * 2
            total += twice - 9 if twice > 9 else twice
        else:
            total += digit
    return (10 - total % 10) % 10 == npi % 10


PSEUDONYM_KEY_VARIABLE = "RXPIPE_PSEUDONYM_KEY"


def pseudonym(key, text):
    """HMAC-SHA256(key, the NPI's decimal text), first 8 bytes big-endian, folded into
    2^61 … 2^63-1 so it is never a 10-digit NPI (Pseudonymizer)."""
    h = int.from_bytes(hmac.new(key, text.encode(), hashlib.sha256).digest()[:8], "big")
    low = 1 << 61
    return low + h % ((1 << 63) - 1 - low + 1)


# --- Drug identity (DrugIdentities) ---------------------------------------------------------------


def drug_hash(brand_key, generic_key):
    """FNV-1a over the upper-cased names joined by 0x1F, folded into 1 … 2^31-1."""
    h = 0xCBF29CE484222325
    for byte in brand_key.encode():
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    h = ((h ^ 0x1F) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    for byte in generic_key.encode():
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h % 2_147_483_647 + 1


def utf8_key(pair):
    return (pair[0].encode(), pair[1].encode())


def assign_drug_ids(identities):
    """drug_id per identity (brand key, generic key): its hash, collisions probing upward in
    byte order of the identities, so ids depend on neither source nor row order."""
    taken, ids = set(), {}
    for key in sorted(identities, key=utf8_key):
        candidate = drug_hash(*key)
        while candidate in taken:
            candidate = 1 if candidate == 2_147_483_647 else candidate + 1
        taken.add(candidate)
        ids[key] = candidate
    return ids


# --- The generic-name rule (GenericNameRule, GenericNameVocabulary) --------------------------------

CONNECTORS = {"with", "and", "w"}
SALTS = {
    "hcl", "hydrochloride", "dihydrochloride", "hbr", "hydrobromide", "sodium", "disodium", "potassium", "calcium",
    "magnesium", "sulfate", "sulf", "bisulfate", "besylate", "maleate", "tartrate", "bitartrate", "succinate", "mesylate",
    "dimesylate", "citrate", "acetate", "phosphate", "bromide", "chloride", "dihydrate", "monohydrate", "trihydrate",
    "hemihydrate", "sesquihydrate", "hydrate", "anhydrous", "hyclate", "fumarate", "hemifumarate", "oxalate", "malate",
    "tosylate", "napsylate", "lactate", "gluconate", "carbonate", "nitrate", "mononitrate", "propionate", "dipropionate",
    "furoate", "valerate", "decanoate", "cypionate", "enanthate", "pamoate", "stearate", "xinafoate", "besilate",
    "meglumine", "tromethamine", "propanediol", "pot", "potass",
}
FORMS = {
    "er", "xr", "sr", "dr", "cr", "la", "xl", "ec", "odt", "ir", "cd", "xt", "tr", "ds", "osm", "mod", "hfa", "patch",
    "pen", "pens", "vial", "vials", "syringe", "syringes", "kit", "pf", "tab", "tabs", "tablet", "tablets", "cap", "caps",
    "capsule", "capsules", "soln", "solution", "susp", "suspension", "inhaler", "autoinjector", "auto", "injector",
    "injection", "prefilled", "pfs", "cartridge", "flexpen", "kwikpen", "solostar", "flextouch", "disp", "dispersible",
    "chewable", "chew", "oral", "topical",
}
DESCRIPTORS = {"hum", "human", "rec", "recomb", "recombinant", "anlog", "analog"}
SYNONYMS = {"hctz": "hydrochlorothiazide", "apap": "acetaminophen", "smz": "sulfamethoxazole", "tmp": "trimethoprim"}
FIELD_WIDTH = 30  # CMS's name fields: a name this long may be cut or abbreviated


def _noise(word):
    if word in CONNECTORS or word in FORMS or word in DESCRIPTORS:
        return True
    rest = word.lstrip("0123456789")
    return len(rest) < len(word) and rest in ("", "h", "hr")


class _Name:
    def __init__(self, raw):
        tokens, current = [], []
        for ch in raw.lower():
            if ch.isalpha() or "0" <= ch <= "9":
                current.append(ch)
            elif current:
                tokens.append("".join(current))
                current = []
        if current:
            tokens.append("".join(current))
        self.text = " ".join(tokens)
        self.may_be_cut = len(raw) >= FIELD_WIDTH
        active = [w for w in (SYNONYMS.get(t, t) for t in tokens) if not _noise(w)]
        ingredients = [w for w in active if w not in SALTS]
        self.words = ingredients or active


def _abbreviates(x, y):
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= 4 and long.startswith(short)


def _same_words(a, words_a, b, words_b):
    unmatched, pending = list(words_b), []
    for word in words_a:
        if word in unmatched:
            unmatched.remove(word)
        else:
            pending.append(word)
    if not pending:
        return not unmatched
    if not (len(pending) < len(words_a) or a.may_be_cut or b.may_be_cut):
        return False
    for word in pending:
        i = next((i for i, other in enumerate(unmatched) if _abbreviates(word, other)), None)
        if i is None:
            return False
        del unmatched[i]
    return not unmatched


def is_generic_name(brand, generic):
    """True when `brand` names the product by its generic name `generic` in other words."""
    b, g = _Name(brand), _Name(generic)
    if b.text == g.text:
        return True
    if not b.words or not g.words:
        return False
    if len(b.words) == len(g.words):
        return _same_words(b, b.words, g, g.words)
    short, long = (b, g) if len(b.words) < len(g.words) else (g, b)
    return short.may_be_cut and _same_words(short, short.words, long, long.words[:len(short.words)])


class GenericClassifier:
    """`[drugs] generic` / `[drugs] brand` overrides on the normalised, upper-cased brand name,
    then the rule."""

    def __init__(self, generic=(), brand=()):
        self.generic = {(normalize_text(n) or "").upper() for n in generic}
        self.brand = {(normalize_text(n) or "").upper() for n in brand}
        both = self.generic & self.brand
        if both:
            raise ValueError(f"[drugs] names {sorted(both)} both generic and brand")

    def is_generic(self, brand, generic):
        key = (normalize_text(brand) or "").upper()
        if key in self.generic:
            return True
        if key in self.brand:
            return False
        return is_generic_name(brand, generic)


# --- _rescued (RescueVerdict) -----------------------------------------------------------------------


def judge_rescued(text, encoding):
    """(reject rule, reject message or None, [(note rule, note message)]) for a `_rescued` JSON
    object and the encoding ingest found for its file."""
    try:
        obj = json.loads(text)
    except ValueError:
        obj = None
    if not isinstance(obj, dict):
        return "rescued", "_rescued is not a JSON object", []
    if isinstance(obj.get("_load_rejected"), str):
        return "load_rejected", f"rxpipe db load could not load this row of the CMS file: {obj['_load_rejected']}", []
    notes, parts = [], []
    stray = obj.get("_stray_quotes")
    if isinstance(stray, list) and all(isinstance(s, str) for s in stray):
        notes.append(("stray_quote", f"a quote inside the unquoted field {', '.join(stray)}, kept as written"))
    invalid = obj.get("_invalid_utf8")
    if isinstance(invalid, dict):
        keys = sorted(invalid)
        if encoding == "windows-1252":
            notes.append(("encoding_repair", f"{', '.join(keys)} decoded as Windows-1252 (the file is not UTF-8)"))
        else:
            located = ", ".join(f"{k} at byte {_int_text(invalid[k])}" for k in keys)
            parts.append(f"invalid UTF-8 in {located} of the file, which is otherwise UTF-8 (one encoding per file: fix this field)")
    rest = {k: v for k, v in obj.items() if k not in ("_stray_quotes", "_invalid_utf8")}
    if not rest:
        return "rescued", ("; ".join(parts) if parts else None), notes
    nul, quotes = set(_strings(obj.get("_nul"))), set(_strings(obj.get("_quotes")))
    fields, expected, lines = _int(obj.get("_fields")), _int(obj.get("_expected_fields")), _int(obj.get("_lines"))
    if fields is not None and expected is not None:
        part = f"ragged row: {fields} fields where the header has {expected}"
        if lines is not None:
            part += f"; the record spans {lines} lines ({lines - 1} swallowed: a quote opened a field and closed lines later)"
        parts.append(part)
    if "_record" in obj:
        parts.append("record longer than the reader's limit")
    extra = obj.get("_extra_fields")
    if isinstance(extra, list):
        part = f"{len(extra)} fields beyond the header"
        if "_fields" not in obj and lines is not None:
            part += f"; the record spans {lines} lines ({lines - 1} swallowed: a quote opened a field and closed lines later)"
        parts.append(part)
    if nul:
        parts.append(f"NUL byte in {', '.join(sorted(nul))}")
    if quotes:
        parts.append(f"text after the closing quote in {', '.join(sorted(quotes))} (a backslash-escaped quote? CSV doubles quotes: \"O\"\"BRIEN\")")
    columns = sorted(k for k in rest if not k.startswith("_") and k not in nul and k not in quotes)
    if columns:
        parts.append("did not parse: " + ", ".join(columns))
    return "rescued", ("; ".join(parts) if parts else f"_rescued holds {', '.join(sorted(rest))}"), notes


def _int(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _int_text(value):
    return str(value) if _int(value) is not None else "?"


def _strings(value):
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) and all(isinstance(v, str) for v in value) else []


# --- Quarantine text (ColumnVector.text, Redaction) ------------------------------------------------

WITHHELD = "[withheld: pseudonymised]"
NPI_COLUMNS = {"Prscrbr_NPI", "npi"}
NAME_COLUMNS = {"Prscrbr_Last_Org_Name", "Prscrbr_First_Name", "last_org_name", "first_name"}


def value_text(value):
    """A raw value as quarantine keeps it: Swift's description (shortest round-trip doubles,
    money with two decimals, true/false)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    return str(value)


def redact(column, text, key):
    """What quarantine and quality.json keep of a value when pseudonymising (key not None)."""
    if key is None or text is None:
        return text
    if column in NPI_COLUMNS:
        return str(pseudonym(key, text))
    if column in NAME_COLUMNS:
        return None
    if column == "_rescued":
        try:
            obj = json.loads(text)
        except ValueError:
            return WITHHELD
        if not isinstance(obj, dict):
            return WITHHELD
        shown = {k: (v if k in ("_fields", "_expected_fields") or not (k in NPI_COLUMNS or k in NAME_COLUMNS or k.startswith("_"))
                     else WITHHELD) for k, v in obj.items()}
        # Foundation's JSONSerialization: sorted keys, no spaces, "/" escaped.
        return json.dumps(shown, sort_keys=True, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")
    return text
