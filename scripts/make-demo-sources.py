#!/usr/bin/env python3
"""Generate the demo catalogue source in assets/catalogue/ from the reference data.

Provenance script: it was run once to produce the committed, human-editable files
under assets/catalogue/. Those files are edited by hand afterwards; re-running this
script overwrites them with the original demo content (byte for byte the same output
every time). Added by hand since, and lost by a re-run: the English texts, thesaurus.toml,
the notices' 五公开 categories and the 结果公开 list (低保审核公示), interpretations.toml and
responses.toml.

    python3 scripts/make-demo-sources.py              # write assets/catalogue/
    python3 scripts/make-demo-sources.py --check      # only compare, exit 1 on difference
    python3 scripts/make-demo-sources.py --reference DIR --out DIR

Inputs (read only): catalogue.json, guides.json and sample-directory-社会救助.csv in the
reference folder (default tests/data/reference, a copy of the shared reference). Standard library only.
"""

import argparse
import csv
import datetime
import io
import json
import os
import re
import sys
import tomllib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_REFERENCE = os.path.join(REPO, "tests", "data", "reference")
DEFAULT_OUT = os.path.join(REPO, "assets", "catalogue")

# --------------------------------------------------------------------------------------
# Domains: order and ids are fixed by the kiosk design.

DOMAINS = [
    # (领域, id, summary ≤ 14 characters)
    ("就业创业", "employment", "找工作、失业登记、创业贷款"),
    ("社会救助", "social-assistance", "低保、临时救助、特困供养"),
    ("社会保险", "social-insurance", "交社保、失业金、医保报销"),
    ("户籍管理", "household-registration", "户口、居住证、身份证"),
    ("医疗卫生", "health", "家庭医生、打疫苗、出生证明"),
    ("城市综合执法", "urban-management", "违法搭建、占道经营、乱张贴"),
    ("养老服务", "elderly-care", "高龄津贴、养老补贴、长护险"),
]

# --------------------------------------------------------------------------------------
# Directory CSV layout (as in sample-directory-社会救助.csv, i.e. as Excel exports it).

HEADER_1 = ["序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
            "公开渠道和载体", "公开对象", "", "公开方式", "", "公开层级", ""]
HEADER_2 = ["", "一级事项", "二级事项", "", "", "", "", "", "全社会", "特定群体", "主动",
            "依申请", "县级", "乡级"]
NCOLS = len(HEADER_1)

CHANNELS = ["政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体",
            "公开查阅点", "政务服务中心", "便民服务站", "入户/现场",
            "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他"]
TICK = "√"


def channel_cell(channels):
    """■ ticked / □ unticked, standard order; extra channels go just before 其他."""
    extra = [c for c in channels if c not in CHANNELS]
    boxes = []
    for c in CHANNELS:
        if c == "其他":
            boxes += ["■" + e for e in extra]
        boxes.append(("■" if c in channels else "□") + c)
    return " ".join(boxes)


def excel_field(s):
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_bytes(rows):
    text = "".join(",".join(excel_field(f) for f in row) + "\r\n" for row in rows)
    return "\ufeff".encode("utf-8") + text.encode("utf-8")


def directory_rows(domain, items):
    rows = [["徐汇区%s领域基层政务公开标准目录" % domain] + [""] * (NCOLS - 1), HEADER_1, HEADER_2]
    previous_level1 = None
    for n, it in enumerate(items, 1):
        rows.append([
            str(n),
            "" if it["level1"] == previous_level1 else it["level1"],
            it["level2"],
            "\n".join(it["content_elements"]),
            "\n".join(it["basis"]),
            it["time_limit"],
            "、".join(it["bodies"]),
            channel_cell(it["channels"]),
            TICK if it["audience"] == "全社会" else "",
            TICK if it["audience"] == "特定群体" else "",
            TICK if it["mode"] == "主动" else "",
            TICK if it["mode"] == "依申请" else "",
            TICK if "县级" in it["tier"] else "",
            TICK if "乡级" in it["tier"] else "",
        ])
        previous_level1 = it["level1"]
    return rows


# --------------------------------------------------------------------------------------
# Guides: id, 一级事项 group, links to directory rows (same service), workflow steps.
# Listed in guides.json order; NN in the file name follows this order.

HOTLINE = "12345 市民服务热线"

GUIDES = {
    "最低生活保障申请": dict(
        id="dibao-apply", level1="最低生活保障",
        links=[("最低生活保障", "办事指南")],
        workflow=[
            ("申请", "申请人",
             "到户籍所在地街道（镇）社区事务受理服务中心提出申请，也可以在“一网通办”网上申请。", None),
            ("受理", "社区事务受理服务中心",
             "窗口受理申请，家庭成员签署家庭经济状况核对授权书。", None),
            ("入户调查和经济状况核对", "街道（镇）",
             "工作人员入户调查，并核对家庭收入和财产。", None),
            ("审核公示", "居（村）委会",
             "审核结果在居（村）委会公示，接受群众监督。", "公示7天"),
            ("审核确认", "民政部门",
             "作出审核确认决定。", "一般自受理之日起30个工作日内；情况特殊的可延长到45个工作日"),
            ("发放", "民政部门",
             "审核确认后，从批准的次月起按月发放低保金。", None),
        ]),
    "临时救助申请": dict(
        id="temporary-assistance", level1="临时救助",
        links=[("临时救助", "办事指南")],
        workflow=[
            ("申请", "申请人",
             "向户籍地或居住地的街道（镇）社区事务受理服务中心申请；遇到紧急情况可拨打12345求助。", None),
            ("受理和核查", "社区事务受理服务中心",
             "窗口受理，核查困难情况。", None),
            ("先行救助", "街道（镇）",
             "情况紧急的，先行救助，事后补齐手续。", None),
            ("审核审批", "民政部门",
             "对申请进行审核审批。", "按本市规定时限"),
            ("发放", "民政部门",
             "发放救助金或实物。", None),
            ("结果公开", "民政部门",
             "救助结果按规定公开。", None),
        ]),
    "特困人员救助供养申请": dict(
        id="tekun-support", level1="特困人员救助供养",
        links=[("特困人员救助供养", "办事指南")],
        workflow=[
            ("申请", "申请人（或受委托人）",
             "本人或委托他人向户籍地街道（镇）社区事务受理服务中心申请。", None),
            ("调查核实", "街道（镇）",
             "街道调查核实申请人的情况。", None),
            ("公示", "居（村）委会",
             "调查核实的结果在居（村）委会公示。", None),
            ("审核确认", "区民政部门",
             "区民政部门审核确认。", "按《特困人员认定办法》规定时限，以窗口告知为准"),
            ("选择供养方式", "申请人",
             "选择在家分散供养，或到养老机构集中供养。", None),
            ("供养", "民政部门",
             "按月发放供养金，或安排照料服务。", None),
        ]),
    "失业登记": dict(
        id="unemployment-registration", level1="就业失业登记",
        links=[("就业失业登记", "失业登记")],
        workflow=[
            ("申请", "申请人",
             "到街道（镇）社区事务受理服务中心就业窗口或区就业促进中心申请，也可以登录“一网通办”申请。", None),
            ("填写登记信息", "申请人",
             "填写失业登记表。", None),
            ("核验", "就业窗口",
             "核验身份和就业状态。", "材料齐全的，一般当场办结"),
            ("登记完成", "就业窗口",
             "登记成功后，可以获得职业指导、岗位推荐、培训等免费就业服务。", None),
        ]),
    "就业困难人员认定": dict(
        id="employment-difficulty", level1="就业援助",
        links=[("就业援助", "就业困难人员认定")],
        workflow=None),
    "创业担保贷款申请": dict(
        id="startup-loan", level1="创业服务",
        links=[("创业服务", "创业担保贷款申请")],
        workflow=None),
    "灵活就业人员参加社会保险": dict(
        id="flexible-worker-insurance", level1="社会保险登记",
        links=[],
        workflow=None),
    "失业保险金申领": dict(
        id="unemployment-benefit", level1="失业保险服务",
        links=[("失业保险服务", "失业保险金申领")],
        workflow=[
            ("失业登记", "申请人",
             "先办理失业登记。", None),
            ("申领", "申请人",
             "在“一网通办”或街道（镇）社区事务受理服务中心申领失业保险金。", None),
            ("审核", "经办机构",
             "经办机构审核申领条件。", None),
            ("按月发放", "经办机构",
             "审核通过后按月发放，领取期限看缴费年限。",
             "满1年不足5年最长12个月；满5年不足10年最长18个月；10年以上最长24个月"),
            ("就业服务", "申请人",
             "领取期间按要求接受就业服务。", None),
        ]),
    "社会保障卡申领与补换": dict(
        id="social-security-card", level1="社会保障卡服务",
        links=[("社会保障卡服务", "社会保障卡申领")],
        workflow=None),
    "城乡居民养老保险参保登记": dict(
        id="resident-pension", level1="社会保险登记",
        links=[("社会保险登记", "城乡居民养老保险参保登记")],
        workflow=None),
    "居住证办理": dict(
        id="residence-permit", level1="暂住登记及居住证管理",
        links=[("暂住登记及居住证管理", "居住证申领"),
               ("暂住登记及居住证管理", "居住证换、补领")],
        workflow=[
            ("居住登记", "申请人",
             "先在居住地办理居住登记。", None),
            ("申请", "申请人",
             "符合条件后，到居住地街道（镇）社区事务受理服务中心申领，或在“一网通办”预约申请。", None),
            ("受理", "社区事务受理服务中心",
             "窗口核验材料，采集信息，出具受理回执。", None),
            ("审核制证", "公安机关",
             "公安机关审核，制作居住证。", "自受理之日起15日内制证发放，以受理回执为准"),
            ("领证", "申请人",
             "领取居住证；之后按规定每年签注，签注不收费。", None),
        ]),
    "户口迁移": dict(
        id="hukou-transfer", level1="迁移登记",
        links=[("迁移登记", "迁出、迁入登记")],
        workflow=[
            ("咨询", "申请人",
             "先到迁入地派出所户籍窗口咨询迁入条件。", None),
            ("申请", "申请人",
             "提交申请和材料；部分事项可在“一网通办”预约。", None),
            ("审核", "公安派出所",
             "审核材料；需要审批的，按审批流程办理。",
             "本市内迁移材料齐全的一般当场或短期内办结；需要审批的按审批时限办理"),
            ("落户", "公安派出所",
             "办理迁入落户，更新户口簿。", None),
            ("换领身份证", "申请人",
             "需要时换领居民身份证。", None),
        ]),
    "新生儿出生登记（报户口）": dict(
        id="birth-registration", level1="出生登记",
        links=[("出生登记", "出生登记")],
        workflow=[
            ("取得出生医学证明", "父母",
             "孩子出生后，先取得《出生医学证明》。", None),
            ("申报", "父母或监护人",
             "到父亲或母亲户口所在地派出所申报，或在“一网通办”办理“出生一件事”。",
             "孩子出生后一个月内"),
            ("审核", "公安派出所",
             "民警审核材料。", "材料齐全的，一般当场办结"),
            ("登记落户", "公安派出所",
             "登记户口，户口簿加页。", None),
        ]),
    "居民身份证换领补领": dict(
        id="id-card", level1="居民身份证管理",
        links=[("居民身份证管理", "异地申请换、补领居民身份证")],
        workflow=[
            ("挂失", "申请人",
             "身份证丢了的，先挂失。", None),
            ("申请", "申请人",
             "到户籍地派出所，或本市异地受理点申请。", None),
            ("采集和缴费", "公安派出所",
             "现场拍照、采集指纹，缴纳工本费。", None),
            ("制证", "公安机关",
             "审核后制作新证。", "法定最长60日内发放，以受理回执为准"),
            ("领证", "申请人",
             "到窗口领取，或邮寄送达。", None),
        ]),
    "老年综合津贴申领（高龄津贴）": dict(
        id="senior-allowance", level1="养老服务业务办理",
        links=[("养老服务业务办理", "老年人补贴")],
        workflow=[
            ("申请", "老人或代办人",
             "到户籍所在地街道（镇）社区事务受理服务中心申请，也可以网上申请。", None),
            ("核验", "社区事务受理服务中心",
             "窗口核验信息。", None),
            ("审核", "民政部门",
             "审核申请人是否符合条件。", None),
            ("按月发放", "民政部门",
             "审核通过后，按月发放到本人账户。", None),
        ]),
    "养老服务补贴申请": dict(
        id="elderly-care-subsidy", level1="养老服务业务办理",
        links=[("养老服务业务办理", "老年人补贴")],
        workflow=[
            ("申请", "老人或家属",
             "向户籍所在地街道（镇）社区事务受理服务中心申请。", None),
            ("照护需求评估", "评估机构",
             "接受老年照护统一需求评估，确定照护等级。", None),
            ("经济状况审核", "街道（镇）",
             "街道审核家庭经济状况。", None),
            ("提供服务", "养老服务机构",
             "审核通过后，由服务机构提供居家服务，补贴直接抵扣服务费。", None),
        ]),
    "长期护理保险与老年照护需求评估": dict(
        id="ltc-assessment", level1="养老服务业务办理",
        links=[],
        workflow=[
            ("申请评估", "老人或代办人",
             "向街道（镇）社区事务受理服务中心申请老年照护统一需求评估，也可以线上申请。", None),
            ("上门评估", "评估机构",
             "评估机构上门评估。", "按本市规定时限完成，以窗口告知为准"),
            ("评估结果", "评估机构",
             "告知评估等级结果；达到二至六级的，可以享受长期护理保险服务。", None),
            ("选择服务", "老人或家属",
             "选择护理服务机构和服务方式（上门、社区或机构照护）。", None),
            ("接受服务", "护理服务机构",
             "按约定提供照护服务；费用按比例由长护险基金支付，个人只付自负部分。", None),
        ]),
    "家庭医生签约": dict(
        id="family-doctor", level1="公共服务类事项",
        links=[("公共服务类事项", "家庭医生签约服务")],
        workflow=None),
    "出生医学证明办理": dict(
        id="birth-certificate", level1="公共服务类事项",
        links=[("公共服务类事项", "出生医学证明办理")],
        workflow=None),
    "医保费用报销": dict(
        id="medical-reimbursement", level1="医疗保险服务",
        links=[],
        workflow=None),
    "预防接种（打疫苗）": dict(
        id="vaccination", level1="公共卫生服务事项",
        links=[("公共卫生服务事项", "预防接种")],
        workflow=None),
    "计划生育家庭特别扶助": dict(
        id="family-planning-special-aid", level1="计划生育",
        links=[("计划生育", "计划生育家庭特别扶助")],
        workflow=None),
    "违法搭建和占道经营投诉举报": dict(
        id="illegal-construction-report", level1="投诉举报",
        links=[],
        workflow=[
            ("投诉举报", "市民",
             "拨打12345市民服务热线，或通过“随申办”等渠道反映问题。", None),
            ("派单", "12345市民服务热线",
             "把投诉派单到街道（镇）城管执法中队。", None),
            ("现场核查", "城管执法中队",
             "执法人员到现场核查。", None),
            ("依法处理", "城管执法中队",
             "依法处理；作出行政处罚决定的，按规定公开。", "行政处罚决定作出后20个工作日内公开"),
            ("反馈", "城管执法中队",
             "向投诉人反馈处理结果（匿名投诉不便反馈）。", None),
        ]),
}

GUIDE_TEXT_FIELDS = ["title", "domain", "summary", "eligibility", "materials", "steps", "where",
                     "time_limit", "fee", "basis", "colloquial"]

# --------------------------------------------------------------------------------------
# Notices for the home screen's notice strip.

NOTICES = [
    dict(id="free-information",
         title="本屏信息免费查阅，有问题请拨12345",
         body="本机上的政务公开信息全部免费查阅，不收任何费用。看不明白或者有问题，"
              "可以拨打12345市民服务热线咨询。"),
    dict(id="dibao-review-window",
         title="低保审核结果在居（村）委会公示7天",
         body="申请低保的家庭，审核结果会在居（村）委会公示7天，接受大家监督。"
              "对公示内容有疑问，可以拨打12345市民服务热线咨询。",
         domain="社会救助", guide="dibao-apply"),
    dict(id="newborn-hukou-one-month",
         title="孩子出生后一个月内报户口",
         body="新生儿应在出生后一个月内申报出生登记。先取得《出生医学证明》，"
              "再到父亲或母亲户口所在地派出所办理，也可以在“一网通办”办理“出生一件事”。",
         domain="户籍管理", guide="birth-registration"),
    dict(id="resident-pension-2027",
         title="2027年度城乡居民养老保险缴费提醒",
         body="城乡居民养老保险按年度缴费。2027年度的缴费档次和政府补贴标准以本市公布为准，"
              "可以到户籍所在地街道（镇）社区事务受理服务中心咨询和办理。",
         domain="社会保险", guide="resident-pension",
         valid_from=datetime.date(2026, 11, 1), valid_until=datetime.date(2027, 12, 31)),
    dict(id="employment-services-2026-h1",
         comment="演示用：已过期的通知，本机应自动隐藏。",
         title="2026年上半年公共就业服务专项活动",
         body="2026年上半年，区就业促进中心和各街道（镇）社区事务受理服务中心开展公共就业服务"
              "专项活动，提供岗位信息、职业指导和政策咨询。具体安排以现场公告为准。",
         domain="就业创业",
         valid_until=datetime.date(2026, 6, 30)),
]

# --------------------------------------------------------------------------------------
# TOML writing (small, deterministic; output is re-read with tomllib and compared).


def toml_str(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_value(v):
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime.date):
        return v.isoformat()
    raise TypeError(v)


def toml_inline_array(items):
    return "[" + ", ".join(toml_value(x) for x in items) + "]"


def toml_block_array(key, items):
    return [key + " = ["] + ["  " + toml_value(x) + "," for x in items] + ["]"]


def write_file(path, data, written, check):
    written.append(path)
    if check:
        try:
            with open(path, "rb") as f:
                same = f.read() == data
        except FileNotFoundError:
            same = False
        if not same:
            print("differs: " + path, file=sys.stderr)
            return False
        return True
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return True


def toml_bytes(lines):
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def check_toml(data, expected, what):
    parsed = tomllib.loads(data.decode("utf-8"))
    assert parsed == expected, "%s does not round-trip:\n%r\n%r" % (what, parsed, expected)


# --------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", default=DEFAULT_REFERENCE)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="compare with existing files, write nothing")
    args = ap.parse_args()

    with open(os.path.join(args.reference, "catalogue.json"), encoding="utf-8") as f:
        catalogue = json.load(f)
    with open(os.path.join(args.reference, "guides.json"), encoding="utf-8") as f:
        guides = json.load(f)

    domain_names = [d[0] for d in DOMAINS]
    assert sorted(domain_names) == sorted({r["domain"] for r in catalogue}), "domain set changed"
    for name, _, summary in DOMAINS:
        assert len(summary) <= 14, summary
    keys = [(r["domain"], r["level1"], r["level2"]) for r in catalogue]
    assert len(keys) == len(set(keys)), "duplicate directory rows"
    level1s = {(r["domain"], r["level1"]) for r in catalogue}

    written = []
    ok = True

    # ---- catalogue.toml
    lines = [
        "# 徐汇区基层政务公开标准目录 — 演示目录源文件 (demo catalogue source)",
        "#",
        "# 本文件夹是目录的源文件，可以直接手工编辑（说明见 README.md）：",
        "#   catalogue.toml      目录名称、版本和七个领域（本文件；领域按这里的顺序显示）",
        "#   directory/*.csv     各领域的标准目录表，一个领域一个表，与 Excel 导出的格式相同",
        "#   guides/*.toml       办事指南，一项服务一个文件",
        "#   notices.toml        首页通知栏的通知",
        "",
        'name = "徐汇区基层政务公开标准目录（演示）"',
        "version = 0",
    ]
    expected = {"name": "徐汇区基层政务公开标准目录（演示）", "version": 0, "domain": []}
    for name, did, summary in DOMAINS:
        d = {"id": did, "name": name, "summary": summary, "directory": "directory/%s.csv" % name}
        expected["domain"].append(d)
        lines += ["", "[[domain]]"] + ["%s = %s" % (k, toml_value(v)) for k, v in d.items()]
    data = toml_bytes(lines)
    check_toml(data, expected, "catalogue.toml")
    ok &= write_file(os.path.join(args.out, "catalogue.toml"), data, written, args.check)

    # ---- directory/<领域>.csv
    nonstandard = sorted({c for r in catalogue for c in r["channels"] if c not in CHANNELS})
    for name in domain_names:
        items = [r for r in catalogue if r["domain"] == name]
        rows = directory_rows(name, items)
        data = csv_bytes(rows)
        reparsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert reparsed == rows, name
        if name == "社会救助":
            sample_path = os.path.join(args.reference, "sample-directory-社会救助.csv")
            if os.path.exists(sample_path):
                with open(sample_path, "rb") as f:
                    sample = f.read()
                assert data.startswith(sample), "社会救助 rows differ from the sample"
        ok &= write_file(os.path.join(args.out, "directory", name + ".csv"), data, written, args.check)

    # ---- guides/NN-<id>.toml
    assert [g["title"] for g in guides] == list(GUIDES), "guides.json changed"
    ids = [GUIDES[g["title"]]["id"] for g in guides]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    summary_lines = []
    for n, g in enumerate(guides, 1):
        meta = GUIDES[g["title"]]
        dom = g["domain"]
        for l1, l2 in meta["links"]:
            assert (dom, l1, l2) in set(keys), ("missing directory row", dom, l1, l2)
            assert l1 == meta["level1"], ("level1 must be the linked row's", g["title"])
        if (dom, meta["level1"]) not in level1s:
            summary_lines.append("  (new 一级事项 %s/%s)" % (dom, meta["level1"]))
        wf = meta["workflow"] or []
        assert not wf or 4 <= len(wf) <= 7, g["title"]

        expected = {"id": meta["id"], "title": g["title"], "domain": dom, "level1": meta["level1"]}
        for k in GUIDE_TEXT_FIELDS[2:]:
            expected[k] = g[k]
        expected["contacts"] = [HOTLINE]
        expected = {k: expected[k] for k in ["id", "title", "domain", "level1", "summary",
                                              "eligibility", "materials", "steps", "where",
                                              "time_limit", "fee", "basis", "contacts", "colloquial"]}

        lines = [
            "# %s — 办事指南" % g["title"],
            "",
            "id = %s  # 固定编号：链接、二维码和意见反馈都用它，不要修改，也不要给别的指南再用" % toml_str(meta["id"]),
            "title = %s" % toml_str(g["title"]),
            "domain = %s" % toml_str(dom),
            "level1 = %s  # 在领域页面上归入的一级事项" % toml_str(meta["level1"]),
            "",
            "summary = %s" % toml_str(g["summary"]),
            "",
        ]
        lines += toml_block_array("eligibility", g["eligibility"])
        lines += toml_block_array("materials", g["materials"])
        lines += toml_block_array("steps", g["steps"])
        lines += [
            "",
            "where = %s" % toml_str(g["where"]),
            "time_limit = %s" % toml_str(g["time_limit"]),
            "fee = %s" % toml_str(g["fee"]),
            "",
        ]
        lines += toml_block_array("basis", g["basis"])
        lines += [
            "",
            "contacts = %s" % toml_inline_array([HOTLINE]),
            "colloquial = %s  # 居民的日常说法，用于搜索" % toml_inline_array(g["colloquial"]),
        ]
        lines += ["", "# 描述同一项服务的目录行（directory/%s.csv）：只作链接，内容不重复。" % dom]
        if meta["links"]:
            expected["directory"] = []
            for l1, l2 in meta["links"]:
                expected["directory"].append({"level1": l1, "level2": l2})
                lines += ["[[directory]]", "level1 = %s" % toml_str(l1), "level2 = %s" % toml_str(l2), ""]
        else:
            lines += ["# （目录中暂无描述同一项服务的行。）", ""]
        if wf:
            expected["workflow"] = []
            lines += ["# 工作流程清单：申请以后每一步由谁办、办什么。"]
            for step, actor, detail, tl in wf:
                w = {"step": step, "actor": actor, "detail": detail}
                lines += ["[[workflow]]", "step = %s" % toml_str(step), "actor = %s" % toml_str(actor),
                          "detail = %s" % toml_str(detail)]
                if tl:
                    w["time_limit"] = tl
                    lines.append("time_limit = %s" % toml_str(tl))
                expected["workflow"].append(w)
                lines.append("")
        data = toml_bytes(lines)
        check_toml(data, expected, meta["id"])
        path = os.path.join(args.out, "guides", "%02d-%s.toml" % (n, meta["id"]))
        ok &= write_file(path, data, written, args.check)
        links = "; ".join("%s/%s" % l for l in meta["links"]) or "-"
        summary_lines.append("  %02d %-28s level1=%s  links=%s  workflow=%d"
                             % (n, meta["id"], meta["level1"], links, len(wf)))

    # ---- notices.toml
    guide_ids = set(ids)
    lines = [
        "# 首页通知栏的通知。按本文件中的顺序显示。",
        "# id 固定不变；domain（领域）、guide（点开后打开的办事指南 id）可以不写；",
        "# valid_from / valid_until 是可选的日期（如 2026-11-23，不加引号），过期的通知自动隐藏。",
    ]
    expected = {"notice": []}
    for nt in NOTICES:
        assert nt.get("guide") is None or nt["guide"] in guide_ids, nt["id"]
        assert nt.get("domain") is None or nt["domain"] in domain_names, nt["id"]
        lines.append("")
        if nt.get("comment"):
            lines.append("# " + nt["comment"])
        lines.append("[[notice]]")
        e = {}
        for k in ["id", "title", "body", "domain", "guide", "valid_from", "valid_until"]:
            if k in nt:
                e[k] = nt[k]
                lines.append("%s = %s" % (k, toml_value(nt[k])))
        expected["notice"].append(e)
    data = toml_bytes(lines)
    check_toml(data, expected, "notices.toml")
    ok &= write_file(os.path.join(args.out, "notices.toml"), data, written, args.check)

    # ---- README.md
    ok &= write_file(os.path.join(args.out, "README.md"), README.encode("utf-8"), written, args.check)

    rel = lambda p: os.path.relpath(p, REPO)
    print("%s %d files:" % ("checked" if args.check else "wrote", len(written)))
    for p in written:
        print("  " + rel(p))
    print("guides:")
    print("\n".join(summary_lines))
    print("channels outside the 13 standard ones: %s" % (", ".join(nonstandard) or "none"))
    return 0 if ok else 1


README = """\
# 目录源文件说明（演示目录）

本文件夹是政务公开一体机的目录源文件，由中心办公室直接编辑。软件导入时逐项检查，发现问题会指出文件、行和列。

## 文件
- `catalogue.toml`：目录名称、版本号（`version`，整数，只增不减）和七个领域。每个 `[[domain]]` 写
  `id`（英文编号，不要改）、`name`（领域名称）、`summary`（首页上的一句简介，14 个字以内）和
  `directory`（该领域目录表的文件名）。领域按本文件中的顺序显示。
- `directory/<领域>.csv`：各领域的基层政务公开标准目录，一行一个事项，格式与 Excel 导出的表格相同：
  第 1 行为表名“徐汇区<领域>领域基层政务公开标准目录”（领域名从这里读出），第 2、3 行为两行表头，
  之后每行一个事项。列依次为：序号、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、
  公开主体、公开渠道和载体、公开对象（全社会/特定群体）、公开方式（主动/依申请）、公开层级（县级/乡级）。
  - 一级事项与上一行相同时可以留空（Excel 合并单元格导出后就是空白）。
  - 公开内容和公开依据可以在单元格内换行，一行写一条；公开主体之间用“、”分隔。
  - 公开渠道：■ 表示选中，□ 表示未选，各项之间用一个空格分隔；标准渠道以外的渠道写成“■渠道名”，
    放在“□其他”之前。
  - 公开对象、公开方式、公开层级三组：在适用的列里打 √，其余留空。
- `guides/NN-<编号>.toml`：办事指南，一项服务一个文件。NN 只决定显示顺序。
- `notices.toml`：首页通知栏的通知，每条一个 `[[notice]]`。

## 编号（id）
- 办事指南用文件里明写的 `id`（小写英文字母、数字和连字符）。链接、二维码和意见反馈都靠它，
  发布以后不要再改，也不要把旧编号给新的指南用。
- 目录行没有手写编号，由软件根据“领域 + 一级事项 + 二级事项”生成。改了一级事项或二级事项的名称，
  这一行就会得到新的编号，原来指向它的链接和反馈也要一起改。

## 链接、工作流程和通知
- 指南中的 `[[directory]]` 把指南与描述同一项服务的目录行连起来，写该行的 `level1`（一级事项）和
  `level2`（二级事项），文字必须与同一领域目录表中的完全一致。没有对应的行就不写。
- 指南中的 `[[workflow]]` 是工作流程清单，按顺序每步一段：`step`（步骤）、`actor`（由谁办）、
  `detail`（办什么）、`time_limit`（时限，可不写）。
- 通知写 `id`、`title`、`body`（一到三句话），可选 `domain`（领域）、`guide`（点开后打开的指南 id）、
  `valid_from` / `valid_until`（日期，写成 2026-11-23，不加引号；过期的通知自动隐藏）。
- 对外公布的电话只写 12345 市民服务热线。

## 编码
文件可以存为 UTF-8、带 BOM 的 UTF-8 或 GB18030（Excel 中文版的默认编码），换行用 CRLF 或 LF 都可以。
"""

if __name__ == "__main__":
    sys.exit(main())
