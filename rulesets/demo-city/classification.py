"""Classification half of the demo-city ruleset: taxonomy and rules.

The taxonomy's first two levels follow the real 3-level petition taxonomy (15 first-level,
118 second-level categories); the third level holds the grassroots "whistle catalogue"
(吹哨清单) of nuisances that compounds, grids and communities handle every day.

Both TAXONOMY and RULES are plain lists of dicts in the exact JSON shape of
docs/ruleset-format.md; build.py imports them and writes rulesets/demo-city.json.
Nothing here reads files: the ruleset is reproducible from the repository alone.

Rules are written for hit policy "first": higher priority is tried first, then file order.
Priority bands used below:
    100  life-threatening (gas leak, electric shock, fire hazard)      urgency critical/urgent
     95  sensor alerts (structured attributes)
     90  whistle leaves, precise multi-keyword combinations
     85  domain overrides that must beat a whistle leaf (e.g. teachers' wages -> education)
     80  whistle leaves, single distinctive keywords
     70  other third-level leaves
     60  second-level categories, specific combinations
     40  second-level categories, distinctive keywords
     20  second-level categories, broad keywords
     10  first-level catch-alls
"""

# ---------------------------------------------------------------------------------------
# taxonomy


def cat(id, name, parent=None, tier=None, sla=None, aliases=None):
    c = {"id": id, "name": name}
    if parent is not None:
        c["parent"] = parent
    if tier is not None:
        c["tier"] = tier
    if sla is not None:
        c["sla"] = sla
    if aliases:
        c["aliases"] = list(aliases)
    return c


# Level 1 carries tier and sla; children inherit unless they override.
TAXONOMY = [
    # 城乡建设
    cat("urban", "城乡建设", tier="medium", sla="standard"),
    cat("urban.safety", "安全生产", "urban", tier="medium", sla="fast"),
    cat("urban.safety.flying_wire_charging", "飞线充电", "urban.safety", tier="small", sla="fast", aliases=["私拉电线充电", "电动车进楼"]),
    cat("urban.safety.gas_leak", "燃气泄漏", "urban.safety", tier="big", sla="fast", aliases=["煤气泄漏", "天然气泄漏"]),
    cat("urban.safety.fire_passage", "消防通道堵塞", "urban.safety", tier="medium", aliases=["占用消防通道"]),
    cat("urban.municipal", "城市建设和市政管理", "urban"),
    cat("urban.municipal.building_damage", "楼宇破损", "urban.municipal", tier="small", sla="standard", aliases=["外墙脱落"]),
    cat("urban.municipal.pipe_leak", "管道泄漏", "urban.municipal", tier="small", sla="fast", aliases=["水管爆裂"]),
    cat("urban.municipal.sewage_overflow", "污水外溢", "urban.municipal", tier="small", sla="fast", aliases=["下水道堵塞"]),
    cat("urban.municipal.manhole", "井盖丢失破损", "urban.municipal", tier="medium", sla="fast", aliases=["井盖缺失"]),
    cat("urban.municipal.garbage", "垃圾清运", "urban.municipal", tier="medium", sla="standard", aliases=["垃圾堆积"]),
    cat("urban.municipal.street_light", "路灯损坏", "urban.municipal", tier="medium", sla="standard", aliases=["路灯不亮"]),
    cat("urban.municipal.road_occupation", "占道经营", "urban.municipal", tier="medium", sla="standard", aliases=["流动摊贩"]),
    cat("urban.municipal.water_power_outage", "停水停电", "urban.municipal", tier="medium", sla="fast", aliases=["停水", "停电"]),
    cat("urban.municipal.stray_dogs", "流浪犬", "urban.municipal", tier="medium", sla="standard", aliases=["流浪狗", "不文明养犬"]),
    cat("urban.municipal.shared_bikes", "共享单车乱停放", "urban.municipal", tier="medium", sla="standard"),
    cat("urban.municipal.greening", "绿化养护", "urban.municipal", tier="medium", sla="standard", aliases=["树木修剪"]),
    cat("urban.municipal.bus", "公交服务", "urban.municipal", tier="big", sla="standard", aliases=["公共汽车"]),
    cat("urban.municipal.square_dance", "广场舞扰民", "urban.municipal", tier="medium", sla="standard", aliases=["广场舞噪音"]),
    cat("urban.planning", "城乡规划", "urban"),
    cat("urban.planning.illegal_construction", "违章搭建", "urban.planning", tier="medium", sla="standard", aliases=["违建", "私搭乱建"]),
    cat("urban.village_town", "村镇建设", "urban"),
    cat("urban.construction_quality", "工程质量", "urban", tier="big"),
    cat("urban.state_land_expropriation", "国有土地上房屋征收与补偿", "urban", tier="big"),
    cat("urban.collective_land_demolition", "集体土地上房屋拆迁与补偿", "urban", tier="big"),
    cat("urban.construction_market", "建筑市场", "urban", tier="big"),
    cat("urban.other", "其他", "urban"),
    cat("urban.housing", "住房保障与房地产", "urban", tier="big"),
    cat("urban.housing.heating", "供暖", "urban.housing", tier="medium", sla="fast", aliases=["暖气不热", "集中供热"]),
    cat("urban.housing.property_service", "物业服务", "urban.housing", tier="small", sla="standard", aliases=["物业管理"]),
    cat("urban.housing.water_seepage", "漏水渗水", "urban.housing", tier="small", sla="standard", aliases=["房屋渗漏"]),
    # 党务政务
    cat("party", "党务政务", tier="big", sla="standard"),
    cat("party.party_building", "党的建设", "party"),
    cat("party.hmt_overseas", "港澳台侨", "party"),
    cat("party.defense_foreign", "国防外交", "party"),
    cat("party.ethnic_religion", "民族宗教", "party"),
    cat("party.other", "其他", "party"),
    cat("party.mass_orgs", "群众团体", "party"),
    cat("party.publicity", "宣传舆论", "party"),
    cat("party.political_system", "政治体制", "party"),
    # 国土资源
    cat("land", "国土资源", tier="big", sla="standard"),
    cat("land.ocean_weather_quake", "海洋气象地震", "land"),
    cat("land.mineral", "矿产资源管理", "land"),
    cat("land.other", "其他", "land"),
    cat("land.expropriation", "土地征收", "land"),
    cat("land.land_management", "土地资源管理", "land"),
    # 环境保护
    cat("env", "环境保护", tier="big", sla="standard"),
    cat("env.management", "环保管理", "env"),
    cat("env.pollution", "环境污染", "env", tier="big"),
    cat("env.pollution.oil_fume", "油烟扰民", "env.pollution", tier="small", sla="standard", aliases=["餐饮油烟", "油烟污染"]),
    cat("env.pollution.noise", "噪音扰民", "env.pollution", tier="small", sla="standard", aliases=["噪声扰民", "噪声污染"]),
    cat("env.project_approval", "建设项目审批", "env"),
    cat("env.other", "其他", "env"),
    # 纪检监察
    cat("discipline", "纪检监察", tier="big", sla="standard"),
    cat("discipline.sanctions", "党政处分", "discipline"),
    cat("discipline.conduct", "干部作风", "discipline"),
    cat("discipline.abuse_of_power", "滥用职权", "discipline"),
    cat("discipline.other", "其他", "discipline"),
    cat("discipline.dereliction", "失职渎职", "discipline"),
    cat("discipline.corruption", "贪污贿赂", "discipline"),
    # 交通运输
    cat("transport", "交通运输", tier="big", sla="standard"),
    cat("transport.taxi", "出租车管理", "transport"),
    cat("transport.construction", "建设管理", "transport"),
    cat("transport.construction.road_damage", "道路破损", "transport.construction", tier="medium", sla="standard", aliases=["路面坑洼"]),
    cat("transport.general", "交通运输", "transport"),
    cat("transport.passenger_freight", "客货运输", "transport"),
    cat("transport.other", "其他", "transport"),
    cat("transport.postal", "邮政管理", "transport"),
    # 经济管理
    cat("economy", "经济管理", tier="big", sla="standard"),
    cat("economy.work_safety", "安全生产", "economy"),
    cat("economy.insurance_securities", "保险证券期货", "economy"),
    cat("economy.state_assets", "国资监管", "economy"),
    cat("economy.macro", "宏观调控", "economy"),
    cat("economy.finance_tax", "金融财税", "economy"),
    cat("economy.energy", "能源管理", "economy"),
    cat("economy.other", "其他", "economy"),
    cat("economy.bankruptcy", "企业破产", "economy"),
    # 科技与信息产业
    cat("tech", "科技与信息产业", tier="big", sla="standard"),
    cat("tech.telecom", "电信", "tech"),
    cat("tech.science", "科学技术", "tech"),
    cat("tech.other", "其他", "tech"),
    cat("tech.informatization", "信息化建设", "tech"),
    cat("tech.ip", "知识产权", "tech"),
    # 民政
    cat("civil", "民政", tier="medium", sla="standard"),
    cat("civil.welfare_charity", "福利慈善", "civil"),
    cat("civil.veteran_resettlement", "复退安置", "civil"),
    cat("civil.community_building", "基层选举和社区建设", "civil"),
    cat("civil.disaster_relief", "救灾募捐", "civil"),
    cat("civil.ngo", "民间组织", "civil"),
    cat("civil.other", "其他", "civil"),
    cat("civil.admin_division", "区划地名", "civil"),
    cat("civil.social_service", "社会服务", "civil"),
    cat("civil.social_service.elderly_alone", "独居老人", "civil.social_service", tier="medium", sla="urgent_care", aliases=["空巢老人", "孤寡老人"]),
    cat("civil.social_assistance", "社会救助", "civil"),
    cat("civil.social_assistance.subsistence", "低保救助", "civil.social_assistance", tier="medium", sla="standard", aliases=["最低生活保障"]),
    cat("civil.special_care", "优抚", "civil"),
    # 农村农业
    cat("agri", "农村农业", tier="medium", sla="standard"),
    cat("agri.grassland", "草原草场", "agri", tier="big"),
    cat("agri.village_affairs", "村务管理", "agri"),
    cat("agri.animal_epidemic", "动物防疫", "agri", tier="big", sla="fast"),
    cat("agri.poverty_alleviation", "扶贫开发", "agri"),
    cat("agri.farm_subsidy", "惠农补贴", "agri"),
    cat("agri.forestry", "林业管理", "agri", tier="big"),
    cat("agri.produce_market", "农副产品流通", "agri"),
    cat("agri.state_farm", "农垦农场", "agri", tier="big"),
    cat("agri.inputs_tech", "农资农技", "agri"),
    cat("agri.other", "其他", "agri"),
    cat("agri.reservoir_resettlement", "水库移民", "agri", tier="big"),
    cat("agri.water_conservancy", "水利水电", "agri", tier="big"),
    cat("agri.land_contract", "土地承包经营", "agri"),
    cat("agri.wildlife", "野生资源管理", "agri", tier="big"),
    # 商贸旅游
    cat("commerce", "商贸旅游", tier="big", sla="standard"),
    cat("commerce.tourism", "旅游管理", "commerce"),
    cat("commerce.other", "其他", "commerce"),
    cat("commerce.trade", "商业贸易", "commerce"),
    cat("commerce.market_regulation", "市场监管", "commerce"),
    cat("commerce.market_regulation.food_safety", "食品安全", "commerce.market_regulation", tier="big", sla="standard", aliases=["食品经营"]),
    cat("commerce.quality_inspection", "质监检验检疫", "commerce"),
    cat("commerce.quality_inspection.elevator", "电梯故障", "commerce.quality_inspection", tier="small", sla="fast", aliases=["电梯困人"]),
    # 卫生计生
    cat("health", "卫生计生", tier="big", sla="standard"),
    cat("health.public_health", "公共卫生", "health", sla="fast"),
    cat("health.other", "其他", "health"),
    cat("health.family_planning", "人口计生", "health"),
    cat("health.food_drug", "食品药品监管", "health"),
    cat("health.medical_dispute", "医患纠纷", "health"),
    cat("health.medical_administration", "医政监管", "health"),
    # 政法
    cat("legal", "政法", tier="big", sla="standard"),
    cat("legal.legal_services", "法律服务", "legal"),
    cat("legal.rule_of_law", "法制建设", "legal"),
    cat("legal.admin_review", "行政复议", "legal"),
    cat("legal.household_id", "户籍证件", "legal"),
    cat("legal.traffic", "交通管理", "legal"),
    cat("legal.traffic.illegal_parking", "违章停车", "legal.traffic", tier="medium", sla="standard", aliases=["违停", "乱停车"]),
    cat("legal.police_oversight", "警务督察", "legal"),
    cat("legal.other", "其他", "legal"),
    cat("legal.public_security", "社会治安", "legal", sla="fast"),
    cat("legal.litigation", "诉讼", "legal"),
    cat("legal.criminal_cases", "刑案侦破", "legal"),
    cat("legal.penalty_execution", "刑罚执行", "legal"),
    cat("legal.arbitration_mediation", "仲裁与调解", "legal"),
    # 教育文体
    cat("edu", "教育文体", tier="big", sla="standard"),
    cat("edu.teachers", "教师队伍和待遇", "edu"),
    cat("edu.administration", "教育行政管理", "edu"),
    cat("edu.fees", "教育收费", "edu"),
    cat("edu.fees.arbitrary_charges", "教育乱收费", "edu.fees", tier="big", sla="standard", aliases=["学校乱收费"]),
    cat("edu.system", "教育体制", "edu"),
    cat("edu.exams_admission", "考试招生", "edu"),
    cat("edu.other", "其他", "edu"),
    cat("edu.dropout", "失学辍学", "edu"),
    cat("edu.sports", "体育", "edu"),
    cat("edu.culture", "文化", "edu"),
    cat("edu.heritage", "文物管理", "edu"),
    # 劳动和社会保障
    cat("labour", "劳动和社会保障", tier="big", sla="standard"),
    cat("labour.resident_insurance", "城镇居民社会保险", "labour"),
    cat("labour.employee_insurance", "城镇职工社会保险", "labour"),
    cat("labour.wages", "工资福利", "labour"),
    cat("labour.wages.wage_arrears", "拖欠工资", "labour.wages", tier="big", sla="standard", aliases=["欠薪", "讨薪"]),
    cat("labour.employment", "就业培训", "labour"),
    cat("labour.protection", "劳动保护", "labour"),
    cat("labour.relations", "劳动关系", "labour"),
    cat("labour.other", "其他", "labour"),
    cat("labour.social_fund", "社保基金管理", "labour"),
    cat("labour.retirement", "退休政策及待遇", "labour"),
]


# ---------------------------------------------------------------------------------------
# rule helpers: keyword lists are written as one space-separated string for readability


def _kws(v):
    if isinstance(v, str):
        v = v.split()
    return list(v)


def kw(any=None, all=None, none=None, in_=None):
    """A text node; `any`, `all`, `none` are keyword lists (or space-separated strings)."""
    t = {}
    if any:
        t["any"] = _kws(any)
    if all:
        t["all"] = _kws(all)
    if none:
        t["none"] = _kws(none)
    if in_:
        t["in"] = in_
    return {"text": t}


def title(any=None, all=None, none=None):
    return kw(any, all, none, in_="title")


def ALL(*nodes):
    return {"all": list(nodes)}


def ANY(*nodes):
    return {"any": list(nodes)}


def NOT(node):
    return {"not": node}


def regex(pattern, in_=None):
    if in_:
        return {"regex": {"pattern": pattern, "in": in_}}
    return {"regex": pattern}


def field(name, **ops):
    f = {"field": name}
    f.update(ops)
    return f


def channel(*channels):
    return {"channel": channels[0] if len(channels) == 1 else list(channels)}


def area(*ids):
    return {"area": ids[0] if len(ids) == 1 else list(ids)}


RULES = []


def rule(id, category, priority, when, urgency=None, tags=None, description=None,
         confidence=None):
    r = {"id": id, "category": category, "priority": priority, "when": when}
    if urgency:
        r["urgency"] = urgency
    if tags:
        r["tags"] = list(tags)
    if confidence is not None:
        r["confidence"] = confidence
    if description:
        r["description"] = description
    RULES.append(r)


NOISE = "噪音 噪声 扰民 吵闹 吵得 太吵 很吵 分贝"

# =======================================================================================
# 100: life-threatening
rule("safety.gas-leak.smell", "urban.safety.gas_leak", 100,
     kw(any="燃气泄漏 煤气泄漏 天然气泄漏 液化气泄漏 燃气泄露 煤气泄露 天然气泄露 漏气味 燃气味 煤气味 "
            "天然气味 液化气味 燃气管道破裂 燃气管破裂"),
     urgency="critical", tags=["燃气"], description="gas leak smelled or reported")
rule("safety.gas-leak.pipe-damaged", "urban.safety.gas_leak", 100,
     ALL(kw(any="燃气管 煤气管 天然气管道 燃气管道 液化气罐 煤气罐"),
         kw(any="挖断 破裂 漏气 泄漏 泄露 闻到 嘶嘶")),
     urgency="critical", tags=["燃气"])
rule("safety.electric-shock", "urban.safety", 100,
     kw(any="触电 电线裸露 漏电伤人 电线掉落 高压线掉落 电线垂落 配电箱冒烟 电箱冒火 电线冒火 电线起火"),
     urgency="critical", tags=["用电安全"])
rule("safety.fire-hazard.smoke", "urban.safety", 100,
     kw(any="着火了 起火了 冒烟起火 火灾隐患 失火 电线短路起火", none="演练 演习"),
     urgency="urgent", tags=["消防"])
rule("safety.fire-hazard.wire-charging-fire", "urban.safety.flying_wire_charging", 100,
     ALL(kw(any="电动车 电瓶车 电动自行车 充电"), kw(any="起火 着火 自燃 爆炸 冒烟")),
     urgency="critical", tags=["消防", "电动车"])
rule("safety.building-collapse-risk", "urban.safety", 100,
     kw(any="随时倒塌 随时可能倒塌 摇摇欲坠 有倒塌危险 塌方 坍塌"),
     urgency="urgent", tags=["安全隐患"])

# =======================================================================================
# 95: sensor alerts (structured attributes from smart water meters, door sensors, ...)
rule("sensor.elderly-alone.inactive", "civil.social_service.elderly_alone", 95,
     ALL(channel("sensor"), field("age", gte=60), field("days_inactive", gte=3)),
     urgency="urgent", tags=["智能感知", "独居老人"],
     description="resident over 60 not seen for 3+ days (water meter / door sensor)")
rule("sensor.elderly-alone.water-flat", "civil.social_service.elderly_alone", 95,
     ALL(channel("sensor"), field("age", gte=60), field("water_usage_l", lte=5),
         field("hours_no_water", gte=48)),
     urgency="urgent", tags=["智能感知", "独居老人"])
rule("sensor.elderly-alone.fall-alarm", "civil.social_service.elderly_alone", 95,
     ALL(channel("sensor"), field("device", **{"in": ["fall-detector", "smart-mattress"]}),
         field("alarm", eq=True), field("age", gte=60)),
     urgency="critical", tags=["智能感知", "跌倒报警"])
rule("sensor.gas-alarm", "urban.safety.gas_leak", 95,
     ALL(channel("sensor"), field("device", prefix="gas"), field("alarm", eq=True)),
     urgency="critical", tags=["智能感知", "燃气"])
rule("sensor.smoke-alarm", "urban.safety", 95,
     ALL(channel("sensor"), field("device", eq="smoke-detector"), field("alarm", eq=True)),
     urgency="critical", tags=["智能感知", "消防"])
rule("sensor.manhole-tilt", "urban.municipal.manhole", 95,
     ALL(channel("sensor"), field("device", eq="manhole-tilt"), field("tilt_deg", gte=15)),
     urgency="urgent", tags=["智能感知"])
rule("sensor.noise-meter", "env.pollution.noise", 95,
     ALL(channel("sensor"), field("device", eq="noise-meter"), field("db", gte=70)),
     tags=["智能感知"])
rule("sensor.water-pipe-pressure", "urban.municipal.pipe_leak", 95,
     ALL(channel("sensor"), field("device", eq="pipe-pressure"), field("pressure_drop", gte=0.3)),
     urgency="urgent", tags=["智能感知"])
rule("sensor.charging-in-corridor", "urban.safety.flying_wire_charging", 95,
     ALL(channel("sensor"), field("device", eq="corridor-camera"), field("event", eq="ebike_in_corridor")),
     tags=["智能感知", "电动车"])

# =======================================================================================
# whistle catalogue (吹哨清单): compound / grid level nuisances

# --- 油烟扰民 ----------------------------------------------------------------------------
rule("env.oil-fume.direct", "env.pollution.oil_fume", 90,
     kw(any="油烟扰民 油烟污染 油烟直排 油烟乱排 油烟味 油烟太大 油烟很大 油烟严重 油烟熏 油烟呛 "
            "餐饮油烟 饭店油烟 餐馆油烟 烧烤油烟 厨房油烟"),
     tags=["油烟"])
rule("env.oil-fume.no-purifier", "env.pollution.oil_fume", 90,
     ALL(kw(any="油烟 排烟"), kw(any="净化器 净化设备 净化装置 排烟管道 排烟口 烟道 专用烟道")),
     tags=["油烟"])
rule("env.oil-fume.bbq-stall", "env.pollution.oil_fume", 80,
     ALL(kw(any="烧烤 烤串 露天烧烤 烤肉 撸串 大排档"),
         kw(any="烟雾 油烟 熏得 呛得 呛人 浓烟 烟味 扰民", none="香烟 抽烟 吸烟")),
     tags=["油烟", "烧烤"])
rule("env.oil-fume.restaurant-smoke", "env.pollution.oil_fume", 80,
     ALL(kw(any="饭店 餐馆 餐厅 小吃店 快餐店 火锅店 面馆 餐饮店 饭馆 后厨"),
         kw(any="油烟 烟熏 熏黑 呛得 呛人 排风扇 排气扇 抽油烟")),
     tags=["油烟"])
rule("env.oil-fume.title", "env.pollution.oil_fume", 80,
     title(any="油烟 烧烤烟"), tags=["油烟"])

# --- 噪音扰民 ----------------------------------------------------------------------------
rule("env.noise.construction-night", "env.pollution.noise", 90,
     ALL(kw(any="施工 工地 打桩 搅拌机 挖掘机 浇筑 混凝土 切割"),
         kw(any="夜间 深夜 半夜 凌晨 晚上 通宵 整夜 夜里"),
         kw(any=NOISE + " 轰鸣 睡不着 无法入睡 无法休息")),
     tags=["噪音", "夜间施工"])
rule("env.noise.construction-night.regex", "env.pollution.noise", 90,
     ALL(regex("(晚上|夜里|凌晨|半夜)\\s*\\d{1,2}\\s*(点|时)"), kw(any="施工 工地 打桩 机器 轰鸣 噪音 噪声")),
     tags=["噪音", "夜间施工"])
rule("env.noise.entertainment", "env.pollution.noise", 90,
     ALL(kw(any="KTV 酒吧 歌厅 歌舞厅 夜总会 清吧 音乐餐厅 练歌房 迪厅 直播间"),
         kw(any=NOISE + " 唱歌 音乐声 音响声")),
     tags=["噪音", "娱乐场所"])
rule("env.noise.shop-speaker", "env.pollution.noise", 90,
     kw(any="大喇叭 高音喇叭 喇叭叫卖 喇叭喊 循环播放 扩音器 音箱外放 店门口放音乐"),
     tags=["噪音", "商铺"])
rule("env.noise.neighbour", "env.pollution.noise", 90,
     ALL(kw(any="楼上 楼下 隔壁 邻居 对门"),
         kw(any="噪音 噪声 跺脚 拖椅子 拖凳子 弹球 砸地 吵闹 扰民 敲打 震动 低音炮 震楼器")),
     tags=["噪音", "邻里"])
rule("env.noise.renovation", "env.pollution.noise", 90,
     ALL(kw(any="装修 装潢 电钻 电锤 冲击钻 切割机 敲墙 砸墙"),
         kw(any="噪音 噪声 扰民 吵闹 太吵 很吵 吵得 休息日 周末 中午 午休 早上七点")),
     tags=["噪音", "装修"])
rule("env.noise.factory-machine", "env.pollution.noise", 90,
     ALL(kw(any="厂房 工厂 加工厂 机器 风机 冷却塔 空调外机 发电机 水泵 变压器"),
         kw(any="噪音扰民 噪声扰民 噪音很大 噪音太大 噪声很大 轰鸣 嗡嗡 分贝 吵得")),
     tags=["噪音"])
rule("env.noise.traffic", "env.pollution.noise", 80,
     ALL(kw(any="渣土车 货车 大车 摩托车 炸街 鸣笛 改装车 高架"), kw(any="噪音 噪声 扰民 轰鸣 吵得")),
     tags=["噪音", "交通噪声"])
rule("env.noise.animals", "env.pollution.noise", 80,
     ALL(kw(any="狗叫 犬吠 鸡叫 公鸡 打鸣 鸽子"), kw(any="扰民 吵闹 太吵 吵得 影响休息 睡不着")),
     tags=["噪音", "动物"])
rule("env.noise.generic", "env.pollution.noise", 80,
     kw(any="噪音扰民 噪声扰民 噪音污染 噪声污染 噪音太大 噪音很大 噪音严重 噪声严重 噪音超标 "
            "噪声超标 噪音问题 吵得睡不着 吵得无法休息 彻夜难眠 无法入睡"),
     tags=["噪音"])
rule("env.noise.title", "env.pollution.noise", 80,
     title(any="噪音 噪声 扰民 太吵"), tags=["噪音"])

# --- 广场舞 ------------------------------------------------------------------------------
rule("urban.square-dance", "urban.municipal.square_dance", 92,
     ALL(kw(any="广场舞 跳舞 健身操 腰鼓 扭秧歌 暴走团 唱红歌"),
         kw(any="音响 音乐 噪音 噪声 扰民 吵闹 太吵 吵得 声音太大 放得很大 喇叭")),
     tags=["噪音", "广场舞"])
rule("urban.square-dance.title", "urban.municipal.square_dance", 92,
     title(any="广场舞"), tags=["广场舞"])

# --- 违章停车 ----------------------------------------------------------------------------
rule("traffic.parking.illegal", "legal.traffic.illegal_parking", 90,
     kw(any="违章停车 违停 乱停车 乱停 乱停乱放 乱停放 随意停放 违法停车 违规停车 僵尸车 停车占道 占道停车 "
            "路边乱停 车辆乱停 乱停的车"),
     tags=["停车"])
rule("traffic.parking.sidewalk", "legal.traffic.illegal_parking", 90,
     ALL(kw(any="停车 停放 停满 停着 占用"),
         kw(any="人行道 盲道 斑马线 路口 出入口 小区门口 单元门口 车库出口 车库门口 学校门口 公交站台")),
     tags=["停车"])
rule("traffic.parking.blocking", "legal.traffic.illegal_parking", 90,
     ALL(kw(any="车辆 停车 停的车 私家车 轿车 面包车 货车 车主"),
         kw(any="堵住出口 堵住门口 堵住车库 挡住出口 挡住车库 堵门 挡门 出不去 开不出来 挪车 联系不上车主")),
     tags=["停车"])
rule("traffic.parking.plate-regex", "legal.traffic.illegal_parking", 88,
     ALL(regex("[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][a-hj-np-z][a-hj-np-z0-9]{4,5}[a-hj-np-z0-9挂学]"),
         kw(any="停在 停放 停车 挪车 堵住 挡住 占用")),
     tags=["停车", "车牌"])
rule("traffic.parking.title", "legal.traffic.illegal_parking", 85,
     title(any="停车 违停 挪车"), tags=["停车"])

# --- 楼宇破损 ----------------------------------------------------------------------------
rule("municipal.building.facade", "urban.municipal.building_damage", 90,
     kw(any="外墙脱落 外墙瓷砖脱落 瓷砖脱落 墙皮脱落 墙皮掉落 外墙皮 墙面脱落 墙体开裂 墙面开裂 外墙开裂 "
            "外墙砖 外立面脱落 墙体裂缝 楼体裂缝 楼板开裂 阳台开裂 雨棚脱落 空调架锈蚀"),
     tags=["楼宇"])
rule("municipal.building.stairs-doors", "urban.municipal.building_damage", 88,
     ALL(kw(any="楼道 楼梯 单元门 防盗门 扶手 窗户 玻璃 天台 雨棚 屋面 楼梯间"),
         kw(any="破损 损坏 坏了 掉落 脱落 破烂 断裂 松动 锈蚀 烂了 坏掉 碎了"),
         kw(none="物业费 物业公司 物业不作为 楼道灯 路灯 声控灯 电梯")),
     tags=["楼宇"])
rule("municipal.building.falling-objects", "urban.municipal.building_damage", 85,
     kw(any="高空坠物 掉下来砸 砸到人 砸坏车 掉落砸"), urgency="urgent", tags=["楼宇", "安全"])

# --- 管道泄漏 ----------------------------------------------------------------------------
rule("municipal.pipe.burst", "urban.municipal.pipe_leak", 90,
     kw(any="水管爆裂 水管破裂 水管爆了 爆管 管道破裂 管道爆裂 管道泄漏 管道漏水 管网漏水 自来水管漏 "
            "水管漏水 供水管道漏 主管道漏 阀门漏水 水表漏水 消防管漏水 暖气管漏 管道泄露"),
     urgency="urgent", tags=["供水"])
rule("municipal.pipe.road-water", "urban.municipal.pipe_leak", 88,
     ALL(kw(any="水管 管道 自来水 阀门 水表 消防栓 消火栓"),
         kw(any="漏水 冒水 喷水 往外冒 哗哗 浪费水 积水 一直流")),
     tags=["供水"])

# --- 污水外溢 ----------------------------------------------------------------------------
rule("municipal.sewage.overflow", "urban.municipal.sewage_overflow", 90,
     kw(any="污水外溢 污水横流 污水漫 污水冒出 污水倒灌 污水溢出 粪水外溢 粪水横流 化粪池满 化粪池外溢 "
            "化粪池堵 下水道堵 下水道堵塞 下水道反水 下水道冒 下水道返水 下水管堵 排水管堵 地漏返水 "
            "窨井冒水 雨污管堵 污水井 马桶返水 粪水", none="养殖 养猪 猪场 工厂 厂区 化工厂 企业排放"),
     tags=["排水"])
rule("municipal.sewage.smell-street", "urban.municipal.sewage_overflow", 85,
     ALL(kw(any="下水道 化粪池 排水沟 阴沟 污水管 窨井 雨水井 排污管"),
         kw(any="堵塞 堵了 不通 冒出 溢出 外溢 反水 臭气熏天 恶臭 臭味")),
     tags=["排水"])

# --- 井盖 --------------------------------------------------------------------------------
rule("municipal.manhole.missing", "urban.municipal.manhole", 92,
     ALL(kw(any="井盖 窨井盖 下水井盖 雨水井盖 检查井 井口 井圈 沙井盖"),
         kw(any="丢失 缺失 没了 不见 被盗 被偷 破损 破裂 断裂 损坏 松动 塌陷 下沉 翻转 移位 凹陷 没有盖 敞开 "
                "哐当 响声 掉进 踩空 摔倒 摔伤")),
     urgency="urgent", tags=["井盖"])
rule("municipal.manhole.any", "urban.municipal.manhole", 80,
     kw(any="井盖 窨井盖 雨水篦子 雨水箅子"), tags=["井盖"])
rule("municipal.manhole.fall", "urban.municipal.manhole", 100,
     ALL(kw(any="井盖 窨井 下水井 井口"), kw(any="掉进 掉下去 摔进 跌落 孩子掉 老人掉")),
     urgency="critical", tags=["井盖"])

# --- 飞线充电 ----------------------------------------------------------------------------
rule("safety.flying-wire.direct", "urban.safety.flying_wire_charging", 92,
     kw(any="飞线充电 飞线 私拉电线 私拉乱接 私接电线 拉线充电 插线板充电 楼道充电 楼道里充电 "
            "走廊充电 电动车进楼 电瓶车进楼 电动车上楼 电瓶车上楼 推进电梯 电动车进电梯 电瓶车进电梯 "
            "电池带回家充电 电瓶拿回家"),
     tags=["电动车", "消防"])
rule("safety.flying-wire.window", "urban.safety.flying_wire_charging", 90,
     ALL(kw(any="电动车 电瓶车 电动自行车 三轮车 电瓶"),
         kw(any="充电"),
         kw(any="楼上 窗户 阳台 楼道 走廊 过道 拉下来 垂下来 吊下来 电线 插座 插排")),
     tags=["电动车", "消防"])
rule("safety.flying-wire.title", "urban.safety.flying_wire_charging", 88,
     title(any="飞线 私拉电线 楼道充电"), tags=["电动车"])

# --- 供暖 --------------------------------------------------------------------------------
rule("housing.heating.not-warm", "urban.housing.heating", 90,
     kw(any="暖气不热 暖气不够热 暖气冰凉 暖气片不热 暖气片冰凉 暖气温度 暖气太凉 供暖不达标 供暖温度 "
            "室温不达标 供暖不足 不供暖 没供暖 停暖 暖气停了 暖气没来 集中供暖 供热公司 供暖公司 "
            "热力公司 暖气费 供暖费 采暖费 取暖费 暖气漏水 暖气跑水 地暖不热 供暖季"),
     tags=["供暖"])
rule("housing.heating.temperature-regex", "urban.housing.heating", 90,
     ALL(regex("(室温|屋里|室内|家里|温度)\\D{0,6}\\d{1,2}(\\.\\d)?\\s*(度|℃|°)"),
         kw(any="暖气 供暖 供热 采暖 很冷 太冷 冻得 冷得 冰凉")),
     tags=["供暖"])
rule("housing.heating.generic", "urban.housing.heating", 80,
     kw(any="暖气 供暖 供热 采暖", none="空调 热水器"), tags=["供暖"])

# --- 漏水渗水 (房屋) ----------------------------------------------------------------------
rule("housing.seepage.ceiling", "urban.housing.water_seepage", 88,
     ALL(kw(any="楼上 楼顶 屋顶 天花板 顶板 吊顶 卫生间 厨房 墙角 外墙 阳台 顶层 房顶 墙面 墙体 地下室"),
         kw(any="漏水 渗水 渗漏 滴水 往下滴 漏雨 发霉 霉斑 水渍 洇水 返潮")),
     tags=["渗漏"])
rule("housing.seepage.direct", "urban.housing.water_seepage", 85,
     kw(any="漏水 渗水 渗漏 漏雨 防水层 防水坏"), tags=["渗漏"])

# --- 物业服务 ----------------------------------------------------------------------------
rule("housing.property.fees", "urban.housing.property_service", 88,
     ALL(kw(any="物业 物管"),
         kw(any="乱收费 多收 收费标准 涨价 物业费 停车费 公摊 水电费 二次供水 维修基金 维修资金 公共收益")),
     tags=["物业"])
rule("housing.property.poor-service", "urban.housing.property_service", 86,
     kw(any="物业不作为 物业不管 物业不处理 物业服务差 物业服务质量 物业公司不 物业管理混乱 物业态度 "
            "物业推诿 物业敷衍 物业撤场 更换物业 物业交接 业委会 业主委员会 业主大会 前期物业 物业服务合同"),
     tags=["物业"])
rule("housing.property.cleaning-security", "urban.housing.property_service", 82,
     ALL(kw(any="物业 物管 保安 保洁 门卫"),
         kw(any="不打扫 没人打扫 卫生差 脏乱差 没人管 门禁坏 监控坏 不巡逻 大门敞开 随意进出 态度恶劣")),
     tags=["物业"])
rule("housing.property.generic", "urban.housing.property_service", 60,
     kw(any="物业公司 物业服务 物业管理 物业经理 物业人员 小区物业 物业费"), tags=["物业"])

# --- 独居老人 ----------------------------------------------------------------------------
rule("civil.elderly-alone.not-seen", "civil.social_service.elderly_alone", 95,
     ALL(kw(any="独居老人 空巢老人 孤寡老人 独居的老人 一个人住的老人 独自居住 老人独居 老太太一个人 "
                "老爷子一个人 老人一个人住"),
         kw(any="没出门 没见到 没看到 没有出门 联系不上 敲门没人应 敲门不应 电话不接 没动静 没开灯 "
                "几天没 好几天 报纸没拿 牛奶没拿")),
     urgency="urgent", tags=["独居老人"])
rule("civil.elderly-alone.care", "civil.social_service.elderly_alone", 90,
     kw(any="独居老人 空巢老人 孤寡老人 独居的老人 老人独居"), tags=["独居老人"])
rule("civil.elderly-alone.regex-days", "civil.social_service.elderly_alone", 95,
     ALL(kw(any="老人 老太太 老大爷 老爷子 大爷 大妈 奶奶 爷爷"),
         regex("(连续|已经|已|有)\\s*\\d+\\s*天(没|未|都没)"),
         kw(any="出门 露面 见到 看到 联系 应门 开门")),
     urgency="urgent", tags=["独居老人"])

# =======================================================================================
# other third-level leaves (grassroots governance)

# --- 电梯故障 (特种设备) -------------------------------------------------------------------
rule("elevator.trapped", "commerce.quality_inspection.elevator", 100,
     ALL(kw(any="电梯 梯内 轿厢"), kw(any="困人 被困 关在里面 困在 卡在半空 掉层 下坠 坠落 急停 夹人 夹伤")),
     urgency="urgent", tags=["电梯"])
rule("elevator.fault", "commerce.quality_inspection.elevator", 80,
     kw(any="电梯故障 电梯坏 电梯停运 电梯停用 电梯停了 电梯不能用 电梯经常坏 电梯年检 电梯维保 电梯维修 "
            "电梯异响 电梯安全 电梯问题 电梯质量 电梯老化 电梯检验 电梯存在 电梯事故 电梯门"),
     tags=["电梯"])
rule("elevator.special-equipment", "commerce.quality_inspection", 60,
     kw(any="特种设备 锅炉压力 压力容器 游乐设施 起重机械 质量技术监督 质监局"), tags=["特种设备"])
rule("elevator.generic", "commerce.quality_inspection.elevator", 45,
     ALL(kw(any="电梯", none="加装电梯"), kw(any="物业 小区 业主 住户 楼栋")), tags=["电梯"])

# --- 垃圾清运 ----------------------------------------------------------------------------
rule("municipal.garbage.piling", "urban.municipal.garbage", 85,
     kw(any="垃圾清运 垃圾堆积 垃圾成堆 垃圾堆放 垃圾满了 垃圾没人清 垃圾无人清理 垃圾没人收 垃圾桶满 "
            "垃圾桶溢 垃圾站 垃圾中转站 垃圾房 建筑垃圾 装修垃圾 乱倒垃圾 乱扔垃圾 垃圾乱扔 生活垃圾 "
            "垃圾分类 大件垃圾 垃圾车 清运不及时 垃圾发臭 垃圾清理"),
     tags=["环卫"])
rule("municipal.garbage.burning", "env.pollution", 88,
     kw(any="焚烧垃圾 垃圾焚烧 烧垃圾 露天焚烧 焚烧秸秆 烧秸秆 焚烧电缆 烧塑料"), tags=["大气污染"])
rule("municipal.garbage.title", "urban.municipal.garbage", 80,
     title(any="垃圾"), tags=["环卫"])

# --- 路灯 --------------------------------------------------------------------------------
rule("municipal.street-light.broken", "urban.municipal.street_light", 85,
     ALL(kw(any="路灯 街灯 照明灯 景观灯 庭院灯 楼道灯 声控灯"),
         kw(any="不亮 坏了 损坏 黑灯 一片漆黑 漆黑 太暗 熄灭 没有灯 没灯 闪烁 倒了 歪了 白天亮 常亮")),
     tags=["路灯"])
rule("municipal.street-light.any", "urban.municipal.street_light", 70,
     kw(any="路灯 街灯 路灯杆"), tags=["路灯"])

# --- 占道经营 ----------------------------------------------------------------------------
rule("municipal.road-occupation.stalls", "urban.municipal.road_occupation", 85,
     kw(any="占道经营 出店经营 店外经营 流动摊贩 流动摊点 摆摊设点 乱摆摊 占道摆摊 马路市场 马路菜场 "
            "夜市摊 小摊贩 摊贩 占用人行道经营 跨门营业 违规摆摊 占道洗车"),
     tags=["城管"])
rule("municipal.road-occupation.stuff", "urban.municipal.road_occupation", 80,
     ALL(kw(any="摆摊 摊位 商户 店铺 门店 餐馆 饭店 水果店 修车"),
         kw(any="占道 占用人行道 占用道路 占用公共 桌椅 摆到路上 摆到人行道 堆放杂物")),
     tags=["城管"])

# --- 道路破损 ----------------------------------------------------------------------------
rule("municipal.road.potholes", "transport.construction.road_damage", 82,
     ALL(kw(any="路面 道路 马路 人行道 街道 巷子 小区路 便道 辅道 路段"),
         kw(any="坑洼 坑坑洼洼 大坑 破损 塌陷 开裂 下沉 翻浆 砖块松动 地砖松动 积水严重 凹凸不平 坑洞")),
     tags=["道路"])
rule("municipal.road.title", "transport.construction.road_damage", 75,
     title(any="路面破损 道路破损 坑洼 路面塌陷"), tags=["道路"])

# --- 停水停电 ----------------------------------------------------------------------------
rule("municipal.outage.water", "urban.municipal.water_power_outage", 85,
     kw(any="停水 断水 没有水 没水了 水压低 水压太低 水压不足 自来水不来 水龙头不出水 不出水 供水不足 "
            "经常停水 无故停水 长期停水"),
     tags=["供水"])
rule("municipal.outage.power", "urban.municipal.water_power_outage", 85,
     kw(any="停电 断电 跳闸 电压不稳 电压低 频繁停电 无故停电 经常停电 没有电 没电了 拉闸限电 供电不稳"),
     tags=["供电"])
rule("municipal.water-quality", "urban.municipal", 75,
     ALL(kw(any="自来水 二次供水 水箱 饮用水 水龙头"),
         kw(any="浑浊 发黄 黄水 异味 霉味 锈水 有沉淀 水质")),
     tags=["供水"])

# --- 流浪犬 / 养犬 -----------------------------------------------------------------------
rule("municipal.dogs.stray", "urban.municipal.stray_dogs", 85,
     kw(any="流浪狗 流浪犬 野狗 恶犬 烈性犬 大型犬 不拴绳 没拴绳 不牵绳 遛狗不牵 狗咬人 被狗咬 狗伤人 "
            "狗屎 狗粪 狗便 养狗扰民 狗叫扰民 犬只 养犬"),
     tags=["养犬"])
rule("municipal.dogs.bite", "urban.municipal.stray_dogs", 95,
     ALL(kw(any="狗咬 被狗 大狗 小狗 野狗 恶犬 犬只 宠物狗 的狗 条狗"), kw(any="咬伤 咬了 被咬 扑咬 追咬")), urgency="urgent", tags=["养犬"])

# --- 共享单车 ----------------------------------------------------------------------------
rule("municipal.shared-bikes", "urban.municipal.shared_bikes", 91,
     kw(any="共享单车 共享电单车 共享电动车 小黄车 哈啰单车 美团单车 青桔单车 单车乱停 单车堆放"),
     tags=["共享单车"])

# --- 绿化 --------------------------------------------------------------------------------
rule("municipal.greening.trees", "urban.municipal.greening", 80,
     ALL(kw(any="树木 树枝 树杈 绿化带 草坪 灌木 行道树 大树 枯树"),
         kw(any="修剪 砍伐 挡住 遮挡 挡光 倒伏 倒了 压到 枯死 枯萎 虫害 毛毛虫 飞絮 杨絮 柳絮 剪枝 伸进")),
     tags=["绿化"])
rule("municipal.greening.occupied", "urban.municipal.greening", 78,
     kw(any="毁绿 毁坏绿化 绿化带被 绿地被占 侵占绿地 绿化带种菜 绿地种菜 公共绿地 绿化养护 绿化缺失 绿化率"),
     tags=["绿化"])

# --- 公交 --------------------------------------------------------------------------------
rule("municipal.bus.service", "urban.municipal.bus", 78,
     ALL(kw(any="公交 公交车 公共汽车 巴士", none="客运一体化 城乡客运 客运班车 交通局 运管"),
         kw(any="线路 班次 站点 站台 发车 间隔 等车 末班 首班 司机 拒载 甩站 不停靠 绕行 开通 增设 延长 调整 "
                "刷卡 投币 候车亭 站牌")),
     tags=["公交"])
rule("municipal.bus.generic", "urban.municipal.bus", 12,
     kw(any="公交车 公交线路 公交站 公交公司 公交集团 坐公交 公交"), tags=["公交"])

# --- 违章搭建 ----------------------------------------------------------------------------
rule("planning.illegal-construction.direct", "urban.planning.illegal_construction", 85,
     kw(any="违章搭建 违章建筑 违法建筑 违法建设 违建 私搭乱建 乱搭乱建 私搭 加盖 搭建阳光房 楼顶加层 "
            "顶楼加盖 屋顶加盖 圈占 占用公共空间 封闭阳台外扩 拆除违"),
     tags=["违建"])
rule("planning.illegal-construction.yard", "urban.planning.illegal_construction", 80,
     ALL(kw(any="搭建 搭了 盖了 建了 围起来 圈起来"),
         kw(any="棚子 铁皮房 彩钢房 板房 围墙 院子 小院 花园 车库 露台 楼顶 一楼")),
     tags=["违建"])

# --- 拖欠工资 ----------------------------------------------------------------------------
rule("labour.wages.teachers-first", "edu.teachers", 86,
     ALL(kw(any="教师 老师 代课 教职工 班主任 校长"),
         kw(any="工资 绩效 津贴 补贴 待遇 课时费 编制")),
     tags=["教师"])
rule("labour.wage-arrears.direct", "labour.wages.wage_arrears", 85,
     kw(any="拖欠工资 欠薪 讨薪 拖欠农民工工资 拖欠员工工资 拖欠我们工资 拖欠我的工资 工资拖欠 不发工资 "
            "没发工资 未发工资 克扣工资 拖欠薪水 工资不发 工钱 工资一直没 拖欠工人工资 恶意欠薪 讨要工资"),
     tags=["欠薪"])
rule("labour.wage-arrears.months", "labour.wages.wage_arrears", 85,
     ALL(kw(any="工资 薪水 工钱 薪资"),
         regex("(拖欠|欠|没发|未发|不发)[^，。,.]{0,8}(\\d+|[一二三四五六七八九十半两几]+)\\s*个?(月|年)")),
     tags=["欠薪"])

# --- 消防通道 ----------------------------------------------------------------------------
rule("security.fire-passage", "urban.safety.fire_passage", 90,
     kw(any="消防通道 生命通道 消防车道 疏散通道 安全出口 消防登高面"), urgency="urgent", tags=["消防"])
rule("security.fire-passage.corridor-stuff", "urban.safety.fire_passage", 85,
     ALL(kw(any="楼道 走廊 过道 楼梯间"), kw(any="堆放杂物 堆满杂物 堆杂物 堆放 纸箱 堆满 占用")),
     tags=["消防"])

# --- 低保 --------------------------------------------------------------------------------
rule("civil.subsistence", "civil.social_assistance.subsistence", 80,
     kw(any="低保 最低生活保障 低保户 低保金 特困供养 临时救助",
        none="社保 养老保险 医保 廉租房 公租房 拆迁 危房改造 下岗职工 住房"),
     tags=["救助"])

# --- 食品安全 ----------------------------------------------------------------------------
rule("market.food-safety", "commerce.market_regulation.food_safety", 80,
     kw(any="食品安全 过期食品 过期食物 吃坏肚子 食物中毒 地沟油 无证餐饮 后厨脏 三无食品 黑作坊 死猪肉 "
            "注水肉 病死猪肉 食品卫生 腐烂变质"),
     tags=["食品安全"])
rule("market.food-safety.school-canteen", "commerce.market_regulation.food_safety", 82,
     ALL(kw(any="食堂 外卖 餐厅 饭店 超市 蛋糕 熟食"), kw(any="变质 发霉 过期 异物 虫子 头发 拉肚子 腹泻 呕吐 中毒")),
     tags=["食品安全"])

# --- 教育乱收费 --------------------------------------------------------------------------
rule("edu.fees.arbitrary", "edu.fees.arbitrary_charges", 82,
     ALL(kw(any="学校 学生 家长 班主任 幼儿园 小学 初中 中学 高中 学院 大学 教育局"),
         kw(any="乱收费 强制收费 违规收费 收取费用 资料费 补课费 校服费 择校费 赞助费 借读费 代收费 "
                "强制购买 强制订购 收费标准 额外收费 收费项目 收费不合理")),
     tags=["教育收费"])

# =======================================================================================
# second-level categories

# --- 城乡建设 urban ----------------------------------------------------------------------
rule("urban.safety.hazard", "urban.safety", 60,
     kw(any="安全隐患 安全事故 重大隐患 事故隐患 存在隐患 安全生产 危险源 危化品仓库 倒塌 垮塌",
        none="学校 学生 电梯 出租车 景区 开采 采石 矿山 矿业 辐射 基站 环保 污染 公交 客运 高压线"),
     tags=["安全隐患"])
rule("urban.safety.dangerous-house", "urban.safety", 62,
     kw(any="危房 危楼 D级危房 C级危房 房屋鉴定 房屋安全鉴定 房屋倾斜", none="危房改造 改造"),
     urgency="urgent", tags=["危房"])
rule("urban.municipal.city-mgmt", "urban.municipal", 40,
     kw(any="城管 市容 环卫 市政 城市管理 文明城市 背街小巷 城市建设 老旧小区改造 提质改造 雨污分流 "
            "下水管网 排水管网 内涝 积水 地下通道 人行天桥 过街天桥 公厕 公共厕所 洒水车 市政设施 "
            "城市道路 道路建设 修路 断头路 路网 管网 亮化 提质提档"),
     tags=["市政"])
rule("urban.municipal.metro", "urban.municipal", 45,
     kw(any="地铁 城铁 轨道交通 地铁站 地铁口 轻轨 城际铁路 磁浮"), tags=["地铁"])
rule("urban.municipal.parks", "urban.municipal", 45,
     kw(any="公园 广场 健身器材 健身路径 休闲场所 游园 口袋公园 绿道"), tags=["公园"])
rule("urban.municipal.utilities", "urban.municipal", 42,
     kw(any="天然气 管道燃气 燃气公司 开通燃气 通燃气 燃气开户 自来水公司 供水公司 自来水 通水 供电公司 "
            "电力公司 国家电网 供电局 变压器 电线杆 高压线 光纤入户"),
     tags=["公用事业"])
rule("urban.planning.plan", "urban.planning", 50,
     kw(any="规划局 规划部门 规划方案 规划图 规划许可 容积率 采光 日照 挡光 楼间距 建筑间距 控规 总规 "
            "修规 变更规划 更改规划 擅自改变规划 规划调整 规划公示 规划设计 历史文化名城 历史街区 "
            "规划变更 原规划"),
     tags=["规划"])
rule("urban.village.new-countryside", "urban.village_town", 50,
     kw(any="新农村建设 美丽乡村 小城镇建设 特色小镇 村庄整治 农村人居环境 乡村振兴 村容村貌 农村建房 "
            "农民建房 自建房审批 建房审批 农村危房改造 村危房改造"),
     tags=["村镇"])
rule("urban.quality.construction", "urban.construction_quality", 55,
     kw(any="工程质量 质量问题 房屋质量 建筑质量 偷工减料 豆腐渣 墙体空鼓 空鼓 裂缝 楼板 抗震 施工安全 "
            "施工围挡 深基坑 脚手架 塔吊 质量安全 质量监督站 主体结构"),
     tags=["工程质量"])
rule("urban.expropriation.state", "urban.state_land_expropriation", 55,
     kw(any="房屋征收 征收补偿 拆迁补偿 拆迁安置 安置补偿 安置房 回迁房 回迁 棚户区 棚改 城中村改造 "
            "危房改造 旧城改造 强拆 拆迁办 征收办 货币补偿 产权置换 拆迁户 过渡费 被拆迁"),
     tags=["征收拆迁"])
rule("urban.demolition.collective", "urban.collective_land_demolition", 60,
     ALL(kw(any="集体土地 村民 农村 宅基地 村里 组里"),
         kw(any="拆迁 强拆 拆除房屋 安置 补偿 回迁")),
     tags=["征收拆迁"])
rule("urban.market.bidding", "urban.construction_market", 55,
     kw(any="招投标 招标投标 工程招标 串标 围标 中标 招标代理 投标人 建筑市场 资质挂靠 挂靠资质 转包 "
            "违法分包 拖欠工程款 工程款 施工单位资质 建筑企业 建筑公司资质 公共资源交易 勘察设计"),
     tags=["建筑市场"])
rule("urban.housing.provident-fund", "urban.housing", 55,
     kw(any="公积金中心 住房公积金 公积金贷款 提取公积金 公积金提取 公积金缴存 公积金"),
     tags=["公积金"])
rule("urban.housing.affordable", "urban.housing", 55,
     kw(any="廉租房 公租房 保障性住房 保障房 经济适用房 经适房 人才公寓 住房困难 住房补贴 房屋补贴 "
            "租赁补贴 公房 直管公房 单位公房 房改房 房改"),
     tags=["住房保障"])
rule("urban.housing.real-estate", "urban.housing", 50,
     kw(any="开发商 房地产 商品房 楼盘 交房 延期交房 逾期交房 房产证 不动产登记 不动产权证 办证 网签 "
            "预售 购房合同 首付 按揭 精装修 烂尾楼 烂尾 产权证 房管局 住建局 住房和城乡建设 房屋租赁 "
            "租房 房租 二手房 学区房 售楼"),
     tags=["房地产"])
rule("urban.housing.renovation", "urban.housing", 45,
     kw(any="维修基金 维修资金 房屋维修 修缮 翻修 装修公司 装修质量"), tags=["修缮"])
rule("urban.other.title", "urban.other", 20, title(any="城市建设 城建"))

# --- 环境保护 env ------------------------------------------------------------------------
rule("env.pollution.water", "env.pollution", 60,
     kw(any="水污染 污染河流 污染水源 污染河道 污水直排 直接排放 排入河 排进河 偷排 乱排 排污口 工业废水 "
            "废水 污水处理厂 黑臭水体 死鱼 鱼虾 水体发黑 饮用水源 地下水 养殖废水 猪粪"),
     tags=["水污染"])
rule("env.pollution.air", "env.pollution", 60,
     kw(any="大气污染 废气 粉尘 扬尘 浓烟 黑烟 烟尘 刺鼻 刺激性气味 臭气 恶臭 异味 毒气 有害气体 沥青 "
            "油漆味 喷漆 锅炉 烟囱 二氧化硫 熏得 气味难闻", none="洒水车 垃圾场 垃圾站"),
     tags=["大气污染"])
rule("env.pollution.solid-soil", "env.pollution", 60,
     kw(any="固体废物 固废 危废 危险废物 医疗废物 废渣 尾矿 重金属 土壤污染 垃圾填埋场 填埋场 废旧电池 "
            "化工废料 倾倒 偷倒"),
     tags=["固废"])
rule("env.pollution.radiation", "env.pollution", 60,
     kw(any="电磁辐射 辐射 信号塔 发射塔 通信基站 基站 高压电塔 变电站 放射性"), tags=["辐射"])
rule("env.pollution.livestock", "env.pollution", 60,
     kw(any="养猪场 养殖场 猪场 养鸡场 养牛场 畜禽养殖 养殖污染 猪粪"), tags=["养殖污染"])
rule("env.pollution.industry", "env.pollution", 55,
     ALL(kw(any="工厂 厂区 企业 化工厂 加工厂 搅拌站 砂场 沙场 采石场 石场 矿场 洗砂 作坊 小厂"),
         kw(any="污染 排放 气味 臭味 粉尘 噪音 废水 废气 烟尘 黑烟 浓烟")),
     tags=["工业污染"])
rule("env.pollution.generic", "env.pollution", 40,
     kw(any="污染严重 严重污染 环境污染 污染环境 生态破坏 破坏生态 植被破坏 水土流失 污染源 污染物"),
     tags=["污染"])
rule("env.management.agency", "env.management", 40,
     kw(any="环保局 环保部门 生态环境局 环境保护局 环保厅 环保督察 环境监测 环境执法 环保执法 环保设施 "
            "环保验收 环保整改 环境信访"),
     tags=["环保"])
rule("env.approval", "env.project_approval", 62,
     kw(any="环评 环境影响评价 环评报告 环评手续 未批先建 未验先用 环评造假 环境影响报告 环评公示"),
     tags=["环评"])
rule("env.other.title", "env.other", 20, title(any="环保 环境问题"))

# --- 交通运输 transport ------------------------------------------------------------------
rule("transport.taxi", "transport.taxi", 60,
     kw(any="出租车 的士 网约车 滴滴 打表 不打表 拒载 绕路 议价 出租车司机 份子钱 营运证 巡游车 出租车公司"),
     tags=["出租车"])
rule("transport.illegal-operation", "transport.passenger_freight", 60,
     kw(any="非法营运 黑车 摩的 非法载客 客运站 汽车站 长途车 客运 班线 大巴 中巴 "
            "超员 货运 货车司机 物流公司 物流园 运输公司 治超"),
     tags=["客货运输"])
rule("transport.post", "transport.postal", 60,
     kw(any="快递 邮政 包裹 快件 邮件 邮局 邮递员 快递员 顺丰 圆通 中通 申通 韵达 京东物流 菜鸟驿站 丰巢 "
            "快递柜 取件 派件 丢件 寄件"),
     tags=["快递"])
rule("transport.roads", "transport.construction", 55,
     kw(any="高速公路 高速路 国道 省道 县道 乡道 村道 公路局 公路段 交通局 交通运输局 收费站 过路费 "
            "路桥费 ETC 服务区 公路建设 道路硬化 通村公路 农村公路 桥梁 大桥 路政 公路养护 路面破损 拓宽改造"),
     tags=["公路"])
rule("transport.general.title", "transport.general", 30, title(any="交通 运输 出行"))
rule("transport.other.congestion", "transport.other", 40,
     kw(any="堵车 拥堵 交通拥堵 道路拥堵 塞车 堵得"), tags=["拥堵"])

# --- 卫生计生 health ---------------------------------------------------------------------
rule("health.family-planning", "health.family_planning", 60,
     kw(any="计生办 计划生育 准生证 生育证 二胎 二孩 三孩 社会抚养费 独生子女 失独 结扎 再婚 再生育 "
            "超生 生育指标 生育服务证 计生 奖励扶助 特别扶助"),
     tags=["计生"])
rule("health.medical-dispute", "health.medical_dispute", 65,
     kw(any="医疗事故 医疗纠纷 医患纠纷 误诊 漏诊 手术失败 医疗过错 医疗鉴定 病历 患者家属 患者权益 "
            "医闹 打医生 医护人员被打 抢救不及时 延误治疗 治疗失败 致残 致死 医院推诿"),
     tags=["医患"])
rule("health.medical-admin", "health.medical_administration", 55,
     kw(any="非法行医 无证行医 黑诊所 卫生院 卫生室 乡村医生 村医 社区卫生服务中心 执业医师 医师资格 "
            "医院收费 乱收费 过度治疗 过度检查 医德 医生态度 护士态度 挂号难 看病难 就诊 医疗美容 "
            "医美 卫健委 卫生局 卫计委 卫生厅 医院管理 医务人员"),
     tags=["医政"])
rule("health.hospital-generic", "health.medical_administration", 20,
     kw(any="医院 医生 护士 看病 住院 门诊 急诊 挂号",
        none="小区 业主 开发商 交房 楼盘 人行道 环保局 污染 工伤 医保 社保 退休"),
     tags=["医政"])
rule("health.food-drug", "health.food_drug", 60,
     kw(any="药品 假药 药店 药房 处方药 医疗器械 药价 药监局 疫苗"), tags=["药品"])
rule("health.public-health", "health.public_health", 40,
     kw(any="传染病 疫情 流感 发热病人 疾控中心 疾控 防疫 消杀 蚊虫 灭鼠 蟑螂 登革热 手足口 结核 狂犬疫苗 "
            "艾滋病 突发公共卫生"),
     tags=["公共卫生"])
rule("health.other.title", "health.other", 20, title(any="卫生 健康"))

# --- 商贸旅游 commerce -------------------------------------------------------------------
rule("commerce.pyramid-selling", "commerce.market_regulation", 70,
     kw(any="传销 直销 拉人头 发展下线 下线 传销组织 传销窝点 资金盘 拉人入伙"), urgency="urgent",
     tags=["传销"])
rule("commerce.consumer-rights", "commerce.market_regulation", 55,
     kw(any="消费者 虚假宣传 价格欺诈 欺骗消费者 霸王条款 退款 不予退款 拒绝退款 退费 预付卡 会员卡 "
            "储值卡 充值卡 保健品 化妆品 卷款跑路 跑路 缺斤少两 短斤少两 假冒伪劣 假货 以次充好 售后服务 售后 商标 "
            "工商局 工商部门 工商所 市场监管局 市场监督管理局 物价局 明码标价 哄抬物价 乱涨价 价格监管 "
            "不正当竞争 广告 虚假广告 中介公司 中介费"),
     tags=["消费维权"])
rule("commerce.monopoly", "commerce.trade", 55,
     kw(any="垄断 强买强卖 欺行霸市 行霸市 指定购买 独家经营 市场垄断 进出口 外贸 反倾销 劳务输出"),
     tags=["商业贸易"])
rule("commerce.quality", "commerce.quality_inspection", 55,
     kw(any="产品质量 检验检疫 质检 计量 检测报告 合格证 3C认证 标准化 生猪屠宰 私屠滥宰 屠宰 检疫证明"),
     tags=["质监"])
rule("commerce.tourism", "commerce.tourism", 60,
     kw(any="旅行社 导游 旅游团 低价团 强制购物 一日游 景区门票 景区管理 景区收费 旅游投诉 宰客 黑导游 "
            "旅游合同 跟团游"),
     tags=["旅游"])
rule("commerce.tourism.generic", "commerce.tourism", 20,
     kw(any="景区 旅游 游客 门票 景点 风景区 5A景区 4A景区 民宿 旅游局 文旅局",
        none="规划 修建 建设 道路 公路 广场 小城镇 美丽乡村"),
     tags=["旅游"])
rule("commerce.other.title", "commerce.other", 20, title(any="商贸 商业 市场"))

# --- 教育文体 edu ------------------------------------------------------------------------
rule("edu.teachers", "edu.teachers", 60,
     kw(any="教师 老师工资 教师待遇 教师编制 代课教师 民办教师 特岗教师 教师招聘 教师资格 乡村教师 "
            "班主任 教职工 师资 师德 体罚 老师打学生 教师职称 评职称 支教"),
     tags=["教师"])
rule("edu.fees", "edu.fees", 60,
     kw(any="学费 补课费 择校费 借读费 校服费 教辅资料 学杂费"),
     tags=["教育收费"])
rule("edu.tutoring", "edu.administration", 62,
     kw(any="补课 违规补课 有偿补课 补习 培训机构 校外培训 课外辅导 辅导班 托管班 晚托"),
     tags=["补课"])
rule("edu.admission", "edu.exams_admission", 62,
     kw(any="招生 入学 就近入学 划片 学区 学位 择校 中考 高考 小升初 幼升小 考试成绩 录取 分数线 招生计划 "
            "艺考 自主招生 考场 考生 学籍 转学 异地高考 随迁子女", none="公务员 事业单位 遴选 执业医师 医师资格"),
     tags=["招生考试"])
rule("edu.administration", "edu.administration", 25,
     kw(any="教育局 教育厅 教育部门 学校 校长 学生 小学 初中 中学 高中 幼儿园 义务教育 年级 班级 教学 "
            "课程 作业 课本 教材 校园 校车 营养餐 午休 寒假 暑假 开学 放学 上课 职业学校 中职 技校 大学 "
            "学院 高校 研究生 毕业证 学历 民办学校 私立学校"),
     tags=["教育"])
rule("edu.system", "edu.system", 58,
     kw(any="教育资源 教育公平 教育改革 教育体制 均衡发展 大班额 学校布局 撤并 撤点并校 集团化办学 教育资源配置"),
     tags=["教育体制"])
rule("edu.dropout", "edu.dropout", 62,
     kw(any="辍学 失学 上不起学 助学金 教育救助 希望工程 贫困学生 助学贷款 留守儿童上学"), tags=["助学"])
rule("edu.sports", "edu.sports", 40,
     kw(any="体育 体育馆 体育场 运动场 足球 篮球 马拉松 全民健身 游泳馆 体育局 运动员 赛事 比赛场地"),
     tags=["体育"])
rule("edu.culture", "edu.culture", 58,
     kw(any="文化馆 图书馆 博物馆 书店 电影院 网吧 演出 文艺 非遗 非物质文化遗产 农家书屋 文化站 "
            "文化广场 文化市场 游戏厅 剧场"),
     tags=["文化"])
rule("edu.heritage", "edu.heritage", 64,
     kw(any="文物 古建筑 古迹 遗址 古墓 文保单位 文物保护 古村落 古民居 历史建筑 故居 牌坊 古塔"),
     tags=["文物"])

# --- 劳动和社会保障 labour ---------------------------------------------------------------
rule("labour.resident-insurance", "labour.resident_insurance", 62,
     kw(any="新农合 新型农村合作医疗 农村合作医疗 城乡居民医保 居民医保 城乡居民养老保险 居民养老保险 "
            "城镇居民医疗保险 城居保 农村养老保险 新农保 合作医疗"),
     tags=["社保"])
rule("labour.employee-insurance", "labour.employee_insurance", 60,
     kw(any="社保 社会保险 养老保险 医疗保险 医保 工伤 工伤认定 工伤保险 生育保险 失业保险 失业金 参保 "
            "缴费年限 社保卡 社保局 社保中心 补缴 断缴 职工医保 养老保险关系转移 社保转移"),
     tags=["社保"])
rule("labour.retirement", "labour.retirement", 64,
     kw(any="退休金 养老金 退休工资 退休待遇 退休年龄 办理退休 提前退休 病退 内退 内部退养 退休人员 "
            "退休职工 退休工人 退休政策 延迟退休 退休教师 视同缴费 工龄认定 养老金调整"),
     tags=["退休"])
rule("labour.relations", "labour.relations", 60,
     kw(any="劳动合同 劳动关系 劳动争议 劳务派遣 非法用工 辞退 解雇 开除 解除劳动 经济补偿 赔偿金 试用期 "
            "用人单位 劳动者 农民工权益 用工 童工 竞业 离职证明 违约金 签合同 不签合同 双倍工资 "
            "劳动仲裁 仲裁委 劳动监察 劳动局 人社局 人社厅 人力资源和社会保障 人力资源社会保障"),
     tags=["劳动关系"])
rule("labour.protection", "labour.protection", 62,
     kw(any="加班费 强制加班 加班工资 无偿加班 带薪年假 超时工作 996工作制 高温补贴 高温津贴 "
            "职业病 尘肺 女职工权益 产假 哺乳期 劳动保护 劳保用品 防护用品 劳动环境"),
     tags=["劳动保护"])
rule("labour.wages", "labour.wages", 20,
     kw(any="工资 最低工资 工资标准 工资调整 福利待遇 绩效工资 年终奖 奖金 津贴 补贴标准 住房补贴 "
            "车补 饭补 薪酬 薪资 工资条 工资发放",
        none="房价 买房 购房 工程款 公租房 廉租房 挂靠 招标"),
     tags=["工资"])
rule("labour.employment", "labour.employment", 60,
     kw(any="就业 再就业 灵活就业 创业 招聘 招工 求职 失业登记 就业困难 公益性岗位 职业培训 技能培训 "
            "职业技能鉴定 职业资格 职业技能 技能证书 人才引进 人才补贴 见习 大学生就业"),
     tags=["就业"])
rule("labour.social-fund", "labour.social_fund", 66,
     kw(any="社保基金 养老保险基金 医保基金 基金管理 挪用社保 骗保 套保"), tags=["社保基金"])
rule("labour.public-servants", "labour.other", 45,
     kw(any="事业单位 公务员 参公 编制 人事局 人事厅 人事部门 人事档案 档案托管 职称评定 职称"),
     tags=["人事"])

# --- 党务政务 party ----------------------------------------------------------------------
rule("party.building", "party.party_building", 60,
     kw(any="党支部 党组织 党员发展 入党 党费 组织关系转接 党建工作 三会一课 主题党日 党员活动"), tags=["党建"])
rule("party.hmt-overseas", "party.hmt_overseas", 60,
     kw(any="台胞 台商 港澳同胞 港澳居民 华侨 侨胞 归侨 侨眷 侨务 台湾同胞 港澳通行证 回乡证"), tags=["港澳台侨"])
rule("party.defense-foreign", "party.defense_foreign", 60,
     kw(any="征兵 兵役 国防教育 民兵 人武部 外事办 外国人 外籍人员 领事 军事设施 国防"), tags=["国防外交"])
rule("party.ethnic-religion", "party.ethnic_religion", 60,
     kw(any="宗教 寺庙 寺院 教堂 清真 宗教活动场所 民宗局 少数民族 民族政策 民族成分 烧香"), tags=["民族宗教"])
rule("party.mass-orgs", "party.mass_orgs", 60,
     kw(any="工会 妇联 共青团 团委 残联 工会会员 工会经费 妇女权益 家庭暴力 家暴", none="工会主席"),
     tags=["群团"])
rule("party.publicity", "party.publicity", 30,
     kw(any="网络谣言 谣言 不良信息 网络直播 低俗 广播电视 有线电视 电视信号 机顶盒 新闻报道 记者 "
            "精神文明 文明创建 志愿服务 出版物 盗版书"),
     tags=["宣传舆论"])
rule("party.political-system", "party.political_system", 60,
     kw(any="人大代表 政协委员 人大常委会 政协提案 统战 两会 建议提案 代表建议 议案"), tags=["政治体制"])
rule("party.other.title", "party.other", 20, title(any="政务公开 信息公开"))
rule("party.gov-info", "party.other", 45,
     kw(any="政府信息公开 信息公开申请 政务服务 办事大厅 一网通办 12345热线 热线打不通 "
            "热线一直占线 不回复 敷衍回复"),
     tags=["政务服务"])

# --- 国土资源 land -----------------------------------------------------------------------
rule("land.expropriation", "land.expropriation", 40,
     ALL(kw(any="征地 土地征收 征收土地 征用土地 占用土地 占地 青苗补偿 土地补偿 失地农民 征地补偿 "
                "被征地 地上附着物"),
         kw(none="房屋征收 拆迁安置 安置房")),
     tags=["征地"])
rule("land.management", "land.land_management", 58,
     kw(any="国土局 国土资源局 自然资源局 土地证 土地使用权 土地出让 土地转让 土地纠纷 土地权属 "
            "耕地保护 基本农田 占用耕地 非法占地 毁田 土地性质 土地确权 林地占用 违法用地",
        none="房产证 不动产 廉租房 幼儿园 交房"),
     tags=["土地"])
rule("land.mineral", "land.mineral", 35,
     kw(any="采矿 非法开采 开采 采石场 矿山 矿场 矿区 洗矿 选矿 采砂 河道采砂 盗采 偷采 地质灾害 "
            "采空区 尾矿库 探矿"),
     tags=["矿产"])
rule("land.ocean-weather", "land.ocean_weather_quake", 60,
     kw(any="气象局 天气预报 人工降雨 地震 海洋 渔船 海域 海岸 防雷 雷击 台风预警"), tags=["气象地震"])

# --- 纪检监察 discipline -----------------------------------------------------------------
rule("discipline.corruption", "discipline.corruption", 30,
     kw(any="贪污 受贿 行贿 索贿 挪用公款 侵吞 私分 中饱私囊 回扣 红包 收受 送礼 买官卖官 贪腐 腐败 "
            "财产来源不明 套取资金 虚报冒领 截留 克扣补贴"),
     tags=["廉政"])
rule("discipline.abuse", "discipline.abuse_of_power", 30,
     kw(any="以权谋私 滥用职权 打击报复 仗势欺人 徇私舞弊 优亲厚友 权钱交易 利用职务 利用职权 "
            "违规提拔 吃拿卡要 乱作为"),
     tags=["滥用职权"])
rule("discipline.dereliction", "discipline.dereliction", 28,
     kw(any="玩忽职守 失职渎职 渎职 包庇纵容 懒政怠政 官官相护 充当保护伞"),
     tags=["失职"])
rule("discipline.conduct", "discipline.conduct", 28,
     kw(any="公款吃喝 公款旅游 公车私用 大吃大喝 奢靡 享乐主义 形式主义 官僚主义 工作作风 上班时间打牌 "
            "上班玩手机 上班打游戏 门难进 脸难看 事难办 态度蛮横 婚丧喜庆 大操大办"),
     tags=["作风"])
rule("discipline.sanctions", "discipline.sanctions", 30,
     kw(any="纪委 监委 纪检 监察委 党纪处分 政纪处分 双开 留党察看 记过处分 处分决定 违纪"),
     tags=["纪检"])

# --- 经济管理 economy --------------------------------------------------------------------
rule("economy.work-safety", "economy.work_safety", 58,
     ALL(kw(any="企业 工厂 矿井 煤矿 烟花爆竹 危化品 化工企业 加油站"),
         kw(any="安全生产 安全事故 生产事故 安全隐患 爆炸 泄漏 安监局 应急管理局")),
     tags=["安全生产"])
rule("economy.finance.illegal", "economy.finance_tax", 62,
     kw(any="非法集资 集资诈骗 P2P 暴雷 爆雷 理财产品 高利贷 套路贷 校园贷 暴力催收 非法吸收公众存款"),
     urgency="urgent", tags=["金融风险"])
rule("economy.finance.tax", "economy.finance_tax", 40,
     kw(any="税务局 偷税 漏税 逃税 不开发票 拒开发票 个税 增值税 财政局 财政资金 税收"), tags=["财税"])
rule("economy.finance.banks", "economy.finance_tax", 30,
     kw(any="银行 信用社 征信 网贷 催收 信用卡", none="按揭 房贷 公积金"), tags=["金融"])
rule("economy.insurance-securities", "economy.insurance_securities", 60,
     kw(any="保险公司 理赔 拒赔 车险 商业保险 保险理赔 股票 证券公司 期货 基金公司 保单"), tags=["保险"])
rule("economy.state-assets", "economy.state_assets", 60,
     kw(any="国有资产 国资委 国有企业改制 企业改制 国企改制 资产流失 兼并重组 国有资产流失 改制"), tags=["国资"])
rule("economy.macro", "economy.macro", 30,
     kw(any="发改委 发展改革 产业政策 营商环境 招商引资 经济发展 区域发展 收入分配 优化营商"),
     tags=["宏观"])
rule("economy.energy", "economy.energy", 35,
     kw(any="充电桩 新能源车 光伏 节能减排 节能 能源 加油站 油价 成品油 煤炭 电价 阶梯电价 电费"),
     tags=["能源"])
rule("economy.bankruptcy", "economy.bankruptcy", 62,
     kw(any="破产清算 破产重组 企业破产 申请破产 破产管理人 宣告破产",
        none="房产证 廉租房 工程款 污染"), tags=["破产"])

# --- 科技与信息产业 tech -----------------------------------------------------------------
rule("tech.telecom", "tech.telecom", 35,
     kw(any="宽带 网速 信号差 没有信号 手机信号 移动公司 联通公司 电信公司 中国移动 中国联通 中国电信 "
            "运营商 携号转网 流量 话费 扣费 乱扣费 骚扰电话 骚扰短信 5G 4G WiFi 光纤 通信基站建设"),
     tags=["电信"])
rule("tech.science", "tech.science", 58,
     kw(any="科技局 科技项目 科研 专利转化 高新技术企业 科技成果 科技创新 科学技术"), tags=["科技"])
rule("tech.informatization", "tech.informatization", 35,
     kw(any="APP 小程序 公众号 政务网站 网站打不开 系统故障 系统崩溃 信息化 大数据 软件 数据泄露 个人信息泄露 "
            "电子证照 网上办理 互联网"),
     tags=["信息化"])
rule("tech.ip", "tech.ip", 62,
     kw(any="知识产权 专利 著作权 版权 盗版"), tags=["知识产权"])

# --- 民政 civil --------------------------------------------------------------------------
rule("civil.welfare", "civil.welfare_charity", 58,
     kw(any="养老院 敬老院 福利院 养老机构 日间照料 老年食堂 助老 高龄津贴 高龄补贴 老年证 残疾人补贴 "
            "残疾证 两项补贴 儿童福利 孤儿 慈善机构 慈善总会 募捐 捐赠物资 老年人优待"),
     tags=["福利"])
rule("civil.veterans", "civil.veteran_resettlement", 62,
     kw(any="退伍军人 退役军人 复员 转业 退伍安置 军转干部 退役士兵 军休 退役军人事务局"), tags=["退役军人"])
rule("civil.special-care", "civil.special_care", 64,
     kw(any="优抚 烈士 烈属 伤残军人 伤残抚恤 抚恤金 参战 参试 带病回乡 军属 优待证"), tags=["优抚"])
rule("civil.community", "civil.community_building", 55,
     kw(any="居委会 社区居委会 村委会选举 居委会选举 换届选举 选举 社区服务中心 社区工作者 网格员 "
            "社区建设 村民委员会 社区书记 社区主任", none="业委会"),
     tags=["社区建设"])
rule("civil.disaster", "civil.disaster_relief", 62,
     kw(any="救灾 受灾 灾民 洪灾 水灾 旱灾 冰灾 倒房 灾后重建 避难场所 应急避难"), urgency="urgent", tags=["救灾"])
rule("civil.ngo", "civil.ngo", 35,
     kw(any="社会组织 社团 民办非企业 协会 商会 基金会 非法社会组织 行业协会"), tags=["民间组织"])
rule("civil.admin-division", "civil.admin_division", 62,
     kw(any="区划调整 行政区划 地名 路名 门牌号 门牌 边界纠纷 撤乡并镇 村庄合并 合并村"), tags=["区划地名"])
rule("civil.social-service", "civil.social_service", 62,
     kw(any="婚姻登记 结婚登记 离婚登记 收养 殡葬 殡仪馆 火化 墓地 公墓 骨灰 丧葬 乱埋乱葬 流浪乞讨 "
            "救助站 流浪人员 生活无着"),
     tags=["社会服务"])
rule("civil.assistance", "civil.social_assistance", 60,
     kw(any="医疗救助 大病救助 城镇低保 农村低保 特困人员 五保户 五保 困难群众 困难家庭 临时救助 救助金"),
     tags=["救助"])

# --- 农村农业 agri -----------------------------------------------------------------------
rule("agri.grassland", "agri.grassland", 60, kw(any="草原 草场 退牧还草 放牧 牧民 禁牧"), tags=["草原"])
rule("agri.village-affairs", "agri.village_affairs", 62,
     kw(any="村务公开 财务公开 村账 村财 集体资产 集体收入 集体经济 村级债务 村集体 账目不公开"),
     tags=["村务"])
rule("agri.village-cadres", "agri.village_affairs", 30,
     kw(any="村干部 村支书 村主任 村委会 村组干部"), tags=["村务"])
rule("agri.animal-epidemic", "agri.animal_epidemic", 64,
     kw(any="非洲猪瘟 猪瘟 禽流感 口蹄疫 动物防疫 病死猪 病死畜禽 扑杀 扑杀补偿 畜牧站 兽医站"), tags=["动物防疫"])
rule("agri.poverty", "agri.poverty_alleviation", 30,
     kw(any="扶贫 贫困户 精准扶贫 建档立卡 脱贫 扶贫款 扶贫资金 易地搬迁 帮扶 贫困村 驻村工作队 返贫"),
     tags=["扶贫"])
rule("agri.subsidy", "agri.farm_subsidy", 62,
     kw(any="惠农补贴 种粮补贴 粮食直补 良种补贴 农机补贴 农资补贴 耕地地力保护补贴 一卡通 惠农资金"),
     tags=["惠农"])
rule("agri.forestry", "agri.forestry", 40,
     kw(any="林业局 林地 林权 砍伐 乱砍滥伐 盗伐 滥伐 采伐证 森林防火 山林 退耕还林 公益林 生态林 林场 "
            "毁林 古树"),
     tags=["林业"])
rule("agri.produce", "agri.produce_market", 58,
     kw(any="农产品 滞销 收购价 粮食收购 粮站 粮库 储备粮 卖粮难 农副产品 蔬菜价格 生猪价格"), tags=["农产品"])
rule("agri.state-farm", "agri.state_farm", 64, kw(any="农场职工 国营农场 农垦 垦区"), tags=["农垦"])
rule("agri.inputs", "agri.inputs_tech", 60,
     kw(any="假种子 种子质量 化肥 假化肥 农药 假农药 农资 农技站 农业技术 农机"), tags=["农资"])
rule("agri.reservoir", "agri.reservoir_resettlement", 64,
     kw(any="水库移民 移民补偿 移民补助 后期扶持 移民后扶 库区移民 移民安置"), tags=["水库移民"])
rule("agri.water", "agri.water_conservancy", 40,
     kw(any="水利 水利局 水务局 灌溉 灌渠 水渠 堤坝 河堤 防洪 防汛 抗旱 山塘 水库漏水 水库除险 泵站 排灌 "
            "河道整治 河长 水事纠纷 引水 小水电 水电站"),
     tags=["水利"])
rule("agri.land-contract", "agri.land_contract", 62,
     kw(any="土地承包 承包地 承包经营权 土地流转 宅基地 确权 土地确权 责任田 口粮田 自留地"), tags=["承包地"])
rule("agri.wildlife", "agri.wildlife", 62,
     kw(any="野生动物 保护动物 捕鸟 非法捕猎 偷猎 电鱼 毒鱼 炸鱼 禁渔 野猪 野生植物 珍稀植物"), tags=["野生动物"])
rule("agri.rural-staff", "agri.other", 45, kw(any="农村八大员 八大员 农技员 防疫员 农村电影放映员"))

# --- 政法 legal --------------------------------------------------------------------------
rule("legal.services", "legal.legal_services", 60,
     kw(any="法律援助 律师 律所 公证 公证处 司法鉴定 法律咨询 法律服务所 司法所"), tags=["法律服务"])
rule("legal.rule-of-law", "legal.rule_of_law", 55,
     kw(any="普法 法制宣传 立法 法规修改 司法改革 法治建设 地方性法规"), tags=["法制"])
rule("legal.admin-review", "legal.admin_review", 64,
     kw(any="行政复议 复议申请 复议决定 不服处罚 行政处罚决定 申请复议"), tags=["行政复议"])
rule("legal.household-id", "legal.household_id", 30,
     kw(any="户口 户籍 落户 迁户口 户口迁移 身份证 居住证 暂住证 护照 港澳通行证 出入境 流动人口 上户"),
     tags=["户籍证件"])
rule("legal.traffic.accident", "legal.traffic", 35,
     kw(any="交通事故 交警 交警队 车管所 驾驶证 驾照 行驶证 扣分 罚单 电子眼 违章拍照 闯红灯 酒驾 醉驾 "
            "红绿灯 信号灯 斑马线 限速 超速 机动车 摩托车 电动车上牌 电动车牌照 年检"),
     tags=["交通管理"])
rule("legal.traffic.title", "legal.traffic", 50, title(any="交通安全 交通秩序"))
rule("legal.police-oversight", "legal.police_oversight", 66,
     kw(any="警察打人 民警打人 暴力执法 刑讯逼供 超期羁押 不予立案 警察不作为 派出所不作为 辅警 出警慢 "
            "民警态度"),
     tags=["警务督察"])
rule("legal.public-security", "legal.public_security", 30,
     kw(any="治安 打架斗殴 打架 斗殴 打人 寻衅滋事 黑恶势力 扫黑除恶 黑社会 涉黑 恶势力 赌博 聚赌 赌场 "
            "吸毒 贩毒 卖淫 嫖娼 黄赌毒 邪教 偷盗 盗窃 小偷 被偷 入室盗窃 抢劫 诈骗 电信诈骗 骗子 "
            "消防安全 消防隐患 消防设施 灭火器 派出所 报警后 报了警 已报警 打110"),
     tags=["治安"])
rule("legal.litigation", "legal.litigation", 60,
     kw(any="法院 判决 裁定 起诉 诉讼 上诉 再审 执行难 法官 开庭 检察院 审判",
        none="工程款 劳动 工资 房产证 采光 开发商 拆迁 医疗"),
     tags=["诉讼"])
rule("legal.criminal", "legal.criminal_cases", 66,
     kw(any="刑事案件 刑事立案 立案侦查 命案 凶杀 绑架 拐卖 强奸 故意伤害 嫌疑人 犯罪嫌疑人 逃犯 取保候审 "
            "刑事拘留 侦查"),
     urgency="urgent", tags=["刑案"])
rule("legal.penalty", "legal.penalty_execution", 66,
     kw(any="监狱 看守所 服刑 减刑 假释 保外就医 社区矫正 刑满释放"), tags=["刑罚执行"])
rule("legal.mediation", "legal.arbitration_mediation", 58,
     kw(any="人民调解 调解委员会 调解协议 仲裁 民商事仲裁 人事仲裁 司法调解 邻里纠纷 邻里矛盾 家庭纠纷"),
     tags=["调解"])

# =======================================================================================
# more variants: traditional-character keywords, regexes, title summaries, weaker forms

# keywords written in traditional characters (normalised to simplified, like the text)
rule("trad.noise", "env.pollution.noise", 79, kw(any="噪音擾民 噪聲擾民 吵得睡不著"), tags=["噪音"])
rule("trad.parking", "legal.traffic.illegal_parking", 89, kw(any="違章停車 亂停車 違停"), tags=["停车"])
rule("trad.wire-charging", "urban.safety.flying_wire_charging", 91, kw(any="飛線充電 私拉電線"), tags=["电动车"])
rule("trad.heating", "urban.housing.heating", 89, kw(any="暖氣不熱 暖氣片"), tags=["供暖"])
rule("trad.manhole", "urban.municipal.manhole", 79, kw(any="井蓋"), tags=["井盖"])

# regexes (RE2 syntax; run on the normalised text, case-insensitively)
rule("regex.noise-decibel", "env.pollution.noise", 88,
     regex("(噪音|噪声|声音)[^。，,]{0,10}\\d{2,3}\\s*(分贝|db)"), tags=["噪音"])
rule("regex.spam-calls", "tech.telecom", 64,
     ALL(regex("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}"), kw(any="骚扰电话 骚扰短信 推销电话 诈骗电话 响一声")),
     tags=["电信"])
rule("regex.elevator-floor-stuck", "commerce.quality_inspection.elevator", 90,
     ALL(kw(any="电梯"), regex("(卡在|停在|困在)\\s*\\d+\\s*(楼|层)")), urgency="urgent", tags=["电梯"])
rule("regex.outage-hours", "urban.municipal.water_power_outage", 86,
     regex("(停水|停电|断水|断电)[^。，,]{0,6}(\\d+|[一二三四五六七八九十两几]+)\\s*(个)?(小时|天)"),
     tags=["停水停电"])
rule("regex.heating-degrees-title", "urban.housing.heating", 88,
     regex("\\d{1,2}\\s*(度|℃)", in_="title"), tags=["供暖"])
rule("regex.wage-amount", "labour.wages.wage_arrears", 84,
     ALL(kw(any="拖欠 欠了 欠我 欠我们 没给 不给 讨要 要不到"), regex("工资\\D{0,6}\\d+(\\.\\d+)?\\s*(元|万|块)")),
     tags=["欠薪"])

# whistle leaves: more ways citizens say it
rule("env.oil-fume.neighbours-windows", "env.pollution.oil_fume", 86,
     ALL(kw(any="楼下 一楼 底商 底层商铺 临街"), kw(any="油烟 烟味 炒菜味")), tags=["油烟"])
rule("env.oil-fume.residential-restaurant", "env.pollution.oil_fume", 84,
     ALL(kw(any="居民楼 住宅楼 住宅小区"), kw(any="开饭店 开餐馆 开餐饮 做餐饮 烧烤店")), tags=["油烟"])
rule("env.noise.night-regex", "env.pollution.noise", 86,
     ALL(regex("(凌晨|半夜|深夜|晚上)\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*点"), kw(any="噪音 噪声 扰民 吵闹 太吵 吵得")),
     tags=["噪音"])
rule("env.noise.morning-market", "env.pollution.noise", 84,
     ALL(kw(any="早市 菜市场 批发市场 装卸 卸货"), kw(any="噪音 噪声 扰民 吵闹 太吵 吵得")), tags=["噪音"])
rule("traffic.parking.shared-spaces", "legal.traffic.illegal_parking", 84,
     ALL(kw(any="消防车道 绿化带 草坪 小区道路 公共通道"), kw(any="停车 停满 停放 停着车")), tags=["停车"])
rule("traffic.parking.long-term", "legal.traffic.illegal_parking", 83,
     kw(any="长期占用车位 私装地锁 地锁 占位 占车位 长期停放"), tags=["停车"])
rule("municipal.building.roof", "urban.municipal.building_damage", 84,
     ALL(kw(any="楼顶 屋面 天台 女儿墙 檐口 雨棚"), kw(any="破损 开裂 脱落 掉渣 掉块 松动")), tags=["楼宇"])
rule("municipal.pipe.heating-pipe", "urban.municipal.pipe_leak", 87,
     ALL(kw(any="供热管道 暖气管道 热力管道 管道井"), kw(any="漏水 冒热气 冒气 泄漏 爆裂")), tags=["管道"])
rule("municipal.pipe.water-bill", "urban.municipal.pipe_leak", 70,
     ALL(kw(any="水费 水表"), kw(any="暴增 翻倍 突然很高 异常 莫名")), tags=["供水"])
rule("municipal.sewage.rain", "urban.municipal.sewage_overflow", 84,
     ALL(kw(any="下雨 暴雨 雨天"), kw(any="污水 粪水 下水道 倒灌 反水")), tags=["排水"])
rule("municipal.manhole.noise", "urban.municipal.manhole", 84,
     ALL(kw(any="井盖"), kw(any="哐当 咣当 响声 噪音 扰民")), tags=["井盖"])
rule("safety.flying-wire.battery", "urban.safety.flying_wire_charging", 86,
     ALL(kw(any="电瓶 锂电池 电池"), kw(any="带回家 拿回家 拎上楼 提上楼 家里充")), tags=["电动车"])
rule("housing.heating.company-title", "urban.housing.heating", 85, title(any="暖气 供暖 供热"), tags=["供暖"])
rule("housing.property.title", "urban.housing.property_service", 70, title(any="物业"), tags=["物业"])
rule("housing.property.decoration", "urban.housing.property_service", 75,
     ALL(kw(any="物业"), kw(any="装修押金 装修保证金 出入证 门禁卡 停车卡 车位费")), tags=["物业"])
rule("civil.elderly-alone.neighbour-worry", "civil.social_service.elderly_alone", 90,
     ALL(kw(any="老人 老太太 老大爷 老爷子 大爷 大妈 奶奶 爷爷"),
         kw(any="一个人住 一人独居 独自一人 子女不在身边 子女在外地 无人照顾 没人照顾"),
         kw(any="担心 好几天 没见 联系不上 身体不好 摔倒")),
     urgency="urgent", tags=["独居老人"])
rule("elevator.title", "commerce.quality_inspection.elevator", 78, title(any="电梯", none="加装电梯"), tags=["电梯"])
rule("municipal.garbage.classification", "urban.municipal.garbage", 70,
     ALL(kw(any="垃圾桶 垃圾箱 果皮箱"), kw(any="太少 不够 没有 撤了 发臭 很臭 满了 溢出")), tags=["环卫"])
rule("municipal.street-light.title", "urban.municipal.street_light", 75, title(any="路灯"), tags=["路灯"])
rule("municipal.road-occupation.title", "urban.municipal.road_occupation", 75, title(any="占道 摆摊 摊贩"), tags=["城管"])
rule("municipal.outage.title", "urban.municipal.water_power_outage", 80, title(any="停水 停电 断水 断电"), tags=["停水停电"])
rule("municipal.dogs.title", "urban.municipal.stray_dogs", 78, title(any="流浪狗 养狗 遛狗 犬只 狗咬"), tags=["养犬"])
rule("municipal.shared-bikes.blocking", "urban.municipal.shared_bikes", 91,
     ALL(kw(any="单车 电单车"), kw(any="乱停 堆满 堵住 挡住 占满 占用")), tags=["共享单车"])
rule("planning.illegal-construction.title", "urban.planning.illegal_construction", 78,
     title(any="违建 违章 私搭 加盖"), tags=["违建"])
rule("labour.wage-arrears.boss-ran", "labour.wages.wage_arrears", 85,
     ALL(kw(any="老板 包工头 工头 公司 厂里 项目部"), kw(any="跑路 失联 联系不上 拖着不给 一直拖"),
         kw(any="工资 工钱 血汗钱")),
     tags=["欠薪"])
rule("labour.wage-arrears.title", "labour.wages.wage_arrears", 80, title(any="欠薪 讨薪 拖欠工资 工资"), tags=["欠薪"])
rule("subsistence.application", "civil.social_assistance.subsistence", 78,
     ALL(kw(any="低保"), kw(any="申请 审批 取消 停发 被取消 办理 评定")),
     tags=["救助"])
rule("edu.fees.title", "edu.fees.arbitrary_charges", 78, title(any="乱收费 收费"), tags=["教育收费"])
rule("safety.gas.smell-cooking", "urban.safety.gas_leak", 99,
     ALL(kw(any="燃气 煤气 天然气 液化气"), kw(any="臭鸡蛋味 怪味 闻到味道 有味道 一股味")),
     urgency="critical", tags=["燃气"])
rule("fire-passage.title", "urban.safety.fire_passage", 86, title(any="消防通道 生命通道"), tags=["消防"])

# second level: title summaries (titles are short and on topic)
rule("title.social-insurance", "labour.employee_insurance", 45, title(any="社保 医保 养老保险 工伤"))
rule("title.retirement", "labour.retirement", 45, title(any="退休 养老金"))
rule("title.labour-contract", "labour.relations", 45, title(any="劳动合同 辞退 劳动仲裁 劳务派遣"))
rule("title.school", "edu.administration", 35, title(any="学校 学生 小学 中学 幼儿园 教育局"))
rule("title.admission", "edu.exams_admission", 45, title(any="入学 招生 学位 中考 高考 转学"))
rule("title.hospital", "health.medical_administration", 35, title(any="医院 医生 诊所 卫生院"))
rule("title.family-planning", "health.family_planning", 45, title(any="二胎 准生证 生育 计生 独生子女"))
rule("title.taxi", "transport.taxi", 45, title(any="出租车 网约车 的士"))
rule("title.express", "transport.postal", 45, title(any="快递 邮政"))
rule("title.bus", "urban.municipal.bus", 45, title(any="公交"))
rule("title.pollution", "env.pollution", 45, title(any="污染 排污 粉尘 臭味 异味 废气 废水"))
rule("title.market", "commerce.market_regulation", 45, title(any="消费 退款 商家 虚假宣传 传销"))
rule("title.tourism", "commerce.tourism", 45, title(any="旅游 景区"))
rule("title.housing", "urban.housing", 35, title(any="房产证 交房 开发商 公积金 廉租房 公租房"))
rule("title.expropriation", "urban.state_land_expropriation", 45, title(any="拆迁 征收 棚改 安置"))
rule("title.police", "legal.public_security", 35, title(any="治安 打架 盗窃 诈骗 赌博"))
rule("title.hukou", "legal.household_id", 40, title(any="户口 户籍 落户 身份证 居住证"))
rule("title.corruption", "discipline.corruption", 40, title(any="贪污 受贿 腐败 举报村干部"))
rule("title.village", "agri.village_affairs", 40, title(any="村务 村账 集体资产"))
rule("title.veterans", "civil.veteran_resettlement", 45, title(any="退伍 退役军人 转业"))
rule("title.telecom", "tech.telecom", 45, title(any="宽带 信号 网速 话费"))
rule("title.traffic", "legal.traffic", 40, title(any="红绿灯 信号灯 交警 驾照 驾驶证 罚单"))

# weaker second-level forms (broad keywords, low priority, guarded by `none`)
rule("edu.weak.children-school", "edu.administration", 18,
     ALL(kw(any="孩子 小孩 儿子 女儿"), kw(any="上学 读书 放学 接送 就读 入学")),
     tags=["教育"])
rule("labour.weak.company-employee", "labour.relations", 18,
     ALL(kw(any="公司 单位 厂里 老板"), kw(any="员工 职工 工人 入职 离职 上班")),
     tags=["劳动关系"])
rule("transport.weak.road-traffic", "transport.construction", 16,
     kw(any="修路 公路 道路拓宽 路段 通车", none="小区 施工噪音 拆迁"), tags=["公路"])
rule("health.weak.vaccination", "health.public_health", 50,
     kw(any="预防接种 疫苗接种 打疫苗 接种点"), tags=["公共卫生"])
rule("commerce.weak.shops", "commerce.market_regulation", 15,
     ALL(kw(any="商家 店家 商店 门店 网店 超市 商场"), kw(any="投诉 欺骗 质量 价格 收费 不退")),
     tags=["消费维权"])
rule("urban.weak.community-facilities", "urban.municipal", 15,
     kw(any="小区配套 配套设施 公共设施 基础设施 便民设施"), tags=["市政"])
rule("env.weak.rivers", "env.pollution", 15,
     ALL(kw(any="河里 河水 河道 湖里 湖水 池塘 水塘 水库 小溪 河沟"), kw(any="发黑 发臭 变色 死鱼 漂浮物 垃圾")), tags=["水污染"])

# =======================================================================================
# channel / area specific rules

rule("area.town-e.straw-burning", "env.pollution", 89,
     ALL(area("town-e"), kw(any="秸秆 烧稻草 烧田 焚烧 烧荒")), tags=["秸秆焚烧", "town-e"])
rule("area.town-e.irrigation", "agri.water_conservancy", 70,
     ALL(area("town-e"), kw(any="灌溉 水渠 放水 抽水 田里没水 干旱 旱情")), tags=["town-e"])
rule("area.st-a.night-market", "urban.municipal.road_occupation", 87,
     ALL(area("st-a"), kw(any="夜市 宵夜摊 烧烤摊 小吃街"), kw(any="占道 人行道 摆到 摊位 桌椅")),
     tags=["夜市"])
rule("area.old-compounds.lift-retrofit", "urban.municipal", 88,
     ALL(area("st-b", "st-c"), kw(any="加装电梯 老旧小区改造 旧改")), tags=["老旧小区"])
rule("channel.grid-worker.inspection-hazard", "urban.safety", 65,
     ALL(channel("grid_worker"), kw(any="巡查发现 排查发现 走访发现 巡查中发现"),
         kw(any="隐患 危险 破损 倒塌 裸露 堆放")),
     tags=["网格巡查"])
rule("channel.deputy.proposal", "party.political_system", 15,
     ALL(channel("deputy"), kw(any="建议 提议 议案 呼吁 调研")), tags=["代表建议"])
rule("channel.hotline.callback-complaint", "party.other", 30,
     ALL(channel("hotline", "app", "web", "wechat"), kw(any="工单 回访 办结 已办结 未解决就办结 满意度")),
     tags=["政务服务"])

# =======================================================================================
# first-level catch-alls (lowest priority): distinctive vocabulary of each domain

rule("catchall.env", "env", 10,
     kw(any="环保 污染 排污 排放 废水 废气 气味 刺鼻 臭味 环境保护 生态 青山绿水 绿水青山 雾霾 扬尘 "
            "排烟 烟雾 黑水 发臭"),
     tags=["兜底"])
rule("catchall.labour", "labour", 10,
     kw(any="人社 劳动 社会保障 养老 缴纳 缴费 工龄 职工 员工 工人 打工 离职 入职 公司欠"),
     tags=["兜底"])
rule("catchall.urban", "urban", 10,
     kw(any="小区 业主 楼盘 房屋 住房 房子 楼栋 单元 道路 马路 街道 施工 工地 工程 建设 规划 拆迁 "
            "违建 住建 市政 城管 开发"),
     tags=["兜底"])
rule("catchall.commerce", "commerce", 10,
     kw(any="商家 商户 店家 老板 商品 价格 收费 消费 购买 购物 超市 商场 市场 旅游 景区 电梯 检验"),
     tags=["兜底"])
rule("catchall.edu", "edu", 10,
     kw(any="教育 学校 老师 学生 家长 孩子上学 读书 上学 校园 文化 体育"), tags=["兜底"])
rule("catchall.transport", "transport", 10,
     kw(any="交通 运输 客运 货运 公路 高速 车站 司机 乘客 道路运输 出行"), tags=["兜底"])
rule("catchall.health", "health", 10,
     kw(any="医院 医生 卫生 医疗 看病 患者 病人 诊所 计生 生育 疫苗 药物 药费 开药"), tags=["兜底"])
rule("catchall.legal", "legal", 8,
     kw(any="公安 警察 民警 派出所 法律 违法 犯罪"), tags=["兜底"])
rule("catchall.civil", "civil", 8, kw(any="民政局 民政部门 救助站 残疾人 困难户"), tags=["兜底"])
rule("catchall.agri", "agri", 8, kw(any="农业 农田 庄稼 农作物 农业局 农业农村局"), tags=["兜底"])
rule("catchall.economy", "economy", 8, kw(any="经济 企业 金融 财政 投资 税收 纳税 税务"), tags=["兜底"])
rule("catchall.tech", "tech", 8, kw(any="网络 手机 电脑 科技 信息"), tags=["兜底"])
rule("catchall.discipline", "discipline", 8, kw(any="官员 干部作风 党员干部 公职人员"), tags=["兜底"])
rule("catchall.land", "land", 8, kw(any="土地 国土 矿山 矿产"), tags=["兜底"])
rule("catchall.party", "party", 5, kw(any="政府 政策 党委 政务"), tags=["兜底"])
