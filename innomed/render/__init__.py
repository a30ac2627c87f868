"""From page data to site/: stage the markdown (stage.py), render it with MkDocs' public
build() (engine.py, the only module importing MkDocs), fix up and verify the HTML, and swap
it into place atomically under the build lock (lock.py)."""
