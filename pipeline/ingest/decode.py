"""Turning the bytes of an input file into text.

Chinese news files arrive in whatever encoding the site or editor used: UTF-8
(often with a BOM from Windows tools), UTF-16 from Word exports, GB18030/GBK
from mainland sites, Big5 from Taiwan and Hong Kong. Strict UTF-8 is tried
first because it almost never decodes non-UTF-8 Chinese by accident; only then
is charset-normalizer asked, restricted to the encodings Chinese text really
uses so it cannot wander off to Latin-1 or Shift-JIS.
"""

from __future__ import annotations

import codecs
import os
import re

from pipeline.errors import InputError

#: Encodings charset-normalizer may choose from for non-UTF-8 input.
CHINESE_ENCODINGS = ("gb18030", "big5")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Frequent characters of Chinese news text (simplified and traditional).
#: A wrong GBK/Big5 guess yields rare characters, so this breaks ties that the
#: statistical detector gets wrong on short files.
_COMMON = set(
    "的一是不了在人有我他这個这个们們中来來上大为為和国國地到以说說时時要就出会會可也"
    "你对對生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼"
    "去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心本前开開但因"
    "只从從想实實日者意无無力与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外"
    "将將两兩高间間由问問最重并並物手应應向头頭文体體政美相见見被利二等产產或新己制"
    "身果加月话話合回特代内內信表化给給位次度门門任常先海通教原东東声聲提立及比员員解水名"
    "真论論处處走义義各入几幾口认認条條平系气氣题題活更别別打变變四总總何电電数數安少报報"
    "才结結反受目量再感建务務做接必场場件计計管期市直资資命山金指许許统統区區保至队隊形社"
    "便空决決治展科司五基书書非则則白界达達光放强強即难難且权權思王象完设設式色路记記南品"
    "住告类類求据據程北边邊死张張该該交规規万萬取望术術领領共确確传傳观觀清今切院让讓识識"
    "带帶导導争爭运運改收根干造言联聯持组組每济濟车車亲親极極服快办辦议議往元证證近转轉令"
    "准布始州县縣乡鄉镇鎮村委席书記党黨省朝鲜鮮族延吉龙龍图圖们們珲琿春汪清安和敦化"
    "会议議召疫情防控工作领导導小组組强調调调措施落实實人员員群众眾经济濟发展展开開"
    "，。、：；！？“”（）《》"
)


def decode_bytes(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode ``data`` read from ``path``; raise :class:`InputError` naming the
    file when no Chinese encoding fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not valid {encoding.upper()} after its byte-order mark (byte {exc.start + len(bom)})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_broken_utf8(data, exc, path)
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the page lies about its charset: detect instead
    text = _guess_chinese(data)
    if text is None:
        raise InputError(path, "cannot decode: not UTF-8, UTF-16 (with BOM), GB18030/GBK or Big5")
    return text


#: Multi-byte UTF-8 characters before the first bad byte that make a file
#: UTF-8 beyond doubt: GB18030 or Big5 text almost never decodes as UTF-8 for
#: more than a character or two.
_UTF8_EVIDENCE = 8


def _refuse_broken_utf8(data: bytes, exc: UnicodeDecodeError, path: str | os.PathLike[str]) -> None:
    """A UTF-8 file cut off mid-character (a truncated download), or with a
    damaged byte after plenty of valid UTF-8, is refused with the byte
    position instead of being "detected" as GB18030 and read as garbage."""
    if exc.reason == "unexpected end of data" and exc.end == len(data):
        raise InputError(path, f"truncated UTF-8: the file ends in the middle of a character (byte {exc.start})")
    head = data[:exc.start]
    if sum(1 for b in head if b >= 0xC0) >= _UTF8_EVIDENCE:
        raise InputError(path, f"not valid UTF-8 at byte {exc.start} (the text before it is UTF-8)")


#: ``<meta charset="gbk">`` / ``content="text/html; charset=gb2312"`` in a page's head.
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
#: Declared names we trust, mapped to the codec that reads them (GB18030 is a
#: superset of GBK and GB2312, which sites declare but exceed).
_DECLARED = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5", "big5-hkscs": "big5hkscs", "x-gbk": "gb18030"}


def _declared_charset(data: bytes) -> str | None:
    """The Chinese charset an HTML page declares in its first 4 KB, if any."""
    m = _CHARSET.search(data[:4096])
    return _DECLARED.get(m.group(1).decode("ascii").lower()) if m else None


def _guess_chinese(data: bytes) -> str | None:
    """Pick among the strict decodings that succeed: charset-normalizer's
    choice unless another candidate has clearly more common characters."""
    candidates: dict[str, str] = {}
    for encoding in CHINESE_ENCODINGS:
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not candidates:
        return None
    if len(candidates) == 1:
        return next(iter(candidates.values()))
    scores = {enc: _common_share(text) for enc, text in candidates.items()}
    best = max(scores, key=lambda enc: scores[enc])
    detected = _detect(data)
    if detected in candidates and scores[detected] >= scores[best] - 0.05:
        return candidates[detected]
    return candidates[best]


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # import when needed: not on the --help path

    match = from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS)).best()
    return match.encoding if match else None


def _common_share(text: str) -> float:
    """Share of non-ASCII characters that are frequent in Chinese news."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not wide:
        return 0.0
    return sum(c in _COMMON for c in wide) / len(wide)
