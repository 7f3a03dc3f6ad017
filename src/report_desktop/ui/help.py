"""帮助: 使用说明 (in the program, no network) and 关于 (version, licences of the bundled fonts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from ..domain.format2021 import FORMAT_2021

if TYPE_CHECKING:  # the dialogs' classes load when one is first shown
    from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

FONT_ROWS = (
    ("FandolFang-Regular", "正文（仿宋）"),
    ("FandolSong-Bold", "标题（小标宋）"),
    ("FandolHei-Regular", "一级标题（黑体）"),
    ("FandolKai-Regular", "二级标题（楷体）"),
    ("FandolSong-Regular", "表格、页码（宋体）"),
)

HELP_HTML = """
<h2>TITLE：使用说明</h2>
<p>本程序按《FORMAT_NAME》（国办公开办函〔2021〕30号）填写、检查、
打印年度报告。全部功能在本机完成，不需要联网。
初次使用时，可从“帮助 → 打开示例”打开一份真实的年度报告试用。</p>

<h3>一、填写顺序</h3>
<ol>
<li><b>基本信息与前言</b>：填写机关名称、报告年度、网站、地址和电话。前言按这些信息自动生成，
并随之更新；手工改过前言后不再自动改写，可用“恢复默认前言”重新生成。</li>
<li><b>一、总体情况</b>：写引言和五个方面的情况，页面上方显示字数（原则上不超过1000字）。</li>
<li><b>二、三、四</b>：在表格中填写数字。带底色、斜体的“合计”“总计”自动计算，不能填写。</li>
<li><b>五、六</b>：写存在的主要问题及改进情况、其他需要报告的事项（含信息处理费收取情况）。</li>
</ol>

<h3>二、键盘操作</h3>
<table border="1" cellspacing="0" cellpadding="4">
<tr><td>Ctrl+1 … Ctrl+7</td>
<td>转到报告的七个部分（基本信息与前言，一 … 六），光标直接进入该页</td></tr>
<tr><td>直接输入数字</td><td>替换当前单元格；Enter 下移，Tab 右移，按住 Shift 反向</td></tr>
<tr><td>F2 / Esc / Delete</td><td>修改单元格 / 取消输入 / 清空所选单元格</td></tr>
<tr><td>Ctrl+C / Ctrl+V</td><td>复制、粘贴整块数字（可从 Excel、WPS 复制）</td></tr>
<tr><td>Ctrl+Z / Ctrl+Y</td><td>撤销 / 重做</td></tr>
<tr><td>Ctrl+S</td><td>保存草稿</td></tr>
<tr><td>F5</td><td>立即检查全部勾稽关系</td></tr>
<tr><td>F1</td><td>打开本说明</td></tr>
</table>
<p>不能采用的数值（如负数、文字）不会填入，原因显示在单元格旁和窗口底部的状态栏。</p>

<h3>三、检查结果</h3>
<p>每次修改后自动检查表格之间、前后年度之间、文字与表格之间的勾稽关系。有问题的单元格带有边框和角标，
窗口下方的“检查结果”按错误、警告、提示分组列出；双击一条即转到相应的单元格或段落。
检查结果不影响保存；导出有错误的报告时会先询问，并在文档上标注“草稿”。</p>

<h3>四、保存与恢复</h3>
<ul>
<li>草稿保存为 .json 文件，每次保存前自动备份上一版本（文件 → 从备份恢复）。</li>
<li>未保存的修改在两秒内写入自动保存文件。程序意外退出后再次打开，会提示恢复这些修改。</li>
<li>同一草稿在别处打开时会提示，可只读打开。</li>
</ul>

<h3>五、上年报告</h3>
<p>“从上年报告新建”会带入上年结转的数字，并在表格中以小字显示上年数值，
在文字页旁显示上年报告的文字供参考（不会自动复制）。窗口较窄时参考栏自动收起。</p>

<h3>六、导出和打印</h3>
<p>可导出 PDF、网页和 Word 文档，或打印预览后打印。导出的 PDF 内含草稿，可直接用本程序打开。</p>
"""


def build_help_actions(window: QMainWindow, open_example: Callable[[], object]) -> list[QAction]:
    """The 帮助 commands: 使用说明 (F1), 打开示例 and 关于."""
    manual = QAction("使用说明(&U)", window)
    manual.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    manual.setStatusTip("在程序中阅读使用说明（不需要联网）")
    manual.triggered.connect(lambda: show_dialog(manual_dialog(window)))
    example = QAction("打开示例(&E)", window)
    example.setObjectName("open_example")
    example.setStatusTip("打开随程序提供的示例报告（一份真实的年度报告），作为未保存的新草稿试用")
    example.triggered.connect(open_example)
    about = QAction("关于(&A)", window)
    about.setStatusTip("版本和许可证")
    about.triggered.connect(lambda: show_dialog(about_dialog(window)))
    return [manual, example, about]


def show_dialog(dialog: QDialog) -> None:
    dialog.exec()
    dialog.deleteLater()


def _dialog(parent: QWidget, title: str, html: str, size: tuple[int, int]) -> QDialog:
    """A dialog reading ``html``; never larger than the screen's available area."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    text = QTextBrowser()
    text.setOpenLinks(False)  # nothing leaves the program
    text.setHtml(html)
    layout.addWidget(text, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    screen = parent.screen().availableGeometry()
    dialog.resize(min(size[0], screen.width() - 40), min(size[1], screen.height() - 60))
    return dialog


def manual_dialog(parent: QWidget) -> QDialog:
    # A line break in the source would show as a space between Chinese characters.
    text = HELP_HTML.replace("TITLE", FORMAT_2021.title).replace("FORMAT_NAME", FORMAT_2021.name)
    dialog = _dialog(parent, "使用说明", text.replace("\n", ""), (760, 640))
    dialog.setObjectName("manual")
    return dialog


def about_html() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from .. import __version__
    from ..resources import resource_path

    rows = "".join(f"<tr><td>{name}</td><td>{role}</td></tr>" for name, role in FONT_ROWS)
    licence = resource_path("resources", "fonts", "COPYING").read_text("utf-8")
    escaped = licence.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f"<h2>{FORMAT_2021.title}</h2>"
        f"<p>版本 {__version__}（Qt {qVersion()}，PySide6 {pyside_version}）</p>"
        f"<p>离线填写、检查、打印{FORMAT_2021.title}（2021年格式）。</p>"
        "<h3>随附字体</h3>"
        "<p>导出的文档在未安装公文字体时使用随附的 Fandol 字体（Fandol 团队，v0.3）：</p>"
        f"<table border='1' cellspacing='0' cellpadding='4'>{rows}</table>"
        "<p>许可证：GNU 通用公共许可证第3版（GPL v3），附 GPL 字体例外："
        "文档嵌入这些字体（或其未经修改的部分），文档本身并不因此受 GPL 约束。"
        "字体文件未经修改。许可证全文如下。</p>"
        f"<pre style='font-size: small'>{escaped}</pre>"
    )


def about_dialog(parent: QWidget) -> QDialog:
    dialog = _dialog(parent, "关于", about_html(), (680, 560))
    dialog.setObjectName("about")
    return dialog
