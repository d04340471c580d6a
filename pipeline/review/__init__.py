"""The editors' glossary tools: browser review, candidate extraction, exchange.

``store`` edits glossary YAML files in place (round-trip, comments kept,
atomic writes, audit log); ``app`` is the local review web page; ``extract``
finds terms the glossary lacks; ``exchange`` reads and writes TBX and CSV.
Nothing here is imported by ``zhko build``.
"""
