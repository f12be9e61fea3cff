"""`make bench`: every benchmark, printed as figures. Nothing here is asserted."""

from bench import foundation

if __name__ == "__main__":
    foundation.main()
