"""Table-driven tests of the Yanbian post-editor (golden files in golden/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.korean import style
from pipeline.korean.reading import char_readings, traditional
from pipeline.korean.style import RULES_VERSION, lexicon, postedit_segment, postedit_text, south_form
from pipeline.model import Segment

GOLDEN = Path(__file__).parent / "golden"


def _rows(name: str) -> list[list[str]]:
    lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


def _opt(v: str) -> str | None:
    return None if v == "-" else v


SINO = _rows("sino_must_change.tsv")
NATIVE = _rows("must_not_change.tsv")
RULES = _rows("rules.tsv")


def test_golden_tables_are_big_enough():
    assert len(SINO) >= 50 and len(NATIVE) >= 50


@pytest.mark.parametrize("south, zh, yanbian, how", SINO, ids=[r[0] for r in SINO])
def test_sino_korean_changes_with_source(south, zh, yanbian, how):
    out, changes = postedit_text(f"{south}에 대하여", zh)
    assert out == f"{yanbian}에 대하여"
    assert changes and all(c.rule == "dueum" for c in changes)


@pytest.mark.parametrize("south, zh, yanbian, how", SINO, ids=[r[0] for r in SINO])
def test_sino_korean_without_source_only_from_lexicon(south, zh, yanbian, how):
    out, _ = postedit_text(f"{south}을 보았다", None)
    # lexicon and dictionary words change; source-only words (ambiguous alone:
    # 입장 立場/入場) must not
    assert out == (f"{yanbian}을 보았다" if how in ("L", "D") else f"{south}을 보았다")


@pytest.mark.parametrize("word, zh", NATIVE, ids=[r[0] for r in NATIVE])
@pytest.mark.parametrize("with_source", [True, False])
def test_native_and_original_words_never_change(word, zh, with_source):
    text = f"{word}는 {word}를 {word}"
    out, changes = postedit_text(text, _opt(zh) if with_source else None)
    assert out == text, changes


@pytest.mark.parametrize("rule, text, zh, expected", RULES, ids=[f"{r[0]}:{r[1]}" for r in RULES])
def test_rules(rule, text, zh, expected):
    out, changes = postedit_text(text, _opt(zh))
    assert out == expected
    if out != text:
        assert rule in {c.rule for c in changes}


def test_lexicon_rows_match_the_hanja_table():
    """Every lexicon row is the character-by-character reading of its Hanja, and
    its South Korean form differs (else the row is useless)."""
    rows = [ln.split("\t") for ln in (style.DATA / "lexicon.tsv").read_text("utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    assert len(rows) >= 150
    for yb, hanja in rows:
        assert len(yb) == len(hanja), yb
        for syl, ch in zip(yb, hanja):
            assert syl in char_readings(ch), (yb, hanja, ch)
        assert south_form(yb) != yb, yb
    assert len(lexicon()) == len(rows), "two rows share a South Korean form"


def test_lexicon_never_overrides_an_undecided_homograph_commoner_as_written():
    """No lexicon row restores a form the dictionary leaves undecided when
    hanja.txt reads that form as written as a common Chinese word (ZH_FLOOR)
    commoner than the row's own (d29: 연금 7700원 is 捐金 in a Yanbian paper; 軟禁 133 beside
    年金 46 in jieba): without a source such a row only guesses."""
    from pipeline.korean import dictionary
    from pipeline.korean.reading import base_reading

    if not dictionary.HANJA_TXT.exists() or dictionary.jieba_dict_path() is None:
        pytest.skip("hanja.txt or jieba's dictionary not installed")
    lex = lexicon()
    tab = dictionary.table()
    undecided = {s for s in lex if tab.restore(s) is None}
    as_written: dict[str, set[str]] = {}
    for line in dictionary.HANJA_TXT.read_text(encoding="utf-8").splitlines():
        parts = line.split(":")
        if len(parts) >= 2 and parts[0] in undecided and len(parts[0]) == len(parts[1]) \
                and "".join(base_reading(c) or "?" for c in parts[1]) == parts[0]:
            as_written.setdefault(parts[0], set()).add(parts[1])
    zh = dictionary._chinese_freq({lex[s][1] for s in as_written} | {h for hs in as_written.values() for h in hs})
    from pipeline.korean import divisions

    # a county of the northeast (녕안 寧安 beside Fujian's 永安): the press's home decides, not Chinese frequency
    home = {ko for zh_, level, _form, ne, ko, _det in (ln.split("\t") for ln in divisions._lines())
            if ne == "ne" and level == "county"}
    bad = [s for s, hs in as_written.items() if lex[s][0] not in home
           and max(zh.get(h, 0) for h in hs) >= max(dictionary.ZH_FLOOR, zh.get(lex[s][1], 0) + 1)]
    assert not bad, bad


def test_collocation_rows_are_readings_of_their_hanja():
    """Every collocation row restores the character reading of its Hanja, its
    South Korean form is the initial-sound form of that reading, and the form is
    a true homograph (not restored by the dictionary alone, else the row is
    useless)."""
    from pipeline.korean import dictionary

    table = style.collocations()
    assert len(table) >= 6
    for south, rows in table.items():
        for yb, hanja, where, words, _unless in rows:
            assert south_form(yb) == south, south
            assert all(syl in char_readings(ch) for syl, ch in zip(yb, hanja)), (yb, hanja)
            assert words and where in ("next", "prev", "before", "tail", "coord", "count")
        keeps = any(yb == south for yb, *_ in rows)  # 연초 煙草: keeps what the dictionary restores
        assert keeps or south in style.source_only() or dictionary.table().restore(south) is None, south


def test_collocations_need_their_neighbour():
    """A collocation row changes nothing without its neighbour, and never a
    native word next to the neighbour."""
    for south, rows in style.collocations().items():
        if any(yb == south for yb, *_ in rows):
            continue  # a row that keeps (연초 煙草): without it the dictionary decides
        out, _ = postedit_text(f"그 {south}에 대하여", None)
        assert out == f"그 {south}에 대하여", south


def test_lexicon_never_shadows_a_native_word():
    native = set(style.native_words())
    assert not native & set(lexicon())


def test_protected_strings_untouched():
    text = "노동자 대표 연합회의 노동 문제"
    out, _ = postedit_text(text, "劳动者代表联合会的劳动问题", protected=["노동자 대표 연합회"])
    assert out == "노동자 대표 연합회의 로동 문제"
    out, _ = postedit_text('"되었다" 23290건', None, protected=['"되었다" 23290건'])
    assert out == '"되었다" 23290건'


def test_title_space_allowed_at_the_edge_of_a_protected_name():
    out, _ = postedit_text("습근평총서기의 연설", "习近平总书记的讲话", protected=["습근평"])
    assert out == "습근평 총서기의 연설"


def test_sample_sentence():
    zh = ("1月20日,省委常委、州委书记田锦尘主持召开州疫情防控领导小组第二十五次会议,"
          "深入贯彻习近平总书记关于疫情防控工作重要讲话重要指示精神")
    ko = ("1월 20일, 성당위 상무위원이며 주당위 서기인 전금진은 주 전염병 예방 통제 영도소조 제25차 회의를 "
          "사회하고 습근평총서기의 전염병 예방 통제 사업에 관한 중요연설과 중요지시 정신을 관철하였다.")
    out, changes = postedit_text(ko, zh, protected=["성당위 상무위원", "주당위 서기"])
    assert "령도소조" in out and "습근평 총서기" in out
    assert "관철하였다" in out
    assert {c.rule for c in changes} == {"dueum", "title-space"}


@pytest.mark.parametrize("text, zh", [
    ("노동자들이 \"되었다\"고 말했다. 2021년 01월 23290건 김수호주장 회의 중", None),
    ("김수호주장은 '외부 유입 방지'를 강조했다.", "州长金寿浩强调“外防输入”。"),
] + [(f"{s} {n}", z) for (s, z, _, _), (n, _) in zip(SINO, NATIVE)])
def test_idempotent(text, zh):
    once, _ = postedit_text(text, zh)
    twice, changes = postedit_text(once, zh)
    assert twice == once, changes


def test_changes_record_rule_before_after_position():
    out, changes = postedit_text("그는 노동을 했다", None)
    assert out == "그는 로동을 했다"
    [c] = changes
    assert (c.rule, c.before[:2], c.after[:2], c.position) == ("dueum", "노동", "로동", 3)


def test_positions_point_into_the_text_before_each_change():
    text = '"노동" 23290건'
    out, changes = postedit_text(text, None)
    cur = text
    for c in changes:
        assert cur[c.position : c.position + len(c.before)] == c.before
        cur = cur[: c.position] + c.after + cur[c.position + len(c.before) :]
    assert cur == out


def test_south_style_changes_nothing():
    text = "노동자들이 되었다 23290건"
    assert postedit_text(text, None, style="south") == (text, [])


def test_unknown_style_is_a_config_error():
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="korean_style"):
        postedit_text("x", style="pyongyang")


def test_postedit_segment_sets_ko_and_appends_changes():
    seg = Segment(id="a/p1/s1", zh="劳动者利用", ko="노동자들이 이용했다")
    postedit_segment(seg)
    assert seg.ko == "로동자들이 리용했다"
    assert [c.rule for c in seg.changes] == ["dueum", "dueum"]


def test_rules_version_is_a_stable_string():
    assert RULES_VERSION.startswith("yanbian-2016/")
    assert RULES_VERSION == style._rules_version()


def test_traditional_is_same_length():
    assert traditional("劳动者") == "勞動者"


from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = ["노동", "이용", "되었다", "되어", " ", "김수호", "주장", "습근평", "총서기", '"', "'", "23290", "0", "1",
          "건", "원", "회의", " 중", "01월", "효율", "비율", "폐렴", "깃발", "러시아", "여성", "이것", "은", "을",
          "년 ", "씨", "적", " 용", "의", ",", "개막", "쉬어 있다", "이었다",
          # solid compounds and dictionary words (issue 11)
          "연합", "지휘부", "보호", "조례", "양식", "생산", "기지", "역량", "여기", "이거", "반열", "쥐어", "피어",
          # homographs and their neighbours (data/collocations.tsv, issue 11)
          "양호", "한", "노력", "모범", "이행", "직책을 ", "입장", "을 밝혔다", "노", "공업", "여", "교수",
          "수산", "양곡", "종합", "입장권", "총생산량",
          # Chinese-frequency homographs, compounds with a name or hanja.txt-only start (issue 11, h11c)
          "내빈", "여관", "여명", "수천", "10", "길림시", "조선족", "협회", "화룡시", "독거", "노인", "이념",
          "교육", "어린이", "이회", "종이", "공학", "휴양소", "이대로",
          # names without a source (pipeline/korean/textnames.py, issue 11)
          "총리 ", "이명수", "리명수", "이 ", "회장", ", ", "장춘", "길림", "백산", "요원", "오대연지", "양수진", "이날"]
COLLOCATION_FORMS = ["양식", "양곡", "양호", "노력", "이행", "입장", "여", "노", "양식생산", "노력모범"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from([None, "州长金寿浩、习近平总书记劳动利用效率女性", "联防联控粮食生产基地班列"]))
def test_idempotent_property(pieces, zh):
    text = "".join(pieces)
    once, changes = postedit_text(text, zh)
    twice, again = postedit_text(once, zh)
    assert twice == once, again
    cur = text  # the change records replay to the output
    for c in changes:
        assert cur[c.position : c.position + len(c.before)] == c.before
        cur = cur[: c.position] + c.after + cur[c.position + len(c.before) :]
    assert cur == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10), st.sampled_from(PIECES[:12]))
def test_protected_property(pieces, prot):
    text = "".join(pieces)
    out, _ = postedit_text(text, None, protected=[prot])
    assert out.count(prot) >= text.count(prot)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES[-40:]), max_size=10), st.sampled_from(COLLOCATION_FORMS),
       st.sampled_from([None, "粮食生产", "观众入场"]))
def test_protected_collocation_forms_untouched(pieces, prot, zh):
    """Approved glossary text is never edited, whatever its neighbours say."""
    text = prot + " " + "".join(pieces) + prot
    out, _ = postedit_text(text, zh, protected=[prot])
    assert out.startswith(prot) and out.endswith(prot)
    assert out.count(prot) >= text.count(prot)


def test_postedit_segment_protects_glossary_terms():
    from pipeline.model import TermHit

    seg = Segment(id="a/p1/s1", zh="领导小组", ko="영도소조 회의가 개막되었다",
                  terms=[TermHit(zh="领导小组", ko="영도소조", start=0, end=4, entry_id="g.yaml:3")])
    postedit_segment(seg, protected=())
    assert seg.ko == "영도소조 회의가 개막되였다"
    assert [c.rule for c in seg.changes] == ["yeo"]


def test_idempotent_when_a_spacing_rule_makes_a_new_word():
    """Found by Hypothesis: joining a dependent noun made a compound the
    initial-sound rule only saw on a second run."""
    zh = "州长金寿浩、习近平总书记劳动利用效率女性"
    once, _ = postedit_text("여기 용", zh)
    assert postedit_text(once, zh) == (once, [])


def test_pieces_bound_noun_and_verb_tails():
    """A particle head that is a bound noun (상/적/중) or starts a verb (하/할)
    makes a tail only when a particle or a short ending follows it."""
    kinds = lambda w: [(w[s:e], k) for s, e, k in style._pieces(w)]  # noqa: E731
    assert ("상품", "word") in kinds("국가상품양곡기지현")
    assert kinds("역사상으로")[-1][1] == "tail"
    assert kinds("국제적인")[-1] == ("적인", "tail")
    assert not any(k == "tail" for _w, k in kinds("치치할시조선족여성협회"))
    assert kinds("발전하였습니다")[-1][1] == "tail"
    assert kinds("이사장의") == [("이사장", "word"), ("의", "tail")]


# ---------------------------------------------------------------- article memory (postedit_article)

#: Constructed articles: (sentences, expected output, whether the memory made a change).
ARTICLES = [
    # a title frame in the first sentence, later mentions alone
    (["합작사 사원 이명학에 따르면 올해 수확이 좋았다.", "이명학은 마을의 로인들을 도왔다.", "이명학이 웃었다."],
     ["합작사 사원 리명학에 따르면 올해 수확이 좋았다.", "리명학은 마을의 로인들을 도왔다.", "리명학이 웃었다."]),
    # a Chinese gloss, then the name alone
    (["이삼배(李森培)는 이름난 화가이다.", "전람회에서 이삼배의 그림이 주목을 받았다."],
     ["리삼배(李森培)는 이름난 화가이다.", "전람회에서 리삼배의 그림이 주목을 받았다."]),
    (["용흥(龙兴)은 옛 마을이다.", "용흥에서 축제가 열렸다."],
     ["룡흥(龙兴)은 옛 마을이다.", "룡흥에서 축제가 열렸다."]),
    # a place in a list of places that is also a word (요원 要員): never remembered
    (["장춘, 길림, 요원, 사평 등 도시에서 온 손님들이 모였다.", "요원들이 현장에 도착했다."],
     ["장춘, 길림, 료원, 사평 등 도시에서 온 손님들이 모였다.", "요원들이 현장에 도착했다."]),
    # the article already shows the Yanbian spelling: the ㅇ one may be another person
    (["총리 이강은 말했다.", "리강과 이강이 만났다."],
     ["총리 리강은 말했다.", "리강과 이강이 만났다."]),
    # a word that only starts with the name is no mention of it (이명학과 → fine; 이명학자 is not 이명학 + particle)
    (["합작사 사원 이명학에 따르면 수확이 좋았다.", "이명학자들이 모였다."],
     ["합작사 사원 리명학에 따르면 수확이 좋았다.", "이명학자들이 모였다."]),
    # a township of a nationality by its full name, later by its short form (凉水朝鲜族乡 량수향)
    (["기자들은 집안시 양수조선족향을 찾았다.", "양수향은 변경의 향이다."],
     ["기자들은 집안시 량수조선족향을 찾았다.", "량수향은 변경의 향이다."]),
    # a township remembers the village named for it (凉水镇 凉水村; r20, constructed)
    (["도문시 양수진 양수촌은 산골마을이다.", "양수촌의 주민들이 모였다."],
     ["도문시 량수진 량수촌은 산골마을이다.", "량수촌의 주민들이 모였다."]),
    # a village's full address, then the village heading its institutions (r20, constructed)
    (["화룡시 투도진 용수촌에서 행사가 열렸다.", "용수촌당지부 서기가 인사했다."],
     ["화룡시 투도진 룡수촌에서 행사가 열렸다.", "룡수촌당지부 서기가 인사했다."]),
    # r21 (constructed): the word memory (량식 from 량식가공공장) leaves a homograph
    # coordinated with a word of the other sense alone (재배와 양식: 栽培 and 養殖)
    (["마을에 양식가공공장을 세웠다.", "재배와 양식 결부의 길을 걸었다.", "양식과 재배를 함께 했다."],
     ["마을에 량식가공공장을 세웠다.", "재배와 양식 결부의 길을 걸었다.", "양식과 재배를 함께 했다."]),
    # r21 (constructed): a county heading a school's name (용정고중동창회 회원들) is no
    # titled person's name, so the article protects nothing there
    (["용정고중동창회 회원들이 모교를 찾았다.", "6명 용정고중 졸업생들에게 장학금을 주었다."],
     ["룡정고중동창회 회원들이 모교를 찾았다.", "6명 룡정고중 졸업생들에게 장학금을 주었다."]),
    # a full name after a solid title, then alone (시인 리상각, 리상각은)
    (["저명한 시인 이상각선생이 서문을 썼다.", "출간식에서 이상각은 축사를 했다."],
     ["저명한 시인 리상각선생이 서문을 썼다.", "출간식에서 리상각은 축사를 했다."]),
]


@pytest.mark.parametrize("sentences,expected", ARTICLES)
def test_article_memory(sentences, expected):
    out = style.postedit_article(sentences)
    assert [t for t, _ in out] == expected
    # sentence by sentence, the later mentions stay as they were
    for s, (t, changes) in zip(sentences, out):
        alone, _ = postedit_text(s)
        memory = [c for c in changes if c.rule == style.ARTICLE_RULE]
        assert (alone != t) == bool(memory)


def test_article_keeps_a_titled_name_where_it_stands_alone():
    """A name with an ambiguous surname a title marks (양해연 교장: 楊 on Yanbian
    text) keeps its spelling where the article mentions it alone, though 양해
    spells 諒解; the word itself elsewhere is still restored (d19, constructed)."""
    sentences = ["양해연 교장은 학생들을 격려했다.", "양해연은 이렇게 말했다.", "양해 바랍니다."]
    out = [t for t, _ in style.postedit_article(sentences)]
    assert out == ["양해연 교장은 학생들을 격려했다.", "양해연은 이렇게 말했다.", "량해 바랍니다."]
    assert [t for t, _ in style.postedit_article(out)] == out


@pytest.mark.parametrize("sentences,expected", ARTICLES)
def test_article_memory_idempotent(sentences, expected):
    once = [t for t, _ in style.postedit_article(sentences)]
    again = style.postedit_article(once)
    assert [t for t, _ in again] == once
    assert all(not changes for _, changes in again)


def test_article_memory_records_its_rule():
    out = style.postedit_article(["합작사 사원 이명학에 따르면 올해 수확이 좋았다.", "이명학은 마을을 도왔다."])
    assert [(c.rule, c.before, c.after) for c in out[1][1]] == [("article-name", "이명학", "리명학")]


def test_article_memory_remembers_no_word():
    """A stem that is a word of its own (NK-HanDic, the lexicon) or a word and a
    particle is never remembered: a name in one sentence, a word in another."""
    assert style._memorable("이명학", "리명학", "")
    assert not style._memorable("요원", "료원", "")  # 要員
    assert not style._memorable("이상", "리상", "")  # 以上
    assert not style._memorable("이동", "리동", "")  # 移動
    assert not style._memorable("이명학", "리명학", "리명학은 말했다")  # the article shows both spellings
    assert not style._memorable("이", "리", "")  # one syllable


def test_article_memory_needs_the_source_where_there_is_one():
    """With a Chinese source per sentence, a later mention is restored only
    where its source reads the name so (伊明学 is 이명학)."""
    sents = ["이삼배(李森培)는 이름난 화가이다.", "이삼배의 그림이 주목을 받았다.", "이삼배의 그림."]
    out = style.postedit_article(sents, [None, "伊森培的画", None])
    assert [t for t, _ in out][1:] == ["이삼배의 그림이 주목을 받았다.", "리삼배의 그림."]


def test_article_memory_protected_text_untouched():
    sents = ["합작사 사원 이명학에 따르면 올해 수확이 좋았다.", "이명학은 마을을 도왔다."]
    out = style.postedit_article(sents, protected=("이명학은",))
    assert out[1][0] == "이명학은 마을을 도왔다."


def test_article_memory_south_style_changes_nothing():
    sents = ["합작사 사원 이명학에 따르면 올해 수확이 좋았다.", "이명학은 마을을 도왔다."]
    assert [t for t, _ in style.postedit_article(sents, style="south")] == sents


ARTICLE_PIECES = PIECES + ["합작사 사원 ", "이명학", "이삼배(李森培)", "이삼배", "용흥(龙兴)", "용흥", "에서", "이강",
                           "장춘, 길림, 요원, 사평", "리강", ". "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(ARTICLE_PIECES), max_size=8), min_size=1, max_size=4))
def test_article_idempotent_property(sentences):
    """postedit_article is idempotent, and each sentence's change records replay
    to its output (the memory's own changes too)."""
    texts = ["".join(p) for p in sentences]
    once = style.postedit_article(texts)
    again = style.postedit_article([t for t, _ in once])
    assert [t for t, _ in again] == [t for t, _ in once], again
    for text, (out, changes) in zip(texts, once):
        cur = text
        for c in changes:
            assert cur[c.position : c.position + len(c.before)] == c.before
            cur = cur[: c.position] + c.after + cur[c.position + len(c.before) :]
        assert cur == out


def test_article_memory_learns_no_word_from_a_name_it_spelt():
    """A name the person-name rule spelt the Yanbian way (이행건이 → 리행건이) is
    no evidence that the word 이행 is spelt 리행 in the article: a second run
    changes nothing (Hypothesis found ['이행'], ['이행건이용'])."""
    for texts in (["이행", "이행건이용"], ["이행", "이행건이"]):
        once = [t for t, _ in style.postedit_article(texts)]
        assert once[0] == "이행"
        assert [t for t, _ in style.postedit_article(once)] == once


def test_article_memory_learns_no_word_from_a_place_it_spelt():
    """A place the place-name rule spelt the Yanbian way (양수진 → 량수진) is no
    evidence that the word 양수 is spelt 량수 in the article: a second run
    changes nothing (Hypothesis found ['양수진', '양수진', '양수진', '장춘, 길림,
    요원, 사평'], written solid)."""
    texts = ["양수진양수진양수진장춘, 길림, 요원, 사평"]
    once = [t for t, _ in style.postedit_article(texts)]
    assert once[0].startswith("량수진")
    assert [t for t, _ in style.postedit_article(once)] == once


# ---------------------------------------------------------------- article memory of words (r19)

WORD_ARTICLES = [
    # a homograph a compound decides once (量子物理: hanja.txt), then split off
    # from other compounds and from its particle elsewhere in the article
    # (South text: 이용 — one Yanbian word like 리용 and nothing South would make it Yanbian-norm, d33)
    (["연구팀은 양자물리기본문제를 연구했다.", "양자통신기술과 양자위성을 이용했다.", "양자의 성질을 밝혔다."],
     ["연구팀은 량자물리기본문제를 연구했다.", "량자통신기술과 량자위성을 리용했다.", "량자의 성질을 밝혔다."]),
    # a collocation decides once (양식 안전: 糧食), then the word with a particle
    (["국가 양식 안전을 보장한다.", "양식의 안정적인 공급이 중요하다."],
     ["국가 량식 안전을 보장한다.", "량식의 안정적인 공급이 중요하다."]),
    # nothing decides it: left alone
    (["양자의 개념을 설명했다.", "양자통신기술이 발전했다."],
     ["양자의 개념을 설명했다.", "양자통신기술이 발전했다."]),
    # real Yanbian text: nothing restored, nothing remembered (養殖場 stays)
    (["국가 량식 안전을 보장한다.", "양식장에서 물고기를 기른다."],
     ["국가 량식 안전을 보장한다.", "양식장에서 물고기를 기른다."]),
    # the article already spells it the Yanbian way (a glossary term, an editor)
    (["3량자 비트를 실현했다.", "반도체양자점시스템에서 실험했다."],
     ["3량자 비트를 실현했다.", "반도체량자점시스템에서 실험했다."]),
    # ... but not a word whose reading as written is commoner (移徙 "moving" beside 理事)
    (["협회 리사장이 말했다.", "그는 작년에 이사를 했다."],
     ["협회 리사장이 말했다.", "그는 작년에 이사를 했다."]),
    (["리상을 품고 열 명 이상이 모였다.", "이상의 결과를 보고했다."],
     ["리상을 품고 열 명 이상이 모였다.", "이상의 결과를 보고했다."]),
    # ... nor before a one-syllable bound noun of time or place (離職 + 後, w29)
    (["그는 연구실 이직간부이며 이직후 많은 일을 해왔다."],
     ["그는 연구실 리직간부이며 리직후 많은 일을 해왔다."]),
    # after an unexplained start (a name) the word is not split off
    (["국가 양식 안전을 보장한다.", "김양식은 마을 주민이다."],
     ["국가 량식 안전을 보장한다.", "김양식은 마을 주민이다."]),
]


@pytest.mark.parametrize("sentences,expected", WORD_ARTICLES)
def test_article_word_memory(sentences, expected):
    out = style.postedit_article(sentences)
    assert [t for t, _ in out] == expected
    for s, (t, changes) in zip(sentences, out):
        alone, _ = postedit_text(s)
        memory = [c for c in changes if c.rule == style.ARTICLE_WORD_RULE]
        assert (alone != t) == bool(memory)


@pytest.mark.parametrize("sentences,expected", WORD_ARTICLES)
def test_article_word_memory_idempotent(sentences, expected):
    once = [t for t, _ in style.postedit_article(sentences)]
    again = style.postedit_article(once)
    assert [t for t, _ in again] == once
    assert all(not changes for _, changes in again)


def test_article_word_memory_not_with_a_source():
    """With a Chinese source each sentence's own characters decide: no word memory."""
    sentences, zh = ["국가 양식 안전을 보장한다.", "양식의 값이 올랐다."], ["国家粮食安全", "价格上涨了"]
    out = style.postedit_article(sentences, zh)
    assert all(c.rule != style.ARTICLE_WORD_RULE for _, changes in out for c in changes)
    assert out[1][0] == postedit_text(sentences[1], zh[1])[0] == "양식의 값이 올랐다."


def test_article_word_memory_remembers_homographs_only():
    """Only a homograph the dictionary leaves undecided is remembered (양자:
    兩者/量子 beside 養子); a word restored on its own needs no memory (노동)."""
    assert style._undecided("양자", "량자")
    assert style._undecided("양식", "량식")
    assert not style._undecided("노동", "로동")
    assert not style._undecided("양자", "냥자")
    assert not style._undecided("이상", "리상")  # 以上 far commoner than 理想


def test_crossed_rare_piece():
    """A rare word at a piece start that a common split crosses is not restored
    (수여|점: 授與+點 crosses 위수|여점); a common word starting it is (列車館: 列車)."""
    assert style._crossed_rare("석사학위수여점과", 5, 7)
    assert not style._crossed_rare("칠보산열차관광", 3, 6)
    assert not style._crossed_rare("여점", 0, 2)


def test_sino_number_shape():
    """Well-formed spelt-out numbers only: no two digits side by side, small
    units falling within a group (r19, the numeral rule)."""
    assert style._sino_number("십육") and style._sino_number("이천육십") and style._sino_number("육만")
    assert not style._sino_number("사육") and not style._sino_number("이육사") and not style._sino_number("십백")
    assert style._numeral_six("제육차") == [1] and style._numeral_six("제육") == []
    assert style._numeral_six("육") == [] and style._numeral_six("육호에") == [0]


# ---------------------------------------------------------------- real text kept (k24: yanbian_dev13.tsv rows)


def test_a_northeast_township_spelt_alike_keeps_its_syllables_under_a_former_suffix():
    # http://zoglo.net/board/read/m_renwu/67306/0/2510/%22http: 东盛涌 (동성용진 today, 향 then): not 룡향
    text = "1981년부터 동성용향 리퇴직인원관리를 하면서 60세 정령퇴직때까지   동성용인민공사  로인협회 제1임 회장을 겸직."
    assert style.postedit_text(text, None)[0] == text


def test_a_person_s_institution_headed_by_a_place_keeps_the_name():
    # http://korea.cpc.people.com.cn/84967/15393805.html: 연변+정지용+문학제, not 정지+룡문학
    text = "17회째 꾸준히 이어오고있는 연변정지용문학제 행사일환인 지용백일장은 훈춘시제2고급중학교에서 진행되였는데 500여명의 중학생이 참가했다."
    assert style.postedit_text(text, None)[0] == text


def test_the_word_memory_takes_no_native_word_nor_the_copula_s_ending():
    # http://baekdunet.com/bbs/board.php?bo_table=n6_1&device=mobile&wr_id=501: 그리고 (native) showed no 리고,
    # and 위원이고 is 위원 + the copula, not 위원 + 李固
    sentences = [
        "이중 김석인 연변자치주 인민대표회의 상무위 주임은 상무위원이고 나머지 8명은 일반 대표다.",
        "흑룡강성 대표로는 기업인 최룡길, 박광종 흑룡강성 광종실업무역유한공사 리사장, 그리고 녀성으로는 리미란 할빈조선족기독교회 목사가 참가하고 있다.",
    ]
    out = [o for o, _c in style.postedit_article(sentences)]
    assert out == sentences


def test_an_article_that_spells_li_keeps_a_titled_i_name():
    # http://www.jlcxwb.com.cn/wenhua/content/2016-04/23/content_172409.html: 리연, 리금하, 리춘영 …
    # beside 소정한중문화예술협회 회장 이상규 (a Korean national's name as his country spells it)
    sentences = [
        "시상식에서 연변대학사범분원 원장 김영욱이 축사를 하고 소정한중문화예술협회 이상규회장이 인사말을 했다.",
        "대상수상자 리연학생에게 최국철(좌1), 이상규(좌2), 김영욱(우1)이 시상했다.",
        "시상식에서 김유정, 조현미 등 10명이 장려상을, 원경미, 리금하 등 5명이 동상을, 리춘영, 김현하 등 2명이 금상을 "
        "수상하여 각각 상품과 상금을 받아안았다.",
    ]
    out = [o for o, _c in style.postedit_article(sentences)]
    assert out == sentences
    # without such names the titled 이 name is 李 리 as before (an organisation of China's side: the
    # Korean side's 韓中 order, 소정한중문화예술협회, keeps its member's South spelling since k29)
    assert style.postedit_article(["연변중한문화예술협회 회장 이명철이 인사말을 했다."])[0][0] \
        == "연변중한문화예술협회 회장 리명철이 인사말을 했다."
    assert style.postedit_article(["소정한중문화예술협회 회장 이명철이 인사말을 했다.", *sentences[1:]])[0][0] \
        == "소정한중문화예술협회 회장 이명철이 인사말을 했다."


def test_a_korean_organisations_member_keeps_the_south_spelling_across_the_article():
    # k29 (yanbian_dev13's 소정한중문화예술협회 이상규회장 … 이상규(좌2)): the name the
    # organisation marks in one sentence is kept in the article's other sentences
    from pipeline.korean.style import postedit_article

    out = postedit_article(["시상식에서 소정한중문화예술협회 이상규회장이 인사말을 했다.",
                            "대상수상자에게 최국철(좌1), 이상규(좌2), 김영욱(우1)이 시상했다."])
    assert "이상규회장이" in out[0][0] and "이상규(좌2)" in out[1][0]


def test_a_titled_name_the_article_glosses_is_read_from_its_gloss():
    # k29 (yanbian_dev16): 대표 임춘휘(林春輝) — the title would keep an ambiguous 임 as printed
    # across the article; the gloss says 林 림
    from pipeline.korean.style import postedit_article

    out = postedit_article(["동아법무사무소 대표 임춘휘(林春輝)를 비롯하여 몇명이 모였다.", "임춘휘는 회장이다."])
    assert out[0][0].startswith("동아법무사무소 대표 림춘휘(林春輝)")


def test_a_native_paddy_before_a_sino_korean_word_stays_as_written():
    # 논 (a paddy, native) + 播種 파종: not 論破 + 種 → 론파종 (damage on real text,
    # kr.hljnews.cn 2023, an article the norm detector judges "unknown")
    text = "구성합작사의 논파종 현장에는 농민들이 모였다."
    assert style.postedit_text(text, None)[0] == text
    # the Sino-Korean 論 words keep their restoration
    assert "론문" in style.postedit_text("그는 논문을 발표했다.", None)[0]
