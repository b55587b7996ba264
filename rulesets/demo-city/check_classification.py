#!/usr/bin/env python3
"""Quick sanity checker for the classification half of the demo-city ruleset.

Not a substitute for the real engine (`minhu validate` / `minhu classify`): this is a naive,
stdlib-only re-implementation of the rule semantics of docs/ruleset-format.md, good enough
to tune keywords while writing rules:

  * structural checks on TAXONOMY and RULES (ids, parents, categories, keyword lists, ...);
  * hit policy "first" over the demo petitions (examples/petitions/demo.jsonl): how many of
    the petitions meant to be covered get a rule, and whether it is the intended category;
  * agreement with the 7 first-level labels of the TipDM training messages
    (../shared/data/messages_train.csv): coverage and precision.

Usage:  python3 rulesets/demo-city/check_classification.py [-v] [--rules] [--train CSV]
  -v       list demo petitions that miss or disagree, and sample wrong training matches
  --rules  per-rule precision on the training messages (for tuning)
Exit status 1 if a structural check fails.
"""

import argparse
import collections
import csv
import json
import os
import re
import sys
import unicodedata

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "examples", "petitions"))

import classification  # noqa: E402

# ---------------------------------------------------------------------------------------
# naive normalisation: width fold (NFKC), traditional -> simplified (small table covering
# the demo petitions and common petition vocabulary), ASCII lower case, whitespace runs.

_T2S_TRAD = (
    "萬與專業叢東絲丟兩嚴喪個豐臨為麗舉義烏樂喬習鄉書買亂爭於虧雲亞產畝親褻億僅從侖倉儀們價眾優夥會傘偉傳"
    "傷倫偽體餘傭僉俠側偵僑儂儈儉債傾償儲兒兌黨蘭關興養獸內岡冊寫軍農馮沖決況凍淨準涼減湊凜幾鳳憑凱擊鑿劃"
    "劉則剛創刪別剎劑剝劇勸辦務勱動勵勁勞勢勳匯區醫華協單賣盧鹵衛卻廠廳歷厲壓厭縣參雙發變敘疊葉號嘆嘰後嚇"
    "呂嗎噸聽啟吳嘸囈嘔嚦唄員咼嗆嗚詠嚨嚀噝吒鹹響啞噦嘩嘵嘍嘯噴園圍圖團國圇場壞塊堅壇壩塢墳墜壘墾壟壙壺壯"
    "聲壽處備復夠頭誇夾奪奮獎妝婦媽嬌娛婁學孫寧寶實寵審憲宮寬賓對尋導將爾塵嘗堯層屜屬歲豈嶇島峽崗嶺嶽災幣"
    "帥師帳帶幫幹並廣莊慶廬廟廢開異棄張彌彎彙歸當錄徹徑徠憶憂懷態總戀懇惡惱悶慘慚慣慮憤懶懸戲戶託執擴掃揚"
    "擾撫拋搶護報擔擬攏揀擁攔擰撥擇掛擠擋撈損換搗據擄擲撣擷攢擺搖攜擱攝攤敵數斂斃鬥斬斷時曠晝顯晉曬曉暈暉"
    "暫曆樸機殺雜權條來楊傑極構樅樞棗櫃檸檢樓標欄樹樣樁夢檔橋橫榮槍椏檣樺橢歡歐殘殲殼毀毆氣氫漢湯溝沒灃漚"
    "瀝淪滄滬溫濕潰濺瀉潑澤淺測濟渾濃澆濁灑灘灣滿漸漁漲滅溼濫滯灤灕滲滷滾瀟瀾澀潛燈爐點煉煩燒燭煙熱燦燙營"
    "燜燉爺牆牽犧狀猶獨狹獅獄獵貓豬獲瑪環現瑤璽電畫暢疇療瘧瘍癢瘋癟盤盜監蓋盡睜瞞矯礦碼確礎磚礙祿禍禮禱離"
    "禿種稱穩積窮竊窩竄竅競筆筍築簡籃籠糧糾紀紅約級紋純紗紙納紛組細終紹經綁結給絡絕統絨綠綿緊維網綱綜綽綢"
    "縱線緩締編練緬緣縫縮績繃織繞繪繳續纏罰罷羅羈翹聖聞聯聰職肅腸膚腎腫脹脅膽勝腦腳臉臘臟臺舊艙艦艷藝節蕪"
    "蘇蘋範莖莢薦萊蓮蕩蒼蔣蘿藥蘊虜虛蟲蝕螞蟻蠟補裝製褲襲見規視覽覺觀觸計訂認討讓訓議記講許論訟設訪證評識"
    "詐訴診詞譯試詩誠話該詳誌誤說請諸課誰調談諒謀謊謎謝謠謹譜讀讚貝負貢財責賢敗賬販貨質貪貧貫購貯貼貴費賀"
    "貿賈資賊賄賃賠賦賭賴賺賽贈贊贏趕趙趨跡踐蹤躍軀車軋軌軟轉輪軸較載輔輕輛輝輩輸轄轎辭邊遼達遷過邁運還這"
    "進遠違連遲適選遞遺遙鄧鄭鄰郵醞醬釀釋鐵針釣鈕鈍鈴鉛銀銅銷鋪鋒鋁鍋鋼錢錯錦鍵鍛鎖鎮鏈鏡鐘鑰長門閃閉問閏"
    "閑間閘閱闊闖闡陽陰陣陳陸隊階際隨險隱隸難雛雞霧靈靜鞏韋頁頂項順須頑頓頒預領頗頻頸題額顏願類顧顛風飛飢"
    "飯飲飼飽飾餅館餓餚饑饒馬馭馱馴駁駐駕駛駝騎騙騰驅驗驚驢髒鬆鬧魚魯鮮鯉鳥鳴鴨鴻鵝鷹鹽麥麵黃齊齒齡龍龜裏"
    "乾穀麼隻鍾闆傢衝瞭鬚嚮捲樑週迴檯噁彆佔儘應洩簽繼脫蠅裡"
)
_T2S_SIMP = (
    "万与专业丛东丝丢两严丧个丰临为丽举义乌乐乔习乡书买乱争于亏云亚产亩亲亵亿仅从仑仓仪们价众优伙会伞伟传"
    "伤伦伪体余佣佥侠侧侦侨侬侩俭债倾偿储儿兑党兰关兴养兽内冈册写军农冯冲决况冻净准凉减凑凛几凤凭凯击凿划"
    "刘则刚创删别刹剂剥剧劝办务劢动励劲劳势勋汇区医华协单卖卢卤卫却厂厅历厉压厌县参双发变叙叠叶号叹叽后吓"
    "吕吗吨听启吴呒呓呕呖呗员呙呛呜咏咙咛咝咤咸响哑哕哗哓喽啸喷园围图团国囵场坏块坚坛坝坞坟坠垒垦垄圹壶壮"
    "声寿处备复够头夸夹夺奋奖妆妇妈娇娱娄学孙宁宝实宠审宪宫宽宾对寻导将尔尘尝尧层屉属岁岂岖岛峡岗岭岳灾币"
    "帅师帐带帮干并广庄庆庐庙废开异弃张弥弯汇归当录彻径徕忆忧怀态总恋恳恶恼闷惨惭惯虑愤懒悬戏户托执扩扫扬"
    "扰抚抛抢护报担拟拢拣拥拦拧拨择挂挤挡捞损换捣据掳掷掸撷攒摆摇携搁摄摊敌数敛毙斗斩断时旷昼显晋晒晓晕晖"
    "暂历朴机杀杂权条来杨杰极构枞枢枣柜柠检楼标栏树样桩梦档桥横荣枪桠樯桦椭欢欧残歼壳毁殴气氢汉汤沟没沣沤"
    "沥沦沧沪温湿溃溅泻泼泽浅测济浑浓浇浊洒滩湾满渐渔涨灭湿滥滞滦漓渗卤滚潇澜涩潜灯炉点炼烦烧烛烟热灿烫营"
    "焖炖爷墙牵牺状犹独狭狮狱猎猫猪获玛环现瑶玺电画畅畴疗疟疡痒疯瘪盘盗监盖尽睁瞒矫矿码确础砖碍禄祸礼祷离"
    "秃种称稳积穷窃窝窜窍竞笔笋筑简篮笼粮纠纪红约级纹纯纱纸纳纷组细终绍经绑结给络绝统绒绿绵紧维网纲综绰绸"
    "纵线缓缔编练缅缘缝缩绩绷织绕绘缴续缠罚罢罗羁翘圣闻联聪职肃肠肤肾肿胀胁胆胜脑脚脸腊脏台旧舱舰艳艺节芜"
    "苏苹范茎荚荐莱莲荡苍蒋萝药蕴虏虚虫蚀蚂蚁蜡补装制裤袭见规视览觉观触计订认讨让训议记讲许论讼设访证评识"
    "诈诉诊词译试诗诚话该详志误说请诸课谁调谈谅谋谎谜谢谣谨谱读赞贝负贡财责贤败账贩货质贪贫贯购贮贴贵费贺"
    "贸贾资贼贿赁赔赋赌赖赚赛赠赞赢赶赵趋迹践踪跃躯车轧轨软转轮轴较载辅轻辆辉辈输辖轿辞边辽达迁过迈运还这"
    "进远违连迟适选递遗遥邓郑邻邮酝酱酿释铁针钓钮钝铃铅银铜销铺锋铝锅钢钱错锦键锻锁镇链镜钟钥长门闪闭问闰"
    "闲间闸阅阔闯阐阳阴阵陈陆队阶际随险隐隶难雏鸡雾灵静巩韦页顶项顺须顽顿颁预领颇频颈题额颜愿类顾颠风飞饥"
    "饭饮饲饱饰饼馆饿肴饥饶马驭驮驯驳驻驾驶驼骑骗腾驱验惊驴脏松闹鱼鲁鲜鲤鸟鸣鸭鸿鹅鹰盐麦面黄齐齿龄龙龟里"
    "干谷么只钟板家冲了须向卷梁周回台恶别占尽应泄签继脱蝇里"
)
assert len(_T2S_TRAD) == len(_T2S_SIMP), (len(_T2S_TRAD), len(_T2S_SIMP))
_T2S = str.maketrans(_T2S_TRAD, _T2S_SIMP)
_WS = re.compile(r"\s+")


def normalise(s):
    s = unicodedata.normalize("NFKC", s or "")
    s = s.translate(_T2S).lower()
    return _WS.sub(" ", s).strip()


def normalise_pattern(p):
    """Like normalise() but keeps case (\\D is not \\d): the regex runs case-insensitively."""
    return unicodedata.normalize("NFKC", p).translate(_T2S)


# ---------------------------------------------------------------------------------------
# structural checks

ID_RE = re.compile(r"^[A-Za-z0-9_.:-]+$")
TIERS = {"small", "medium", "big"}
SLAS = {"standard", "fast", "urgent_care"}
URGENCIES = {"normal", "urgent", "critical"}
CHANNELS = {"hotline", "app", "web", "wechat", "grid_worker", "deputy", "sensor", "email", "other"}
NODE_KINDS = {"all", "any", "not", "text", "regex", "field", "channel", "area"}
FIELD_OPS = {"eq", "in", "gte", "lte", "prefix", "exists"}
RULE_KEYS = {"id", "category", "priority", "when", "urgency", "tags", "weight", "confidence",
             "description", "enabled"}
CAT_KEYS = {"id", "name", "parent", "tier", "sla", "aliases"}
AREA_RE = re.compile(r"^(st-[a-d]|town-e|comm-[a-e]-0[1-9]|grid-[a-e]-0[1-9]-[12])$")

problems = []


def problem(msg):
    problems.append(msg)


def check_keywords(where, kws):
    if not isinstance(kws, list) or not kws:
        problem(f"{where}: empty or non-list keyword list")
        return
    for k in kws:
        if not isinstance(k, str) or not k or k != k.strip():
            problem(f"{where}: bad keyword {k!r}")
        elif len(k) == 1:
            problem(f"{where}: single-character keyword {k!r}")
        elif re.search(r"[\\^$.|?*+()\[\]{}]", k):
            problem(f"{where}: keyword looks like regex syntax {k!r}")


def check_node(where, n, stats):
    if isinstance(n, dict) and "field" in n:
        stats["field"] += 1
        ops = set(n) - {"field"}
        if not ops or not ops <= FIELD_OPS:
            problem(f"{where}: field ops {sorted(ops)}")
        return
    if not isinstance(n, dict) or len(n) != 1 or next(iter(n)) not in NODE_KINDS:
        problem(f"{where}: node must have exactly one of {sorted(NODE_KINDS)}: {n!r}")
        return
    (kind, v), = n.items()
    stats[kind] += 1
    if kind in ("all", "any"):
        if not isinstance(v, list) or not v:
            problem(f"{where}/{kind}: empty list")
            return
        for i, c in enumerate(v):
            check_node(f"{where}/{kind}/{i}", c, stats)
    elif kind == "not":
        check_node(f"{where}/not", v, stats)
    elif kind == "text":
        if not set(v) <= {"any", "all", "none", "in"} or not set(v) & {"any", "all", "none"}:
            problem(f"{where}/text: bad keys {sorted(v)}")
        for part in ("any", "all", "none"):
            if part in v:
                stats["text." + part] += 1
                check_keywords(f"{where}/text/{part}", v[part])
        if "in" in v:
            stats["text.in." + v["in"]] += 1
            if v["in"] not in ("text", "title", "both"):
                problem(f"{where}/text/in: {v['in']!r}")
    elif kind == "regex":
        pat = v["pattern"] if isinstance(v, dict) else v
        try:
            re.compile(pat)
        except re.error as e:
            problem(f"{where}/regex: {e}")
        if re.search(r"\(\?[=!<]|\\[1-9]", pat):
            problem(f"{where}/regex: lookaround/backreference is not RE2")
    elif kind == "channel":
        chs = v if isinstance(v, list) else [v]
        if not chs or not set(chs) <= CHANNELS:
            problem(f"{where}: channel {v!r}")
    elif kind == "area":
        ids = v if isinstance(v, list) else [v]
        if not ids or not all(AREA_RE.match(a) for a in ids):
            problem(f"{where}: area {v!r}")


def structural_checks():
    tax, rules = classification.TAXONOMY, classification.RULES
    ids = [c["id"] for c in tax]
    cats = {c["id"]: c for c in tax}
    dup = [i for i, n in collections.Counter(ids).items() if n > 1]
    if dup:
        problem(f"duplicate taxonomy ids: {dup}")
    for i, c in enumerate(tax):
        w = f"/taxonomy/{i}"
        if set(c) - CAT_KEYS:
            problem(f"{w}: unknown keys {set(c) - CAT_KEYS}")
        if not ID_RE.match(c["id"]) or not c.get("name"):
            problem(f"{w}: bad id or name")
        p = c.get("parent")
        if p is not None and p not in cats:
            problem(f"{w}/parent: unknown category {p!r}")
        if p is not None and not c["id"].startswith(p + "."):
            problem(f"{w}: id does not extend its parent's id")
        if "tier" in c and c["tier"] not in TIERS:
            problem(f"{w}/tier: {c['tier']!r}")
        if "sla" in c and c["sla"] not in SLAS:
            problem(f"{w}/sla: {c['sla']!r}")
        if p is None and ("sla" not in c or "tier" not in c):
            problem(f"{w}: first-level category without sla/tier")
    levels = collections.Counter(c["id"].count(".") + 1 for c in tax)
    rids = [r["id"] for r in rules]
    dup = [i for i, n in collections.Counter(rids).items() if n > 1]
    if dup:
        problem(f"duplicate rule ids: {dup}")
    stats = collections.Counter()
    for i, r in enumerate(rules):
        w = f"/rules/{i}"
        if set(r) - RULE_KEYS:
            problem(f"{w}: unknown keys {set(r) - RULE_KEYS}")
        if not ID_RE.match(r["id"]):
            problem(f"{w}/id: {r['id']!r}")
        if r["category"] not in cats:
            problem(f"{w}/category: unknown {r['category']!r}")
        if not isinstance(r.get("priority", 0), int):
            problem(f"{w}/priority: not an integer")
        if r.get("urgency", "normal") not in URGENCIES:
            problem(f"{w}/urgency: {r['urgency']!r}")
        check_node(f"{w}/when", r["when"], stats)
    if len(rules) < 300:
        problem(f"only {len(rules)} rules (want >= 300)")
    covered = collections.Counter(r["category"] for r in rules)
    leaves3 = [c["id"] for c in tax if c["id"].count(".") == 2]
    thin = [c for c in leaves3 if covered[c] < 2]
    l2 = [c["id"] for c in tax if c["id"].count(".") == 1]
    l2_hit = {c for c in l2 if any(k == c or k.startswith(c + ".") for k in covered)}
    print(f"taxonomy: {len(tax)} categories (levels {dict(sorted(levels.items()))})")
    print(f"rules: {len(rules)}; node kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(stats.items())))
    print(f"  urgencies: {dict(collections.Counter(r.get('urgency', 'normal') for r in rules))}")
    print(f"  level-2 categories with a rule (or a ruled child): {len(l2_hit)}/{len(l2)}; "
          f"without: {sorted(set(l2) - l2_hit)}")
    print(f"  level-3 leaves with < 2 rules: {thin or 'none'}")
    return cats


# ---------------------------------------------------------------------------------------
# naive evaluation


def area_ancestors(a):
    """Area ids of the demo scheme: grid-a-03-1 < comm-a-03 < st-a; town-e for 'e'."""
    out = {a}
    m = re.match(r"^(?:grid|comm)-([a-e])-(\d\d)", a or "")
    if m:
        s, nn = m.groups()
        out.add(f"comm-{s}-{nn}")
        out.add("town-e" if s == "e" else f"st-{s}")
    return out


def _num(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return v
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


class Pet:
    __slots__ = ("text", "title", "both", "channel", "areas", "attrs")

    def __init__(self, d):
        self.text = normalise(d.get("text", ""))
        self.title = normalise(d.get("title", ""))
        self.both = self.title + "\n" + self.text
        self.channel = d.get("channel")
        self.areas = area_ancestors(d.get("area") or d.get("grid") or "")
        self.attrs = d.get("attributes") or {}


_kw_cache = {}


def nkw(k):
    v = _kw_cache.get(k)
    if v is None:
        v = _kw_cache[k] = normalise(k)
    return v


def holds(n, p):
    kind = "field" if "field" in n else next(iter(n))
    v = n[kind]
    if kind == "all":
        return all(holds(c, p) for c in v)
    if kind == "any":
        return any(holds(c, p) for c in v)
    if kind == "not":
        return not holds(v, p)
    if kind == "text":
        hay = {"text": p.text, "title": p.title}.get(v.get("in", "both"), p.both)
        if "any" in v and not any(nkw(k) in hay for k in v["any"]):
            return False
        if "all" in v and not all(nkw(k) in hay for k in v["all"]):
            return False
        if "none" in v and any(nkw(k) in hay for k in v["none"]):
            return False
        return True
    if kind == "regex":
        pat, where = (v["pattern"], v.get("in", "both")) if isinstance(v, dict) else (v, "both")
        hay = {"text": p.text, "title": p.title}.get(where, p.both)
        return re.search(normalise_pattern(pat), hay, re.I) is not None
    if kind == "channel":
        return p.channel in (v if isinstance(v, list) else [v])
    if kind == "area":
        return bool(p.areas & set(v if isinstance(v, list) else [v]))
    if kind == "field":
        a = p.attrs.get(v)
        if "exists" in n and (a is not None) != n["exists"]:
            return False
        if a is None:
            return "exists" in n and not n["exists"] and len(n) == 2
        if "eq" in n and a != n["eq"]:
            return False
        if "in" in n and a not in n["in"]:
            return False
        if "prefix" in n and not (isinstance(a, str) and a.startswith(n["prefix"])):
            return False
        for op in ("gte", "lte"):
            if op in n:
                x = _num(a)
                if x is None or (x < n[op] if op == "gte" else x > n[op]):
                    return False
        return True
    raise ValueError(kind)


ORDERED = sorted(enumerate(classification.RULES), key=lambda ir: (-ir[1].get("priority", 0), ir[0]))


def classify(p):
    for _, r in ORDERED:
        if r.get("enabled", True) and holds(r["when"], p):
            return r
    return None


def level1(cid):
    return cid.split(".")[0]


def is_under(cid, target):
    return cid == target or cid.startswith(target + ".")


# ---------------------------------------------------------------------------------------


def check_demo(cats, verbose):
    path = os.path.join(REPO, "examples", "petitions", "demo.jsonl")
    if not os.path.exists(path):
        print("demo petitions: examples/petitions/demo.jsonl missing (run make_demo.py)")
        return
    with open(path, encoding="utf-8") as f:
        pets = [json.loads(line) for line in f if line.strip()]
    intents = {}
    try:
        import make_demo
        built = make_demo.build()
        intents = {p["id"]: it for p, it in built}
        if [p for p, _ in built] != pets:
            problem("demo.jsonl is stale: re-run examples/petitions/make_demo.py")
    except ImportError:
        print("  (make_demo.py not importable: no intents)")
    meant = [p for p in pets if intents.get(p["id"]) is not None]
    unmeant = [p for p in pets if p["id"] in intents and intents[p["id"]] is None]
    hit = leaf_ok = l1_ok = 0
    misses, wrong, false_hits = [], [], []
    for p in meant:
        r = classify(Pet(p))
        want = intents[p["id"]]
        if r is None:
            misses.append(p)
            continue
        hit += 1
        if is_under(r["category"], want) or is_under(want, r["category"]):
            leaf_ok += 1
        else:
            wrong.append((p, r, want))
        if level1(r["category"]) == level1(want):
            l1_ok += 1
    for p in unmeant:
        r = classify(Pet(p))
        if r is not None:
            false_hits.append((p, r))
    n = len(meant)
    print(f"demo petitions: {len(pets)} ({n} meant to be covered, {len(unmeant)} meant for triage)")
    if n:
        print(f"  covered by some rule: {hit}/{n} = {hit / n:.1%}  (aim >= 85%)")
        print(f"  intended category (or an ancestor/descendant of it): {leaf_ok}/{hit} = "
              f"{leaf_ok / max(hit, 1):.1%}; same first level: {l1_ok}/{hit} = {l1_ok / max(hit, 1):.1%}")
    print(f"  meant-for-triage petitions that a rule still matched: {len(false_hits)}/{len(unmeant)}")
    if verbose:
        for p in misses:
            print(f"    MISS {p['id']} want={intents[p['id']]}: {p.get('title', '')} {p['text'][:70]}")
        for p, r, want in wrong:
            print(f"    DIFF {p['id']} want={want} got={r['category']} ({r['id']}): {p['text'][:60]}")
        for p, r in false_hits:
            print(f"    FALSE {p['id']} got={r['category']} ({r['id']}): {p['text'][:60]}")


LABEL_L1 = {"城乡建设": "urban", "环境保护": "env", "交通运输": "transport", "教育文体": "edu",
            "劳动和社会保障": "labour", "商贸旅游": "commerce", "卫生计生": "health"}


def check_train(path, verbose, per_rule):
    if not os.path.exists(path):
        print(f"training messages: {path} not found, skipped")
        return
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    n = len(rows)
    matched = correct = in_scope = in_scope_ok = 0
    by_label = collections.defaultdict(lambda: [0, 0, 0])  # total, matched, correct
    pred_l1 = collections.Counter()
    rule_stats = collections.defaultdict(lambda: [0, 0, collections.Counter()])
    wrong_samples = []
    for row in rows:
        want = LABEL_L1[row["label"]]
        r = classify(Pet({"text": row["text"]}))
        st = by_label[want]
        st[0] += 1
        if r is None:
            continue
        got = level1(r["category"])
        matched += 1
        st[1] += 1
        pred_l1[got] += 1
        rs = rule_stats[r["id"]]
        rs[0] += 1
        rs[2][want] += 1
        if got in LABEL_L1.values():
            in_scope += 1
        if got == want:
            correct += 1
            in_scope_ok += 1
            st[2] += 1
            rs[1] += 1
        elif len(wrong_samples) < 40:
            wrong_samples.append((row, r))
    print(f"training messages ({os.path.basename(path)}): {n}")
    print(f"  coverage: {matched}/{n} = {matched / n:.1%} get a rule")
    print(f"  precision (rule's first level == label): {correct}/{matched} = {correct / max(matched, 1):.3f}")
    print(f"  precision among matches into the 7 labelled first levels: {in_scope_ok}/{in_scope} = "
          f"{in_scope_ok / max(in_scope, 1):.3f}; matches into other first levels "
          f"(政法, 民政, ... never a label here): {matched - in_scope}")
    print("  per label: total / matched / correct / recall / precision of predictions into it")
    for lab, l1 in LABEL_L1.items():
        t, m, c = by_label[l1]
        print(f"    {lab:<8s}{l1:<10s} {t:5d} {m:5d} {c:5d}  {c / max(t, 1):.2f}  "
              f"{c / max(pred_l1[l1], 1):.2f} ({pred_l1[l1]} predicted)")
    other = {k: v for k, v in pred_l1.items() if k not in LABEL_L1.values()}
    print(f"    predicted into other first levels: {dict(sorted(other.items(), key=lambda kv: -kv[1]))}")
    if verbose:
        for row, r in wrong_samples:
            print(f"    WRONG {row['id']} label={row['label']} got={r['category']} ({r['id']}): "
                  f"{row['text'][:60]}")
    if per_rule:
        print("  per rule (fires / correct / labels):")
        for rid, (f_, c, labs) in sorted(rule_stats.items(), key=lambda kv: kv[1][1] - kv[1][0]):
            print(f"    {rid:<45s} {f_:4d} {c:4d} {c / f_:.2f}  "
                  + " ".join(f"{k}{v}" for k, v in labs.most_common(4)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--rules", action="store_true", help="per-rule precision on the training data")
    ap.add_argument("--train", default=os.path.join(REPO, "..", "shared", "data", "messages_train.csv"))
    args = ap.parse_args()
    cats = structural_checks()
    check_demo(cats, args.verbose)
    check_train(os.path.normpath(args.train), args.verbose, args.rules)
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nstructural checks: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
