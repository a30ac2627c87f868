"""The live preview (`build.py serve`): checks and stages the whole site on every save, and
renders only the staged pages whose text changed (incremental.py)."""
