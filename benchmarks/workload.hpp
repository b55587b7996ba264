// Workload generator for the benchmarks: rulesets at scale and petitions drawn from real
// citizen messages.
//
//   std::string json = bench::make_city_ruleset(10'000, 42);          // ~10,000 units
//   std::string kw = bench::make_city_ruleset(10'000, 42, 5'000);     // + 5,000 keywords
//   auto rs = minhu::ruleset::load_string(json);
//   std::vector<minhu::petition> ps = bench::make_petitions(*rs, 8192, 7);
//   std::vector<minhu::petition> cut = bench::make_petitions(*rs, 8192, 7, 300);  // <= 300 B
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
//
// Keyword scale (`keywords` > 0): the demo's rules are replaced by generated text rules holding
// exactly that many distinct keywords (ruleset::keyword_count()), drawn from real vocabulary
// (real_vocabulary()): category names of ../shared/data/taxonomy.csv (a tenth of the keywords
// at most) and frequent words of ../shared/data/messages_train.csv. That file's text is NOT
// space separated (the segmented words were re-joined), so "words" are character 2-4-grams of
// its Chinese runs that occur in at least two messages, are not mostly a fragment of a longer
// n-gram (no one-character extension covers 80% of their occurrences) and are indicative of
// one label (>= 60% of the messages holding them carry it), ranked by document frequency.
// Each keyword keeps the first-level category it indicates (the message label, or the
// taxonomy name's level 1); rules group keywords of one first-level category and assign a
// random category below it: 70% any-of lists (3-10 words), 12% all-of two any-of lists,
// 10% any-of with a none-of list, 8% all-of two words, and max(2, keywords/1000) rules that
// pair an any-of list with an RE2 regex ("(?:a|b)[^，。；！？]{0,12}(?:c|d)", literals taken from
// the vocabulary after the keywords, so they are not keywords themselves). Priorities 10-100,
// urgency 3% critical / 7% urgent. Channel / field / area conditions are not generated.
//
// Rule count (`rules` > 0, instead of `keywords`): exactly that many rules, made the same way
// (see make_keyword_rules); the keyword count follows (about 6 a rule).
//
// Everything is deterministic for a given (target_units, seed, keywords, rules).
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

#include "minhu/detail/utf8.hpp"
#include "minhu/petition.hpp"
#include "minhu/ruleset.hpp"
#include "minhu/text.hpp"

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

/// Minimal RFC 4180 reader: the named columns of every record, one vector per record (an empty
/// string for a missing column; no records if the file is missing).
inline std::vector<std::vector<std::string>> csv_columns(const std::string& path,
                                                         const std::vector<std::string>& columns) {
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
  std::vector<std::vector<std::string>> out;
  if (rows.empty()) return out;
  std::vector<std::size_t> cols;
  for (const auto& name : columns) {
    std::size_t col = std::size_t(-1);
    for (std::size_t k = 0; k < rows[0].size(); ++k)
      if (rows[0][k] == name) col = k;
    cols.push_back(col);
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].empty() || (rows[r].size() == 1 && rows[r][0].empty())) continue;
    std::vector<std::string> rec;
    for (auto col : cols) rec.push_back(col < rows[r].size() ? rows[r][col] : std::string());
    out.push_back(std::move(rec));
  }
  return out;
}

/// The named column of every record (empty if the file or the column is missing).
inline std::vector<std::string> csv_column(const std::string& path, const std::string& column) {
  std::vector<std::string> out;
  for (auto& rec : csv_columns(path, {column}))
    if (!rec[0].empty()) out.push_back(std::move(rec[0]));
  return out;
}

/// One real citizen message of ../shared/data/messages_train.csv.
struct message {
  std::string id, text, label;  ///< label: its first-level category name (7 of them)
};

/// The real messages (../shared/data/messages_train.csv: id, text, label).
inline const std::vector<message>& real_messages() {
  static const std::vector<message> messages = [] {
    std::vector<message> out;
    for (auto& rec :
         csv_columns(source_dir() + "/../shared/data/messages_train.csv", {"id", "text", "label"}))
      if (!rec[1].empty()) out.push_back({std::move(rec[0]), std::move(rec[1]), std::move(rec[2])});
    return out;
  }();
  return messages;
}

/// The texts of the real messages (../shared/data/messages_train.csv, column "text").
inline const std::vector<std::string>& real_message_texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const auto& m : real_messages()) out.push_back(m.text);
    return out;
  }();
  return texts;
}

/// A word of the real vocabulary and the first-level category (name) it indicates.
struct vocab_word {
  std::string text;      ///< normalised (minhu::normalize), as the engine matches it
  std::string label;     ///< first-level category name, e.g. 城乡建设
  std::uint32_t df = 0;  ///< messages holding it (0 for a taxonomy name)
};

/// Real vocabulary (see the file comment): distinct after normalisation, names never repeated
/// among the words.
struct vocabulary {
  std::vector<vocab_word> names;  ///< taxonomy.csv category names (CJK only, 2-12 characters)
  std::vector<vocab_word> words;  ///< message n-grams, most frequent first
};

namespace detail {

// A character n-gram (2 <= n <= 4) of CJK Unified Ideographs U+4E00..U+9FFF, exactly: 15 bits
// per character (offset from U+4E00), n - 2 in the top two bits.
constexpr char32_t cjk_first = 0x4E00, cjk_last = 0x9FFF;
inline std::uint64_t ngram_key(const std::uint16_t* c, int n) {
  std::uint64_t body = 0;
  for (int i = 0; i < n; ++i) body = body << 15 | c[i];
  return std::uint64_t(n - 2) << 62 | body;
}
inline int ngram_length(std::uint64_t key) { return int(key >> 62) + 2; }
inline std::uint64_t ngram_body(std::uint64_t key) { return key & ((std::uint64_t(1) << 62) - 1); }
inline std::uint64_t ngram_prefix(std::uint64_t key) {  // the first n - 1 characters
  const int n = ngram_length(key);
  return std::uint64_t(n - 3) << 62 | ngram_body(key) >> 15;
}
inline std::uint64_t ngram_suffix(std::uint64_t key) {  // the last n - 1 characters
  const int n = ngram_length(key);
  return std::uint64_t(n - 3) << 62 |
         (ngram_body(key) & ((std::uint64_t(1) << (15 * (n - 1))) - 1));
}
inline std::string ngram_text(std::uint64_t key) {
  const int n = ngram_length(key);
  std::string out;
  for (int i = n - 1; i >= 0; --i)
    minhu::detail::append_utf8(out, cjk_first + char32_t((ngram_body(key) >> (15 * i)) & 0x7FFF));
  return out;
}

inline bool all_cjk(const std::string& s, std::size_t& chars) {
  chars = 0;
  for (std::size_t i = 0, len = 0; i < s.size(); i += len, ++chars) {
    const char32_t cp = minhu::detail::decode_utf8(s, i, len);
    if (cp < cjk_first || cp > cjk_last) return false;
  }
  return true;
}

}  // namespace detail

/// The real vocabulary, computed once per process from ../shared/data (a second or two).
inline const vocabulary& real_vocabulary() {
  static const vocabulary v = [] {
    vocabulary out;
    std::set<std::string> seen;
    // 1. Category names of the real taxonomy, labelled with their first level.
    for (const auto& rec : csv_columns(source_dir() + "/../shared/data/taxonomy.csv",
                                       {"level1", "level2", "level3"})) {
      for (const auto& name : rec) {
        std::size_t chars = 0;
        if (name.empty() || !detail::all_cjk(name, chars) || chars < 2 || chars > 12) continue;
        std::string norm = minhu::normalize(name);
        if (seen.insert(norm).second) out.names.push_back({std::move(norm), rec[0], 0});
      }
    }
    // 2. Document frequency of every CJK 2-4-gram, per message label.
    const auto& msgs = real_messages();
    std::vector<std::string> labels;
    for (const auto& m : msgs) labels.push_back(m.label);
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    struct counted {
      std::uint64_t key;
      std::uint32_t count, label;
    };
    std::vector<counted> all;
    std::vector<std::uint16_t> run;
    for (std::uint32_t l = 0; l < labels.size(); ++l) {
      std::vector<std::uint64_t> keys, doc;
      for (const auto& m : msgs) {
        if (m.label != labels[l]) continue;
        doc.clear();
        run.clear();
        auto flush = [&] {
          for (int n = 2; n <= 4; ++n)
            for (std::size_t i = 0; i + std::size_t(n) <= run.size(); ++i)
              doc.push_back(detail::ngram_key(run.data() + i, n));
          run.clear();
        };
        for (std::size_t i = 0, len = 0; i < m.text.size(); i += len) {
          const char32_t cp = minhu::detail::decode_utf8(m.text, i, len);
          if (cp >= detail::cjk_first && cp <= detail::cjk_last)
            run.push_back(std::uint16_t(cp - detail::cjk_first));
          else
            flush();
        }
        flush();
        std::sort(doc.begin(), doc.end());
        doc.erase(std::unique(doc.begin(), doc.end()), doc.end());
        keys.insert(keys.end(), doc.begin(), doc.end());
      }
      std::sort(keys.begin(), keys.end());
      for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i;
        while (j < keys.size() && keys[j] == keys[i]) ++j;
        all.push_back({keys[i], std::uint32_t(j - i), l});
        i = j;
      }
    }
    std::sort(all.begin(), all.end(),
              [](const counted& a, const counted& b) { return a.key < b.key; });
    struct gram {
      std::uint64_t key;
      std::uint32_t df, best, label, ext;  // ext: largest df of a one-character extension
    };
    std::vector<gram> grams;
    for (std::size_t i = 0; i < all.size();) {
      gram g{all[i].key, 0, 0, 0, 0};
      for (; i < all.size() && all[i].key == g.key; ++i) {
        g.df += all[i].count;
        if (all[i].count > g.best) g.best = all[i].count, g.label = all[i].label;
      }
      grams.push_back(g);
    }
    std::vector<counted>().swap(all);
    auto find = [&](std::uint64_t key) -> gram* {
      auto it = std::lower_bound(grams.begin(), grams.end(), key,
                                 [](const gram& g, std::uint64_t k) { return g.key < k; });
      return it != grams.end() && it->key == key ? &*it : nullptr;
    };
    for (const auto& g : grams) {
      if (detail::ngram_length(g.key) < 3) continue;
      for (std::uint64_t sub : {detail::ngram_prefix(g.key), detail::ngram_suffix(g.key)})
        if (gram* p = find(sub)) p->ext = std::max(p->ext, g.df);
    }
    // 3. Words: frequent, not mostly a fragment, indicative of one label.
    std::vector<const gram*> ranked;
    for (const auto& g : grams)
      if (g.df >= 2 && double(g.ext) < 0.8 * double(g.df) && double(g.best) >= 0.6 * double(g.df))
        ranked.push_back(&g);
    std::sort(ranked.begin(), ranked.end(), [](const gram* a, const gram* b) {
      return a->df != b->df ? a->df > b->df : a->key < b->key;
    });
    for (const gram* g : ranked) {
      std::string norm = minhu::normalize(detail::ngram_text(g->key));
      if (seen.insert(norm).second) out.words.push_back({std::move(norm), labels[g->label], g->df});
    }
    return out;
  }();
  return v;
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

// Text rules holding exactly `keywords` distinct keywords of real_vocabulary() over the
// categories of `taxonomy` (see the file comment). With `rules` > 0, exactly that many rules
// instead, made the same way from the 10 * rules + 200 most frequent words (a rule takes at
// most 10): each first-level group gets a share of the rules proportional to its words, and
// the keyword count is what those rules use (about 6 a rule); max(2, rules / 160) of them
// carry a regex (the share of the 5,000-keyword workload).
inline ojson make_keyword_rules(const ojson& taxonomy, std::size_t keywords, std::uint64_t seed,
                                std::size_t rule_count = 0) {
  if (rule_count > 0) keywords = 10 * rule_count + 200;
  const vocabulary& v = real_vocabulary();
  rng r(seed ^ 0x6B657977ull);  // "keyw"
  // First-level categories by name, and every category below each (itself excluded unless it
  // has none).
  std::map<std::string, std::string> parent_of, top_by_name;
  for (const auto& c : taxonomy)
    if (c.contains("parent"))
      parent_of[c["id"].get<std::string>()] = c["parent"].get<std::string>();
  std::map<std::string, std::vector<std::string>> below;  // top id -> categories
  for (const auto& c : taxonomy) {
    const std::string id = c["id"].get<std::string>();
    if (!c.contains("parent")) {
      top_by_name[c["name"].get<std::string>()] = id;
      continue;
    }
    std::string top = id;
    for (int guard = 0; guard < 16 && parent_of.count(top); ++guard) top = parent_of[top];
    below[top].push_back(id);
  }
  if (top_by_name.empty()) throw std::runtime_error("the taxonomy has no first-level category");
  std::vector<std::string> tops;
  for (const auto& [name, id] : top_by_name) tops.push_back(id);
  auto top_of = [&](const std::string& label) {
    auto it = top_by_name.find(label);
    return it != top_by_name.end() ? it->second : tops[r.below(tops.size())];
  };

  // The keywords: a tenth (at most) taxonomy names, a random choice of them; the rest the most
  // frequent words.
  std::vector<std::size_t> name_pick(v.names.size());
  for (std::size_t i = 0; i < name_pick.size(); ++i) name_pick[i] = i;
  for (std::size_t i = name_pick.size(); i > 1; --i)
    std::swap(name_pick[i - 1], name_pick[r.below(i)]);
  const std::size_t from_names = std::min(v.names.size(), keywords / 10);
  const std::size_t from_words = keywords - from_names;
  const std::size_t regexes = rule_count > 0
                                  ? std::min(rule_count, std::max<std::size_t>(2, rule_count / 160))
                                  : std::max<std::size_t>(2, keywords / 1000);
  if (v.words.empty())
    throw std::runtime_error("no real vocabulary: " + source_dir() +
                             "/../shared/data/messages_train.csv is missing or empty");
  if (from_words + 4 * regexes > v.words.size()) {
    if (rule_count > 0)
      throw std::runtime_error("the real vocabulary has too few words for " +
                               std::to_string(rule_count) + " rules");
    const std::size_t most = v.names.size() + v.words.size();
    throw std::runtime_error("the real vocabulary has " +
                             std::to_string(most > 4 * regexes ? most - 4 * regexes : 0) +
                             " keywords at most, not " + std::to_string(keywords));
  }
  std::map<std::string, std::vector<std::string>> groups;  // top id -> its keywords
  for (std::size_t i = 0; i < from_names; ++i) {
    const auto& w = v.names[name_pick[i]];
    groups[top_of(w.label)].push_back(w.text);
  }
  for (std::size_t i = 0; i < from_words; ++i)
    groups[top_of(v.words[i].label)].push_back(v.words[i].text);
  for (auto& [top, words] : groups)
    for (std::size_t i = words.size(); i > 1; --i) std::swap(words[i - 1], words[r.below(i)]);

  ojson rules = ojson::array();
  std::size_t serial = 0;
  auto add_rule = [&](const std::string& top, ojson when) {
    const auto& cats = below[top];
    ojson rule = {{"id", "kw." + top + "." + std::to_string(++serial)},
                  {"category", cats.empty() ? top : cats[r.below(cats.size())]},
                  {"priority", 10 * std::int64_t(1 + r.below(10))},
                  {"when", std::move(when)}};
    const double u = r.unit();
    if (u < 0.03)
      rule["urgency"] = "critical";
    else if (u < 0.10)
      rule["urgency"] = "urgent";
    rules.push_back(std::move(rule));
  };
  auto list = [](std::vector<std::string>& words, std::size_t& at, std::size_t n) {
    ojson a = ojson::array();
    for (std::size_t k = 0; k < n && at < words.size(); ++k) a.push_back(words[at++]);
    return a;
  };
  std::map<std::string, std::size_t> at;  // next unused keyword per group
  // A few regex rules first: an any-of list with "(?:a|b)[^，。；！？]{0,12}(?:c|d)".
  std::size_t literal = from_words, made = 0;
  for (std::size_t k = 0; made < regexes && k < regexes * groups.size(); ++k) {
    auto g = groups.begin();
    std::advance(g, k % groups.size());
    if (g->second.size() - at[g->first] < 2) continue;
    const auto& w = v.words;
    const std::string re = "(?:" + w[literal].text + "|" + w[literal + 1].text +
                           ")[^，。；！？]{0,12}(?:" + w[literal + 2].text + "|" +
                           w[literal + 3].text + ")";
    literal += 4;
    add_rule(g->first,
             {{"all", ojson::array({{{"text", {{"any", list(g->second, at[g->first], 2)}}}},
                                    {{"regex", re}}})}});
    ++made;
  }
  // With a rule count: each group's share of the rules left, proportional to its words left
  // (largest remainders first, then group order); a group stops at its share.
  std::map<std::string, std::size_t> quota;
  if (rule_count > 0) {
    const std::size_t want = rule_count > made ? rule_count - made : 0;
    std::size_t left = 0, given = 0;
    for (auto& [top, words] : groups) left += words.size() - at[top];
    std::vector<std::pair<std::size_t, std::string>> remainders;  // -remainder, group
    for (auto& [top, words] : groups) {
      const std::size_t share = left ? want * (words.size() - at[top]) : 0;
      quota[top] = left ? share / left : 0;
      given += quota[top];
      remainders.emplace_back(left ? left - share % left : 0, top);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (std::size_t k = 0; given < want && k < remainders.size(); ++k, ++given)
      ++quota[remainders[k].second];
  }
  auto more = [&](const std::string& top, std::size_t i, const std::vector<std::string>& words) {
    return i < words.size() && (rule_count == 0 || quota[top] > 0);
  };
  // Then every remaining keyword (or as many as the shares take), group by group.
  for (auto& [top, words] : groups) {
    std::size_t& i = at[top];
    while (more(top, i, words)) {
      if (rule_count > 0) --quota[top];
      const double u = r.unit();
      const std::size_t left = words.size() - i;
      if (u < 0.70 || left < 3) {
        add_rule(top, {{"text", {{"any", list(words, i, 3 + r.below(8))}}}});
      } else if (u < 0.82) {
        ojson a = list(words, i, 2 + r.below(4));
        ojson b = list(words, i, 2 + r.below(4));
        if (b.empty()) {
          add_rule(top, {{"text", {{"any", std::move(a)}}}});
        } else {
          add_rule(top, {{"all", ojson::array({{{"text", {{"any", std::move(a)}}}},
                                               {{"text", {{"any", std::move(b)}}}}})}});
        }
      } else if (u < 0.92) {
        ojson a = list(words, i, 3 + r.below(6));
        ojson b = list(words, i, 1 + r.below(2));
        ojson t = {{"any", std::move(a)}};
        if (!b.empty()) t["none"] = std::move(b);
        add_rule(top, {{"text", std::move(t)}});
      } else {
        add_rule(top, {{"text", {{"all", list(words, i, 2)}}}});
      }
    }
  }
  // A share a group could not fill (too few words): one any-of rule at a time from the groups
  // with words left, in turn.
  for (bool any = true; rule_count > 0 && rules.size() < rule_count && any;) {
    any = false;
    for (auto& [top, words] : groups) {
      std::size_t& i = at[top];
      if (i >= words.size() || rules.size() >= rule_count) continue;
      add_rule(top, {{"text", {{"any", list(words, i, 3 + r.below(8))}}}});
      any = true;
    }
  }
  if (rule_count > 0 && rules.size() != rule_count)
    throw std::runtime_error("the real vocabulary has too few words for " +
                             std::to_string(rule_count) + " rules");
  return rules;
}

}  // namespace detail

/// A ruleset JSON with about `target_units` units (see the file comment) and, when `keywords`
/// is not 0, generated text rules with exactly that many keywords instead of the demo's rules;
/// when `rules` is not 0, exactly that many generated rules (`keywords` is then ignored; see
/// make_keyword_rules).
/// Passes minhu::ruleset::load_string.
inline std::string make_city_ruleset(std::size_t target_units, std::uint64_t seed,
                                     std::size_t keywords = 0, std::size_t rules = 0) {
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

  if (rules > 0) {
    doc["rules"] = detail::make_keyword_rules(doc["taxonomy"], 0, seed, rules);
    doc["id"] = "generated-city-" + std::to_string(target_units) + "-r" + std::to_string(rules);
    doc["description"] = doc["description"].get<std::string>() +
                         " Rules: " + std::to_string(rules) +
                         " rules over keywords of real vocabulary (taxonomy.csv names, "
                         "messages_train.csv words), generated.";
  } else if (keywords > 0) {
    doc["rules"] = detail::make_keyword_rules(doc["taxonomy"], keywords, seed);
    doc["id"] = "generated-city-" + std::to_string(target_units) + "-kw" + std::to_string(keywords);
    doc["description"] = doc["description"].get<std::string>() +
                         " Rules: " + std::to_string(keywords) +
                         " keywords of real vocabulary (taxonomy.csv names, messages_train.csv "
                         "words), generated.";
  } else {
    // Rules naming demo areas now name the generated street/town in the same position.
    for (auto& rule : doc["rules"]) detail::remap_rule_areas(rule, area_map);
  }

  doc["units"] = std::move(units);
  doc["links"] = std::move(links);
  doc["areas"] = std::move(areas);
  doc["routing"] = demo["routing"];
  doc["routing"]["command_center"] = ccc;
  return doc.dump();
}

/// The longest prefix of `s` of at most `max` bytes that ends at a character boundary.
inline std::string cut_utf8(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

/// `n` petitions with texts drawn at random from the real messages, each with a location
/// the city of `rs` knows: an explicit grid id (50%), a GPS point inside a random grid
/// polygon (25%), a compound name appended to the text as an address (15%), nothing (10%).
/// Ids are "w<i>"; the attribute "message" names the message drawn (its id in
/// messages_train.csv); channel "hotline"; received_at one second apart from
/// 2026-03-02T09:30:00+08:00. With `text_bytes` > 0 every text (address included) is cut to
/// at most that many bytes at a character boundary.
inline std::vector<minhu::petition> make_petitions(const minhu::ruleset& rs, std::size_t n,
                                                   std::uint64_t seed, std::size_t text_bytes = 0) {
  const auto& msgs = real_messages();
  if (msgs.empty()) throw std::runtime_error("no messages in ../shared/data/messages_train.csv");
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
    const message& m = msgs[r.below(msgs.size())];
    p.id = "w" + std::to_string(i);
    p.text = m.text;
    p.channel = "hotline";
    p.received_at = 1772415000000 + std::int64_t(i) * 1000;
    p.set_attribute("message", minhu::value(m.id));
    std::string address;
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
      address = "，地址：" + rs.areas()[compounds[r.below(compounds.size())]].name;
    }
    if (text_bytes > 0)
      p.text = cut_utf8(p.text, text_bytes > address.size() ? text_bytes - address.size() : 0);
    p.text += address;
  }
  return out;
}

/// One petition as a line of the CLI's JSON Lines input (minhu::parse_petition reads it back):
/// id, text, channel, received_at (epoch ms), then area, or lat + lon, when set, and
/// attributes (all of them strings here).
inline std::string petition_json(const minhu::petition& p) {
  detail::ojson j = {{"id", p.id}, {"text", p.text}};
  if (!p.title.empty()) j["title"] = p.title;
  if (!p.channel.empty()) j["channel"] = p.channel;
  if (p.received_at) j["received_at"] = p.received_at;
  if (!p.area.empty()) j["area"] = p.area;
  if (!p.address.empty()) j["address"] = p.address;
  if (p.lat && p.lon) {
    j["lat"] = *p.lat;
    j["lon"] = *p.lon;
  }
  if (!p.attributes.empty()) {
    detail::ojson a = detail::ojson::object();
    for (const auto& at : p.attributes) {
      switch (at.val.type) {
        case minhu::value::kind::string:
          a[at.name] = at.val.s;
          break;
        case minhu::value::kind::number:
          a[at.name] = at.val.n;
          break;
        case minhu::value::kind::boolean:
          a[at.name] = at.val.b;
          break;
        case minhu::value::kind::null:
          a[at.name] = nullptr;
          break;
      }
    }
    j["attributes"] = std::move(a);
  }
  return j.dump();
}

}  // namespace bench
