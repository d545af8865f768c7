"""Search backends with Vietnamese analysis (R81).

Settings choose one through ``SEARCH_ENGINE`` (see config/settings/base.py):
``search.backends.opensearch2`` / ``opensearch3`` / ``elasticsearch8`` for a search node,
``search.backends.database`` for the embedded default.
"""
