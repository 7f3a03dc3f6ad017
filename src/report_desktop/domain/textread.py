"""Reading the figures a narrative states, in the wording real reports use.

A report states a table figure as a keyword and a number with its unit: 「共收到政府信息公开申请
34件」, 「予以公开及部分公开的42件，占42.86%」, 「现行有效行政规范性文件470件」, 「有1件涉及政府
信息公开的行政复议」, 「31件结转到2025年度继续办理」. The reader finds every number with a unit
in the sentences that speak of the tables, and names its subject from the words right before it
(or right after it); only a few filler words may stand between the keyword and the number, so a
number about something else (备案, 热线, 留言, last year) is not taken for a table figure.

Text pasted from a PDF is read as printed: spaces and line breaks inside a sentence are dropped
(「申请 58 件」), full-width digits and punctuation count as ASCII.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal

from .lazyre import LazyPattern
from .numerals import CHINESE_NUMBER, DECIMAL_NUMBER, normalize, parse_decimal

COUNT = "count"
PERCENT = "percent"
DELTA = "delta"
DELTA_PERCENT = "delta_percent"
LAST_YEAR = "last_year"


class Stated:
    """One figure the text states. (A plain class: a dataclass or NamedTuple costs start-up.)"""

    __slots__ = ("kind", "quote", "subject", "value")

    def __init__(self, subject: str, value: Decimal, quote: str, kind: str = COUNT) -> None:
        self.subject = subject
        """A key of :data:`SUBJECTS`."""
        self.value = value
        self.quote = quote
        """The words read, as in the normalised text (whitespace dropped)."""
        self.kind = kind
        """:data:`COUNT` this year's figure; :data:`PERCENT` its share (占 N%); :data:`DELTA`,
        :data:`DELTA_PERCENT` the change against last year; :data:`LAST_YEAR` last year's."""

    def __repr__(self) -> str:
        return f"Stated({self.subject!r}, {self.value!r}, {self.quote!r}, {self.kind!r})"


# Subjects: which cells a stated figure speaks of ----------------------------------------------


def _t3(*rows: str, column: str = "total") -> tuple[str, ...]:
    return tuple(f"table3.{row}.{column}" for row in rows)


_WITHHELD: tuple[str, ...] = ("state_secret", "prohibited", "security", "third_party")
_WITHHELD += ("internal_affairs", "process", "enforcement_files", "inquiry")
_UNAVAILABLE = ("not_held", "needs_creation", "unclear")
_NOT_PROCESSED = ("petition", "repeated", "publication", "excessive", "confirmation")
_OTHER_HANDLING = ("no_correction", "unpaid_fee", "misc")
_ORGS = ("commercial", "research", "public_interest", "legal_service", "other_org")


def _group(prefix: str, items: tuple[str, ...]) -> tuple[str, ...]:
    return _t3(*(f"{prefix}_{item}" for item in items))


def _applicant(*columns: str) -> tuple[tuple[str, ...], ...]:
    new = tuple(f"table3.new_applications.{c}" for c in columns)
    carried = tuple(f"table3.carried_over.{c}" for c in columns)
    results = tuple(f"table3.results_total.{c}" for c in columns)
    return new, new + carried, results


def _outcome(column: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    direct, after = f"table4.litigation_direct.{column}", f"table4.litigation_after_review.{column}"
    return {
        f"review.{column}": ((f"table4.review.{column}",),),
        f"litigation.{column}": ((direct, after),),
        f"direct.{column}": ((direct,),),
        f"after_review.{column}": ((after,),),
    }


_NEW, _CARRIED = _t3("new_applications"), _t3("carried_over")
_RESULTS = _t3("results_total")

SUBJECTS: dict[str, tuple[tuple[str, ...], ...]] = {
    # 表三: the first sum is the one named in a finding, the others are read as well
    "received": (_NEW, _NEW + _CARRIED),
    "carried_over": (_CARRIED,),
    "carried_forward": (_t3("carried_forward"),),
    "closed": (_RESULTS,),
    "handled": (_RESULTS, _NEW, _NEW + _CARRIED),
    "disclosed_partial": (_t3("disclosed", "partially_disclosed"),),
    "disclosed": (_t3("disclosed"),),
    "partial": (_t3("partially_disclosed"),),
    "withheld": (_group("withheld", _WITHHELD),),
    "unavailable": (_group("unavailable", _UNAVAILABLE),),
    "not_processed": (_group("not_processed", _NOT_PROCESSED),),
    "other_handling": (_group("other_handling", _OTHER_HANDLING),),
    "natural": _applicant("natural_person"),
    "orgs": _applicant(*_ORGS),
    **{f"applicant.{c}": _applicant(c) for c in _ORGS[:-1]},
    # 表二
    **{
        f"{doc}.{column}": ((f"table2.{doc}.{column}",),)
        for doc in ("rules", "normative_documents")
        for column in ("issued", "repealed", "in_force")
    },
    "licensing": (("table2.licensing.decisions",),),
    "punishment": (("table2.punishment.decisions",),),
    "coercion": (("table2.coercion.decisions",),),
    "fees": (("table2.fees.amount",),),
    # 表四
    "review": (("table4.review.total",),),
    "litigation": (("table4.litigation_direct.total", "table4.litigation_after_review.total"),),
    "direct": (("table4.litigation_direct.total",),),
    "after_review": (("table4.litigation_after_review.total",),),
    **_outcome("upheld"),
    **_outcome("corrected"),
    **_outcome("other_result"),
    **_outcome("pending"),
}

_ITEM_WORDS = {
    "withheld_state_secret": "(?:属于)?国家秘密",
    "withheld_prohibited": "(?:其他)?法律行政法规禁止公开",
    "withheld_security": "(?:危及)?“?三安全一稳定”?",
    "withheld_third_party": "(?:保护)?第三方合法权益",
    "withheld_internal_affairs": "(?:属于)?(?:三类)?内部事务(?:信息)?",
    "withheld_process": "(?:属于)?(?:四类)?过程性信息",
    "withheld_enforcement_files": "(?:属于)?行政执法案卷",
    "withheld_inquiry": "(?:属于)?行政查询事项",
    "unavailable_not_held": "(?:因)?本机关不掌握(?:相关)?(?:的)?(?:政府)?(?:信息)?",
    "unavailable_needs_creation": "(?:没有现成信息)?需要另行制作|没有现成信息",
    "unavailable_unclear": "补正后申请内容仍不明确",
    "not_processed_petition": "(?:属于)?信访举报投诉类?(?:申请)?",
    "not_processed_repeated": "重复申请",
    "not_processed_publication": "要求提供公开出版物",
    "not_processed_excessive": "无正当理由大量反复申请|大量反复申请",
    "not_processed_confirmation": "要求行政机关确认或重新出具已获取信息|确认或重新出具",
    "other_handling_no_correction": "(?:申请人)?(?:无正当理由)?逾期不补正",
    "other_handling_unpaid_fee": "(?:申请人)?逾期未按收费通知(?:要求)?缴纳费用",
}
SUBJECTS |= {f"item.{row}": (_t3(row),) for row in _ITEM_WORDS}

_RESULT_ROWS = ("disclosed_partial", "disclosed", "partial", "withheld", "unavailable")
RESULT_SUBJECTS = frozenset(
    (*_RESULT_ROWS, "not_processed", "other_handling", *(f"item.{row}" for row in _ITEM_WORDS))
)
"""Subjects whose share (占 N%) is a share of the applications handled."""
APPLICATION_SUBJECTS = RESULT_SUBJECTS | {
    "received",
    "carried_over",
    "carried_forward",
    "closed",
    "handled",
    "natural",
    "orgs",
    *(f"applicant.{c}" for c in _ORGS[:-1]),
}
AMOUNT_SUBJECTS = frozenset(("fees",))


# Words ------------------------------------------------------------------------------------------

_APPLICATION = (
    "(?:(?:政府|政务)?信息公开申请|申请公开政府信息|依申请公开(?:事项|件|申请|信息|政府信息)?|"
    "依申请信息公开|依申请件|申请)"
)
_SUFFIX = "(?:答复|的|类|决定|情形|的申请)*"
_UNIT = "(?P<unit>件次|件|起|宗|条|部|份|个|封|次|万元|元|%)"
_NUMBER = f"(?P<num>{DECIMAL_NUMBER}|{CHINESE_NUMBER})"
_FILLER = LazyPattern(
    r"(?:的|之|为|是|均|共|计|有|合计|总计|共计|累计|达到?|分别为|了|数量?|总数|件数|总量|"
    r"决定书?|案件|办件|申请|政府信息公开申请|信息公开申请|件|答复|共有|金额|总额|措施|"
    r"\(|:|其中)*"
)
_APPROXIMATE = ("约", "近", "超", "逾", "超过", "不足", "不到")
_OTHER_AGENCIES = LazyPattern("各(?:乡镇|街道|部门|单位|县|区|市|镇|级|地)|下属|所属|系统内")
"""「各乡镇共收到…」: figures of other agencies, not of this report's tables."""
_NOT_APPLICATIONS = LazyPattern("复议|诉讼|信访|热线|建议|提案|留言|咨询|赔偿|诉求|来信|投诉")
_LIST_BEFORE = "、和及与或"

_KEYWORDS = (
    # 表三 — order matters only between keywords starting at the same place
    (
        "carried_over",
        "上一?年度?(?:结转|转结)(?:过来)?的?(?:政府信息公开申请|信息公开申请|申请)?(?:数量)?",
    ),
    (
        "carried_forward",
        "(?:结转|转结|转)(?:至|到|入)?(?:下一?年度?|NEXT年度?)(?:继续办理|继续|办理答复|办理|答复)?"
        "的?(?:申请)?(?:有)?",
    ),
    (
        "received",
        f"(?:本年)?(?:新收|收到|受理|接收到?|接到|收悉|新受理)(?:了|过)?[^,;()]{{0,24}}?{_APPLICATION}"
        "(?:数量)?",
    ),
    ("closed", f"(?:已|全部|均已|已全部)?办结(?:了)?{_APPLICATION}?"),
    ("handled", f"(?:办理答复|办理完成|办理|答复|回复|处理)(?:了|完毕|完成)?{_APPLICATION}?"),
    (
        "disclosed_partial",
        f"(?:予以公开|同意公开|全部公开|公开)(?:及|和|与|、|或)部分公开{_SUFFIX}",
    ),
    ("disclosed", f"(?:予以公开|同意公开|全部公开){_SUFFIX}"),
    ("partial", f"部分公开{_SUFFIX}"),
    ("withheld", f"不予公开{_SUFFIX}"),
    ("unavailable", f"无法提供{_SUFFIX}"),
    ("not_processed", f"不予处理{_SUFFIX}"),
    ("other_handling", f"其他处理{_SUFFIX}"),
    *((f"item.{row}", f"(?:{word}){_SUFFIX}") for row, word in _ITEM_WORDS.items()),
    ("natural", "自然人(?:提出|提交|申请|的申请)*"),
    ("orgs", "法人(?:或者?|和|及)其他组织(?:提出|提交|申请|的申请)*"),
    ("applicant.commercial", "商业企业(?:提出|提交|申请|的申请)*"),
    ("applicant.research", "科研机构(?:提出|提交|申请|的申请)*"),
    ("applicant.public_interest", "社会公益组织(?:提出|提交|申请|的申请)*"),
    ("applicant.legal_service", "法律服务机构(?:提出|提交|申请|的申请)*"),
    # 表二
    ("doc_other", "政策性文件|政策文件|其他文件|党内规范性文件|其他规范性文件|上级文件"),
    ("doc.normative_documents", "(?:行政)?规范性文件"),
    ("doc.rules", "(?:政府)?规章"),
    ("doc.generic", "文件"),
    ("verb.in_force", "现行有效|继续有效|仍然有效|有效"),
    ("verb.repealed", "废止|宣布失效|失效"),
    ("verb.issued", "制发|印发|出台|新制定|制定发布|制定|新发布|发布|新增"),
    ("licensing", "行政许可(?:决定书?)?"),
    ("punishment", "行政处罚(?:决定书?|案件)?"),
    ("coercion", "行政强制(?:措施|决定书?)?"),
    ("fees", "行政事业性收费(?:金额|总额)?"),
    # 表四
    ("direct", "(?:未经复议)?直接(?:向(?:人民)?法院)?(?:起诉|提起(?:行政)?诉讼)"),
    ("after_review", "复议后(?:起诉|提起(?:行政)?诉讼)"),
    ("review", "行政复议(?:案件|申请)?"),
    ("litigation", "行政诉讼(?:案件)?"),
    ("outcome.upheld", "(?:结果)?维持(?:原(?:具体)?行政行为)?"),
    ("outcome.corrected", "(?:结果)?(?:纠正|纠错|被纠错)"),
    ("outcome.other_result", "其他结果"),
    ("outcome.pending", "尚未审结|未审结|正在审理|审理中"),
)
_GROUP_NAMES = {f"k{i}": name for i, (name, _) in enumerate(_KEYWORDS)}

_SENTENCE_KEYS = LazyPattern(
    "申请|规章|规范性文件|行政许可|行政处罚|行政强制|收费|复议|诉讼|起诉|予以公开|部分公开|不予公开|"
    "同意公开|无法提供|不予处理|"
    "其他处理|结转|办结|答复|办理"
)
_SENTENCE_BREAK = LazyPattern(r"[。!?;\n]")
_CLAUSE_BREAK = LazyPattern(r"(?<!\d),|,(?!\d{3}(?!\d))|:")
_YEAR = LazyPattern(r"(?<!\d)(20\d\d)年")
_OTHER_YEAR_WORDS = LazyPattern(r"(?:上一?年|去年|前年)(?!度?(?:结转|转结))")
_THIS_YEAR_WORDS = LazyPattern("本年|今年|全年|当年")
_TITLE = LazyPattern(r"《[^《》]*》")
_COMPARE = LazyPattern(
    r"同比|环比|(?:较|比|与|和|对比)(?:上一?年度?|去年|前一年|20\d\d年度?)(?:同期)?(?:相比|相较|比)?"
)
_DELTA = LazyPattern(
    r"(?P<dir>增加|增长|上升|提高|多|减少|下降|降低|少|回落)了?(?:约)?"
    f"(?P<num>{DECIMAL_NUMBER}|{CHINESE_NUMBER})(?P<unit>件|起|宗|个|%)(?!百分点)"
)
_LEVEL = LazyPattern("持平|相同|一致|不变")
_LAST_FIGURE = LazyPattern(
    r"^(?:同比|环比|较|比|与|和|对比)?(?:上一?年度?|去年|前一年|20\d\d年度?)(?:同期)?的?"
    f"\\(?(?:{_APPLICATION})?(?:为|是)?(?P<num>{DECIMAL_NUMBER}|{CHINESE_NUMBER})(?:件|起|宗)"
)
_PERCENT = LazyPattern(
    r"(?:\)?,?(?:占|约占|占比|占全部|占总数|占总量)(?:申请|办理|办结|答复)?(?:总数|总量)?的?"
    r"(?:比例|比重)?(?:为|是|达)?|\((?:占比?|约占)?(?:为)?)"
    f"(?P<num>{DECIMAL_NUMBER})%"
)
"""「，占42.86%」 or 「（17.46%）」 after a result's count."""
_RIGHT = (
    ("outcome.pending", LazyPattern(r"^(?:尚未审结|未审结|正在审理)")),
    ("review", LazyPattern(r"^(?:[^,;]{0,14}的)?行政复议")),
    ("litigation", LazyPattern(r"^(?:[^,;]{0,14}的)?行政诉讼")),
    (
        "carried_forward",
        LazyPattern(r"^的?(?:申请)?(?:结转|转结|转)(?:至|到|入)?(?:下一?年|NEXT年)"),
    ),
    ("received", LazyPattern(f"^(?:的)?{_APPLICATION}")),
)
_RECEIVED_VERB = LazyPattern("收到|新收|受理|接收|接到|收悉")
_ZERO_RECEIVED = LazyPattern(
    r"(?:未|没有|无)(?:收到|接到|接收到?|受理|新收|发生)(?:过)?(?:任何)?[^,;]{0,24}?"
    r"(?:申请|依申请公开)"
)
_ZERO_REVIEW = LazyPattern(
    r"(?:未|没有|无)(?:发生|收到|出现|产生|被申请|涉及|因)[^,;]{0,24}?行政复议"
)
_ZERO_LITIGATION = LazyPattern(
    r"(?:未|没有|无)(?:发生|出现|产生|被提起|涉及|因|收到)[^,;]{0,30}?行政诉讼"
)
_NOT_NONE = LazyPattern("纠错|纠正|败诉|撤销|确认违法|被驳回")


_Patterns = tuple[re.Pattern[str], re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]


@functools.cache
def _compiled(year: int | None) -> _Patterns:
    """The keyword and number patterns for a report year (NEXT is the year after it: 结转至2025年
    in a 2024 report is this year's 结转下年度)."""
    following = str(year + 1) if year else "(?!)"
    keywords = "|".join(
        f"(?P<k{i}>{pattern.replace('NEXT', following)})"
        for i, (_, pattern) in enumerate(_KEYWORDS)
    )
    number = re.compile(f"{_NUMBER}{_UNIT}")
    right = tuple((name, re.compile(p.source.replace("NEXT", following))) for name, p in _RIGHT)
    return re.compile(keywords), number, right


# Preparing the text -----------------------------------------------------------------------------

_NUMBERING = LazyPattern(
    r"^(?:[一二三四五六七八九十]+[、是.]|[(][一二三四五六七八九十\d]+[)]|\d{1,2}[.、])"
)
_INNER_SPACE = LazyPattern(r"(?<=\d)[ \t\u00a0]+(?=\d)")
_SPACE = LazyPattern(r"[ \t\u00a0\u2002\u2003\u200b]+")


def prepare(text: str) -> str:
    """The text as the reader sees it: normalised, whitespace inside sentences dropped (a space
    between two digits kept, so 「2 0件」 is not read as 20), a line break kept only where a
    sentence or a numbered paragraph ends."""
    lines = []
    for raw in normalize(text).split("\n"):
        line = _SPACE.sub("", _INNER_SPACE.sub("\x00", raw)).replace("\x00", " ")
        if line:
            lines.append(line)
    out: list[str] = []
    for line in lines:
        if out and not (out[-1][-1] in "。!?;:" or _NUMBERING.match(line)):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


# Reading ----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=128)
def read_figures(text: str, year: int | None) -> tuple[tuple[str, tuple[Stated, ...]], ...]:
    """Every sentence that states table figures, with the figures: ((sentence, figures), …).
    Cached: a clerk's keystroke changes one text, the others are read from the cache."""
    found = []
    for paragraph in prepare(text).split("\n"):
        applications = "申请" in paragraph
        for sentence in _SENTENCE_BREAK.split(paragraph):
            if sentence and _SENTENCE_KEYS.search(sentence):
                figures = _read_sentence(sentence, year, applications)
                if figures:
                    found.append((sentence, figures))
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def _read_sentence(sentence: str, year: int | None, applications: bool) -> tuple[Stated, ...]:
    """One sentence's figures. Cached as well: a keystroke changes one sentence of a text."""
    return tuple(_Sentence(sentence, year, applications).read())


class _Sentence:
    """The reading state of one sentence: the topics met so far carry to later clauses
    (「行政复议2件，其中维持1件」, 「制发规范性文件4件，废止文件0件」)."""

    def __init__(self, sentence: str, year: int | None, applications: bool) -> None:
        self.text = _TITLE.sub(lambda m: "《" + "_" * (len(m.group()) - 2) + "》", sentence)
        self.year = year
        self.keywords, self.number, self.right = _compiled(year)
        self.applications = applications
        """Whether the paragraph speaks of applications (「所有答复件中，予以公开…」)."""
        self.doc: str | None = None
        self.appeal: str | None = None
        self.last: str | None = None
        self.last_figure: Stated | None = None
        self.listed: list[tuple[str, re.Match[str]]] = []
        """The keywords listed before the number read last (「行政复议、行政诉讼」)."""
        self.other_year = False

    def read(self) -> Iterator[Stated]:
        figures: list[Stated] = []
        for clause in _CLAUSE_BREAK.split(self.text):
            figures.extend(self._clause(clause))
        yield from _merge_repealed(figures, self.text)

    def _clause(self, clause: str) -> Iterator[Stated]:
        percent = _PERCENT.match(clause)
        if percent and self.last_figure is not None:
            share = self.last_figure
            yield Stated(share.subject, Decimal(percent.group("num")), percent.group(), PERCENT)
        self.last_figure = None
        compare = _COMPARE.search(clause)
        now = clause[: compare.start()] if compare else clause
        self._time(now)
        if not self.other_year:
            yield from self._this_year(now)
            yield from self._zero(now, clause)
        if compare is not None:
            yield from self._comparison(clause[compare.start() :])

    def _time(self, part: str) -> None:
        """Which year the words speak of: a year named (other than this one, except 结转至 the
        next), 上年/去年, or back to this year with 本年/今年."""
        for match in _YEAR.finditer(part):
            named = int(match.group(1))
            if named == self.year:
                self.other_year = False
            elif not (self.year and named == self.year + 1 and "转" in part[: match.start()][-4:]):
                self.other_year = True
        if _THIS_YEAR_WORDS.search(part):
            self.other_year = False

    def _this_year(self, part: str) -> Iterator[Stated]:
        start = 0
        for match in self.number.finditer(part):
            left = part[start : match.start()]
            start = match.end()
            if _OTHER_YEAR_WORDS.search(left) or _approximate(part, match):
                continue
            if _OTHER_AGENCIES.search(part, 0, match.start()):
                continue
            self.listed = []
            figure = self._figure(left[-40:], part, match)
            if figure is None:
                yield from self._listed_zero(left[-40:], match)
                continue
            yield figure
            self.last_figure = figure if figure.subject in RESULT_SUBJECTS else None
            percent = _PERCENT.match(part, match.end())
            if percent and self.last_figure is not None:
                quote = figure.quote + part[match.end() : percent.end()]
                yield Stated(figure.subject, Decimal(percent.group("num")), quote, PERCENT)
                self.last_figure = None

    def _figure(self, left: str, part: str, match: re.Match[str]) -> Stated | None:
        value = _decimal(match.group("num"))
        unit = match.group("unit")
        if value is None:
            return None
        before = self._subject(left)
        if before is not None:
            subject, begin = before
            quote = left[begin:] + match.group()
        else:
            after = self._subject_after(left, part[match.end() :])
            if after is None:
                return None
            subject, end, begin = after
            quote = left[begin:] + part[match.start() : match.end() + end]
        if not _unit_fits(subject, unit):
            return None
        if unit == "元" and subject in AMOUNT_SUBJECTS:
            value /= 10_000
        elif subject not in AMOUNT_SUBJECTS and value != value.to_integral_value():
            return None
        self.last = subject
        return Stated(subject, value, quote)

    def _subject(self, left: str) -> tuple[str, int] | None:
        """The subject named right before a number, and where its words begin in ``left``."""
        last: re.Match[str] | None = None
        listed = False
        verb: tuple[str, int] | None = None
        doc_seen: str | None = None
        for match in self.keywords.finditer(left):
            listed = last is not None and left[last.end() : match.start()] in tuple(_LIST_BEFORE)
            name = _GROUP_NAMES[match.lastgroup or ""]
            self.listed = [*self.listed, (name, match)] if listed else [(name, match)]
            if name.startswith("verb."):
                verb = (name[5:], match.start())
            elif name.startswith("doc"):
                doc_seen = name
                self._set_doc(name)
            elif name in ("review", "litigation", "direct", "after_review"):
                self.appeal = name
            last = match
        if last is None or _FILLER.fullmatch(left[last.end() :]) is None:
            return None
        name = _GROUP_NAMES[last.lastgroup or ""]
        if listed and not name.startswith(("verb.", "doc")):
            return None  # 「行政复议、行政诉讼2件」: one number for a list (see _listed_zero)
        self.listed = []
        if name.startswith(("verb.", "doc")):
            return self._document(verb, doc_seen, last.start())
        return self._checked(name, left, last)

    def _listed_zero(self, left: str, match: re.Match[str]) -> Iterator[Stated]:
        """「行政复议、行政诉讼0件」, 「行政处罚、行政强制0条」: none of each. (A number other than
        0 for a list is not read: it may be the sum or each.)"""
        members, self.listed = self.listed, []
        if len(members) < 2 or _decimal(match.group("num")) != 0 or match.group("unit") == "%":
            return
        if _FILLER.fullmatch(left[members[-1][1].end() :]) is None:
            return
        quote = left[members[0][1].start() :] + match.group()
        for name, member in members:
            checked = self._checked(name, left, member)
            if checked is not None and checked[0] not in AMOUNT_SUBJECTS:
                yield Stated(checked[0], Decimal(0), quote)

    def _checked(self, name: str, left: str, match: re.Match[str]) -> tuple[str, int] | None:
        if name.startswith("outcome."):
            if self.appeal is None:
                return None
            return f"{self.appeal}.{name[8:]}", match.start()
        if name in APPLICATION_SUBJECTS:
            if not self.applications:
                return None
            if name in ("received", "handled", "closed") and _NOT_APPLICATIONS.search(
                match.group()
            ):
                return None
        return name, match.start()

    def _document(
        self, verb: tuple[str, int] | None, doc_seen: str | None, begin: int
    ) -> tuple[str, int] | None:
        """「制发规范性文件4件」, 「规范性文件发布0条」, 「废止数量0条」 after a document named."""
        if verb is None or self.doc is None:
            return None
        return f"{self.doc}.{verb[0]}", min(verb[1], begin)

    def _set_doc(self, name: str) -> None:
        if name == "doc.generic":
            return  # 「文件」 keeps the document named before
        self.doc = None if name == "doc_other" else name[4:]

    def _subject_after(self, left: str, right: str) -> tuple[str, int, int] | None:
        """「有1件涉及政府信息公开的行政复议」, 「31件结转到2025年度」, 「收到十五件…申请」."""
        verb = _RECEIVED_VERB.search(left, max(0, len(left) - 8))
        for name, pattern in self.right:
            match = pattern.match(right)
            if match is None:
                continue
            if name in ("received", "carried_forward") and not self.applications:
                continue
            if name == "received":
                if verb is None:
                    continue
                return name, match.end(), verb.start()
            subject = name
            if name.startswith("outcome."):
                if self.appeal is None:
                    continue
                subject = f"{self.appeal}.{name[8:]}"
            elif name in ("review", "litigation"):
                self.appeal = name
            return subject, match.end(), len(left)
        return None

    def _zero(self, part: str, clause: str) -> Iterator[Stated]:
        """「未收到政府信息公开申请」, 「未发生因政府信息公开引起的行政复议、行政诉讼」."""
        match = _ZERO_RECEIVED.search(part)
        if match and not _NOT_APPLICATIONS.search(part[match.start() : match.end() + 8]):
            yield Stated("received", Decimal(0), match.group())
        for name, pattern in (("review", _ZERO_REVIEW), ("litigation", _ZERO_LITIGATION)):
            match = pattern.search(part)
            if match and not _NOT_NONE.search(clause[match.end() :]):
                self.appeal = name
                yield Stated(name, Decimal(0), match.group())

    def _comparison(self, part: str) -> Iterator[Stated]:
        """「较上年增加3件」, 「比2022年（31起）下降29%」, 「同比持平」: the change against last
        year, of the figure stated last in the sentence."""
        subject = self.last
        if subject is None or subject not in SUBJECTS:
            return
        last = _LAST_FIGURE.match(part)
        if last:
            value = _decimal(last.group("num"))
            if value is not None:
                yield Stated(subject, value, last.group(), LAST_YEAR)
        for match in _DELTA.finditer(part):
            value = _decimal(match.group("num"))
            if value is None:
                continue
            if match.group("dir") in ("减少", "下降", "降低", "少", "回落"):
                value = -value
            kind = DELTA_PERCENT if match.group("unit") == "%" else DELTA
            yield Stated(subject, value, part[: match.end()], kind)
            return
        level = _LEVEL.search(part)
        if level and level.start() <= 2:
            yield Stated(subject, Decimal(0), part[: level.end()], DELTA)


def _approximate(part: str, match: re.Match[str]) -> bool:
    start = match.start()
    return start > 0 and (
        part[start - 1] in _APPROXIMATE or part[max(0, start - 2) : start] in _APPROXIMATE
    )


def _decimal(text: str) -> Decimal | None:
    """A matched number (the text is normalised already)."""
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    return parse_decimal(text)


def _unit_fits(subject: str, unit: str) -> bool:
    if subject in AMOUNT_SUBJECTS:
        return unit in ("万元", "元")
    if unit in ("万元", "元", "%"):
        return False
    if subject.startswith(("rules.", "normative_documents.")):
        return unit in ("件", "部", "份", "个", "条")
    if unit in ("封",):
        return subject in APPLICATION_SUBJECTS
    return True


def _merge_repealed(figures: list[Stated], sentence: str) -> list[Stated]:
    """「废止规范性文件6件，宣布失效规范性文件5件」: the table's 本年废止件数 counts both."""
    out: list[Stated] = []
    for figure in figures:
        if figure.kind == COUNT and figure.subject.endswith(".repealed"):
            earlier = next(
                (f for f in out if f.subject == figure.subject and f.kind == COUNT), None
            )
            if earlier is not None:
                start = sentence.find(earlier.quote)
                end = sentence.find(figure.quote, start) + len(figure.quote)
                quote = sentence[start:end] if start >= 0 and end > start else earlier.quote
                total = earlier.value + figure.value
                out[out.index(earlier)] = Stated(figure.subject, total, quote)
                continue
        out.append(figure)
    return out
