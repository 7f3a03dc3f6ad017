"""Former editions of the format, declared only so far as to recognise them.

A spreadsheet or report laid out in the 2019 trial format cannot be filled into the 2021 format
label by label; an importer names the edition instead of reporting every label as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SupersededFormat:
    name: str
    basis: str
    markers: tuple[str, ...]
    """Labels that exist only in that edition."""


TRIAL_FORMAT_2019 = SupersededFormat(
    name="2019年试行格式",
    basis="国办公开办函〔2019〕60号",
    # The first five are named by the reference page; the others are the 2019 表二 columns of
    # 第二十条第（五）–（九）项 (项目数量 and 增/减 counts, 政府集中采购 totals).
    markers=(
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "第二十条第（九）项",
        "政府集中采购",
        "采购项目数量",
        "采购总金额",
        "上一年项目数量",
        "本年增/减",
        "其他对外管理服务事项",
    ),
)
