"""`zhko eval`: reference readers (hostile input) and engines scored side by side
on the real pipeline path with tiny models (mechanics, never quality)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.evaluate import evaluate, read_references

ROOT = Path(__file__).resolve().parents[1]
TSV = ("# newsroom references\n"
       "会议听取了全州近期疫情防控情况。\t회의는 전 주의 최근 방역 상황을 청취하였다.\n"
       "州委书记田锦尘主持会议。\t주당위 서기 전금진이 회의를 사회하였다.\n")


def test_tsv_and_folder_references(tmp_path):
    (tmp_path / "r.tsv").write_text(TSV, encoding="utf-8")
    pairs = read_references(tmp_path / "r.tsv")
    assert [p.where.rsplit(":", 1)[1] for p in pairs] == ["2", "3"] and len(pairs[0].zh) == 1
    d = tmp_path / "refs"
    d.mkdir()
    (d / "a.zh.txt").write_text("會議召開。要加强物流管控。\n\n田锦尘强调。", encoding="utf-8")
    (d / "a.ko.txt").write_text("회의가 열렸다.\n물류 관리를 강화해야 한다.", encoding="utf-8")
    (pair,) = read_references(d)
    assert pair.zh == ["会议召开。", "要加强物流管控。", "田锦尘强调。"]  # normalized (t2s), split
    assert pair.ko == "회의가 열렸다. 물류 관리를 강화해야 한다."


@pytest.mark.parametrize("text, message", [
    ("只有中文\n", "tsv:1: expected Chinese<TAB>Korean"),
    ("a\tb\tc\n", "tsv:1: expected Chinese<TAB>Korean"),
    ("# nothing\n", "no reference lines"),
    ("中" * 20000 + "\tko\n", "line longer than"),
])
def test_bad_tsv_is_one_clear_error(tmp_path, text, message):
    (tmp_path / "r.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_references(tmp_path / "r.tsv")


def test_unpaired_article_and_binary_are_errors(tmp_path):
    (tmp_path / "a.zh.txt").write_text("会议。", encoding="utf-8")
    with pytest.raises(InputError, match="no matching a.ko.txt"):
        read_references(tmp_path)
    (tmp_path / "b.tsv").write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(InputError, match="not UTF-8"):
        read_references(tmp_path / "b.tsv")


class Echo:
    """Returns the reference Korean for known sentences: a perfect engine."""

    source, target = "zh", "ko"

    def __init__(self, table):
        self.table = table

    def translate(self, texts):
        return [self.table.get(t, t) for t in texts]

    def signature(self):
        return {"engine": "echo", "decoding": "none"}


def test_scores_rank_a_perfect_engine_first(tmp_path):
    from pipeline.glossary.load import Glossary

    (tmp_path / "r.tsv").write_text(TSV, encoding="utf-8")
    pairs = read_references(tmp_path / "r.tsv")
    # names=False: the echo engine looks up the raw Chinese (a detected name would be protected)
    good = evaluate(pairs, Echo({p.zh[0]: p.ko for p in pairs}), Glossary([]), "good", names=False)
    bad = evaluate(pairs, Echo({}), Glossary([]), "bad", names=False)
    assert good.chrf > 90 and bad.chrf < 10 and good.bleu > bad.bleu
    assert "chrF2++" in good.chrf_signature or "nw:2" in good.chrf_signature
    assert good.sentences == 2 and good.speed > 0


def test_eval_cli_side_by_side_on_tiny_models(tmp_path, argos_packages, capsys):
    from pipeline.translate.install import install_from_file

    pk = tmp_path / "pk"
    for k in ("zh-ko", "zh-en", "en-ko"):
        install_from_file(argos_packages[k], pk)
    (tmp_path / "r.tsv").write_text(TSV, encoding="utf-8")
    code = main(["eval", str(tmp_path / "r.tsv"), "--engine", "argos", "--engine", "argos",
                 "--packages-dir", str(pk), "--beam", "1", "--device", "cpu",
                 "--glossary", str(ROOT / "glossaries")])
    out = capsys.readouterr().out
    assert code == 0
    for label in ("chrF++", "BLEU", "approved terms kept", "Yanbian-norm fixes needed",
                  "QA critical findings", "sentences/s"):
        assert label in out
    assert "BLEU: nrefs:1" in out
    code = main(["eval", str(tmp_path / "r.tsv"), "--engine", "argos", "--packages-dir", str(pk),
                 "--beam", "1", "--glossary", str(ROOT / "glossaries"), "--json"])
    (score,) = json.loads(capsys.readouterr().out)
    assert score["engine"] == "argos" and score["terms_total"] >= 2 and 0 <= score["term_accuracy"] <= 1


class Told:
    """An instruction model that writes every approved term it is told, and
    no detected name."""

    def translate_prompted(self, items):
        return ["번역 " + " ".join(t.ko for t in i.approved) for i in items]

    def translate(self, texts):
        return list(texts)

    def signature(self):
        return {"engine": "told", "decoding": "greedy"}


def test_prompt_alone_rates_terms_and_names_apart(tmp_path):
    from pipeline.evaluate import table
    from pipeline.glossary import load_glossary

    (tmp_path / "r.tsv").write_text(TSV + "副州长李明浩在和龙市光东村调研。\t부주장 리명호는 화룡시 광동촌에서 조사하였다.\n",
                                    encoding="utf-8")
    pairs = read_references(tmp_path / "r.tsv")
    glossary = load_glossary(ROOT / "glossaries")
    s = evaluate(pairs, Told(), glossary, "told")
    # a sentence missing a name goes the placeholder way as a whole: its terms too (州长, 和龙市)
    first_two = evaluate(pairs[:2], Told(), glossary, "told")
    assert first_two.terms_prompt == first_two.terms_total >= 3 and first_two.prompt_rate == 1.0
    assert s.prompted and s.terms_prompt == first_two.terms_total < s.terms_total
    assert s.names_total == 2 and s.names_prompt == 0 and s.names_prompt_rate == 0.0  # 李明浩, 光东村
    plain = evaluate(pairs, Echo({}), glossary, "plain")
    assert plain.prompt_rate is None and plain.names_total == 2
    out = table([s, plain])
    assert "  by the prompt alone" in out and "names by the prompt alone" in out
    row = next(line for line in out.splitlines() if line.startswith("names by the prompt alone"))
    assert row.split()[-2:] == ["(0/2)", "-"]
    assert "prompt alone" not in table([plain])
    assert evaluate(pairs, Told(), glossary, "told", names=False).names_total == 0


def test_bleu_tokenizer_choice_is_in_the_signature(tmp_path, capsys):
    import importlib.util

    from pipeline.errors import ConfigError
    from pipeline.glossary.load import Glossary

    (tmp_path / "r.tsv").write_text(TSV, encoding="utf-8")
    pairs = read_references(tmp_path / "r.tsv")
    assert "tok:char" in evaluate(pairs, Echo({}), Glossary([]), "e", bleu_tokenize="char").bleu_signature
    assert "tok:13a" in evaluate(pairs, Echo({}), Glossary([]), "e").bleu_signature
    if importlib.util.find_spec("mecab_ko") is None:  # not a dependency: a clear error
        with pytest.raises(ConfigError, match="sacrebleu\\[ko\\]"):
            evaluate(pairs, Echo({}), Glossary([]), "e", bleu_tokenize="ko-mecab")
        assert main(["eval", str(tmp_path / "r.tsv"), "--bleu-tokenize", "ko-mecab"]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("Error: --bleu-tokenize ko-mecab")
    else:
        assert "tok:ko-mecab" in evaluate(pairs, Echo({}), Glossary([]), "e",
                                          bleu_tokenize="ko-mecab").bleu_signature


def test_eval_unknown_engine_exit_3(tmp_path, argos_dir_direct, capsys):
    (tmp_path / "r.tsv").write_text(TSV, encoding="utf-8")
    assert main(["eval", str(tmp_path / "r.tsv"), "--engine", "m2m100",
                 "--packages-dir", str(argos_dir_direct)]) == 3
    assert capsys.readouterr().err.startswith("Error: no engine m2m100")


def test_eval_device_cuda_without_gpu_is_one_line_exit_3(tmp_path, argos_dir_direct, capsys, monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    (tmp_path / "r.tsv").write_text(TSV, encoding="utf-8")
    assert main(["eval", str(tmp_path / "r.tsv"), "--packages-dir", str(argos_dir_direct),
                 "--device", "cuda"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["Error: --device cuda: no CUDA device found by CTranslate2 (use --device auto or cpu)"]
    # auto: quietly the CPU (only the "scoring …" progress line on stderr)
    assert main(["eval", str(tmp_path / "r.tsv"), "--packages-dir", str(argos_dir_direct),
                 "--device", "auto", "--beam", "1", "--json"]) == 0
    captured = capsys.readouterr()
    assert [ln for ln in captured.err.splitlines() if not ln.startswith("scoring ")] == []
    (score,) = json.loads(captured.out)
    assert "cuda" not in score["signature"]


def test_names_use_the_article_memory_as_a_build_does(tmp_path):
    """A reference article is one document: a name found once with a title
    (罗杰书记) is a name again where nothing marks it, as in ``zhko build``."""
    from pipeline.glossary import Glossary

    d = tmp_path / "refs"
    d.mkdir()
    (d / "a.zh.txt").write_text("罗杰书记出席了会议。罗杰简要介绍了情况。", encoding="utf-8")
    (d / "a.ko.txt").write_text("라걸 서기가 회의에 참석했다. 라걸은 상황을 소개했다.", encoding="utf-8")
    pairs = read_references(d)
    assert evaluate(pairs, Told(), Glossary([]), "told").names_total == 2
