"""The stage on text already written in the Yanbian norm (d29, session 5).

An article the norm detector judges Yanbian-norm (:mod:`pipeline.korean.norm`)
and given without a Chinese source is post-edited strictly
(:func:`pipeline.korean.style._strict`): there an ㅇ/ㄴ-initial form is the
paper's own spelling far more often than a slip, so only unmistakable slips
are corrected. The sentences are short excerpts of real Yanbian papers from
the tuned bench sets (URLs beside them), with a Yanbian-norm sentence of the
same kind before them where the excerpt alone carries too little evidence.
"""

from __future__ import annotations

import pytest

from pipeline.korean.norm import detect_norm
from pipeline.korean.style import postedit_article, postedit_text

#: A neutral sentence of a Yanbian paper (되였다, 로동, 리용: Yanbian evidence).
LEAD = "이날 행사에는 로동자와 로인 등 200여명이 참가했는데 새로 건설된 활동실을 리용하게 되였다."

# (the real sentence, where it is from) — each must come out unchanged in a Yanbian-norm article
KEPT = [
    # a player of the Republic of Korea (he played in its National League): 罹災民 is no reading here
    ("1987년 5월 29일 출생인 이재민선수는 키 178센치메터에, 체중 75킬로그람의 체격으로 종합자질이 "
     "비교적 전면적인 공격수이다.", "yanbian_dev12.tsv, zoglo.net"),
    # 捐金 (a donation), not 年金
    ("청도, 북경, 목단강 등 국내 도시와 한국, 베트남에서 도합26명이 연금 7700원에 마스크 420개를 보내왔다.",
     "yanbian_dev14.tsv, zoglo.net"),
    # 延西街道, a subdistrict of Yanji: not 連署
    ("결과 홍성빈(연길시 건공가두)이 우승을,박정록(룡정시 개산툰진)이 준우승을,손철산(연길시 연서가두)이 "
     "3등을 차지했다.", "yanbian_dev14.tsv, zoglo.net"),
    # 亂離: NK-HanDic's text never had 란리 (only hanja.txt has it); the paper writes 난리
    ("찜통더위로 지구촌이 난리가 난 판에 길림시 토성자 빠후조선족마을은 축제분위기였습니다.",
     "yanbian_damage_dev4.tsv, 길림신문 2018"),
    # a person's surname as printed: the papers write 리 for 李
    ("연변팀의 이철수 선수는 후반전에 꼴을 넣었다.", "constructed on the pattern above"),
]


@pytest.mark.parametrize("sentence, where", KEPT, ids=[w for _s, w in KEPT])
def test_yanbian_text_keeps_the_papers_spelling(sentence, where):
    article = [LEAD, sentence]
    assert detect_norm("\n".join(article)) == "yanbian"
    (_lead, _), (out, changes) = postedit_article(article)
    assert out == sentence, changes


#: the same sentences but 연금, which no text restores without a source any more
#: (the curated lexicon's row is gone: see test_style's lexicon tests)
SOUTH = [(s, w) for s, w in KEPT if "연금" not in s]


@pytest.mark.parametrize("sentence, where", SOUTH, ids=[w for _s, w in SOUTH])
def test_the_same_sentences_in_south_norm_text_are_still_restored(sentence, where):
    """The strict mode is the Yanbian-norm text's only: in a South-norm article
    (MT output) the same forms are restored as before (the bench's restoration
    columns measure that)."""
    out, changes = postedit_text(sentence, None, norm="south")
    assert changes, sentence


def test_unmistakable_slips_are_still_corrected_in_yanbian_text():
    """A slip no Yanbian-norm text makes on purpose: the -여 forms, a listed
    loanword, and a word whose only reading is the ㄹ/ㄴ one that NK-HanDic's
    text had (勞動 로동)."""
    article = [LEAD, "대회는 성황리에 개최되었다.", "로씨야와 러시아 무역", "노동자들이 모였다."]
    out = [o for o, _ in postedit_article(article)]
    assert out[1] == "대회는 성황리에 개최되였다."
    assert out[2] == "로씨야와 로씨야 무역"
    assert out[3] == "로동자들이 모였다."


def test_strict_mode_needs_no_source():
    """With a Chinese source the source decides, whatever the norm."""
    out, _ = postedit_text("도합26명이 연금 7700원을 보내왔다.", "共26人捐款7700元", norm="yanbian")
    assert out == "도합26명이 연금 7700원을 보내왔다."
    out, _ = postedit_text("이재민 선수가 꼴을 넣었다.", "李在民球员进了一球", norm="yanbian")
    assert out == "리재민 선수가 꼴을 넣었다."


def test_protected_terms_do_not_make_text_yanbian_norm():
    """An approved glossary term keeps its Yanbian spelling in MT output; it is
    no evidence that the rest of the sentence is Yanbian-norm text (else the
    strict mode would leave its South forms)."""
    text = "로동당과 리용당, 력사관 대표들은 교통안전에 유의할것을 당부했다."
    assert detect_norm(text) == "yanbian"
    out, _ = postedit_text(text, None, protected=("로동당", "리용당", "력사관"))
    assert "류의할것을" in out


# yanbian_dev17.tsv (연변일보 2025, a quotation): the paper writes 에너지; the norm's list says 에네르기
# http://www.iybrb.com/content/2025-08/15/19_731680.html
ENERGY = "영풍촌당지부 서기 김성일은 “어르신들의 밝은 웃음소리가 마을 전체에 에너지를 준다.”며 포부를 밝혔다."
# yanbian_dev16.tsv (zoglo 2023): 라디오 beside 텔레비죤 in one organ's name
# http://media.zoglo.net/board/read/m_chaoxianwenxinwen/1313187/0/550
RADIO = "이날 료양시부녀련합회, 구문화관광라디오텔레비죤국,진정부 등 부문 관계자들이 자리를 함께 했다."


def test_yanbian_text_keeps_a_loanword_as_printed():
    """A loanword's South spelling in Yanbian-norm text is the paper's choice
    (the papers print 러시아, 에너지, 라디오 as well as the list's forms): the
    strict post-editing leaves it, unless the text spells the word the norm's
    way too (see test_unmistakable_slips_are_still_corrected_in_yanbian_text)."""
    for sentence in (ENERGY, RADIO):
        article = [LEAD, sentence]
        assert detect_norm("\n".join(article)) == "yanbian"
        (_lead, _), (out, changes) = postedit_article(article)
        assert out == sentence, changes
    # in South-norm text (MT output) and in undecided text the list applies as before
    assert postedit_text(ENERGY, None, norm="south")[0].count("에네르기") == 1
    assert "라지오" in postedit_text(RADIO, None, norm="unknown")[0]


def test_yanbian_text_still_gets_the_norm_s_units():
    """Units of measure are no choice of the papers (they print 메터, 킬로그람):
    a South unit in Yanbian-norm text is a slip, corrected as before."""
    article = [LEAD, "활동실은 면적이 220평방미터에 달한다."]
    (_lead, _), (out, _changes) = postedit_article(article)
    assert out == "활동실은 면적이 220평방메터에 달한다."


def test_one_yanbian_form_and_nothing_south_is_post_edited_strictly():
    """A text whose one piece of evidence is Yanbian (the copula's 이였, 리용) and
    that has no South evidence at all is Yanbian-norm text (most short real
    articles are so): an undecided form in it (여사 女史/旅舍, 양자 量子/兩者) is
    the paper's, not guessed. MT output writes 이었던, 이용 (South evidence):
    there the stage restores as before (test_style's golden rows)."""
    assert postedit_text("조사연구원이였던 리길송여사")[0] == "조사연구원이였던 리길송여사"
    assert postedit_text("조사연구원이던 리길송여사")[0] == "조사연구원이던 리길송녀사"
    article = ["양자통신기술과 양자위성을 리용했다.", "양자의 성질을 밝혔다."]
    assert [o for o, _ in postedit_article(article)] == article
