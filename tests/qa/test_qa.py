"""QA checks, table-driven: (zh, ko, expected (check, severity) findings)."""

from __future__ import annotations

import pytest

from pipeline.glossary.load import Entry, Glossary
from pipeline.model import Segment, TermHit
from pipeline.qa import check_segment

OK = []
CASES = [
    # numbers, dates, 万/亿
    ("2021年1月20日召开会议。", "2021년 1월 20일 회의를 소집했다.", OK),
    ("2021年01月21日召开会议。", "2021년 1월 21일 회의를 소집했다.", OK),
    ("2021年1月20日召开会议。", "2021년 1월 회의를 소집했다.", [("numbers", "warning")]),
    ("共2.3万人参加了这次会议。", "모두 2만 3000명이 이번 회의에 참가했다.", OK),
    ("共2.3万人参加了这次会议。", "모두 2.3만명이 이번 회의에 참가했다.", OK),
    ("共2.3万人参加了这次会议。", "모두 23,000명이 이번 회의에 참가했다.", OK),
    ("共2.3万人参加了这次会议。", "모두 2만명이 이번 회의에 참가했다.", [("numbers", "warning")]),
    ("投资117.4亿元建设项目。", "117억 4000만원을 투자하여 항목을 건설한다.", OK),
    ("严格落实24小时值守制度。", "24시간 당직제도를 엄격히 시달한다.", OK),
    ("严格落实24小时值守制度。", "42시간 당직제도를 엄격히 시달한다.", [("numbers", "warning")]),
    # Chinese left in the Korean
    ("田锦尘主持召开会议。", "전금진이 회의를 主持했다.", [("hanzi-left", "warning")]),
    # a decoder loop
    ("加强应急演练。", "응급훈련을 강화 강화 강화 강화 강화 강화 강화", [("repetition", "critical")]),
    ("加强应急演练，确保关键时刻作出高效反应。",
     "응급훈련을 강화하여 관건적 시각에 효률적으로 반응하도록 담보해야 한다 한다 한다 한다", [("repetition", "warning")]),
    # length ratio
    ("要加强应急演练，确保关键时刻作出高效反应。", "강화.", [("length-ratio", "critical")]),
    ("要加强应急演练，确保关键时刻作出高效反应。", "응급훈련을 강화해야 한다.", [("length-ratio", "warning")]),
    ("短句。", "짧다.", OK),
    # preserved URLs, e-mails, codes
    ("详情见https://www.yb983.com/news，咨询yb@163.com。",
     "자세한 내용은 https://www.yb983.com/news 를 보고 yb@163.com 에 문의하라.", OK),
    ("详情见https://www.yb983.com/news，咨询yb@163.com。",
     "자세한 내용은 웹사이트를 보고 메일로 문의하라.", [("preserved", "warning")]),
    ("新冠肺炎COVID-19疫情防控。", "신형페염 COVID-19 전염병 예방, 통제.", OK),
    ("新冠肺炎COVID-19疫情防控。", "신형페염 코로나19 전염병 예방, 통제.", [("preserved", "warning")]),
    # brackets and quotes
    ("落实“外防输入、内防反弹”措施。", "‘외부 류입 방지, 내부 반등 방지’ 조치를 시달한다.", OK),
    ("落实“外防输入、内防反弹”措施。", "‘외부 류입 방지, 내부 반등 방지 조치를 시달한다.", [("brackets", "warning")]),
    ("八个县(市)主要负责同志汇报。", "8개 현(시)의 주요 책임자가 회보했다)", [("brackets", "warning")]),
    # several at once
    ("2021年1月20日，田锦尘主持召开会议。", "田锦尘 田锦尘 田锦尘 田锦尘",
     [("numbers", "warning"), ("hanzi-left", "warning"), ("repetition", "critical"),
      ("length-ratio", "warning")]),
]


@pytest.mark.parametrize("zh, ko, expected", CASES)
def test_checks(zh: str, ko: str, expected: list[tuple[str, str]]) -> None:
    findings = check_segment(Segment(id="a/p2/s3", zh=zh, ko=ko))
    assert [(f.check, f.severity) for f in findings] == expected
    assert all(f.segment == "a/p2/s3" and "a/p2/s3" not in f.message for f in findings)


def test_messages_name_the_problem() -> None:
    (f,) = check_segment(Segment("a/p1/s1", "2021年1月20日召开会议。", "2021년 1월 회의를 소집했다."))
    assert (f.segment, f.message) == ("a/p1/s1", "number 20 of the Chinese not found in the Korean")
    assert str(f) == "a/p1/s1: number 20 of the Chinese not found in the Korean"
    (f,) = check_segment(Segment("a/p1/s1", "田锦尘主持召开会议。", "전금진이 회의를 主持했다."))
    assert f.message == "Chinese characters left in the Korean: 主持"


def test_term_findings() -> None:
    seg = Segment("a/p1/s1", "习近平说。", "습근평 말했다.", terms=[
        TermHit("习近平", "습근평", 0, 3, "people.yaml:1", status="inserted", strategy="insert"),
        TermHit("田锦尘", "전금진", 0, 3, "people.yaml:9", status="violated"),
        TermHit("金寿浩", "김수호", 0, 3, "people.yaml:15", status="repaired", strategy="split"),
    ])
    assert [(f.check, f.severity) for f in check_segment(seg)] == [
        ("term-inserted", "warning"), ("term-violated", "critical")]
    assert "people.yaml:9" in check_segment(seg)[1].message


def test_forbidden_with_glossary() -> None:
    gl = Glossary([Entry(zh="习近平", ko="시진핑", file="people.yaml", line=7, status="forbidden")])
    seg = Segment("a/p1/s1", "习近平说。", "시진핑이 말했다.")
    assert check_segment(seg) == []
    (f,) = check_segment(seg, glossary=gl)
    assert (f.check, f.severity) == ("forbidden", "critical")
    assert str(f) == "a/p1/s1: forbidden rendering 시진핑 (people.yaml:7) in the Korean"


def test_empty_segment_has_no_findings() -> None:
    assert check_segment(Segment("a/p1/s1", "", "")) == []
