"""pipeline/korean/rules.py: the rule set's version."""

from __future__ import annotations


def test_every_data_file_is_part_of_the_rules_version(tmp_path, monkeypatch):
    """Editing any table in pipeline/korean/data/ changes the run signature, so
    an edited word list rebuilds every article (the up-to-date check keys on it)."""
    import shutil

    from pipeline.korean import rules

    data = tmp_path / "data"
    shutil.copytree(rules.DATA, data)
    monkeypatch.setattr(rules, "DATA", data)
    base = rules.rules_version()
    for path in sorted(data.iterdir()):
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        assert rules.rules_version() != base, path.name
        path.write_bytes(original)
    assert rules.rules_version() == base
