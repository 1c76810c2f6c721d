"""CMS files that break every cleanse rule a generated sample leaves alone, for the Spark
parity test: unknown and missing states (with and without the NPI's other rows to take the
state from), a missing brand, an unknown flag, a wrong FIPS code, 65+ figures above the
totals, a stray quote, an extra column, a data year before min_year (gzipped), a Windows-1252 file and
a stray invalid byte in a UTF-8 file, names that differ only in case and spacing."""
import gzip
import os

HEADER = ("Prscrbr_NPI,Prscrbr_Last_Org_Name,Prscrbr_First_Name,Prscrbr_City,Prscrbr_State_Abrvtn,Prscrbr_State_FIPS,"
          "Prscrbr_Type,Prscrbr_Type_Src,Brnd_Name,Gnrc_Name,Tot_Clms,Tot_30day_Fills,Tot_Day_Suply,Tot_Drug_Cst,Tot_Benes,"
          "GE65_Sprsn_Flag,GE65_Tot_Clms,GE65_Tot_30day_Fills,GE65_Tot_Drug_Cst,GE65_Tot_Day_Suply,GE65_Bene_Sprsn_Flag,GE65_Tot_Benes")


def npi(base):
    """A valid NPI from a 9-digit base (Luhn over the 80840 prefix)."""
    total, rest = 24, base
    for position in range(9):
        digit, rest = rest % 10, rest // 10
        total += (digit * 2 - 9 if digit * 2 > 9 else digit * 2) if position % 2 == 0 else digit
    return base * 10 + (10 - total % 10) % 10


def row(who, state="CA", fips="06", brand="Lipitor", generic="Atorvastatin Calcium", claims=40, fills="45.5", supply=1200,
        cost="812.40", benes=25, flag="", c65=20, f65="22.5", cost65="400.10", s65=600, bflag="", b65=12,
        last="Smith", first="Ann", city="Fresno", kind="Internal Medicine"):
    return ",".join(map(str, [npi(who), last, first, city, state, fips, kind, "Claim-Specialty", brand, generic, claims, fills,
                              supply, cost, benes, flag, c65, f65, cost65, s65, bflag, b65]))


def write(folder):
    """Writes three extra CMS files into `folder` (years 2012 and 2022)."""
    utf8 = [HEADER + ",Note"]
    # One NPI, several rows: one with the typo QQ takes CA from the others; a second NPI has QQ only.
    utf8 += [row(100000001, brand=b, generic=g) + "," for b, g in [("Lipitor", "Atorvastatin Calcium"), ("Zocor", "Simvastatin"),
                                                                   ("Crestor", "Rosuvastatin Calcium")]]
    utf8.append(row(100000001, state="QQ", fips="", brand="Norvasc", generic="Amlodipine Besylate") + ",")
    utf8.append(row(100000002, state="QQ", fips="") + ",")
    utf8.append(row(100000003, state="", fips="") + ",")
    utf8.append(row(100000004, brand="") + ",")
    utf8.append(row(100000005, flag="X") + ",")
    utf8.append(row(100000006, fips="99") + ",seen in the source")
    utf8.append(row(100000007, c65=90, f65="99.5", cost65="9000.00", s65=9999, b65=30) + ",")
    utf8.append(row(100000008, last='O"BRIEN') + ",")
    # Names that differ in case and spacing are the same drug and prescriber: an exact copy.
    utf8.append(row(100000009, brand="Zetia", generic="Ezetimibe", last="  de la  Cruz ") + ",")
    utf8.append(row(100000009, brand="ZETIA", generic="EZETIMIBE ", last="de la Cruz") + ",")
    utf8.append(row(100000010, benes=7, b65=3, city="Mont\u00e9r\u00e9y") + ",")
    utf8.append(row(100000011, bflag="*", flag="#") + ",")
    data = ("\n".join(utf8) + "\n").encode()
    # One field with a byte that is not UTF-8 in an otherwise UTF-8 file: rejected.
    data += (row(100000012, city="San Jos\udce9", ).encode("utf-8", "surrogateescape") + b",\n")
    with open(os.path.join(folder, "MUP_DPR_RY24_P04_V10_DY22_NPIBN_extra.csv"), "wb") as f:
        f.write(data)
    # A Windows-1252 file throughout: repaired.
    latin = [HEADER, row(100000013, city="Pe\u00f1asco", last="Mu\u00f1oz"), row(100000014, city="Espa\u00f1ola")]
    with open(os.path.join(folder, "MUP_DPR_RY24_P04_V10_DY22_NPIBN_latin.csv"), "wb") as f:
        f.write(("\n".join(latin) + "\n").encode("cp1252"))
    # A year before CMS data starts (ingested with min_year 2012, cleansed with 2013), gzipped.
    with gzip.open(os.path.join(folder, "MUP_DPR_RY14_P04_V10_DY12_NPIBN.csv.gz"), "wt") as f:
        f.write("\n".join([HEADER, row(100000015), row(100000016)]) + "\n")
