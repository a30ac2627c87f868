#!/usr/bin/env python3
"""Build, check or preview innomed.no. Run `python build.py --help`."""

import os
import sys

# We use no pydantic plugins; looking for them scans every installed package at each start.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from innomed.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
