"""The four-table CSV layout (prescriber.csv, drug.csv.gz, prescriber_drug.csv, state.csv.zst), made from
the CMS files `rxpipe sample` writes, with faults of their own in every table: exact and
conflicting duplicates of dimension rows, unknown states and wrong FIPS codes, invalid and
missing keys, orphans on both sides, a figure and a year that are not numbers, a column rxpipe does
not declare, and the fact faults."""
import csv
import glob
import gzip
import io
import os

import pyarrow

import cleanse_faults

STATES_CSV = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "assets", "us-states.csv")
FACTS = ["tot_clms", "tot_30day_fills", "tot_day_suply", "tot_drug_cst", "tot_benes", "ge65_sprsn_flag", "ge65_tot_clms",
         "ge65_tot_30day_fills", "ge65_tot_drug_cst", "ge65_tot_day_suply", "ge65_bene_sprsn_flag", "ge65_tot_benes"]


def write(cms_folder, out):
    """Writes the four files into `out` from the CMS files in `cms_folder`."""
    os.makedirs(out, exist_ok=True)
    prescribers, drugs, facts = {}, {}, []
    for path in sorted(glob.glob(os.path.join(cms_folder, "MUP_DPR_*_DY*_NPIBN.csv"))):
        year = 2000 + int(path.split("_DY")[1][:2])
        with open(path, newline="", encoding="utf-8") as f:
            for r in list(csv.reader(f))[1:]:
                if len(r) != 22:
                    continue
                prescribers.setdefault(r[0], r[1:8])
                drug = drugs.setdefault((r[8], r[9]), len(drugs) + 1)
                facts.append([year, r[0], drug, *r[10:22]])
    with open(os.path.join(out, "prescriber.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["npi", "last_org_name", "first_name", "city", "state_abbr", "state_fips", "prescriber_type", "type_source"])
        rows = [[npi, *attrs] for npi, attrs in prescribers.items()]
        w.writerows(rows)
        w.writerow(rows[3])                                     # exact duplicate
        w.writerow([rows[4][0], rows[4][1], rows[4][2], "Elsewhere", *rows[4][4:]])  # conflicting attributes
        w.writerow(["1234567890", "Bad", "Npi", "Austin", "TX", "48", "Dentist", "S"])
        w.writerow(["", "No", "Npi", "Austin", "TX", "48", "Dentist", "S"])
        w.writerow([cleanse_faults.npi(200000001), "Unknown", "State", "Nowhere", "QQ", "", "Dentist", "S"])
        w.writerow([cleanse_faults.npi(200000002), "  Wrong ", "Fips", "Austin", "tx", "99", "Dentist", "S"])
    with gzip.open(os.path.join(out, "drug.csv.gz"), "wt", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["drug_id", "brand_name", "generic_name", "Source_Note"])  # a column rxpipe does not declare
        rows = [[i, b, g, "fda" if i % 3 else ""] for (b, g), i in drugs.items()]
        w.writerows(rows)
        w.writerow(rows[5])                                     # exact duplicate
        w.writerow([rows[6][0], "Other", "Name", ""])           # conflicting names
        w.writerow([90001, "", "Nameless", ""])
        w.writerow([90002, rows[7][1].upper() + "  ", rows[7][2].upper(), ""])  # the same drug under a second id
        w.writerow(["x1", "Not", "A Number", ""])
    pseudo_drug_npi = facts[0][1]
    with open(os.path.join(out, "prescriber_drug.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["year", "npi", "drug_id", *FACTS])
        w.writerows(facts)
        base = facts[10]
        w.writerow([base[0], base[1], 90002, *base[3:]])         # the second id of a drug
        w.writerow([base[0], base[1], 9999999, *base[3:]])       # no such drug
        w.writerow([base[0], cleanse_faults.npi(300000001), base[2], *base[3:]])  # no such prescriber
        w.writerow([base[0], pseudo_drug_npi, "", *base[3:]])    # no drug id
        w.writerow([base[0], cleanse_faults.npi(200000002), base[2], *base[3:]])  # the prescriber with a wrong FIPS
        w.writerow([base[0], rows_npi(prescribers, 4), 1, *base[3:]])  # the conflicting prescriber's first row stands
        w.writerow(["20x2", base[1], base[2], *base[3:]])        # a year that is not a number
    with io.StringIO(newline="") as f:
        w = csv.writer(f)
        w.writerow(["state_abbr", "state_fips", "state_name", "region", "division", "population"])
        with open(STATES_CSV, newline="") as s:
            rows = list(csv.reader(s))[1:]
        w.writerows(rows)
        w.writerow(rows[0])                                     # exact duplicate
        w.writerow([rows[1][0], rows[1][1], "Another Name", *rows[1][3:]])  # conflicting
        w.writerow(["QQ", "99", "Nowhere", "", "", ""])
        w.writerow(["", "98", "Blank", "", "", ""])
        w.writerow(["xx", "", "Unknown", "", "", ""])
        w.writerow(["GU", "67", " Guam ", "", "", "153836"])    # wrong FIPS: the reference's wins (a duplicate then)
        write_zstd(os.path.join(out, "state.csv.zst"), f.getvalue().encode())


def write_zstd(path, data):
    sink = pyarrow.BufferOutputStream()
    stream = pyarrow.CompressedOutputStream(sink, "zstd")
    stream.write(data)
    stream.close()
    with open(path, "wb") as f:
        f.write(sink.getvalue().to_pybytes())


def rows_npi(prescribers, i):
    return list(prescribers)[i]
