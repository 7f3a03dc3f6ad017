"""An annotated set of narrative sentences for the text-against-table check.

The sentences are our own, written in the forms real published reports use (studied on about
thirty reports of 2021–2025: county and city governments and their offices, 统计局, 发改局,
公安局, 教育局, 科委, 行政审批服务局, 街道 and 镇). Each form names the figure it states (a
subject of :data:`report_desktop.domain.textread.SUBJECTS`); ``{n}`` is filled with the table's
figure (the sentence agrees) or with another number (it does not), ``{cn}`` the same in Chinese
numerals, ``{p}`` with the share of the applications handled. :data:`SILENT` sentences state no
figure of this year's tables and must never raise a finding.

``python bench/score_text_checks.py`` prints recall and false alarms per category.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from report_desktop.domain.findings import Finding
from report_desktop.domain.model import Meta, Report, new_report, resolved_values
from report_desktop.domain.numerals import chinese_numeral
from report_desktop.domain.rules import check
from report_desktop.domain.textcheck import LAST_YEAR_RULE, RULE
from report_desktop.domain.textread import SUBJECTS

YEAR = 2024
MISMATCH_RULES = (RULE, LAST_YEAR_RULE)

TABLE: dict[str, int | Decimal] = {
    "table2.rules.issued": 1,
    "table2.rules.in_force": 12,
    "table2.normative_documents.issued": 9,
    "table2.normative_documents.repealed": 4,
    "table2.normative_documents.in_force": 156,
    "table2.licensing.decisions": 2360,
    "table2.punishment.decisions": 85,
    "table2.coercion.decisions": 6,
    "table2.fees.amount": Decimal("12.35"),
    "table3.new_applications.natural_person": 40,
    "table3.new_applications.commercial": 5,
    "table3.new_applications.research": 1,
    "table3.new_applications.legal_service": 2,
    "table3.carried_over.natural_person": 3,
    "table3.carried_over.commercial": 1,
    "table3.disclosed.natural_person": 18,
    "table3.disclosed.commercial": 2,
    "table3.partially_disclosed.natural_person": 5,
    "table3.partially_disclosed.legal_service": 1,
    "table3.withheld_process.natural_person": 2,
    "table3.withheld_third_party.natural_person": 1,
    "table3.unavailable_not_held.natural_person": 7,
    "table3.unavailable_needs_creation.commercial": 2,
    "table3.not_processed_petition.natural_person": 3,
    "table3.not_processed_repeated.natural_person": 1,
    "table3.other_handling_no_correction.natural_person": 2,
    "table3.other_handling_misc.research": 1,
    "table3.carried_forward.natural_person": 5,
    "table3.carried_forward.commercial": 1,
    "table3.carried_forward.legal_service": 1,
    "table4.review.upheld": 3,
    "table4.review.corrected": 1,
    "table4.review.pending": 1,
    "table4.litigation_direct.upheld": 2,
    "table4.litigation_direct.pending": 1,
    "table4.litigation_after_review.upheld": 1,
}


KNOWN_MISSES = "已知不读（实际报告中见到）"
HELD_OUT = "留出集：读法定稿后才写的句子"

_HELD_OUT_FOUND = (
    ("received", "2024年，全局共接到群众提出的政府信息公开申请{n}件。"),
    ("received", "本年度通过网上平台和信函方式共收到信息公开申请{n}件。"),
    ("received", "我办全年共受理政府信息公开申请{n}宗。"),
    ("received", "全年新收政府信息公开申请{n}件，较好回应了群众关切。"),
    ("closed", "截至12月31日，已办结申请{n}件。"),
    ("carried_forward", "因在法定期限内，{n}件申请结转至下一年度办理。"),
    ("carried_forward", "尚有{n}件申请转入2025年继续办理。"),
    ("carried_over", "上一年度结转申请{n}件，均已在本年度办结。"),
    ("disclosed", "从办理结果看，予以公开的有{n}件。"),
    ("withheld", "依法作出不予公开决定{n}件。"),
    ("unavailable", "告知申请人无法提供的{n}件。"),
    ("other_handling", "作其他处理的{n}件。"),
    ("natural.new", "从申请人类型看，自然人{n}件，法人或其他组织8件。"),
    ("normative_documents.in_force", "截至2024年底，本机关现行有效的行政规范性文件共计{n}件。"),
    ("normative_documents.issued", "全年共印发行政规范性文件{n}件，均按要求备案。"),
    ("normative_documents.repealed", "本年度宣布失效规范性文件{n}件。"),
    ("punishment", "全年共作出行政处罚{n}起。"),
    ("fees", "全年共收取行政事业性收费 {n} 万元。"),
    ("review", "本年度发生政府信息公开类行政复议案件{n}件。"),
    ("litigation", "被提起行政诉讼{n}件。"),
    ("review.upheld", "行政复议5件中，复议机关维持{n}件。"),
    ("direct", "申请人未经复议直接向法院起诉{n}件。"),
    ("review.pending", "行政复议5件，其中尚有{n}件尚未审结。"),
)
"""Written after the reader was settled and scored as they came: 21 of 24 read, no false
alarm. Two of the three misses were read afterwards (直接向法院起诉, 「尚有N件尚未审结」); the
third is in :data:`_HELD_OUT_MISSED`."""
_HELD_OUT_MISSED = (
    ("licensing", "全年共办理行政许可事项{n}件。"),
    ("carried_forward", "截至年底，仍有{n}件申请在办理期限内，结转下年度继续办理。"),
)

HELD_OUT_2 = "留出集二：改进后再写的句子"
_HELD_OUT_2_FOUND = (
    ("received", "2024年度，本单位共计收到公民、法人和其他组织提出的政府信息公开申请{n}件。"),
    ("received", "全年受理依申请公开件{n}件，全部按时答复。"),
    ("carried_forward", "{n}件转入2025年度办理。"),
    ("disclosed", "经审查，同意公开{n}件，部分公开6件。"),
    ("partial", "予以公开20件，区分处理后部分公开{n}件。"),
    ("not_processed", "对重复申请、信访类申请等依法不予处理{n}件。"),
    ("item.not_processed_repeated", "其中属于重复申请的{n}件。"),
    ("orgs.new", "法人和其他组织申请{n}件。"),
    ("normative_documents.in_force", "目前我局现行有效规范性文件{n}件，均已在政府网站公开。"),
    ("normative_documents.issued", "全年新制发行政规范性文件{n}件。"),
    ("rules.in_force", "截至年底现行有效政府规章{n}件。"),
    ("coercion", "实施行政强制{n}件。"),
    ("punishment", "办理行政处罚案件{n}件。"),
    ("fees", "本年度行政事业性收费总额{n}万元。"),
    ("review", "本年度我局被申请行政复议{n}件。"),
    ("litigation", "因政府信息公开被提起行政诉讼{n}件。"),
    ("after_review", "经复议后提起行政诉讼{n}件。"),
    ("review.corrected", "行政复议5件，被复议机关纠正{n}件。"),
)
"""A second held-out set, written after the first one's misses were read: 17 of 20 read at
first scoring, with one false alarm among the 20 agreeing sentences and one among 15 silent
ones (「各乡镇共收到…」, other agencies' figures); after the fix 18 of 20, no false alarm. Of
the two misses, one is in :data:`_HELD_OUT_MISSED`; the other (「共处理…申请52件（含上年结转
4件）」) is found but named as （七）总计."""


@dataclass(frozen=True)
class Form:
    category: str
    template: str
    subject: str
    """What the number states; for :data:`PERCENT` forms the subject whose share is given."""
    percent: bool = False


def _forms(category: str, subject: str, *templates: str, percent: bool = False) -> list[Form]:
    return [Form(category, t, subject, percent) for t in templates]


FORMS: list[Form] = [
    *_forms(
        "申请：收到/受理",
        "received",
        "全年共收到政府信息公开申请{n}件，均在法定期限内答复。",
        "本年度新收政府信息公开申请{n}件。",
        "2024年，我局受理信息公开申请 {n} 件，较好保障了群众知情权。",
        "全年累计接收依申请公开事项{n}件。",
        "今年共收到依申请公开共{n}件，已按时办理。",
        "全年共收到{cn}件政府信息公开申请。",
        "本机关全年共受理政府信息\n公开申请 {n} 件。",
        "全年共收到公开政府信息申请{n}件，全部按期答复。",
        "2024年共收到政府信息公开申请{n}件次。",
        "全年新收政府信息公开申请数量{n}件，上年结转政府信息公开申请数量4件。",
        "依法办理群众提出的申请，全年收到政府信息公开申请共计{n}件。",
    ),
    *_forms(
        "申请：收到（含上年结转）",
        "received.all",
        "全年共受理政府信息公开申请{n}件（含上年结转4件）。",
        "连同上年结转的申请，本年度共受理政府信息公开申请{n}件。",
    ),
    *_forms(
        "申请：上年结转",
        "carried_over",
        "本年新收申请48件，上年结转{n}件。",
        "上年度结转的政府信息公开申请{n}件已全部办结。",
        "答复申请45件（含上年度转结申请{n}件）。",
    ),
    *_forms(
        "申请：办结/答复",
        "closed",
        "全年已办结政府信息公开申请{n}件。",
        "共收到申请48件，办结{n}件，结转下年度7件。",
        "全年答复政府信息公开申请{n}件，答复率100%。",
        "本年度共办理政府信息公开申请{n}件。",
    ),
    *_forms(
        "申请：结转下年度（含「结转至2025年」）",
        "carried_forward",
        "结转下年度继续办理的申请{n}件。",
        "共收到申请48件，办结45件，结转下一年{n}件。",
        "另有{n}件申请结转至2025年继续办理。",
        "申请办结45件，结转到2025年度继续办理{n}件。",
        "办结45件，转下一年度办理答复的有 {n} 件。",
        "依法受理申请48件，{n}件结转下年度办理。",
    ),
    *_forms(
        "申请人",
        "natural.new",
        "全年共收到政府信息公开申请48件，其中自然人提出{n}件，法人或其他组织提出8件。",
        "从申请主体看，自然人申请{n}件，商业企业申请5件。",
    ),
    *_forms(
        "申请人",
        "orgs.new",
        "本年度受理申请48件，其中自然人提出40件，法人或其他组织提出{n}件。",
    ),
    *_forms(
        "申请人",
        "applicant.commercial.new",
        "全年共收到政府信息公开申请48件，其中商业企业{n}件。",
    ),
    *_forms(
        "办理结果",
        "disclosed",
        "在办结的申请中，予以公开{n}件，部分公开6件。",
        "对申请人所需信息同意公开答复{n}件。",
        "本年度办理申请45件，其中予以公开的{n}件。",
    ),
    *_forms(
        "办理结果",
        "partial",
        "办理申请45件，予以公开20件，部分公开{n}件。",
        "申请办理结果：部分公开答复{n}件。",
    ),
    *_forms(
        "办理结果",
        "disclosed_partial",
        "全年答复申请45件，其中予以公开及部分公开的{n}件。",
        "答复申请45件，予以公开和部分公开{n}件。",
    ),
    *_forms(
        "办理结果",
        "withheld",
        "办理申请45件，依法不予公开{n}件。",
        "申请答复中不予公开答复{n}件。",
    ),
    *_forms(
        "办理结果",
        "unavailable",
        "办理申请45件，因本机关不掌握等原因无法提供的{n}件。",
        "答复申请45件，无法提供{n}件。",
    ),
    *_forms("办理结果", "not_processed", "办理申请45件，不予处理{n}件，其他处理3件。"),
    *_forms("办理结果", "other_handling", "办理申请45件，不予处理4件，其他处理{n}件。"),
    *_forms(
        "办理结果（细项）",
        "item.unavailable_not_held",
        "办理申请45件，本机关不掌握相关政府信息的{n}件。",
    ),
    *_forms(
        "办理结果（细项）",
        "item.not_processed_petition",
        "办理申请45件，属于信访举报投诉类申请的{n}件。",
    ),
    *_forms(
        "办理结果：占比",
        "disclosed_partial",
        "答复申请45件，其中予以公开及部分公开的26件，占{p}%。",
        percent=True,
    ),
    *_forms(
        "办理结果：占比",
        "unavailable",
        "答复申请45件，其中无法提供的9件，占{p}%；不予处理的4件。",
        "办结申请45件，其中无法提供 9 件（{p}%），不予处理 4 件。",
        percent=True,
    ),
    *_forms(
        "表二：规范性文件、规章",
        "normative_documents.issued",
        "全年制发行政规范性文件{n}件，现行有效行政规范性文件156件。",
        "本年度行政规范性文件印发{n}件。",
        "制定发布规范性文件 {n} 件，通过政府网站集中发布。",
        "全年出台规范性文件{cn}件。",
    ),
    *_forms(
        "表二：规范性文件、规章",
        "normative_documents.repealed",
        "开展规范性文件清理，废止规范性文件{n}件。",
        "制发规范性文件9件，清理废止文件{n}件，现行有效文件156件。",
    ),
    *_forms(
        "表二：规范性文件、规章",
        "normative_documents.in_force",
        "截至年底，我局现行有效行政规范性文件{n}件。",
        "动态更新规范性文件库，集中发布现行有效规范性文件{n}件。",
        "制发规范性文件9件，清理废止文件4件，现行有效文件{n}件。",
        "经清理，继续有效的规范性文件{n}件。",
        "完成规范性文件汇编，现行有效的规范性文件共{n}件。",
    ),
    *_forms(
        "表二：规范性文件、规章",
        "rules.in_force",
        "现行有效规章{n}件，均在网站规章库公开。",
    ),
    *_forms("表二：规范性文件、规章", "rules.issued", "本年度新制定规章{n}件。"),
    *_forms(
        "表二：许可、处罚、强制、收费",
        "licensing",
        "全年作出行政许可决定{n}件。",
        "办理行政许可{n}件，行政处罚85件。",
    ),
    *_forms(
        "表二：许可、处罚、强制、收费",
        "punishment",
        "全年作出行政处罚决定{n}件，均依法公示。",
        "行政许可2360件，行政处罚{n}件。",
    ),
    *_forms("表二：许可、处罚、强制、收费", "coercion", "采取行政强制措施{n}件。"),
    *_forms(
        "表二：许可、处罚、强制、收费",
        "fees",
        "全年收取行政事业性收费{n}万元。",
        "行政事业性收费金额共计{n}万元，全部上缴财政。",
    ),
    *_forms(
        "表四：复议、诉讼",
        "review",
        "全年发生政府信息公开行政复议{n}件。",
        "因政府信息公开引起的行政复议{n}件、行政诉讼4件。",
        "本年度共有{n}件涉及政府信息公开的行政复议。",
        "被申请行政复议案件{n}件。",
    ),
    *_forms(
        "表四：复议、诉讼",
        "litigation",
        "因政府信息公开引起的行政复议5件、行政诉讼{n}件。",
        "涉及政府信息公开的行政诉讼数为\n{n} 件。",
    ),
    *_forms(
        "表四：复议、诉讼",
        "review.upheld",
        "行政复议5件，其中结果维持{n}件，纠正1件。",
    ),
    *_forms(
        "表四：复议、诉讼",
        "review.corrected",
        "行政复议5件，其中维持3件，被纠错{n}件。",
    ),
    *_forms("表四：复议、诉讼", "review.pending", "行政复议5件，维持3件，纠正1件，尚未审结{n}件。"),
    *_forms("表四：复议、诉讼", "direct", "未经复议直接起诉{n}件，复议后起诉1件。"),
    *_forms("表四：复议、诉讼", "after_review", "直接起诉3件，复议后起诉{n}件。"),
    *_forms(
        "已知不读（实际报告中见到）",
        "disclosed",
        "答复申请45件。其中公开{n}件，不予公开3件。",
    ),
    *_forms("已知不读（实际报告中见到）", "received", "全年依申请公开{n}件。"),
    *_forms("已知不读（实际报告中见到）", "closed", "全年{n}件申请均已办结。"),
    *_forms(
        "全角数字、千分位",
        "licensing",
        "全年作出行政许可决定{fw}件。",
        "全年作出行政许可决定{th}件。",
    ),
    *(Form(HELD_OUT, template, subject) for subject, template in _HELD_OUT_FOUND),
    *(Form(HELD_OUT_2, template, subject) for subject, template in _HELD_OUT_2_FOUND),
    *(Form(KNOWN_MISSES, template, subject) for subject, template in _HELD_OUT_MISSED),
]
SILENT: list[tuple[str, str]] = [
    ("其他年度", "2023年收到政府信息公开申请20件，今年有所下降。"),
    ("其他年度", "2023年，共收到政府信息公开申请31件。"),
    ("其他年度", "上年度收到政府信息公开申请31件。"),
    ("其他年度", "去年行政复议2件。"),
    ("其他年度", "自2021年以来累计收到政府信息公开申请130件。"),
    ("比较（无上年报告）", "较上年收到的20件申请减少5件。"),
    ("比较（无上年报告）", "与去年相比减少3件。"),
    ("比较（无上年报告）", "受理申请48件，比2023年（31件）增长55%。"),
    ("其他事项", "全年共办理备案审查规范性文件12件。"),
    ("其他事项", "全年清理规范性文件30件，修改2件。"),
    ("其他事项", "全年公开政策性文件23件，政策文件解读8件。"),
    ("其他事项", "公开其他文件45件。"),
    ("其他事项", "12345热线共办结群众诉求3200件。"),
    ("其他事项", "全年主动公开政府信息1523条。"),
    ("其他事项", "报送人大代表建议办理结果5件，政协提案3件。"),
    ("其他事项", "依法依规办理信访事项10件。"),
    ("其他事项", "答复网民留言1424条，受理咨询300余件。"),
    ("其他事项", "受理行政复议申请3件，均已审结。"),
    ("其他事项", "公开行政处罚信息120条，行政许可结果信息3万余条。"),
    ("其他事项", "梳理行政许可事项清单87项。"),
    ("其他事项", "收取信息处理费380元。"),
    ("其他事项", "组织政务公开培训3次，参训120人次。"),
    ("其他事项", "《2024—2026年规划》印发后，发布解读5件。"),
    ("约数", "全年收到政府信息公开申请约50件。"),
    ("约数", "全年受理政府信息公开申请近百件。"),
    ("约数", "全年收到政府信息公开申请50余件。"),
    ("列举", "行政复议、行政诉讼案件9件。"),
    ("数字串", "联系电话：0631-5226721，邮编264200。"),
    ("数字串", "收到政府信息公开申请" + "9" * 40 + "件。"),
    ("复议未被纠错", "本年度未发生行政复议被纠错的情况。"),
    ("无关数字", "一是公开不够及时；二是解读不够深入；三是平台建设有待加强。"),
    ("无关数字", "办结率100%，满意率98.5%。"),
    ("留出集二", "全年共收到人大代表建议和政协提案45件，办结率100%。"),
    ("留出集二", "全年通过政府网站发布信息3521条，同比增长12%。"),
    ("留出集二", "依申请公开答复书均经法制机构审核，答复规范率达100%。"),
    ("留出集二", "2023年结转的1件申请已于2月办结。"),
    ("留出集二", "全年组织开展规范性文件合法性审核32件。"),
    ("留出集二", "完成行政执法案卷评查56卷。"),
    ("留出集二", "市政府共发布行政许可事项清单3批。"),
    ("留出集二", "全年行政复议决定书公开12份。"),
    ("留出集二", "受理12345热线转办政府信息公开咨询件83件。"),
    ("留出集二", "本年度共收到信息公开申请类咨询电话120余次。"),
    ("留出集二", "建立规范性文件数据库，收录历年规范性文件1200余件。"),
    ("留出集二", "对2019年以来的规范性文件进行清理，共清理规范性文件86件。"),
    ("留出集二", "政策性文件解读率达到100%，全年解读政策文件15件。"),
    ("留出集二", "申请人主动撤回申请157件。"),
    ("留出集二", "各乡镇共收到政府信息公开申请230件。"),
]
"""Sentences that state no figure of this year's tables, or state it in a way the check must
not read as one (another year, a comparison without last year's report, an estimate, a list)."""

SILENT_ZERO_TABLE: list[tuple[str, str]] = [
    ("无", "本年度未收到政府信息公开申请。"),
    ("无", "2024年我局未收到任何要求公开政府信息的申请。"),
    ("无", "未发生因政府信息公开引起的行政复议、行政诉讼。"),
    ("无", "全年没有发生因政府信息公开申请行政复议和提起行政诉讼的情况。"),
    ("无", "无因政府信息公开申请行政复议、提起行政诉讼的案件。"),
    ("无", "未发生行政复议、行政诉讼案件。"),
    ("列举为零", "因政府信息公开引起的行政复议、行政诉讼均为0件。"),
    ("列举为零", "全年行政处罚、行政强制0件。"),
]
"""「未收到…」 forms: silent on an empty table, a finding on :data:`TABLE`."""


def report_saying(text: str, table: dict[str, int | Decimal] | None = None) -> Report:
    report = new_report(Meta(agency="威海市环翠区统计局", year=YEAR))
    report.cells.update(TABLE if table is None else table)
    report.overview_parts[1].text = text
    return report


def mismatches(report: Report, previous: Report | None = None) -> list[Finding]:
    return [f for f in check(report, previous) if f.rule in MISMATCH_RULES]


def figure_of(subject: str, table: dict[str, int | Decimal] | None = None) -> Decimal:
    """The table's figure for a subject (``received.all``: 一+二)."""
    values = resolved_values(report_saying("", table))
    base = subject.removesuffix(".new").removesuffix(".all")
    cells = SUBJECTS[base][1 if subject.endswith(".all") else 0]
    return Decimal(sum((Decimal(str(values[c] or 0)) for c in cells), start=Decimal(0)))


def cells_of(subject: str) -> tuple[str, ...]:
    """The cells a finding about ``subject`` names."""
    return SUBJECTS[subject.removesuffix(".new").removesuffix(".all")][0]


def fill(
    form: Form, agree: bool, table: dict[str, int | Decimal] | None = None, change: int = 11
) -> str:
    """The form's sentence agreeing with ``table`` (:data:`TABLE`), or stating a number
    ``change`` more (a share 5 points more)."""
    value = figure_of(form.subject, table)
    if form.percent:
        whole = figure_of("closed", table)
        share = (value * 100 / whole).quantize(Decimal("0.01"))
        stated = share if agree else share + 5
        return form.template.replace("{p}", f"{stated:f}")
    stated = value if agree else value + change
    text = f"{stated:f}" if stated != stated.to_integral_value() else str(int(stated))
    return (
        form.template.replace("{n}", text)
        .replace("{cn}", chinese_numeral(int(stated)))
        .replace("{fw}", text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}))
        .replace("{th}", f"{int(stated):,}")
    )


@dataclass
class Score:
    forms: int = 0
    found: int = 0
    checked: int = 0
    false_alarms: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.forms if self.forms else 1.0


def score() -> dict[str, Score]:
    """Per category: how many disagreeing sentences were found (naming the right cells), and
    how many agreeing or silent sentences raised a finding all the same."""
    scores: dict[str, Score] = {}
    for form in FORMS:
        entry = scores.setdefault(form.category, Score())
        entry.forms += 1
        found = mismatches(report_saying(fill(form, agree=False)))
        if any(set(cells_of(form.subject)) <= set(f.cells) for f in found):
            entry.found += 1
        entry.checked += 1
        if mismatches(report_saying(fill(form, agree=True))):
            entry.false_alarms += 1
    for category, sentence in SILENT:
        entry = scores.setdefault(f"静默：{category}", Score())
        entry.checked += 1
        if mismatches(report_saying(sentence)):
            entry.false_alarms += 1
    for category, sentence in SILENT_ZERO_TABLE:
        entry = scores.setdefault(f"申请、复议、诉讼：「未…」（{category}）", Score())
        entry.forms += 1
        entry.checked += 1
        if mismatches(report_saying(sentence)):
            entry.found += 1
        if mismatches(report_saying(sentence, table={})):
            entry.false_alarms += 1
    return scores
