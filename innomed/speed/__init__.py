"""The speed layer: the only code that runs work on several cores. Fixing, verifying and
indexing the built pages fork one process per core above WORTH_FORKING pages; below it (the
real site) everything runs in one process. Output never depends on the worker count
(tests/test_render_parallel.py)."""
