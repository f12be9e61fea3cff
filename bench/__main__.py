"""`make bench`: every benchmark, printed as figures. Nothing here is asserted."""

from bench import foundation, mash, matching, reports, returns, training, upload_bombs

if __name__ == "__main__":
    upload_bombs.main()
    scale_1, scale_10 = foundation.main()
    mash.main(scale_1, scale_10)
    training.main()
    returns.main(scale_1, scale_10)
    reports.main(scale_1, scale_10)
    matching.main()
    matching.latency()
