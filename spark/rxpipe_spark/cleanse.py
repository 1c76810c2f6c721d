"""`cleanse` on Spark: the raw zone of an rxpipe lake in; cleansed/prescriber_drug, prescriber,
drug and state, quarantine/<table> and cleansed/quality.json out, as `rxpipe cleanse` writes them.

The rules are rxpipe's (spark/rxpipe_spark/cleanse_rules.py, docs/tables.md "cleansed"). What
rxpipe decides in one pass in source order is expressed here with windows over the source order
(`_order`: the file's place in the raw manifest, then the row's place in its file):
- the first reject rule a row breaks sends it to quarantine with that rule and message;
- of the rows that pass, the first of each (year, NPI, drug identity) is kept; a later one with
  the same figures, flags and prescriber details is a duplicate (dropped and counted), one with
  others a conflicting key (quarantined);
- fixes and warnings are counted on the kept rows; the prescriber of a year is the most frequent
  attribute tuple of its kept rows, ties by first seen.
Everything is computed before anything is committed; the reconciliation identity must hold.
"""
import datetime
import json
import os
import time

from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import cleanse_rules as R
from .lake import Storage, canonical_json, manifest, read_table, write_table
from .references import STATES

ROWS_PER_FILE = 1 << 22  # rxpipe cuts cleansed part files at 4 row groups of 2^20 rows
CMS_TABLE = "cms_prescriber_drug"
FOUR_TABLES = ["prescriber", "drug", "prescriber_drug", "state"]
CMS_ATTRIBUTES = ["Prscrbr_Last_Org_Name", "Prscrbr_First_Name", "Prscrbr_City", "Prscrbr_State_Abrvtn", "Prscrbr_State_FIPS",
                  "Prscrbr_Type", "Prscrbr_Type_Src"]
CMS_COLUMNS = ["Prscrbr_NPI", *CMS_ATTRIBUTES, "Brnd_Name", "Gnrc_Name", "Tot_Clms", "Tot_30day_Fills", "Tot_Day_Suply",
               "Tot_Drug_Cst", "Tot_Benes", "GE65_Sprsn_Flag", "GE65_Tot_Clms", "GE65_Tot_30day_Fills", "GE65_Tot_Drug_Cst",
               "GE65_Tot_Day_Suply", "GE65_Bene_Sprsn_Flag", "GE65_Tot_Benes"]
LINEAGE = ["_source", "_line", "year"]

FACT_SCHEMA = [("year", "int32", False), ("npi", "int64", False), ("drug_id", "int32", False), ("tot_clms", "int64", False),
               ("tot_30day_fills", "double", True), ("tot_day_suply", "int64", True), ("tot_drug_cst", "decimal(18,2)", False),
               ("tot_benes", "int64", True), ("ge65_sprsn_flag", "string", True), ("ge65_tot_clms", "int64", True),
               ("ge65_tot_30day_fills", "double", True), ("ge65_tot_drug_cst", "decimal(18,2)", True),
               ("ge65_tot_day_suply", "int64", True), ("ge65_bene_sprsn_flag", "string", True), ("ge65_tot_benes", "int64", True)]
PRESCRIBER_SCHEMA = [("year", "int32", False), ("npi", "int64", False), ("last_org_name", "string", True),
                     ("first_name", "string", True), ("city", "string", True), ("state", "string", False),
                     ("state_fips", "string", True), ("prescriber_type", "string", True), ("type_source", "string", True)]
DRUG_SCHEMA = [("drug_id", "int32", False), ("brand_name", "string", False), ("generic_name", "string", False),
               ("is_generic", "boolean", False)]
STATE_SCHEMA = [("state", "string", False), ("state_fips", "string", True), ("state_name", "string", True),
                ("region", "string", True), ("division", "string", True), ("population", "int64", True)]
TUPLE = ["last", "first", "city", "state_idx", "type", "type_src"]


class CleanseError(Exception):
    """The raw zone cannot be cleansed (nothing is committed)."""


def detect_layout(storage):
    """The committed raw layout; when both are, the one committed last (rxpipe's RawLayout)."""
    def committed(table):
        path = storage.path("raw", table, "_manifest.json")
        if not storage.exists(path):
            return None
        fs, p = storage._fs(path)
        return fs.getFileStatus(p).getModificationTime()
    wide, four = committed(CMS_TABLE), [committed(t) for t in FOUR_TABLES]
    if wide is None and not all(four):
        missing = [f"raw/{t}" for t, m in zip(FOUR_TABLES, four) if m is None]
        if any(four):
            raise CleanseError(f"{storage.root}: the four-table layout is incomplete: {', '.join(missing)} not committed")
        raise CleanseError(f"{storage.root}: no raw table is committed; run `rxpipe ingest` first")
    if wide is not None and (not all(four) or wide >= max(four)):
        return "cms_wide"
    return "four_table"


def read_raw(spark, storage, table):
    """A committed raw table with `_order`: its file's place in the manifest, then the row's
    place in the file (Parquet row index) — rxpipe's scan order."""
    m = manifest(storage, "raw", table)
    df = read_table(spark, storage, "raw", table, lineage=True)
    depth = max((len(f["path"].split("/")) for f in m["files"]), default=1)
    ordinal = F.create_map(*[x for i, f in enumerate(m["files"]) for x in (F.lit(f["path"]), F.lit(i))])
    segments = F.split(F.col("_file_path"), "/")
    relative = F.concat_ws("/", *[F.element_at(segments, -k) for k in range(depth, 0, -1)])
    df = df.withColumn("_order", F.element_at(ordinal, relative).cast("long") * F.lit(1 << 40) + F.col("_row_index"))
    return df.drop("_file_path", "_row_index"), m


def source_accounts(m):
    return json.loads((m.get("properties") or {}).get("rxpipe.ingest.files", "null") or "null")


# --- Row preparation: the Python part of the rules, one call per row ------------------------------

PREP_FIELDS = ["last", "first", "city", "state_text", "fips_text", "type", "type_src", "brand", "generic", "brand_key",
               "generic_key", "f65", "fb65", "rescued_rule", "rescued_message"]
PREP_TYPE = T.StructType([*[T.StructField(n, T.IntegerType() if n in ("f65", "fb65") else T.StringType()) for n in PREP_FIELDS],
                          T.StructField("notes", T.ArrayType(T.StructType([T.StructField("rule", T.StringType()),
                                                                            T.StructField("message", T.StringType())])))])


def make_prep(encodings, extra_columns):
    """Normalised attributes and names, flag codes, the `_rescued` verdict and the notes of a row."""
    def prep(last, first, city, state, fips, type_, src, brand, generic, f65, fb65, rescued, source, extras):
        n = R.normalize_text
        b, g = n(brand), n(generic)
        rule = message = None
        notes = []
        if rescued is not None:
            rule, message, found = R.judge_rescued(rescued, encodings.get(source))
            if message is None:
                rule = None
            notes += found
        for name, value in zip(extra_columns, extras or []):
            if value is not None and value != "":
                notes.append(("extra_column", f"column {name} is not one rxpipe knows: its value is kept in raw, not in cleansed"))
        return (n(last), n(first), n(city), n(state), n(fips), n(type_), n(src), b, g, b.upper() if b else None,
                g.upper() if g else None, R.flag_code(n(f65)), R.flag_code(n(fb65)), rule, message, notes)
    return F.udf(prep, PREP_TYPE)


def literal_map(pairs):
    return F.create_map(*[F.lit(x) for pair in pairs for x in pair])


def state_index():
    """State code → index into the reference."""
    return literal_map((s["code"], i) for i, s in enumerate(STATES))


def state_code(column):
    return F.element_at(literal_map((i, s["code"]) for i, s in enumerate(STATES)), column)


def state_fips(column):
    """The reference FIPS of a state index ("" where the code has none)."""
    return F.element_at(literal_map((i, s["fips"]) for i, s in enumerate(STATES)), column)


def flag_text(column):
    return F.element_at(literal_map([(1, "*"), (2, "#")]), column)


def valid_npi_sql(column):
    """`cleanse_rules.valid_npi` as a Spark expression (Luhn over the 80840 prefix)."""
    base = F.floor(column / 10)
    total = F.lit(24)
    for position in range(9):
        digit = F.floor(base / (10 ** position)) % 10
        total = total + (F.when(digit * 2 > 9, digit * 2 - 9).otherwise(digit * 2) if position % 2 == 0 else digit)
    return column.between(1_000_000_000, 9_999_999_999) & (((10 - total % 10) % 10) == column % 10)


def first_rule(names, years):
    """(rule, message) of the first fact rule a row breaks (FactRuleCheck), nulls when none."""
    lo, hi = years
    checks = [(F.col(r).isNull(), "required", F.lit(f"{names[r]} is missing")) for r in ("npi", "year", "claims", "cost")]
    checks.append((~F.col("year").between(lo, hi), "year_range",
                   F.format_string(f"{names['year']} %d is outside the data years {lo}–{hi} ([source] min_year, max_year)", "year")))
    checks.append((~valid_npi_sql(F.col("npi")), "npi_format", F.lit(f"{names['npi']} is not 10 digits with a valid check digit")))
    checks += [(F.col(r) < 0, "non_negative", F.lit(f"{names[r]} is negative")) for r in R.NON_NEGATIVE]
    checks.append((F.col("claims") < R.MINIMUM_CLAIMS, "claims_min",
                   F.format_string(f"{names['claims']} is %d, below the CMS minimum of {R.MINIMUM_CLAIMS}", "claims")))
    checks.append((F.col("f65") == 3, "flag_known", F.lit(f"{names['ge65_flag']} is not empty, * or #")))
    checks.append((F.col("fb65") == 3, "flag_known", F.lit(f"{names['ge65_bene_flag']} is not empty, * or #")))
    rule = message = None
    for condition, r, m in reversed(checks):
        rule = F.when(condition, F.lit(r)) if rule is None else F.when(condition, F.lit(r)).otherwise(rule)
        message = F.when(condition, m) if message is None else F.when(condition, m).otherwise(message)
    return rule, message


def combine(layout_rule, layout_message, check_rule, check_message):
    """The layout's finding or the check's, whichever rule comes first (the check on a tie)."""
    rank = literal_map(R.RULE_RANK.items())
    layout_first = layout_rule.isNotNull() & (check_rule.isNull() | (F.element_at(rank, layout_rule) < F.element_at(rank, check_rule)))
    return F.when(layout_first, layout_rule).otherwise(check_rule), F.when(layout_first, layout_message).otherwise(check_message)


# --- The CMS wide layout ----------------------------------------------------------------------------


def cms_facts(spark, storage):
    """raw/cms_prescriber_drug as fact rows in the shape the shared rules read."""
    raw, m = read_raw(spark, storage, CMS_TABLE)
    missing = [c for c in CMS_COLUMNS + ["_rescued", "_source", "_line", "year"] if c not in raw.columns]
    if missing:
        raise CleanseError(f"raw/{CMS_TABLE} has no column {missing[0]}")
    extra = [c for c in raw.columns if c not in CMS_COLUMNS + ["_rescued", "_source", "_line", "year", "_order"]]
    encodings = {a["source"]: a["encoding"] for a in source_accounts(m) or []}
    prep = make_prep(encodings, extra)
    df = raw.withColumn("_p", prep(*[F.col(c) for c in CMS_ATTRIBUTES], F.col("Brnd_Name"), F.col("Gnrc_Name"),
                                   F.col("GE65_Sprsn_Flag"), F.col("GE65_Bene_Sprsn_Flag"), F.col("_rescued"), F.col("_source"),
                                   F.array(*[F.col(c).cast("string") for c in extra]) if extra else F.lit(None).cast("array<string>")))
    n = R.CMS_NAMES
    df = df.select("*", *[F.col(f"_p.{f}").alias(f) for f in PREP_TYPE.fieldNames()],
                   *[F.col(n[role]).alias(role) for role in n if role not in ("year", "ge65_flag", "ge65_bene_flag")])
    df = df.withColumn("cost", F.col("cost").cast("decimal(18,2)")).withColumn("ge65_cost", F.col("ge65_cost").cast("decimal(18,2)"))
    df = df.withColumn("state_idx", F.element_at(state_index(), upper_udf(F.col("state_text"))))
    # A row whose state code is unknown takes the state its NPI's other rows give that year.
    keyed = F.col("npi").isNotNull() & F.col("year").isNotNull()
    unknown = df.filter(keyed & F.col("state_idx").isNull()).select("year", "npi").distinct()
    if unknown.limit(1).count() > 0:
        votes = (df.filter(keyed & F.col("state_idx").isNotNull()).join(unknown, ["year", "npi"])
                 .groupBy("year", "npi", "state_idx").agg(F.count("*").alias("n"), F.min("_order").alias("first")))
        best = Window.partitionBy("year", "npi").orderBy(F.col("n").desc(), F.col("first"))
        substitutes = (votes.withColumn("rank", F.row_number().over(best)).filter("rank = 1")
                       .select("year", "npi", F.col("state_idx").alias("substitute")))
        df = df.join(substitutes, ["year", "npi"], "left")
    else:
        df = df.withColumn("substitute", F.lit(None).cast("int"))
    bad_state = F.when(F.col("state_text").isNull(), F.lit("Prscrbr_State_Abrvtn is missing")).otherwise(
        F.format_string('Prscrbr_State_Abrvtn "%s" is not a state code CMS uses', "state_text"))
    names_missing = F.col("brand").isNull() | F.col("generic").isNull()
    substituted = F.col("state_idx").isNull() & ~names_missing & keyed & F.col("substitute").isNotNull()
    layout_rule = (F.when(F.col("rescued_rule").isNotNull(), F.col("rescued_rule"))
                   .when(names_missing, F.lit("required"))
                   .when(F.col("state_idx").isNull() & ~substituted, F.lit("state_known")))
    layout_message = (F.when(F.col("rescued_rule").isNotNull(), F.col("rescued_message"))
                      .when(F.col("brand").isNull(), F.lit("Brnd_Name is missing"))
                      .when(F.col("generic").isNull(), F.lit("Gnrc_Name is missing"))
                      .when(F.col("state_idx").isNull() & ~substituted, bad_state))
    expected_fips = state_fips(F.col("state_idx"))
    df = df.select(
        "*", layout_rule.alias("layout_rule"), layout_message.alias("layout_message"),
        F.when(substituted, F.col("substitute")).otherwise(F.col("state_idx")).alias("eff_state"),
        F.when(substituted, F.concat(bad_state, F.format_string("; the NPI's other rows in %d give %s, which is used", "year",
                                                                state_code(F.col("substitute"))))).alias("substitution"),
        (F.col("state_idx").isNotNull() & (F.coalesce(F.col("fips_text"), F.lit("")) != expected_fips)).alias("fips_fixed"))
    quarantine_columns = [c for c in raw.columns if c not in LINEAGE + ["_order"]]
    return df.drop("state_idx").withColumnRenamed("eff_state", "state_idx"), m, quarantine_columns


upper_udf = F.udf(lambda s: s.upper() if s is not None else None, T.StringType())


# --- The shared rules ---------------------------------------------------------------------------------


def judge(df, names, years):
    """Adds `rule`/`message` (the row's reject, or null), and the dedup outcome of the rows
    that pass: `outcome` new, duplicate or conflict."""
    check_rule, check_message = first_rule(names, years)
    rule, message = combine(F.col("layout_rule"), F.col("layout_message"), check_rule, check_message)
    df = df.withColumn("rule", rule).withColumn("message", message)
    figures = F.to_json(F.struct(*[F.col(c) for c in ("claims", "day_supply", "benes", "ge65_claims", "ge65_day_supply", "ge65_benes",
                                                       "fills", "cost", "ge65_fills", "ge65_cost", "f65", "fb65", *TUPLE)]))
    key = Window.partitionBy("year", "npi", "brand_key", "generic_key").orderBy("_order")
    passed = df.filter(F.col("rule").isNull()).withColumn("_fp", figures)
    passed = passed.withColumn("_first_fp", F.first("_fp").over(key)).withColumn("_rn", F.row_number().over(key))
    outcome = F.when(F.col("_rn") == 1, "new").when(F.col("_fp") == F.col("_first_fp"), "duplicate").otherwise("conflict")
    passed = passed.withColumn("outcome", outcome).drop("_fp", "_first_fp", "_rn")
    passed = (passed.withColumn("rule", F.when(F.col("outcome") == "conflict", F.lit("conflicting_key")))
              .withColumn("message", F.when(F.col("outcome") == "conflict", F.lit(
                  "same year, NPI and drug as an earlier kept row, with different figures or prescriber details"))))
    rejected = df.filter(F.col("rule").isNotNull()).withColumn("outcome", F.lit("rejected"))
    return rejected.unionByName(passed)


def fixes(df, names, suppress_below):
    """The kept rows with suppression applied, and one event (rule, message) per fix, warning
    and note (FactProcessor.applyFixes, checkWarnings)."""
    sup65 = F.col("f65").isin(1, 2)
    bene_flagged = F.col("fb65").isin(1, 2) & F.col("ge65_benes").isNotNull()
    small = lambda c: c.between(1, suppress_below - 1)  # noqa: E731
    any65 = sup65 & (F.col("ge65_claims").isNotNull() | F.col("ge65_day_supply").isNotNull() | F.col("ge65_fills").isNotNull()
                     | F.col("ge65_cost").isNotNull())
    ge65_benes_after_flag = F.when(bene_flagged, F.lit(None)).otherwise(F.col("ge65_benes"))
    parts = [
        F.when(any65, F.format_string(f"65+ figures present although {names['ge65_flag']} is %s", flag_text(F.col("f65")))),
        F.when(bene_flagged, F.format_string(f"{names['ge65_benes']} present although {names['ge65_bene_flag']} is %s",
                                             flag_text(F.col("fb65")))),
        F.when(small(F.col("benes")), F.format_string(f"{names['benes']} of %d published (counts 1-{suppress_below - 1} are suppressed)", "benes")),
        F.when(small(ge65_benes_after_flag), F.format_string(
            f"{names['ge65_benes']} of %d published (counts 1-{suppress_below - 1} are suppressed)", ge65_benes_after_flag)),
    ]
    suppression = F.concat_ws("; ", *parts)
    out = df.withColumn("_suppression", F.when(suppression != "", F.concat(suppression, F.lit(": nulled"))))
    for c in ("ge65_claims", "ge65_day_supply", "ge65_fills", "ge65_cost"):
        out = out.withColumn(c, F.when(sup65, F.lit(None)).otherwise(F.col(c)))
    out = (out.withColumn("benes", F.when(small(F.col("benes")), F.lit(None)).otherwise(F.col("benes")))
           .withColumn("ge65_benes", F.when(bene_flagged | small(F.col("ge65_benes")), F.lit(None)).otherwise(F.col("ge65_benes"))))
    over = [F.when(F.col("ge65_claims") > F.col("claims"), F.lit(names["ge65_claims"])),
            F.when(F.col("ge65_fills") > F.col("fills"), F.lit(names["ge65_fills"])),
            F.when(F.col("ge65_cost") > F.col("cost"), F.lit(names["ge65_cost"])),
            F.when(F.col("ge65_day_supply") > F.col("day_supply"), F.lit(names["ge65_day_supply"])),
            F.when(F.col("ge65_benes") > F.col("benes"), F.lit(names["ge65_benes"]))]
    over_text = F.concat_ws(", ", *over)
    event = lambda rule, message: F.struct(F.lit(rule).alias("rule"), message.alias("message"))  # noqa: E731
    events = F.array(
        F.when(F.col("_suppression").isNotNull(), event("suppression", F.col("_suppression"))),
        F.when(F.col("fips_fixed"), event("state_fips", F.lit("state FIPS code replaced by the one of the state code"))),
        F.when(F.col("substitution").isNotNull(), event("prescriber_conflict", F.col("substitution"))),
        F.when(F.col("fills") < F.col("claims"), event("fills_vs_claims", F.format_string(
            f"{names['fills']} %s is below {names['claims']} %d", double_text(F.col("fills")), F.col("claims")))),
        F.when(over_text != "", event("ge65_within_total", F.concat(over_text, F.lit(" above the total")))),
    )
    events = F.concat(F.filter(events, lambda e: e.isNotNull()), F.coalesce(F.col("notes"), F.array().cast(PREP_TYPE["notes"].dataType)))
    return out.withColumn("events", events)


double_text = F.udf(R.value_text, T.StringType())


def run(spark, lake, *, pseudonymize=False, suppress_below=11, years=None, generic=(), brand=(),
        environment=os.environ, log=print):
    started = time.time()
    years = years or (2013, datetime.datetime.now(datetime.timezone.utc).year)
    try:
        classifier = R.GenericClassifier(generic, brand)
    except ValueError as error:
        raise CleanseError(str(error)) from None
    key = None
    if pseudonymize:
        text = environment.get(R.PSEUDONYM_KEY_VARIABLE, "")
        if not text:
            raise CleanseError(f"[privacy] pseudonymize is on but {R.PSEUDONYM_KEY_VARIABLE} is not set")
        if len(text.encode()) < 16:
            raise CleanseError(f"{R.PSEUDONYM_KEY_VARIABLE} has {len(text.encode())} bytes; a pseudonym key needs at least 16")
        key = text.encode()
    storage = Storage(spark, lake)
    layout = detect_layout(storage)
    if layout != "cms_wide":
        from .cleanse_four import four_table_facts
        facts, raw_manifest, quarantine_columns, names, dimension = four_table_facts(spark, storage, key)
    else:
        facts, raw_manifest, quarantine_columns = cms_facts(spark, storage)
        names, dimension = R.CMS_NAMES, None
    raw_table = raw_manifest["table"]
    judged = judge(facts, names, years).cache()
    kept = fixes(judged.filter(F.col("outcome") == "new"), names, suppress_below).cache()

    # Drugs: every identity of the raw input gets its id; the referenced ones are published.
    if dimension is None:
        pairs = facts.filter(F.col("brand").isNotNull() & F.col("generic").isNotNull()).select("brand", "generic").distinct().collect()
        spellings = {}
        for p in pairs:
            k = (p.brand.upper(), p.generic.upper())
            if k not in spellings or R.utf8_key((p.brand, p.generic)) < R.utf8_key(spellings[k]):
                spellings[k] = (p.brand, p.generic)
    else:
        spellings = dimension["spellings"]
    ids = R.assign_drug_ids(spellings.keys())
    id_frame = spark.createDataFrame([(b, g, i) for (b, g), i in ids.items()], "brand_key string, generic_key string, _drug_id int")
    referenced = {(r.brand_key, r.generic_key) for r in kept.select("brand_key", "generic_key").distinct().collect()}
    drug_rows = sorted(((ids[k], spellings[k][0], spellings[k][1], classifier.is_generic(*spellings[k])) for k in referenced))

    pseudo = F.udf(lambda npi: R.pseudonym(key, str(npi)) if npi is not None else None, T.LongType())
    shown_npi = pseudo(F.col("npi")) if key else F.col("npi")
    facts_out = kept.join(F.broadcast(id_frame), ["brand_key", "generic_key"]).select(
        "year", shown_npi.alias("npi"), F.col("_drug_id").alias("drug_id"), F.col("claims").alias("tot_clms"), F.col("fills").alias("tot_30day_fills"),
        F.col("day_supply").alias("tot_day_suply"), F.col("cost").alias("tot_drug_cst"), F.col("benes").alias("tot_benes"),
        flag_text(F.col("f65")).alias("ge65_sprsn_flag"), F.col("ge65_claims").alias("ge65_tot_clms"),
        F.col("ge65_fills").alias("ge65_tot_30day_fills"), F.col("ge65_cost").alias("ge65_tot_drug_cst"),
        F.col("ge65_day_supply").alias("ge65_tot_day_suply"), flag_text(F.col("fb65")).alias("ge65_bene_sprsn_flag"),
        F.col("ge65_benes").alias("ge65_tot_benes"), "_order")

    # Prescribers: per (year, NPI) the most frequent attribute tuple of the kept rows.
    candidates = kept.groupBy("year", "npi", *TUPLE).agg(F.count("*").alias("n"), F.min("_order").alias("seen"))
    group = Window.partitionBy("year", "npi")
    ranked = (candidates.withColumn("rank", F.row_number().over(group.orderBy(F.col("n").desc(), "seen")))
              .withColumn("tuples", F.count("*").over(group)).withColumn("group_first", F.min("seen").over(group)).cache())
    winners = ranked.filter("rank = 1")
    hide = key is not None
    fips = state_fips(F.col("state_idx"))
    prescribers_out = winners.select(
        "year", shown_npi.alias("npi"), (F.lit(None).cast("string") if hide else F.col("last")).alias("last_org_name"),
        (F.lit(None).cast("string") if hide else F.col("first")).alias("first_name"), "city",
        state_code(F.col("state_idx")).alias("state"), F.when(fips != "", fips).alias("state_fips"),
        F.col("type").alias("prescriber_type"), F.col("type_src").alias("type_source"), F.col("group_first").alias("_order"))

    # Quarantine: rejected rows and conflicting keys, every original value as text.
    texts = quarantine_texts(quarantine_columns, key)
    quarantined = judged.filter(F.col("rule").isNotNull())
    quarantine_out = quarantined.select(
        texts(F.array(*[F.col(c).cast("string") if dict(facts.dtypes)[c] == "string" else value_text_column(c, facts)
                        for c in quarantine_columns])).alias("_t"),
        F.coalesce(F.col("year"), F.lit(0)).alias("year"), "rule", "message", "_source", "_line", "_order")
    quarantine_out = quarantine_out.select(*[F.col("_t")[i].alias(c) for i, c in enumerate(quarantine_columns)],
                                           "year", "rule", "message", "_source", "_line", "_order").cache()

    # The ledger: counts per rule and the first examples in source order.
    counts, examples = ledger(spark, judged, kept, ranked, quarantine_out, quarantine_columns, raw_table, names, key)
    if dimension is not None:
        for rule, n in dimension["counts"].items():
            counts[rule] = counts.get(rule, 0) + n
        for rule, found in dimension["examples"].items():
            examples[rule] = (found + examples.get(rule, []))[:R.MAX_EXAMPLES]

    raw_rows, cleansed, quarantined_rows, duplicates = (raw_manifest["row_count"], kept.count(), quarantine_out.count(),
                                                        judged.filter(F.col("outcome") == "duplicate").count())
    reconciliation = {"source": f"raw/{raw_table}", "target": "cleansed/prescriber_drug", "raw": raw_rows, "cleansed": cleansed,
                      "quarantined": quarantined_rows, "duplicates_dropped": duplicates}
    accounts = source_accounts(raw_manifest)
    if accounts:
        reconciliation["physical_lines"] = sum(a["physical_lines"] for a in accounts)
        reconciliation["skipped_lines"] = sum(a["leading_blank_lines"] + a["header_lines"] + a["blank_lines"] for a in accounts)
        reconciliation["lines_inside_records"] = sum(a["record_lines"] - a["records"] for a in accounts)
    tables = [reconciliation] + (dimension["reconciliations"] if dimension else [])
    for r in tables:
        if r["raw"] != r["cleansed"] + r["quarantined"] + r["duplicates_dropped"]:
            raise CleanseError(f"{r['source']}: raw {r['raw']} ≠ cleansed {r['cleansed']} + quarantined {r['quarantined']} "
                               f"+ duplicates {r['duplicates_dropped']}; nothing was committed")
        if "physical_lines" in r and r["physical_lines"] != r["raw"] + r["skipped_lines"] + r["lines_inside_records"]:
            raise CleanseError(f"{r['source']}: the source files' lines do not add up; nothing was committed")

    state_rows = dimension["states"] if dimension else [state_row(s) for s in STATES]

    def properties(target):
        mine = [r for r in tables if r["target"] == target]
        p = {"rxpipe.cleanse.pseudonymized": "true" if key else "false", "rxpipe.cleanse.layout": layout}
        if mine:
            p["rxpipe.cleanse.reconciliation"] = swift_json(mine)
        return p

    commits = [
        (facts_out, "prescriber_drug", FACT_SCHEMA, "year"), (prescribers_out, "prescriber", PRESCRIBER_SCHEMA, "year"),
        (spark.createDataFrame(drug_rows, "drug_id int, brand_name string, generic_name string, is_generic boolean")
         .withColumn("_order", F.col("drug_id").cast("long")), "drug", DRUG_SCHEMA, None),
        (spark.createDataFrame([(*row, i) for i, row in enumerate(state_rows)],
                               "state string, state_fips string, state_name string, region string, division string, population bigint, _order long"),
         "state", STATE_SCHEMA, None),
    ]
    results = {}
    for df, table, schema, partition in commits:
        results[f"cleansed/{table}"] = write_table(storage, df, "cleansed", table, schema, [F.col("_order")], properties(f"cleansed/{table}"),
                                                   partition=partition, rows_per_file=ROWS_PER_FILE)
    q_schema = [(c, "string", True) for c in quarantine_columns] + [("year", "int32", False), ("rule", "string", False),
                                                                     ("message", "string", False), ("_source", "string", False),
                                                                     ("_line", "int64", False)]
    results[f"quarantine/{raw_table}"] = write_table(storage, quarantine_out, "quarantine", raw_table, q_schema, [F.col("_order")],
                                                     partition="year", rows_per_file=ROWS_PER_FILE)
    if dimension is not None:
        for table, (df, columns) in dimension["quarantines"].items():
            results[f"quarantine/{table}"] = write_table(storage, df, "quarantine", table, [(c, "string", True) for c in columns] + [
                ("rule", "string", False), ("message", "string", False), ("_source", "string", False), ("_line", "int64", False)],
                [F.col("_order")], rows_per_file=ROWS_PER_FILE)
    quality = {"format": "rxpipe-cleanse-quality", "layout": layout, "pseudonymized": key is not None, "tables": tables,
               "rules": [{"id": rule, "severity": severity, "description": description, "count": counts.get(rule, 0),
                          "examples": examples.get(rule, [])} for rule, severity, description in R.RULES]}
    storage.replace_text(storage.path("cleansed", "quality.json"), canonical_json(quality))
    for name, record in sorted(results.items()):
        log(f"{name}\tversion {record['version']}\t{record['row_count']} rows\tcontent {record['content_hash'][:16]}")
    log(f"raw/{raw_table} → cleansed/prescriber_drug\traw {raw_rows}\tcleansed {cleansed}\tquarantined {quarantined_rows}"
        f"\tduplicates dropped {duplicates}\t{time.time() - started:.1f} s")
    for rule, severity, _ in R.RULES:
        if counts.get(rule):
            log(f"rule {rule}\t{severity}\t{counts[rule]}")
    return results, quality


def state_row(s):
    n = R.normalize_text
    return (s["code"], n(s["fips"]), n(s["name"]), n(s["region"]), n(s["division"]), s["population"])


def swift_json(value):
    """Foundation's JSONEncoder with sorted keys: compact, "/" escaped."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")


def value_text_column(column, df):
    kind = dict(df.dtypes)[column]
    if kind in ("double", "float"):
        return double_text(F.col(column))
    return F.col(column).cast("string")


def quarantine_texts(columns, key):
    """The original values as quarantine stores them (redacted when pseudonymising)."""
    def texts(values):
        return [R.redact(c, v, key) for c, v in zip(columns, values)]
    return F.udf(texts, T.ArrayType(T.StringType()))


def ledger(spark, judged, kept, ranked, quarantine_out, columns, raw_table, names, key):
    """Counts per rule over every event, and the first five examples of each in source order
    (a prescriber's attribute conflict is recorded when its year-NPI group closes)."""
    table = f"raw/{raw_table}"
    rejected = quarantine_out.select("rule", "message", "_order")
    duplicates = judged.filter(F.col("outcome") == "duplicate").select(
        F.lit("duplicate_row").alias("rule"), F.lit("exact copy of an earlier row for the same year, NPI and drug").alias("message"), "_order")
    row_events = kept.select(F.explode("events").alias("e"), "_order").select("e.rule", "e.message", "_order")
    events = rejected.unionByName(duplicates).unionByName(row_events)
    counts = {r["rule"]: r["count"] for r in events.groupBy("rule").count().collect()}
    conflicts = ranked.filter("tuples > 1")
    group_count = conflicts.select("year", "npi").distinct().count()
    if group_count:
        counts["prescriber_conflict"] = counts.get("prescriber_conflict", 0) + group_count
    first = Window.partitionBy("rule").orderBy("_order")
    picked = events.withColumn("k", F.row_number().over(first)).filter(f"k <= {R.MAX_EXAMPLES}").collect()
    found = {}  # rule → [(position in source order, example)]
    if picked:
        rows = judged.filter(F.col("_order").isin(sorted({r["_order"] for r in picked}))).select(
            "_order", "_source", "_line", *columns).collect()
        fetched = {r["_order"]: r for r in rows}
        for r in picked:
            row = fetched[r["_order"]]
            values = {c: R.redact(c, R.value_text(row[c]), key) for c in columns}
            found.setdefault(r["rule"], []).append((r["_order"], {"table": table, "source": row["_source"], "line": row["_line"],
                                                                  "message": r["message"], "values": values}))
    if group_count:
        # A group's record is made when the group closes: after its last passing row.
        closed = judged.filter(F.col("outcome") != "rejected").groupBy("year", "npi").agg(F.max("_order").alias("closed"))
        groups = (conflicts.join(closed, ["year", "npi"]).groupBy("year", "npi", "closed")
                  .agg(F.sort_array(F.collect_list(F.struct("seen", "rank", "n"))).alias("c"))
                  .orderBy("closed").limit(R.MAX_EXAMPLES).collect())
        lines = {r["_order"]: r for r in judged.filter(F.col("_order").isin(
            sorted({c["seen"] for g in groups for c in g["c"]}))).select("_order", "_source", "_line").collect()}
        for g in groups:
            winner = next(c for c in g["c"] if c["rank"] == 1)
            other = next(c for c in g["c"] if c["rank"] != 1)  # the first seen of the others
            shown = str(R.pseudonym(key, str(g["npi"]))) if key else str(g["npi"])
            found.setdefault("prescriber_conflict", []).append((g["closed"] + 0.5, {
                "table": table, "source": lines[other["seen"]]["_source"], "line": lines[other["seen"]]["_line"],
                "message": f"{names['npi']} has {len(g['c'])} different attribute sets in {g['year']}; kept the one on "
                           f"{winner['n']} rows (first at line {lines[winner['seen']]['_line']})",
                "values": {names["npi"]: shown, "year": str(g["year"])}}))
    examples = {rule: [e for _, e in sorted(items, key=lambda x: x[0])][:R.MAX_EXAMPLES] for rule, items in found.items()}
    return counts, examples
