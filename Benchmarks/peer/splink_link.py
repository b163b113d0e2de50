"""Links shots.csv to population.csv with Splink (DuckDB backend): the peer of `vaxlink run`.

Usage: splink_link.py POPULATION SHOTS OUT_DECISIONS [--threads N]

The configuration is what a Splink user would write for this data (Benchmarks/peer/README.md):
- the same cleaning vaxlink does before comparing: names lower-cased and folded (no
  diacritics, đ → d), split into family (first word), given (last word) and middle (the
  rest); birth dates read in both recorded forms (YYYY-MM-DD and DD/MM/YYYY) and at any
  precision;
- Splink's own comparison library: Jaro-Winkler name levels with term-frequency adjustments
  on family, middle and given names, Levenshtein on the citizen ID and the birth date,
  exact sex and province;
- its own blocking: the exact ID, and the three keys vaxlink blocks on (family + given +
  birth year, given + full birth date, family + middle + given + province);
- its own training: probability two random records match from a deterministic rule,
  u from random sampling, m by expectation maximisation on three blocking rules (so that
  every comparison is trained by at least one that does not block on it).
Each shot gets the best-scoring candidate: linked at match probability >= 0.99 with a
margin of 0.05 probability over the runner-up, sent to review from 0.5, else unmatched.
Writes a decisions.csv with vaxlink's columns shot_id, outcome, citizen_id.
"""

import argparse
import os
import sys
import time

import duckdb
import splink
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
import splink.comparison_library as cl

LINK_PROBABILITY = 0.99
LINK_MARGIN = 0.05
REVIEW_PROBABILITY = 0.5


def clean_sql(table: str, source: str, has_shot: bool) -> str:
    """A table with the cleaned columns both sides compare."""
    id_col = "shot_id" if has_shot else "citizen_id"
    # Names: fold diacritics (strip_accents leaves đ), lower-case, collapse spaces.
    name = "regexp_replace(trim(lower(replace(replace(strip_accents(full_name), 'đ', 'd'), 'Đ', 'd'))), '\\s+', ' ', 'g')"
    # Birth dates as ISO text at their precision: YYYY-MM-DD, YYYY-MM, YYYY (DD/MM/YYYY rewritten).
    bd = ("CASE WHEN birth_date LIKE '__/__/____' THEN substr(birth_date, 7, 4) || '-' || substr(birth_date, 4, 2) "
          "|| '-' || substr(birth_date, 1, 2) ELSE nullif(trim(birth_date), '') END")
    return f"""
        CREATE TABLE {table} AS
        WITH c AS (
            SELECT {id_col} AS unique_id, nullif(trim(citizen_id), '') AS citizen_id,
                   {name} AS name, {bd} AS birth_date, nullif(sex, '') AS sex,
                   province_code AS province
            FROM read_csv('{source}', header = true, all_varchar = true)
        )
        SELECT unique_id, citizen_id,
               split_part(name, ' ', 1) AS family_name,
               CASE WHEN len(string_split(name, ' ')) > 2
                    THEN array_to_string(list_slice(string_split(name, ' '), 2, -2), ' ') ELSE '' END AS middle_name,
               CASE WHEN len(string_split(name, ' ')) > 1 THEN string_split(name, ' ')[-1] ELSE name END AS given_name,
               birth_date, substr(birth_date, 1, 4) AS birth_year, sex, province
        FROM c
    """


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("population")
    parser.add_argument("shots")
    parser.add_argument("out")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--memory-limit", default="8GB")
    args = parser.parse_args()
    t0 = time.time()
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    # DuckDB's default memory limit is 80 % of RAM, which it fills with caches on a 1 M run;
    # on a shared machine it is capped (it spills to disk past the cap, as it is built to).
    con.execute(f"SET memory_limit = '{args.memory_limit}'")
    # Spill files go beside the output, not into the working directory.
    spill = os.path.join(os.path.dirname(os.path.abspath(args.out)), "duckdb-spill")
    con.execute(f"SET temp_directory = '{spill}'")
    con.execute(clean_sql("population", args.population, has_shot=False))
    con.execute(clean_sql("shots", args.shots, has_shot=True))
    # The register carries no shot_id; unique IDs must differ across the two sides.
    con.execute("UPDATE population SET unique_id = 'P' || unique_id")

    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.LevenshteinAtThresholds("citizen_id", [1, 2]),
            cl.JaroWinklerAtThresholds("family_name", [0.92, 0.8]).configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("middle_name", [0.92]).configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("given_name", [0.92, 0.8]).configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("birth_date", [1, 2]),
            cl.ExactMatch("sex"),
            cl.ExactMatch("province"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("citizen_id"),
            block_on("family_name", "given_name", "birth_year"),
            block_on("given_name", "birth_date"),
            block_on("family_name", "middle_name", "given_name", "province"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI(connection=con)
    population = db_api.register("population")
    shots = db_api.register("shots")
    linker = Linker([population, shots], settings, log_level="WARNING")
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("citizen_id", "birth_date")], recall=0.8)
    training.estimate_u_using_random_sampling(max_pairs=1e7)
    training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "birth_date"))
    # The full name alone is not a usable training block on Vietnamese names: a few family names
    # and given names are shared by millions, so one common full name pairs each of its shots with
    # thousands of people (most of the last run's 1,443 s of training). With the birth year the
    # block stays informative for the date comparison and holds a few million pairs, as
    # Splink's guidance on training blocks asks.
    training.estimate_parameters_using_expectation_maximisation(
        block_on("family_name", "middle_name", "given_name", "birth_year"))
    training.estimate_parameters_using_expectation_maximisation(block_on("citizen_id"))
    t1 = time.time()
    predictions = linker.inference.predict(threshold_match_probability=REVIEW_PROBABILITY / 10)
    t2 = time.time()
    table = predictions.physical_name
    # Per shot: the best and second-best candidate; shots are the right-hand side.
    con.execute(f"""
        COPY (
            WITH p AS (
                SELECT CASE WHEN unique_id_l LIKE 'P%' THEN unique_id_r ELSE unique_id_l END AS shot_id,
                       CASE WHEN unique_id_l LIKE 'P%' THEN unique_id_l ELSE unique_id_r END AS person,
                       match_probability AS p
                FROM {table}
            ), r AS (
                SELECT shot_id, person, p,
                       row_number() OVER (PARTITION BY shot_id ORDER BY p DESC, person) AS k,
                       lead(p) OVER (PARTITION BY shot_id ORDER BY p DESC, person) AS p2
                FROM p
            ), best AS (SELECT * FROM r WHERE k = 1)
            SELECT s.unique_id AS shot_id,
                   CASE WHEN b.p >= {LINK_PROBABILITY} AND b.p - coalesce(b.p2, 0) >= {LINK_MARGIN} THEN 'relinked'
                        WHEN b.p >= {REVIEW_PROBABILITY} THEN 'review' ELSE 'unmatched' END AS outcome,
                   CASE WHEN b.p >= {REVIEW_PROBABILITY} THEN substr(b.person, 2) ELSE '' END AS citizen_id
            FROM shots s LEFT JOIN best b ON b.shot_id = s.unique_id
            ORDER BY s.unique_id
        ) TO '{args.out}' (HEADER, DELIMITER ',')
    """)
    t3 = time.time()
    print(f"splink {splink.__version__}, duckdb {duckdb.__version__}: clean + train {t1 - t0:.1f} s, "
          f"predict {t2 - t1:.1f} s, decide + write {t3 - t2:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
