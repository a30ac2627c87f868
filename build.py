#!/usr/bin/env python3
"""Build, check or preview innomed.no. Run `python build.py --help`."""

import sys

from innomed.cli import main

if __name__ == "__main__":
    sys.exit(main())
