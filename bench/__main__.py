"""`make bench`: every benchmark, printed as figures. Nothing here is asserted.

`python -m bench mash [--scale 10]` runs the MASH pages benchmark alone, on the bench database
of that scale (loaded first if it is not there yet).
"""

import argparse

from bench import foundation, mash, matching, reports, returns, training, upload_bombs


def everything() -> None:
    upload_bombs.main()
    scale_1, scale_10 = foundation.main()
    mash.main(scale_1, scale_10)
    training.main()
    returns.main(scale_1, scale_10)
    reports.main(scale_1, scale_10)
    matching.main()
    matching.latency()


def one(name: str, scale: int) -> None:
    if name == "mash":
        mash.alone(foundation.bench_database(scale), scale)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("benchmark", nargs="?", choices=["mash"], help="run only this one")
    parser.add_argument("--scale", type=int, choices=[1, 10], default=1)
    args = parser.parse_args()
    if args.benchmark:
        one(args.benchmark, args.scale)
    else:
        everything()
