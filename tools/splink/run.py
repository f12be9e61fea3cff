"""Splink 5 on DuckDB, in its own environment (a bench-only dependency): deduplicates one CSV
of person records with Splink's documented standard configuration for people, and writes the
scored pairs at or above 0.5 with its timings. Run by bench/matching.py.

    var/splink/bin/python tools/splink/run.py IN.csv OUT.csv
"""

import json
import sys
import time

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.blocking_analysis import count_comparisons_from_blocking_rules

BLOCKING = [
    block_on("first_name", "surname"),
    block_on("surname", "dob"),
    block_on("first_name", "dob"),
    block_on("postcode", "first_name"),
    block_on("nhs_number"),
]


def load(con: duckdb.DuckDBPyConnection, source: str, table: str = "people") -> None:
    # The paths come from the benchmark itself; DuckDB takes no parameters for them here.
    con.execute(
        f"""
        CREATE TABLE {table} AS SELECT
            record_id AS unique_id,
            nullif(lower(trim(given_name)), '') AS first_name,
            nullif(lower(trim(family_name)), '') AS surname,
            nullif(date_of_birth, '') AS dob,
            nullif(sex, '') AS sex,
            nullif(upper(trim(postcode)), '') AS postcode,
            nullif(nhs_number, '') AS nhs_number
        FROM read_csv('{source}', header = true, all_varchar = true)
        """  # noqa: S608
    )


def trained_linker(con: duckdb.DuckDBPyConnection) -> tuple[Linker, DuckDBAPI]:
    """Splink's standard configuration for people, trained as its documentation trains it."""
    db_api = DuckDBAPI(connection=con)
    people = db_api.register("people")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("sex"),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("nhs_number"),
        ],
        blocking_rules_to_generate_predictions=BLOCKING,
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(people, settings, log_level="WARNING")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    return linker, db_api


def main(source: str, target: str) -> None:
    started = time.perf_counter()
    con = duckdb.connect()
    load(con, source)
    linker, db_api = trained_linker(con)
    trained = time.perf_counter()
    pairs = linker.inference.predict(threshold_match_probability=0.5)
    con.execute(
        f"""COPY (SELECT unique_id_l AS left_id, unique_id_r AS right_id,
                  match_probability AS probability FROM {pairs.physical_name})
            TO '{target}' (HEADER, DELIMITER ',')"""  # noqa: S608
    )
    done = time.perf_counter()
    count = f"SELECT count(*) FROM {pairs.physical_name}"  # noqa: S608 Splink's own table
    over_half = con.execute(count).fetchall()[0][0]
    # The pairs its blocking rules compare, counted exactly, after the timing.
    counted = count_comparisons_from_blocking_rules(
        db_api.register("people"),
        blocking_rules=BLOCKING,
        link_type="dedupe_only",
        record_sample_proportion=1.0,
    )
    print(
        json.dumps(
            {
                "seconds": done - started,
                "train_seconds": trained - started,
                "predict_seconds": done - trained,
                "pairs_over_half": over_half,
                "comparisons": counted[-1]["cumulative_comparison_count"],
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
