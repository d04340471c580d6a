"""clean_korean: stray code points from a model never reach the PDF unseen."""

import pytest

from pipeline.model import Segment
from pipeline.qa import clean_korean


@pytest.mark.parametrize("ko, expected, removed", [
    ("회의를 소집했다.", "회의를 소집했다.", 0),
    ("습근평 총서기 2021년 COVID-19 “방지” ① ·", "습근평 총서기 2021년 COVID-19 “방지” ① ·", 0),
    ("회의\u059f를 소집\ue000했다\ufffd.", "회의를 소집했다.", 3),
    ("조장 \u202e반대로", "조장 반대로", 1),
    ("\u0627\u0644 전금진", "전금진", 2),
])
def test_clean_korean(ko, expected, removed):
    seg = Segment(id="a/p1/s1", zh="召开会议。", ko=ko)
    findings = clean_korean(seg)
    assert seg.ko == expected
    assert len(findings) == (1 if removed else 0)
    if removed:
        assert findings[0].check == "stray-characters" and findings[0].severity == "warning"
        assert f"removed {removed} character" in findings[0].message
        assert findings[0].segment == "a/p1/s1" and not findings[0].message.startswith("a/p1/s1")
