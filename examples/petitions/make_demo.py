#!/usr/bin/env python3
"""Generate examples/petitions/demo.jsonl: realistic demo petitions for the demo-city ruleset.

Deterministic (fixed seed), stdlib only. The texts are hand-written templates (simplified and
traditional Chinese, full-width variants, mixed ASCII such as WiFi / 5G), a few sensor
alerts with structured attributes, and petitions that no rule should cover (policy trivia,
thank-you letters, gibberish) so that triage can be seen at work.

    python3 examples/petitions/make_demo.py            # rewrites demo.jsonl next to this file

`build()` returns [(petition, intent)], where intent is the category the petition is meant
to land in (None: meant for triage); rulesets/demo-city/check_classification.py uses it.
"""

import datetime as _dt
import json
import os
import random
import sys

SEED = 20260301
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "demo.jsonl")

STREETS = ["a", "b", "c", "d", "e"]          # st-a .. st-d, town-e
# Compound names come from the demo district itself, so addresses and texts name real areas
# (two of them, 阳光花园 and 金色家园, exist in two streets: deliberately ambiguous).
sys.path.insert(0, os.path.join(HERE, "..", "..", "rulesets", "demo-city"))
from organisation import AREAS  # noqa: E402

_COMPOUND_AREAS = [a for a in AREAS if a["kind"] == "compound"]
COMPOUNDS = sorted({a["name"] for a in _COMPOUND_AREAS})
_GRIDS_OF = {}
for _a in _COMPOUND_AREAS:
    _GRIDS_OF.setdefault(_a["name"], []).append(_a["parent"])

ROADS = ["建设路", "人民路", "解放西路", "五一大道", "芙蓉中路", "中山路", "朝阳街", "光明巷", "学院路",
         "桂花路", "新华街", "车站北路"]
SHOPS = ["老王烧烤", "川味小馆", "好再来饭店", "湘里人家", "夜猫子烧烤", "兰州拉面", "蜜雪奶茶",
         "刘记米粉", "大碗饭餐厅"]
SCHOOLS = ["实验小学", "第三中学", "育才小学", "博才中学", "星星幼儿园", "南湖小学"]
HOSPITALS = ["市第一人民医院", "区中医院", "社区卫生服务中心", "妇幼保健院"]
COMPANIES = ["宏达建筑劳务公司", "鑫源电子厂", "顺通物流", "美佳家政公司", "天成装饰公司"]

# (intent, [text templates], [title templates, one per text]); slots: {c} compound, {r} road, {b} building,
# {u} unit, {f} floor, {n} small number, {d} days, {h} hour, {s} shop, {sc} school,
# {ho} hospital, {co} company, {m} months, {money} amount
T = [
    ("env.pollution.oil_fume", [
        "{c}{b}栋楼下的{s}每天晚上油烟直排，整栋楼都是油烟味，窗户都不敢开，衣服晾在外面全是味道，请相关部门查一下有没有装油烟净化器。",
        "{r}{n}号的{s}排烟管道直接对着我们住宅楼，油烟太大了，家里老人有哮喘，呛得一直咳嗽。",
        "小区底商开了一家烧烤店，露天烧烤烟雾弥漫，从下午五点熏到凌晨两点，多次找物业没用。",
    ], ["{s}油烟扰民", "饭店排烟管道对着住宅", "烧烤油烟太大"]),
    ("env.pollution.noise", [
        "{r}旁边的工地晚上{h}点还在施工，打桩机轰鸣，吵得根本睡不着，孩子明天还要考试，请管一管夜间施工。",
        "楼上住户每天半夜拖椅子、跺脚，噪音特别大，沟通了好几次都没用，严重影响休息。",
        "{c}门口新开的KTV每天唱歌到凌晨，音响声音太大，整个小区都能听到，扰民严重。",
        "隔壁装修从早上七点就开始电钻电锤，周末也不停，噪音扰民，请问装修时间有没有规定？",
        "{r}一家手机店门口大喇叭循环播放促销广告，从早到晚不停，沿街住户苦不堪言。",
    ], ["夜间施工噪音扰民", "楼上噪音", "KTV扰民", "装修噪音", "商铺大喇叭扰民"]),
    ("urban.municipal.square_dance", [
        "{c}中心广场每晚七点到九点半跳广场舞，音响开得很大，家里有高三学生没法学习，希望能控制音量和时间。",
        "公园里的广场舞团队早上六点就开始放音乐，声音太大，周边居民都被吵醒了。",
    ], ["广场舞扰民", "广场舞音乐太早"]),
    ("legal.traffic.illegal_parking", [
        "{r}人行道上长期停满了私家车，行人只能走到机动车道上，非常危险，请交警来处理违停。",
        "{c}{b}栋单元门口每天都有车乱停，把消防通道和出入口都堵住了，老人推轮椅都出不去。",
        "有辆白色轿车已经在我家车库门口停了两天，联系不上车主，挪车电话也没留，我的车开不出来。",
        "{sc}门口接送孩子的车辆乱停乱放，每天早晚高峰堵得水泄不通。",
    ], ["人行道违停", "单元门口乱停车", "挪车", "学校门口乱停车"]),
    ("urban.municipal.building_damage", [
        "{c}{b}栋外墙瓷砖脱落，上周掉下来差点砸到人，楼下还是小孩玩的地方，请尽快处理。",
        "我们单元的单元门坏了快一个月，门禁也不能用，楼梯扶手松动，请物业或社区维修。",
        "老楼墙体开裂越来越严重，裂缝能塞进手指，住户很担心安全。",
    ], ["外墙瓷砖脱落", "单元门和扶手损坏", "墙体开裂"]),
    ("urban.municipal.pipe_leak", [
        "{r}和{r2}交叉口地下水管爆裂，水一直往外冒，路面都淹了，请自来水公司赶紧来人。",
        "小区{b}栋旁边的供水管道漏水好几天了，哗哗地流，太浪费水了。",
    ], ["水管爆裂", "管道漏水"]),
    ("urban.municipal.sewage_overflow", [
        "{c}{b}栋下水道堵塞，污水从一楼地漏冒出来，满屋子臭味，已经好几天没法住人了。",
        "{r}路边的化粪池满了，粪水外溢流到人行道上，臭气熏天，路过的人都捂着鼻子。",
        "一下暴雨我们这就污水倒灌，下水道反水，地下室全是污水。",
    ], ["污水外溢", "化粪池外溢", "暴雨污水倒灌"]),
    ("urban.municipal.manhole", [
        "{r}{n}号门口的井盖丢失了，只剩一个大洞，晚上没有路灯，很容易掉进去，请尽快补上。",
        "小区主干道上的井盖松动，车一压就哐当响，半夜吵得睡不着，也怕有人踩空。",
        "{sc}附近有个雨水井盖破损塌陷，孩子上学要经过，太危险了。",
    ], ["井盖丢失", "井盖松动", "井盖破损"]),
    ("urban.safety.flying_wire_charging", [
        "{c}{b}栋有住户从{f}楼窗户拉电线下来给电动车充电，电线垂在半空，下雨天特别危险。",
        "我们楼道里天天有人停电瓶车充电，堵住了楼梯，万一着火大家都跑不出去。",
        "有人把电动车推进电梯带回家充电，物业说管不了，请相关部门来管管飞线充电。",
    ], ["飞线充电", "楼道充电隐患", "电动车进电梯"]),
    ("urban.housing.heating", [
        "{c}今年供暖以来暖气一直不热，室温只有{n}度，家里有老人和婴儿，交了暖气费却冻得不行。",
        "我家暖气片冰凉，找了热力公司三次，每次都说排查，到现在也没解决。",
        "{c}{b}栋顶层暖气不够热，屋里穿棉袄都冷，请督促供暖公司整改。",
    ], ["室温只有{n}度", "暖气片冰凉", "顶层暖气不热"]),
    ("urban.housing.property_service", [
        "{c}物业公司不作为，小区垃圾没人清，门禁坏了也不修，物业费却年年涨，业主意见很大。",
        "物业擅自提高停车费，也不公示公共收益，业委会要求查账物业不配合。",
        "我们小区物业服务太差，保安经常不在岗，外来人员随意进出，晚上也没人巡逻。",
        "前期物业合同到期了，业主大会选了新物业，老物业拒不撤场，还断了小区的电梯卡。",
    ], ["物业不作为", "物业乱收停车费", "物业服务差", "老物业拒不撤场"]),
    ("urban.housing.water_seepage", [
        "楼上卫生间漏水，我家天花板都发霉了，水一直往下滴，楼上住户不配合维修。",
        "顶层屋顶漏雨，一下雨卧室墙角就渗水，找开发商说过了保修期。",
    ], ["楼上漏水", "屋顶渗水"]),
    ("civil.social_service.elderly_alone", [
        "{c}{b}栋{u}单元住着一个独居老人，八十多岁了，我们好几天没见她出门，敲门没人应，很担心。",
        "对门的老爷子一个人住，子女在外地，这两天电话不接也没见到人，麻烦社区上门看看。",
    ], ["独居老人多日未见", "担心独居老人"]),
    ("commerce.quality_inspection.elevator", [
        "{c}{b}栋电梯今天又困人了，一个老人被困在里面四十分钟，这部电梯一个月坏了三次。",
        "我们楼的电梯经常故障，运行时有异响，年检标志也过期了，住户不敢坐。",
        "电梯卡在{f}楼不动，里面有人，按了警铃没人应，物业电话打不通！",
    ], ["电梯困人", "电梯故障频繁", "电梯困人"]),
    ("urban.municipal.garbage", [
        "{c}垃圾站的垃圾已经三天没人清运了，垃圾桶满了溢到地上，天气热发臭招苍蝇。",
        "{r}路边有人乱倒建筑垃圾，堆成了小山，一直没人清理。",
    ], ["垃圾清运不及时", "建筑垃圾乱倒"]),
    ("urban.municipal.street_light", [
        "{r}从{n}号到路口的路灯坏了一个多星期，晚上一片漆黑，下夜班回家很害怕。",
        "小区里的路灯不亮，楼道灯也坏了，老人晚上出门摔了一跤。",
    ], ["路灯不亮", "小区路灯坏了"]),
    ("urban.municipal.road_occupation", [
        "{r}每天傍晚流动摊贩占道经营，把人行道和半条马路都占了，车过不去，还留下一地垃圾。",
        "{s}把桌椅摆到人行道上营业，占道经营，行人只能绕到马路上走。",
    ], ["流动摊贩占道", "饭店占道经营"]),
    ("transport.construction.road_damage", [
        "{r}路面坑坑洼洼，有好几个大坑，下雨积水看不见，电动车摔了好几次。",
        "小区门口道路塌陷了一块，越来越大，请市政尽快修补。",
    ], ["路面坑洼", "道路塌陷"]),
    ("urban.municipal.water_power_outage", [
        "{c}从昨天早上开始停水，到现在快二十个小时了，没有任何通知，一家老小没水用。",
        "我们这片最近经常停电，一周停了三次，冰箱里的东西都坏了，请供电公司给个说法。",
        "楼里水压太低，{f}楼以上水龙头不出水，已经持续一个月了。",
    ], ["无故停水", "频繁停电", "水压太低"]),
    ("urban.municipal.stray_dogs", [
        "{c}里有好几只流浪狗，晚上成群乱叫，前天还追着小孩跑，希望有关部门收容。",
        "有住户遛狗不牵绳，大型犬在小区乱跑，狗粪也不清理。",
    ], ["流浪狗", "遛狗不牵绳"]),
    ("urban.municipal.shared_bikes", [
        "地铁站出口共享单车乱停，堆满了人行道和盲道，轮椅根本过不去。",
    ], ["共享单车乱停"]),
    ("urban.municipal.greening", [
        "{c}楼前的大树树枝伸进了我家窗户，挡住采光，还招虫子，申请修剪。",
        "{r}绿化带被人毁坏种菜，还堆了很多杂物，请恢复绿化。",
    ], ["树木修剪", "绿化带被毁"]),
    ("urban.municipal.bus", [
        "{n}路公交车发车间隔太长，早高峰等半个小时都等不到一辆，能不能增加班次？",
        "我们小区附近没有公交站点，老人去医院很不方便，建议增设一条公交线路。",
    ], ["公交班次太少", "建议增设公交站"]),
    ("urban.planning.illegal_construction", [
        "{c}{b}栋一楼住户在院子里私搭乱建，搭了一个彩钢房，占用了公共绿地。",
        "顶楼业主在楼顶违章搭建了阳光房，还在继续加盖，楼板承重有隐患。",
    ], ["私搭乱建", "楼顶违章搭建"]),
    ("labour.wages.wage_arrears", [
        "我在{co}干了半年，老板拖欠工资{m}个月了，一共{money}元，现在老板电话不接，请帮我们讨薪。",
        "工地包工头跑路了，我们二十几个农民工的工钱没人给，快过年了，急着回家。",
        "公司以效益不好为由已经{m}个月没发工资了，社保也停缴了。",
    ], ["拖欠工资", "包工头跑路", "公司不发工资"]),
    ("urban.safety.gas_leak", [
        "{c}{b}栋楼道里有很浓的燃气味，怀疑燃气泄漏，请马上派人来！",
        "{r}施工把燃气管道挖断了，嘶嘶地漏气，周围全是天然气味。",
    ], ["燃气泄漏", "燃气管道被挖断"]),
    ("urban.safety.fire_passage", [
        "{c}的消防通道被私家车和杂物长期占用，上次有人家着火消防车都进不来。",
        "楼道里堆满了纸箱和旧家具，占用疏散通道，存在很大的消防隐患。",
    ], ["消防通道被占", "楼道堆放杂物"]),
    ("civil.social_assistance.subsistence", [
        "我家是低保户，今年低保突然被取消了，也没有人通知原因，我和老伴都有病，生活很困难。",
        "想咨询一下低保申请需要什么材料，在社区办理还是街道办理？",
    ], ["低保被取消", "咨询低保申请"]),
    ("commerce.market_regulation.food_safety", [
        "在{r}的{s}吃饭后全家上吐下泻，怀疑食物中毒，后厨脏得不行。",
        "超市卖过期食品，我买的酸奶已经过期一周了，找店家还不给退。",
    ], ["疑似食物中毒", "超市卖过期食品"]),
    ("edu.fees.arbitrary_charges", [
        "{sc}要求每个学生交300元资料费，还强制购买指定的教辅资料，不交就不让上课。",
        "孩子学校班主任以班费名义乱收费，没有任何收据。",
    ], ["学校乱收费", "班费乱收"]),
    ("edu", [
        "{sc}老师在校外办辅导班，暗示学生必须参加补课，否则上课不讲重点。",
        "我们小区划片到{sc}，但今年说学位不够，孩子要被调剂到很远的学校，请问入学政策是什么？",
        "学校食堂饭菜太差，孩子中午吃不饱，营养餐标准是多少？",
    ], ["违规补课", "入学划片问题", "学校食堂"]),
    ("health", [
        "在{ho}看病，挂号排队两个小时，医生看了三分钟就让做一堆检查，花了一千多，怀疑过度检查。",
        "{ho}护士态度很差，老人输液时漏针了叫了半天没人来。",
        "我父亲在{ho}做手术后感染，医院推诿责任，想申请医疗事故鉴定。",
    ], ["医院过度检查", "护士态度差", "医疗纠纷"]),
    ("transport", [
        "在火车站打出租车，司机不打表，二十块钱的路程要我八十，车牌号记下来了。",
        "快递被快递员放在驿站，没有通知我，包裹还丢了，快递公司互相推诿。",
        "高速收费站ETC扣费重复扣了两次，客服一直不处理。",
    ], ["出租车不打表", "快递丢件", "ETC重复扣费"]),
    ("labour", [
        "公司不给我们签劳动合同，也不交社保，辞退的时候一分钱补偿都没有。",
        "请问灵活就业人员怎么缴纳养老保险？社保断缴了两年还能补缴吗？",
        "我在单位工作了十五年，快到退休年龄了，工龄认定有争议，想咨询办理退休的流程。",
    ], ["劳动合同纠纷", "社保补缴咨询", "退休工龄认定"]),
    ("commerce", [
        "小区门口的健身房收了会员卡的钱就关门跑路了，几十个会员退款无门。",
        "有人在{c}租房子搞传销，天天有年轻人进出，拉人头发展下线。",
        "在{r}的超市买到假冒商品，找商家不给退，市场监管局电话打不通。",
    ], ["健身房跑路", "疑似传销窝点", "买到假货"]),
    ("env.pollution", [
        "{r}附近的化工厂晚上偷排废气，气味刺鼻，我们晚上都不敢开窗，孩子一直咳嗽。",
        "村后面的小河被养猪场的废水污染了，河水发黑发臭，鱼都死了。",
        "搅拌站粉尘太大，我们家阳台上每天一层灰，环保局来了也没用。",
    ], ["工厂偷排废气", "河水污染", "粉尘污染"]),
    ("legal", [
        "晚上在{r}有一伙人聚众赌博，还经常打架斗殴，请派出所管一管治安。",
        "孩子上户口需要什么材料？出生证明丢了能不能补办？",
    ], ["聚众赌博", "上户口咨询"]),
    ("tech.telecom", [
        "家里宽带网速特别慢，WiFi经常断，5G信号也很差，打了运营商客服好几次都没解决。",
        "每天都接到好几个骚扰电话，号码是{phone}，推销贷款的，能不能管管。",
    ], ["宽带网速慢", "骚扰电话"]),
    ("urban.housing", [
        "{c}已经逾期交房八个月了，开发商一直拖着，我们每个月还着房贷还要租房住。",
        "买房五年了房产证还办不下来，开发商说是土地证没办好，请住建局督促。",
        "申请公租房排队三年了，想问一下现在的轮候进度。",
    ], ["逾期交房", "房产证办不下来", "公租房轮候"]),
]

# traditional characters (繁體) — written for Hong Kong / Taiwan relatives and older residents
TRAD = [
    ("env.pollution.noise", "龍灣國際隔壁工地晚上十一點還在施工，噪音擾民，吵得睡不著，請有關部門處理。", "夜間施工噪音"),
    ("env.pollution.oil_fume", "樓下餐館的油煙直接排到我們家窗口，油煙味太重，家裡老人一直咳嗽。", "油煙擾民"),
    ("legal.traffic.illegal_parking", "社區門口每天都有車輛違章停車，堵住出入口，救護車都進不來。", "違章停車"),
    ("urban.municipal.manhole", "建設路的井蓋丟失了，晚上路過很危險，請盡快修復。", ""),
    ("urban.safety.flying_wire_charging", "有住戶從五樓窗戶私拉電線給電動車充電，電線垂到地面，非常危險。", "飛線充電"),
    ("urban.housing.heating", "今年冬天暖氣不熱，室溫只有十四度，繳了暖氣費卻凍得要命。", "暖氣不熱"),
    ("urban.housing.property_service", "物業公司不作為，垃圾沒人清理，門禁壞了也不修，物業費還要漲價。", "投訴物業"),
    ("urban.municipal.pipe_leak", "馬路邊的自來水管爆裂，水一直往外冒，已經半天了還沒人來修。", ""),
    ("urban.municipal.sewage_overflow", "下水道堵塞，污水從地漏冒出來，整個樓道臭氣熏天。", "污水外溢"),
    ("commerce.quality_inspection.elevator", "我們樓的電梯又壞了，上週還困人，住戶都不敢坐電梯。", "電梯故障"),
    ("labour.wages.wage_arrears", "老闆拖欠工資三個月，一直說下個月發，現在電話也不接了。", "拖欠工資"),
    ("civil.social_service.elderly_alone", "對面的獨居老人好幾天沒出門了，敲門也沒人應，麻煩社區上門看看。", ""),
    ("urban.municipal.street_light", "中山路的路燈壞了一個多星期，晚上一片漆黑，走路很不安全。", "路燈不亮"),
    ("urban.municipal.garbage", "小區垃圾站的垃圾三天沒人清運，天氣熱發臭，蒼蠅很多。", ""),
    ("urban.municipal.road_occupation", "夜市攤販佔道經營，把整條人行道都佔滿了，行人只能走馬路。", "佔道經營"),
    ("urban.planning.illegal_construction", "頂樓住戶在樓頂違章搭建，還在繼續加蓋，我們擔心房子的安全。", "違章搭建"),
    ("urban.municipal.stray_dogs", "小區裡有很多流浪狗，昨天有小孩被狗咬傷了，請儘快處理。", ""),
    ("urban.housing.water_seepage", "樓上衛生間漏水，我家天花板發霉，水一直往下滴。", "樓上漏水"),
    ("urban.municipal.water_power_outage", "我們這裡最近經常停電，沒有任何通知，冰箱裡的東西都壞了。", "經常停電"),
    ("urban.municipal.square_dance", "公園裡跳廣場舞的音響開得太大，每天晚上都吵到九點多。", "廣場舞擾民"),
    ("urban.safety.gas_leak", "樓道裡有很濃的煤氣味，懷疑燃氣洩漏，請馬上派人來檢查！", "燃氣洩漏"),
    ("urban.municipal.building_damage", "我們樓的外牆瓷磚脫落，上週差點砸到路人，請儘快維修。", ""),
    ("edu", "孩子學校的老師在校外辦補習班，暗示學生必須參加，家長敢怒不敢言。", "違規補課"),
    ("health", "在醫院看病排隊兩個小時，醫生態度很差，三分鐘就打發我們走了。", ""),
    ("transport", "計程車司機不打表，繞路多收費，我已經記下車牌號碼，請查處。", "出租車繞路"),
    ("urban.municipal.bus", "十二路公交車班次太少，早上等半個小時都等不到，請增加班次。", "公交班次少"),
    ("urban.safety.fire_passage", "小區消防通道長期被私家車佔用，萬一發生火災後果不堪設想。", "消防通道被佔"),
    (None, "謝謝社區工作人員上個月幫我們家辦好了手續，態度很好，特此感謝！", "感謝信"),
    (None, "請問今年端午節放假幾天？", ""),
    ("labour", "公司不跟我們簽勞動合同，也不繳社保，離職的時候一分錢補償都沒有。", "勞動合同糾紛"),
]

# meant for triage: no rule should decide these
UNCOVERED = [
    ("感谢信", "感谢{c}的小李，上周帮我家老人代办了证件，还送到家门口，服务太贴心了！"),
    ("", "你好，请问今年国庆节放几天假？要不要调休？"),
    ("", "asdfgh qwerty 123123 测试测试"),
    ("", "。。。。。。"),
    ("表扬", "表扬{r}那位清洁工阿姨，每天早上五点就开始打扫，特别认真负责。"),
    ("", "请问你们一般几点下班？周末有人值班吗？"),
    ("", "hello?? is anyone there"),
    ("", "请问市民中心周六上班吗？几点到几点？"),
    ("", "我想提个小建议：页面字体能不能再大一点，老年人看不清。"),
    ("咨询", "请问市民服务中心有几个窗口，需要提前预约吗？"),
    ("", "嗯嗯好的收到谢谢"),
    ("", "我昨天打过电话了，这是补充材料，编号见上一条。"),
    ("建议", "建议在端午节组织一些龙舟比赛之类的活动，丰富市民生活。"),
    ("", "zzzzzzzzzzzzzzzzzzz"),
    ("", "今天天气真好，心情也好，祝你们工作顺利！"),
    ("感谢", "感谢热线的接线员，耐心听我讲完，虽然问题还没解决，但心里舒服多了。"),
    ("", "请问图书证丢了怎么补办？"),
    ("", "我的上一个诉求编号是多少？忘记记下来了。"),
    ("", "1234567890"),
    ("", "请帮我查一下明天的天气。"),
    ("", "想了解一下本市的历史，有没有推荐的书？"),
    ("", "测试一下这个平台能不能用，请忽略。"),
    ("", "我有个想法，能不能在市中心建一个大型音乐喷泉？"),
    ("", "谢谢你们上次的帮忙，问题已经彻底解决了。"),
    ("", "???"),
]

# long petitions (several paragraphs, several problems; the first one decides)
LONG = [
    ("urban.housing.property_service",
     "尊敬的领导：您好！我是{c}的业主，入住已经六年了。这几年小区的物业服务越来越差，具体问题如下：一、物业费从每平方"
     "1.2元涨到1.8元，没有召开业主大会，也没有公示依据；二、小区的公共收益（广告位、停车费）从来没有公开过账目；三、"
     "门禁系统坏了半年没有修，外来人员随意进出，上个月{b}栋还发生了入室盗窃；四、绿化带长期没有人养护，杂草丛生。"
     "我们多次向物业反映，物业经理每次都说研究研究，没有下文。业委会要求查账，物业以各种理由拒绝。请街道和房管部门"
     "督促物业公司整改，还业主一个安全干净的家。谢谢！"),
    ("env.pollution.noise",
     "领导好，我住在{r}{n}号，楼下是一个建筑工地。从三月份开工以来，工地几乎每天晚上都施工到凌晨一两点，打桩机、"
     "混凝土泵车的轰鸣声一直不停，我家孩子今年中考，每天晚上都睡不好觉，白天上课没精神。我们打过12345，也找过工地"
     "项目部，他们说有夜间施工许可证，但我们从来没有看到公示。请问夜间施工许可是怎么审批的？能不能限制晚上十点以后"
     "施工？另外工地的渣土车进出也不冲洗，路面全是泥，下雨天更是没法走。希望有关部门重视，切实解决噪音扰民问题。"),
    ("labour.wages.wage_arrears",
     "我们是{co}的员工，一共三十多人。公司从去年十月开始就不按时发工资，一开始是拖半个月，后来干脆不发了，到现在已经"
     "拖欠工资{m}个月，每人少的一两万，多的五六万。老板一开始说是甲方没有结款，让我们再等等，后来干脆电话也不接，厂里"
     "的设备也在偷偷往外搬。我们很多人是外地来的，上有老下有小，房租都交不起了。我们去劳动监察大队反映过，说要我们"
     "提供劳动合同，可公司根本没跟我们签合同。请政府帮帮我们这些打工的人，把血汗钱要回来。"),
    ("urban.housing.heating",
     "今年{c}的供暖一直不正常。十一月十五号开始供暖后，我家的暖气片只有上半截是温的，室温只有十四五度，晚上睡觉要盖"
     "两床被子。我们打了热力公司的电话，来人看了说是管道有空气，放了气也没用。后来又说是小区二次管网的问题，要找物业；"
     "物业又说是热力公司的问题。两边推来推去，一个多月了还是不热。我家有八十多岁的老人和刚出生的孩子，实在冻不起。"
     "我们交了全额的暖气费，希望尽快解决，并且按规定退还不达标期间的费用。"),
]

# sensor alerts: smart water meters / door sensors / fall detectors in elderly homes, etc.
SENSORS = [
    ("civil.social_service.elderly_alone", "独居老人智能水表连续{d}天用水量为零，门磁无开门记录。",
     {"age": 78, "days_inactive": 3, "device": "water-meter"}),
    ("civil.social_service.elderly_alone", "门磁传感器：住户{d}天未开门，最后一次活动时间为{d}天前。",
     {"age": 84, "days_inactive": 4, "device": "door-sensor"}),
    ("civil.social_service.elderly_alone", "智能电表告警：用电量连续多日接近零。",
     {"age": 91, "days_inactive": 5, "device": "power-meter"}),
    ("civil.social_service.elderly_alone", "独居老人关爱系统：用水异常。",
     {"age": "72", "days_inactive": "3", "device": "water-meter"}),
    ("civil.social_service.elderly_alone", "跌倒检测报警：卧室检测到跌倒，未检测到起身。",
     {"age": 81, "device": "fall-detector", "alarm": True}),
    ("civil.social_service.elderly_alone", "智能水表：{d}天用水不足5升。",
     {"age": 67, "water_usage_l": 2.5, "hours_no_water": 60, "device": "water-meter"}),
    ("urban.safety.gas_leak", "厨房燃气报警器触发，可燃气体浓度超标。",
     {"device": "gas-detector", "alarm": True, "ppm": 1200}),
    ("urban.safety", "烟感报警：{b}栋{f}楼楼道检测到烟雾。",
     {"device": "smoke-detector", "alarm": True}),
    ("urban.municipal.manhole", "井盖倾斜传感器告警：倾角超过阈值，疑似井盖移位。",
     {"device": "manhole-tilt", "tilt_deg": 35}),
    ("env.pollution.noise", "噪声监测点夜间超标。",
     {"device": "noise-meter", "db": 78}),
    ("urban.safety.flying_wire_charging", "楼道摄像头识别到电动车进入楼道。",
     {"device": "corridor-camera", "event": "ebike_in_corridor"}),
    (None, "智能水表连续1天无用水。", {"age": 45, "days_inactive": 1, "device": "water-meter"}),
    (None, "门磁传感器：住户3天未开门。", {"age": 45, "days_inactive": 3, "device": "door-sensor"}),
    (None, "燃气报警器自检完成，状态正常。", {"device": "gas-detector", "alarm": False}),
    (None, "噪声监测点数据正常。", {"device": "noise-meter", "db": 52}),
    (None, "设备心跳包。", {"device": "water-meter", "battery": 87}),
]

# fixed-area petitions exercising the area rules of the ruleset
AREA = [
    ("env.pollution", "town-e", "grid-e-03-1", "村边田里有人焚烧秸秆，浓烟飘到镇上，呛得人喘不过气。", "秸秆焚烧"),
    ("agri.water_conservancy", "town-e", "comm-e-05", "今年天气干旱，村里的水渠一直不放水，田里没水插秧，请镇里协调灌溉。", ""),
    ("urban.municipal.road_occupation", "st-a", "grid-a-02-2", "夜市的烧烤摊把桌椅摆到人行道上，人都过不去。", "夜市占道"),
    ("urban.municipal", "st-b", "comm-b-04", "我们是老旧小区，楼里大部分是老人，申请加装电梯，请问社区怎么申报？", "加装电梯"),
]

FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in
                           "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"})

# full-width petitions (IME full-width mode: letters and digits)
FULL = [
    ("legal.traffic.illegal_parking", "车牌湘A8K2M6的白色SUV在3号楼单元门口违停了三天，联系不上车主。", "违停"),
    ("env.pollution.noise", "B座楼下酒吧噪音扰民，每天到凌晨2点，分贝超过70。", ""),
    ("urban.housing.heating", "我家在12栋2单元501，暖气不热，室温只有15度。", "暖气不热"),
    ("commerce.quality_inspection.elevator", "A区7栋电梯困人，已经被困20分钟！", "电梯困人"),
    ("urban.municipal.manhole", "88号门口井盖丢失，晚上9点路过差点踩空。", ""),
    ("urban.safety.flying_wire_charging", "5栋3楼住户从窗户飞线充电，电线垂到1楼。", "飞线充电"),
    ("labour.wages.wage_arrears", "公司拖欠工资3个月，共计18000元，老板失联。", "拖欠工资"),
    ("urban.municipal.water_power_outage", "9栋停水超过24小时，没有任何通知。", "停水"),
    ("urban.housing.property_service", "物业费从1.5元涨到2.3元，没有开业主大会。", "物业乱涨价"),
    ("env.pollution.oil_fume", "C栋底商餐馆油烟直排，6楼都能闻到油烟味。", ""),
    ("tech.telecom", "家里WiFi天天断，5G信号只有1格，宽带报修3次没人来。", "宽带故障"),
    ("urban.municipal.pipe_leak", "2号路和5号路交叉口水管爆裂，水漫到路面。", ""),
    ("urban.municipal.sewage_overflow", "11栋一楼下水道堵塞，污水外溢到楼道。", "污水外溢"),
    ("urban.municipal.street_light", "B区到C区的路灯坏了10多盏，晚上一片漆黑。", ""),
    ("legal.traffic.illegal_parking", "ETC车道旁边长期有大货车违章停车，影响通行。", ""),
    ("civil.social_service.elderly_alone", "6栋2单元的独居老人3天没出门了，电话也打不通。", ""),
    ("urban.planning.illegal_construction", "1栋楼顶违章搭建了约50平方米的彩钢房。", "违章搭建"),
    ("urban.municipal.garbage", "3号垃圾站的垃圾满了2天了，没人清运。", ""),
    ("edu.fees.arbitrary_charges", "学校要求每人交300元资料费，强制购买教辅资料。", "乱收费"),
    (None, "ＯＫ，谢谢！", ""),
]

CHANNELS = ["hotline"] * 5 + ["app"] * 3 + ["web"] * 1 + ["wechat"] * 3 + ["grid_worker"] * 2 + ["deputy"]
TZ = _dt.timezone(_dt.timedelta(hours=8))


def _area(rng, street=None):
    s = street or rng.choice(STREETS)
    nn = f"{rng.randint(1, 9):02d}"
    roll = rng.random()
    if roll < 0.5:
        return f"grid-{s}-{nn}-{rng.randint(1, 2)}"
    if roll < 0.8:
        return f"comm-{s}-{nn}"
    if roll < 0.9:
        return "town-e" if s == "e" else f"st-{s}"
    return None


def _received(rng):
    day = _dt.date(2026, 1, 5) + _dt.timedelta(days=rng.randint(0, 325))
    t = _dt.datetime(day.year, day.month, day.day, rng.choice([0, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16,
                                                              17, 19, 20, 21, 22, 23]),
                     rng.randint(0, 59), rng.randint(0, 59), tzinfo=TZ)
    if rng.random() < 0.5:
        return int(t.timestamp() * 1000)
    return t.isoformat()


def _fill(rng, template, **fixed):
    r = rng.choice(ROADS)
    slots = {
        "c": rng.choice(COMPOUNDS), "r": r, "r2": rng.choice([x for x in ROADS if x != r]),
        "b": rng.randint(1, 28), "u": rng.randint(1, 4), "f": rng.randint(2, 18),
        "n": rng.randint(2, 16), "d": rng.randint(3, 6), "h": rng.choice([11, 12, 1, 2]),
        "s": rng.choice(SHOPS), "sc": rng.choice(SCHOOLS), "ho": rng.choice(HOSPITALS),
        "co": rng.choice(COMPANIES), "m": rng.randint(2, 8),
        "money": rng.choice([8600, 12000, 15800, 23400, 36000]),
        "phone": "1" + rng.choice("3578") + "".join(str(rng.randint(0, 9)) for _ in range(9)),
    }
    slots.update(fixed)
    _fill.last = slots
    return template.format(**slots)


def _address(rng, compound=None):
    roll = rng.random()
    if roll < 0.4:
        return f"{compound or rng.choice(COMPOUNDS)}{rng.randint(1, 28)}栋{rng.randint(1, 4)}单元"
    if roll < 0.6:
        return f"{rng.choice(ROADS)}{rng.randint(1, 300)}号"
    return None


def _petition(rng, text, title=None, channel=None, area="auto", address="auto", attributes=None,
              compound=None):
    p = {"text": text}
    if title:
        p["title"] = title
    p["channel"] = channel or rng.choice(CHANNELS)
    p["received_at"] = _received(rng)
    a = _area(rng) if area == "auto" else area
    if a:
        p["area"] = a
    addr = _address(rng, compound) if address == "auto" else address
    if addr:
        p["address"] = addr
    if attributes:
        p["attributes"] = attributes
    # A petition naming a compound is placed consistently: often with the grid id the channel
    # knows (the name then refines it to the compound), otherwise by the name alone.
    named = [c for c in COMPOUNDS if c in text or (addr and c in addr)]
    if named and area == "auto":
        grids = _GRIDS_OF[named[0]]
        if len(grids) == 1 and rng.random() < 0.6:
            p["area"] = grids[0]
        else:
            p.pop("area", None)
    return p


def build():
    rng = random.Random(SEED)
    items = []
    # regular petitions: every template text, some twice with different slots
    for intent, texts, titles in T:
        assert len(texts) == len(titles), titles
        for text, title_t in zip(texts, titles):
            for _ in range(2 if rng.random() < 0.45 else 1):
                body = _fill(rng, text)
                slots = _fill.last
                title = _fill(rng, title_t, **slots) if rng.random() < 0.5 else None
                items.append((_petition(rng, body, title or None,
                                        compound=slots["c"] if "{c}" in text else None), intent))
    for intent, text, title in TRAD:
        items.append((_petition(rng, _fill(rng, text), title or None), intent))
    for intent, text, title in FULL:
        items.append((_petition(rng, text.translate(FULLWIDTH), title.translate(FULLWIDTH) or None), intent))
    for intent, text in LONG:
        items.append((_petition(rng, _fill(rng, text), None, channel=rng.choice(["web", "app", "deputy"])),
                      intent))
    for intent, text, attrs in SENSORS:
        comm = f"comm-{rng.choice(STREETS)}-{rng.randint(1, 9):02d}"
        text = _fill(rng, text, d=attrs.get("days_inactive", 3))
        items.append((_petition(rng, text, None, channel="sensor", area=comm, address=None,
                                attributes=dict(attrs)), intent))
    for intent, street, area, text, title in AREA:
        items.append((_petition(rng, text, title or None, area=area), intent))
    for title, text in UNCOVERED:
        items.append((_petition(rng, _fill(rng, text), title or None, address=None,
                                channel=rng.choice(["hotline", "app", "web", "wechat"])), None))
    rng.shuffle(items)
    out = []
    for i, (p, intent) in enumerate(items, 1):
        out.append(({"id": f"p{i:04d}", **p}, intent))
    return out


def main():
    items = build()
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for p, _ in items:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} petitions to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
