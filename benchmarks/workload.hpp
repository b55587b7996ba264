// Workload generator for the benchmarks: rulesets at scale and petitions drawn from real
// citizen messages.
//
//   std::string json = bench::make_city_ruleset(10'000, 42);    // ~10,000 units
//   auto rs = minhu::ruleset::load_string(json);
//   std::vector<minhu::petition> ps = bench::make_petitions(*rs, 8192, 7);
//
// The generated city reuses the taxonomy, SLA policies, calendars and rules of
// rulesets/demo-city.json and generates the organisation with the shape of
// rulesets/demo-city/organisation.py, at any size: one district; S streets and towns (every
// fifth a town) of nine communities each; two grids per community; one to three compounds per
// grid, each with its property manager (a few communities share one company, every 11th
// compound is an unmanaged old compound); merchants in some grids; street- and community-level
// social organisations; the demo's district departments (wildcard serves) and command centre;
// summons links from every street/town to departments as in the demo. Geometry is in integer
// micro-degrees (rectangles: streets in rows of 40, a 3x3 community layout per street,
// grids the south/north halves of a community, compounds inside grids), so GPS points work.
// Everything is deterministic for a given (target_units, seed).
#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "minhu/petition.hpp"
#include "minhu/ruleset.hpp"

#ifndef MINHU_SOURCE_DIR
#define MINHU_SOURCE_DIR "."
#endif

namespace bench {

inline std::string source_dir() { return MINHU_SOURCE_DIR; }

/// Small deterministic generator (splitmix64): the same numbers on every platform, unlike
/// the <random> distributions.
class rng {
 public:
  explicit rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
  /// Uniform in [0, 1).
  double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return unit() < p; }

 private:
  std::uint64_t s_;
};

/// Minimal RFC 4180 reader: the named column of every record (empty if the file or the
/// column is missing).
inline std::vector<std::string> csv_column(const std::string& path, const std::string& column) {
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty()) rows.back().push_back(field);
  std::vector<std::string> out;
  if (rows.empty()) return out;
  std::size_t col = rows[0].size();
  for (std::size_t k = 0; k < rows[0].size(); ++k)
    if (rows[0][k] == column) col = k;
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (col < rows[r].size()) out.push_back(rows[r][col]);
  return out;
}

/// The texts of the real messages (../shared/data/messages_train.csv, column "text").
inline const std::vector<std::string>& real_message_texts() {
  static const std::vector<std::string> texts =
      csv_column(source_dir() + "/../shared/data/messages_train.csv", "text");
  return texts;
}

namespace detail {

using ojson = nlohmann::ordered_json;

// Two-character place words (streets, communities, the first half of compound names).
inline const std::vector<std::string>& place_words() {
  static const std::vector<std::string> w = {
      "文昌", "河西", "望湖", "桂花", "白沙", "幸福", "朝阳", "书香", "府后", "学士", "青石",
      "惠民", "和平", "滨江", "河畔", "枫林", "金峰", "长塘", "西园", "柳岸", "翠微", "桃源",
      "湖光", "晴川", "新民", "荷花", "东风", "建设", "光明", "友谊", "丹桂", "金桂", "百合",
      "梅岭", "兰苑", "松柏", "竹园", "紫荆", "沙湾", "清水", "石门", "龙泉", "杨柳", "双桥",
      "茶园", "高塘", "岳麓", "麓山", "橘洲", "天心", "芙蓉", "雨花", "开福", "望城", "浏阳",
      "宁乡", "坪塘", "含浦", "莲花", "雷锋", "黄花", "榔梨", "星沙", "湘龙", "泉塘", "洪山",
      "伍家", "湘江", "蔡锷", "东塘", "砂子", "侯家", "枣园", "马王", "韭菜", "圭塘", "洞井",
      "黎托", "跳马", "暮云", "南托", "大托", "新开", "月湖", "丁字", "桥驿", "铜官", "乌山"};
  return w;
}
// Second half of compound names.
inline const std::vector<std::string>& compound_words() {
  static const std::vector<std::string> w = {
      "锦绣", "翠湖", "碧水", "天润", "万家", "紫金", "御景", "绿洲", "明珠", "东方",
      "滨湖", "怡景", "鸿运", "融城", "金域", "华府", "润和", "瑞祥", "盛世", "和顺",
      "康乐", "丽景", "春晓", "秀水", "星河", "银杏", "香樟", "梧桐", "凤凰", "龙湾",
      "蓝湾", "博雅", "阳光", "金色", "清华", "水岸", "山水", "时代", "世纪", "国际",
      "半岛", "公园", "江景", "湖畔", "书院", "福地", "富康", "安居", "如意", "吉祥",
      "太阳", "月亮", "星辰", "云顶", "雅阁", "嘉禾", "恒大", "保利", "中海", "碧桂"};
  return w;
}
inline const std::vector<std::string>& compound_suffixes() {
  static const std::vector<std::string> w = {"花园", "家园", "华庭", "小区", "雅居", "新村",
                                             "公寓", "名城", "豪庭", "雅苑", "嘉园", "丽都"};
  return w;
}

// A unique name for index k: one word, then two words, then three (mixed radix over a
// seed-shuffled word list). Names of different lengths never collide.
inline std::string indexed_name(std::size_t k, const std::vector<std::string>& words) {
  const std::size_t p = words.size();
  if (k < p) return words[k];
  k -= p;
  if (k < p * p) return words[k / p] + words[k % p];
  k -= p * p;
  return words[(k / p / p) % p] + words[(k / p) % p] + words[k % p];
}

inline ojson rect(std::int64_t x0, std::int64_t y0, std::int64_t x1, std::int64_t y1) {
  // Integer micro-degrees: the correctly rounded quotient prints as the short decimal.
  auto pt = [](std::int64_t x, std::int64_t y) {
    return ojson::array({double(x) / 1e6, double(y) / 1e6});
  };
  return ojson::array({ojson::array({pt(x0, y0), pt(x1, y0), pt(x1, y1), pt(x0, y1), pt(x0, y0)})});
}

// Rewrites the "area" conditions of the demo's rules (which name demo streets/towns) to the
// generated area of the same kind and position.
inline void remap_rule_areas(ojson& node, const std::map<std::string, std::string>& to) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it.key() == "area") {
        if (it->is_string()) {
          auto m = to.find(it->get<std::string>());
          if (m != to.end()) *it = m->second;
        } else if (it->is_array()) {
          for (auto& v : *it)
            if (v.is_string()) {
              auto m = to.find(v.get<std::string>());
              if (m != to.end()) v = m->second;
            }
        }
      } else {
        remap_rule_areas(*it, to);
      }
    }
  } else if (node.is_array()) {
    for (auto& v : node) remap_rule_areas(v, to);
  }
}

}  // namespace detail

/// A ruleset JSON with about `target_units` units (see the file comment). Passes
/// minhu::ruleset::load_string.
inline std::string make_city_ruleset(std::size_t target_units, std::uint64_t seed) {
  using detail::ojson;
  using detail::rect;
  std::ifstream in(source_dir() + "/rulesets/demo-city.json", std::ios::binary);
  if (!in) throw std::runtime_error("cannot read rulesets/demo-city.json");
  const ojson demo = ojson::parse(in);
  rng r(seed);

  // ---- what the demo says about each kind of unit -------------------------------------
  std::map<std::string, const ojson*> demo_units;
  for (const auto& u : demo["units"]) demo_units[u["id"].get<std::string>()] = &u;
  auto street_kind_of = [&](const ojson& u) {  // "street" or "town" above a grassroots unit
    const ojson* x = &u;
    for (int guard = 0; guard < 16 && x; ++guard) {
      const auto k = (*x)["kind"].get<std::string>();
      if (k == "street" || k == "town") return k;
      if (!x->contains("parent")) break;
      auto it = demo_units.find((*x)["parent"].get<std::string>());
      x = it == demo_units.end() ? nullptr : it->second;
    }
    return std::string();
  };
  std::map<std::string, ojson> serves;  // "<kind>/<street|town>" → serves
  std::vector<ojson> departments, merchant_serves, social_serves, summons_street, summons_town,
      dept_assists;
  ojson command_center, pm_serves;
  std::set<std::string> seen_merchant, seen_social;
  for (const auto& u : demo["units"]) {
    const auto kind = u["kind"].get<std::string>();
    if (kind == "command_center") {
      command_center = u;
    } else if (kind == "department") {
      departments.push_back(u);
    } else if (kind == "property_manager") {
      if (pm_serves.is_null()) pm_serves = u["serves"];
    } else if (kind == "merchant") {
      if (seen_merchant.insert(u["serves"].dump()).second) merchant_serves.push_back(u["serves"]);
    } else if (kind == "social_org") {
      if (seen_social.insert(u["serves"].dump()).second) social_serves.push_back(u["serves"]);
    } else {
      const std::string key = kind + "/" + street_kind_of(u);
      if (!serves.count(key)) serves[key] = u["serves"];
    }
  }
  std::string first_street, first_town;
  for (const auto& l : demo["links"]) {
    const auto from = l["from"].get<std::string>(), to = l["to"].get<std::string>();
    const auto& fu = *demo_units.at(from);
    const auto& tu = *demo_units.at(to);
    if (l["type"] == "summons") {
      const auto fk = fu["kind"].get<std::string>();
      std::string& first = fk == "town" ? first_town : first_street;
      if (first.empty()) first = from;
      if (from == first) (fk == "town" ? summons_town : summons_street).push_back(l);
    } else if (tu["kind"] == "department" &&
               (fu["kind"] == "department" || fu["kind"] == "command_center")) {
      dept_assists.push_back(l);
    }
  }
  // Every street must have grid/community/street serves for both flavours.
  for (const char* k : {"grid", "community"})
    for (const char* s : {"street", "town"})
      if (!serves.count(std::string(k) + "/" + s))
        throw std::runtime_error("demo-city.json lacks a " + std::string(k) + " under a " + s);
  if (!serves.count("street/street") || !serves.count("town/town") || pm_serves.is_null() ||
      merchant_serves.empty() || social_serves.empty() || command_center.is_null())
    throw std::runtime_error("demo-city.json lacks a unit kind the generator copies");
  const ojson street_serves = serves["street/street"], town_serves = serves["town/town"];

  // ---- the document -------------------------------------------------------------------
  ojson doc = ojson::object();
  for (const char* k : {"format_version", "id", "version", "name", "description", "hit_policy",
                        "calendars", "taxonomy", "sla_policies", "rules"})
    if (demo.contains(k)) doc[k] = demo[k];
  doc["id"] = "generated-city-" + std::to_string(target_units);
  doc["name"] = "生成城区（" + std::to_string(target_units) + "）";
  doc["description"] =
      "Generated by benchmarks/workload.hpp from demo-city.json (taxonomy, SLA, calendars, "
      "rules) with a generated organisation of about " +
      std::to_string(target_units) + " units.";
  ojson units = ojson::array(), links = ojson::array(), areas = ojson::array();

  const std::string district = "dist-gen";
  const std::string ccc = command_center["id"].get<std::string>();
  areas.push_back({{"id", district}, {"kind", "district"}, {"name", "演算区"}});
  command_center["areas"] = ojson::array({district});
  units.push_back(command_center);
  for (auto d : departments) {
    d["areas"] = ojson::array({district});
    units.push_back(d);
  }
  for (const auto& l : dept_assists) links.push_back(l);

  // Geometry (micro-degrees): streets 30,000 x 60,000 in rows of 40.
  constexpr std::int64_t lon0 = 112'950'000, lat0 = 28'170'000;
  constexpr std::int64_t street_w = 30'000, street_h = 60'000, comm_w = 10'000, comm_h = 20'000,
                         grid_h = 10'000, cpd_margin = 1'000, cpd_w = 1'600, cpd_step = 2'000,
                         cpd_h = 3'000;
  constexpr std::size_t columns = 40;

  // Names: shuffled word lists so different seeds give different cities.
  auto shuffled = [&](std::vector<std::string> w) {
    for (std::size_t i = w.size(); i > 1; --i) std::swap(w[i - 1], w[r.below(i)]);
    return w;
  };
  const auto places = shuffled(detail::place_words());
  const auto cwords = shuffled(detail::compound_words());
  const auto& suffixes = detail::compound_suffixes();
  const std::size_t compound_space = places.size() * cwords.size() * suffixes.size();
  std::size_t community_no = 0, compound_no = 0, all_compounds = 0;
  std::vector<std::string> compound_names;  // for deliberate duplicates (ambiguity)

  std::map<std::string, std::string> area_map;  // demo street/town area id → generated
  std::vector<std::string> demo_streets, demo_towns;
  for (const auto& a : demo["areas"]) {
    if (a["kind"] == "street") demo_streets.push_back(a["id"].get<std::string>());
    if (a["kind"] == "town") demo_towns.push_back(a["id"].get<std::string>());
  }
  std::size_t mapped_streets = 0, mapped_towns = 0;

  const std::size_t fixed_units = units.size();
  std::size_t unit_count = fixed_units, last_street_units = 70, s = 0;
  std::vector<ojson> pm_units, other_units;
  for (; unit_count + last_street_units / 2 < target_units || s == 0; ++s) {
    const std::size_t before = unit_count;
    const bool town = s % 5 == 4;
    const std::string skind = town ? "town" : "street";
    const std::string sno = std::to_string(s);
    const std::string sid = town ? "town-" + sno : "st-" + sno;
    const std::string suid = town ? "town-" + sno : "street-" + sno;
    const std::string sbase = detail::indexed_name(s, places);
    const std::int64_t sx0 = lon0 + std::int64_t(s % columns) * street_w,
                       sy0 = lat0 + std::int64_t(s / columns) * street_h;
    ojson sa = {{"id", sid},
                {"kind", skind},
                {"name", sbase + (town ? "镇" : "街道")},
                {"parent", district}};
    if (s < places.size()) sa["aliases"] = ojson::array({sbase + (town ? "" : "街")});
    sa["polygon"] = rect(sx0, sy0, sx0 + street_w, sy0 + street_h);
    areas.push_back(sa);
    if (town && mapped_towns < demo_towns.size()) area_map[demo_towns[mapped_towns++]] = sid;
    if (!town && mapped_streets < demo_streets.size())
      area_map[demo_streets[mapped_streets++]] = sid;
    units.push_back({{"id", suid},
                     {"kind", skind},
                     {"name", sbase + (town ? "镇人民政府" : "街道办事处")},
                     {"parent", ccc},
                     {"serves", town ? town_serves : street_serves},
                     {"areas", ojson::array({sid})},
                     {"capacity", 60 + r.below(61)}});
    ++unit_count;
    for (const auto& l : town ? summons_town : summons_street) {
      ojson nl = l;
      nl["from"] = suid;
      links.push_back(nl);
    }
    // Street-level social organisations: an elderly service centre, sometimes a second one.
    for (std::size_t k = 0; k < social_serves.size(); ++k) {
      if (k > 0 && !r.chance(0.5)) continue;
      other_units.push_back({{"id", "so-" + std::to_string(k) + "-" + sno},
                             {"kind", "social_org"},
                             {"name", sbase + (k == 0 ? "居家养老服务中心" : "社会工作服务站")},
                             {"parent", suid},
                             {"serves", social_serves[k]},
                             {"areas", ojson::array({sid})},
                             {"capacity", 10 + r.below(21)}});
      ++unit_count;
    }

    for (int n = 1; n <= 9; ++n) {
      const std::string nn = (n < 10 ? "0" : "") + std::to_string(n);
      const std::string cid = "comm-" + sno + "-" + nn;
      const std::string cbase = detail::indexed_name(community_no++, places);
      const bool village = town && n > 1;
      const std::string cname = cbase + (village ? "村" : "社区");
      const std::int64_t cx0 = sx0 + (n - 1) % 3 * comm_w, cy0 = sy0 + (n - 1) / 3 * comm_h;
      areas.push_back({{"id", cid},
                       {"kind", "community"},
                       {"name", cname},
                       {"parent", sid},
                       {"polygon", rect(cx0, cy0, cx0 + comm_w, cy0 + comm_h)}});
      units.push_back({{"id", cid},
                       {"kind", "community"},
                       {"name", cname + (village ? "村民委员会" : "居民委员会")},
                       {"parent", suid},
                       {"serves", serves["community/" + skind]},
                       {"areas", ojson::array({cid})},
                       {"capacity", 20 + r.below(21)}});
      ++unit_count;
      if (r.chance(0.15)) {
        other_units.push_back({{"id", "so-daycare-" + sno + "-" + nn},
                               {"kind", "social_org"},
                               {"name", cbase + "老年人日间照料中心"},
                               {"parent", cid},
                               {"serves", social_serves[0]},
                               {"areas", ojson::array({cid})},
                               {"capacity", 6}});
        ++unit_count;
      }
      const bool shared_pm = r.chance(0.12);
      std::vector<std::string> managed;
      for (int g = 1; g <= 2; ++g) {
        const std::string gid = cid + "-" + std::to_string(g);
        const std::string grid_id = "grid-" + sno + "-" + nn + "-" + std::to_string(g);
        const std::string ordinal = g == 1 ? "一" : "二";
        const std::int64_t gx0 = cx0, gy0 = cy0 + (g - 1) * grid_h;
        areas.push_back({{"id", grid_id},
                         {"kind", "grid"},
                         {"name", cbase + "第" + ordinal + "网格"},
                         {"parent", cid},
                         {"aliases", ojson::array({cbase + ordinal + "网格"})},
                         {"polygon", rect(gx0, gy0, gx0 + comm_w, gy0 + grid_h)}});
        units.push_back({{"id", grid_id},
                         {"kind", "grid"},
                         {"name", cname + "第" + ordinal + "网格工作站"},
                         {"parent", cid},
                         {"serves", serves["grid/" + skind]},
                         {"areas", ojson::array({grid_id})},
                         {"capacity", 5 + r.below(11)}});
        ++unit_count;
        const int compounds = 1 + int(r.below(3));
        std::vector<std::string> here;
        for (int k = 1; k <= compounds; ++k) {
          const std::string pid =
              "cpd-" + sno + "-" + nn + "-" + std::to_string(g) + "-" + std::to_string(k);
          std::string pname;
          if (!compound_names.empty() && r.chance(0.02)) {
            pname = compound_names[r.below(compound_names.size())];  // a name used elsewhere
          } else {
            // place word x compound word x suffix: every name has the same length, so none
            // is a substring of another. Beyond the space, names repeat (real cities do).
            const std::size_t c = compound_no % compound_space;
            pname = places[c / suffixes.size() / cwords.size() % places.size()] +
                    cwords[c / suffixes.size() % cwords.size()] + suffixes[c % suffixes.size()];
            ++compound_no;
            compound_names.push_back(pname);
          }
          const std::int64_t px0 = gx0 + cpd_margin + (k - 1) * cpd_step, py0 = gy0 + cpd_margin;
          ojson ca = {{"id", pid}, {"kind", "compound"}, {"name", pname}, {"parent", grid_id}};
          ++all_compounds;
          if (all_compounds % 3 == 0 && pname.compare(pname.size() - 6, 6, "小区") != 0)
            ca["aliases"] = ojson::array({pname + "小区"});
          ca["polygon"] = rect(px0, py0, px0 + cpd_w, py0 + cpd_h);
          areas.push_back(ca);
          here.push_back(pid);
          const bool is_managed = all_compounds % 11 != 5;  // old compounds: no manager
          if (is_managed) managed.push_back(pid);
          if (is_managed && !shared_pm) {
            pm_units.push_back({{"id", "pm-" + pid.substr(4)},
                                {"kind", "property_manager"},
                                {"name", pname + "物业服务中心"},
                                {"parent", cid},
                                {"serves", pm_serves},
                                {"areas", ojson::array({pid})},
                                {"capacity", 10 + r.below(21)}});
            ++unit_count;
          }
        }
        // Merchants: a restaurant or barbecue in a compound, a market or KTV for the grid.
        if (r.chance(0.25)) {
          const std::size_t type = r.below(merchant_serves.size());
          // The demo's kinds in order: restaurant, barbecue (in a compound), market (grid).
          const bool in_compound = type + 1 < merchant_serves.size();
          const std::string where = in_compound ? here[r.below(here.size())] : grid_id;
          other_units.push_back({{"id", "mer-" + grid_id.substr(5)},
                                 {"kind", "merchant"},
                                 {"name", cbase + ordinal + (in_compound ? "餐馆" : "农贸市场")},
                                 {"parent", grid_id},
                                 {"serves", merchant_serves[type]},
                                 {"areas", ojson::array({where})},
                                 {"capacity", in_compound ? 3 : 5}});
          ++unit_count;
        }
      }
      if (shared_pm && !managed.empty()) {
        ojson a = ojson::array();
        for (const auto& m : managed) a.push_back(m);
        pm_units.push_back({{"id", "pm-" + sno + "-" + nn + "-shared"},
                            {"kind", "property_manager"},
                            {"name", cbase + "物业管理有限公司服务处"},
                            {"parent", cid},
                            {"serves", pm_serves},
                            {"areas", a},
                            {"capacity", 10 * std::int64_t(managed.size())}});
        ++unit_count;
      }
    }
    last_street_units = unit_count - before;
  }
  for (auto& u : pm_units) units.push_back(std::move(u));
  for (auto& u : other_units) units.push_back(std::move(u));

  // The district: the bounding rectangle of the streets.
  const std::size_t rows = (s + columns - 1) / columns;
  const std::size_t cols = std::min(s, columns);
  areas[0]["polygon"] =
      rect(lon0, lat0, lon0 + std::int64_t(cols) * street_w, lat0 + std::int64_t(rows) * street_h);

  // Rules naming demo areas now name the generated street/town in the same position.
  for (auto& rule : doc["rules"]) detail::remap_rule_areas(rule, area_map);

  doc["units"] = std::move(units);
  doc["links"] = std::move(links);
  doc["areas"] = std::move(areas);
  doc["routing"] = demo["routing"];
  doc["routing"]["command_center"] = ccc;
  return doc.dump();
}

/// `n` petitions with texts drawn at random from the real messages, each with a location
/// the city of `rs` knows: an explicit grid id (50%), a GPS point inside a random grid
/// polygon (25%), a compound name appended to the text as an address (15%), nothing (10%).
inline std::vector<minhu::petition> make_petitions(const minhu::ruleset& rs, std::size_t n,
                                                   std::uint64_t seed) {
  const auto& texts = real_message_texts();
  if (texts.empty()) throw std::runtime_error("no messages in ../shared/data/messages_train.csv");
  std::vector<std::uint32_t> grids, compounds;
  for (std::uint32_t a = 0; a < rs.areas().size(); ++a) {
    const auto kind = rs.areas()[a].kind;
    if (kind == minhu::area_kind::grid && !rs.areas()[a].polygon.empty()) grids.push_back(a);
    if (kind == minhu::area_kind::compound) compounds.push_back(a);
  }
  if (grids.empty()) throw std::runtime_error("the ruleset has no grid with a polygon");
  rng r(seed);
  std::vector<minhu::petition> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    minhu::petition& p = out[i];
    p.id = "w" + std::to_string(i);
    p.text = texts[r.below(texts.size())];
    p.channel = "hotline";
    p.received_at = 1772415000000 + std::int64_t(i) * 1000;
    const double u = r.unit();
    if (u < 0.50) {
      p.area = rs.areas()[grids[r.below(grids.size())]].id;
    } else if (u < 0.75) {
      // A point inside the grid's outer ring's bounding box, kept off its edges.
      const auto& ring = rs.areas()[grids[r.below(grids.size())]].polygon[0];
      double x0 = ring[0].first, x1 = x0, y0 = ring[0].second, y1 = y0;
      for (const auto& [x, y] : ring) {
        x0 = std::min(x0, x), x1 = std::max(x1, x);
        y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
      p.lon = x0 + (x1 - x0) * (0.02 + 0.96 * r.unit());
      p.lat = y0 + (y1 - y0) * (0.02 + 0.96 * r.unit());
    } else if (u < 0.90 && !compounds.empty()) {
      p.text += "，地址：" + rs.areas()[compounds[r.below(compounds.size())]].name;
    }
  }
  return out;
}

}  // namespace bench
