// The learned text model: hashing contract, file format, inference, and its place in the
// classifier (no rule holds → model at or above the threshold, else triage).
#include "minhu/model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "minhu/engine.hpp"
#include "minhu/text.hpp"

namespace {

// ---- a tiny model written the way minhu.model.TextModel.to_bytes does ------------------------
struct row {
  std::uint32_t bucket;
  std::uint8_t idf;
  std::vector<std::int8_t> w;
};

struct spec {
  std::vector<std::string> labels;
  unsigned bits = 12, ngram_min = 1, ngram_max = 3;
  std::uint32_t flags = 3;  // sublinear + l2
  std::uint32_t version = 2;
  std::vector<double> intercept;
  std::vector<double> scale;  // per class; weight = int8 × scale
  double idf_scale = 0.5;     // idf = u8 × idf_scale
  std::vector<double> alpha;  // per order; empty: all 1
  std::vector<row> rows;
};

void put32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(char(v >> (8 * i) & 0xFF));
}
void putd(std::string& s, double d) {
  std::uint64_t v;
  std::memcpy(&v, &d, 8);
  put32(s, std::uint32_t(v));
  put32(s, std::uint32_t(v >> 32));
}

std::string to_bytes(spec m) {
  std::sort(m.rows.begin(), m.rows.end(),
            [](const row& a, const row& b) { return a.bucket < b.bucket; });
  std::string s = "MINHUTM1";
  put32(s, m.version);
  put32(s, m.bits);
  put32(s, m.ngram_min);
  put32(s, m.ngram_max);
  put32(s, m.flags);
  put32(s, std::uint32_t(m.labels.size()));
  put32(s, std::uint32_t(m.rows.size()));
  for (const auto& l : m.labels) {
    put32(s, std::uint32_t(l.size()));
    s += l;
  }
  for (double b : m.intercept) putd(s, b);
  for (std::size_t c = 0; c < m.labels.size(); ++c) putd(s, c < m.scale.size() ? m.scale[c] : 1.0);
  putd(s, m.idf_scale);
  for (unsigned g = 0; g <= m.ngram_max - m.ngram_min; ++g)
    putd(s, g < m.alpha.size() ? m.alpha[g] : 1.0);
  for (const auto& r : m.rows) {
    put32(s, r.bucket);
    s.push_back(char(r.idf));
    for (std::int8_t w : r.w) s.push_back(char(w));
  }
  return s;
}

// The key and bucket of an n-gram given as UTF-8.
std::uint64_t key(std::u32string_view ngram) {
  std::uint64_t k = 0;
  for (char32_t c : ngram) k = minhu::model_key(k, c);
  return k;
}
std::uint32_t bucket(std::u32string_view ngram, unsigned bits) {
  return minhu::model_bucket(key(ngram), bits);
}

std::vector<double> predict(const minhu::text_model& m, std::string_view text) {
  minhu::model_scratch sc;
  sc.reserve(m, text.size());
  std::vector<double> p(m.labels().size());
  m.predict(text, sc, p.data());
  return p;
}

// Two classes, unigram "噪" votes for env, "水" for urban. Dequantised: idf 2 and 1.5 (scale
// 0.5), weights (3, -1) and (-2, 2.5) (scales 1 and 0.5).
spec noise_water() {
  spec m;
  m.labels = {"env", "urban"};
  m.intercept = {0.1, -0.1};
  m.scale = {1.0, 0.5};
  m.rows = {{bucket(U"噪", 12), 4, {3, -2}}, {bucket(U"水", 12), 3, {-2, 5}}};
  return m;
}

std::string expect_invalid(const std::string& bytes) {
  try {
    minhu::text_model::parse(bytes);
  } catch (const minhu::error& e) {
    EXPECT_EQ(e.code(), minhu::errc::invalid_argument);
    return e.message();
  }
  ADD_FAILURE() << "parsed";
  return "";
}

}  // namespace

TEST(ModelHash, KeysAndBucketsMatchThePythonContract) {
  // The same values are asserted by bindings/python/tests/test_model.py.
  EXPECT_EQ(minhu::model_key(0, U'a'), 0x9E3779B97F4A7C15ull * 98);
  EXPECT_EQ(key(U"噪声"),
            (0x9E3779B97F4A7C15ull * (0x566A + 1) + 0x58F0 + 1) * 0x9E3779B97F4A7C15ull);
  const std::uint64_t k = key(U"油烟");
  EXPECT_EQ(minhu::model_bucket(k, 18),
            std::uint32_t(((k ^ (k >> 29)) * 0xD6E8FEB86659FD93ull) >> 46));
  EXPECT_EQ(bucket(U"油烟", 18), 0x3EABDu);
  EXPECT_EQ(bucket(U"a", 20), 0xA68C9u);
  EXPECT_EQ(key(U"噪声"), 0x3CB9EA3AF627AE18ull);
  EXPECT_LT(minhu::model_bucket(k, 3), 8u);
  EXPECT_NE(bucket(U"ab", 18), bucket(U"ba", 18));
}

TEST(ModelFormat, ParsesWhatPythonWrites) {
  const auto m = minhu::text_model::parse(to_bytes(noise_water()));
  EXPECT_EQ(m->labels(), (std::vector<std::string>{"env", "urban"}));
  EXPECT_EQ(m->bits(), 12u);
  EXPECT_EQ(m->ngram_min(), 1u);
  EXPECT_EQ(m->ngram_max(), 3u);
  EXPECT_TRUE(m->sublinear_tf());
  EXPECT_TRUE(m->l2_normalize());
  EXPECT_EQ(m->rows(), 2u);
  EXPECT_EQ(m->order_weights(), (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(m->table_bytes(), 4096u / 64 * 16 + 2 * 3);  // the bucket index, then the rows
}

TEST(ModelFormat, RejectsBrokenFilesWithAReason) {
  const std::string good = to_bytes(noise_water());
  EXPECT_NE(expect_invalid("MINHUTM2" + good.substr(8)).find("magic"), std::string::npos);
  EXPECT_NE(expect_invalid(good.substr(0, good.size() - 3)).find("found"), std::string::npos);
  EXPECT_NE(expect_invalid(good + "x").find("found"), std::string::npos);
  EXPECT_NE(expect_invalid(good.substr(0, 20)).find("truncated"), std::string::npos);
  spec dup = noise_water();
  dup.labels = {"env", "env"};
  EXPECT_NE(expect_invalid(to_bytes(dup)).find("duplicate"), std::string::npos);
  spec out_of_range = noise_water();
  out_of_range.rows[0].bucket = 1u << 12;
  EXPECT_NE(expect_invalid(to_bytes(out_of_range)).find("bucket"), std::string::npos);
  spec nan = noise_water();
  nan.intercept[1] = std::nan("");
  EXPECT_NE(expect_invalid(to_bytes(nan)).find("non-finite"), std::string::npos);
  spec neg = noise_water();
  neg.scale[0] = -1;
  EXPECT_NE(expect_invalid(to_bytes(neg)).find("weight scale"), std::string::npos);
  spec v1 = noise_water();
  v1.version = 1;  // the float32 format of minhu <= 0.1: retrain
  const std::string why = expect_invalid(to_bytes(v1));
  EXPECT_NE(why.find("format version 1"), std::string::npos) << why;
  EXPECT_NE(why.find("retrain"), std::string::npos) << why;
  spec flags = noise_water();
  flags.flags = 2 | 4;
  EXPECT_NE(expect_invalid(to_bytes(flags)).find("exclude"), std::string::npos);
  spec bits = noise_water();
  bits.bits = 30;
  EXPECT_NE(expect_invalid(to_bytes(bits)).find("hash bits"), std::string::npos);
  try {
    minhu::text_model::load_file("/nonexistent/x.model");
    ADD_FAILURE();
  } catch (const minhu::error& e) {
    EXPECT_EQ(e.code(), minhu::errc::io);
  }
}

TEST(ModelPredict, SublinearTfIdfL2Softmax) {
  const auto m = minhu::text_model::parse(to_bytes(noise_water()));
  // "噪噪水": count(噪)=2, count(水)=1; v = (1+ln c) * idf, x = v/|v|, z = b + x·W.
  const double v1 = (1 + std::log(2.0)) * 2.0, v2 = 1.0 * 1.5;
  const double n = std::sqrt(v1 * v1 + v2 * v2);
  const double z0 = 0.1 + (v1 * 3.0 + v2 * -2.0) / n;
  const double z1 = -0.1 + (v1 * -1.0 + v2 * 2.5) / n;
  const double p0 = 1 / (1 + std::exp(z1 - z0));
  const auto p = predict(*m, "噪噪水");
  EXPECT_NEAR(p[0], p0, 1e-12);
  EXPECT_NEAR(p[1], 1 - p0, 1e-12);
  // Unknown n-grams are ignored: the same as "噪噪水".
  EXPECT_NEAR(predict(*m, "x噪y噪水z")[0], p0, 1e-12);
  // Nothing known: the intercepts alone.
  EXPECT_NEAR(predict(*m, "abc")[0], 1 / (1 + std::exp(-0.2)), 1e-12);
  EXPECT_NEAR(predict(*m, "")[0], 1 / (1 + std::exp(-0.2)), 1e-12);
}

TEST(ModelPredict, PerOrderNormsWithOrderWeightsAndRawTf) {
  // Unigram 噪 and bigram 噪声 in one model, normalised apart, α = (0.5, 2); no sublinear tf.
  spec s;
  s.labels = {"env", "urban"};
  s.intercept = {0, 0};
  s.ngram_max = 2;
  s.flags = 4;
  s.alpha = {0.5, 2.0};
  s.idf_scale = 1;
  s.rows = {{bucket(U"噪", 12), 2, {1, 0}},
            {bucket(U"声", 12), 1, {0, 1}},
            {bucket(U"噪声", 12), 3, {2, -1}}};
  const auto m = minhu::text_model::parse(to_bytes(s));
  // "噪声噪": unigrams 噪×2 (v = 4), 声×1 (v = 1); bigrams 噪声×1 (v = 3), 声噪 unknown.
  const double n1 = std::sqrt(16.0 + 1.0), n2 = 3.0;
  const double z0 = 0.5 * (4 * 1.0) / n1 + 2.0 * (3 * 2.0) / n2;
  const double z1 = 0.5 * (1 * 1.0) / n1 + 2.0 * (3 * -1.0) / n2;
  EXPECT_NEAR(predict(*m, "噪声噪")[0], 1 / (1 + std::exp(z1 - z0)), 1e-12);
  // Without normalisation: x = α v × idf_scale.
  s.flags = 0;
  s.idf_scale = 0.25;
  const auto raw = minhu::text_model::parse(to_bytes(s));
  const double r0 = 0.25 * (0.5 * 2 * 2 * 1.0 + 2.0 * 3 * 2.0);
  const double r1 = 0.25 * (0.5 * 1 * 1 * 1.0 + 2.0 * 3 * -1.0);
  EXPECT_NEAR(predict(*raw, "噪声噪")[0], 1 / (1 + std::exp(r1 - r0)), 1e-12);
}

TEST(ModelPredict, NgramsDoNotCrossFields) {
  spec s;
  s.labels = {"a", "b"};
  s.intercept = {0, 0};
  s.rows = {{bucket(U"bc", 12), 2, {1, -1}}};
  const auto m = minhu::text_model::parse(to_bytes(s));
  EXPECT_GT(predict(*m, "abcd")[0], 0.8);
  EXPECT_DOUBLE_EQ(predict(*m, "ab\ncd")[0], 0.5);
  // Multi-byte code points: the trigram of three CJK characters is one n-gram.
  spec t = s;
  t.ngram_min = 3;
  t.rows = {{bucket(U"油烟大", 12), 2, {-1, 1}}};
  const auto m3 = minhu::text_model::parse(to_bytes(t));
  EXPECT_LT(predict(*m3, "饭店油烟大")[0], 0.2);
  EXPECT_DOUBLE_EQ(predict(*m3, "油烟")[0], 0.5);
}

TEST(ModelPredict, WithoutReserveItRefusesInsteadOfAllocating) {
  const auto m = minhu::text_model::parse(to_bytes(noise_water()));
  minhu::model_scratch sc;
  std::vector<double> p(2, 7.0);
  EXPECT_EQ(m->predict("噪音", sc, p.data()), -1);
  EXPECT_EQ(p, (std::vector<double>{0, 0}));
  sc.reserve(*m, 2);
  EXPECT_EQ(m->predict("噪音太大了", sc, p.data()), -1);  // longer than reserved
  sc.reserve(*m, 64);
  const auto cap = sc.touched.capacity();
  const auto slots = sc.table.size();
  EXPECT_EQ(m->predict("噪音太大了", sc, p.data()), 0);
  EXPECT_EQ(sc.touched.capacity(), cap);
  EXPECT_EQ(sc.table.size(), slots);
  for (auto e : sc.table) ASSERT_EQ(e, 0u);  // left clean for the next petition
}

// The formula of model.hpp computed the plain way (decoded code points, std::map counts, dense
// rows), against which predict's packed rows, SIMD path and counting table are checked.
std::vector<double> reference(const spec& m, std::string_view text) {
  std::map<std::uint32_t, const row*> by_bucket;
  for (const auto& r : m.rows) by_bucket[r.bucket] = &r;
  const std::size_t classes = m.labels.size(), orders = m.ngram_max - m.ngram_min + 1;
  std::vector<std::map<std::uint32_t, int>> counts(orders);
  std::u32string field;
  auto flush = [&] {
    for (std::size_t i = 0; i < field.size(); ++i)
      for (unsigned n = m.ngram_min; n <= m.ngram_max && i + n <= field.size(); ++n)
        ++counts[n - m.ngram_min][bucket(std::u32string_view(field).substr(i, n), m.bits)];
    field.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c0 = static_cast<unsigned char>(text[i]);
    const std::size_t len = c0 < 0x80 ? 1 : c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c0 : c0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = cp << 6 | (text[i + k] & 0x3F);
    i += len;
    if (cp == '\n')
      flush();
    else
      field.push_back(cp);
  }
  flush();
  std::vector<double> dot(orders * classes, 0.0), norm2(orders, 0.0);
  for (std::size_t g = 0; g < orders; ++g)
    for (const auto& [b, c] : counts[g]) {
      const auto it = by_bucket.find(b);
      if (it == by_bucket.end()) continue;
      const double tf = (m.flags & 1) ? 1 + std::log(double(c)) : double(c);
      const double v = tf * it->second->idf * m.idf_scale;
      norm2[g] += v * v;
      for (std::size_t k = 0; k < classes; ++k) dot[g * classes + k] += v * it->second->w[k];
    }
  const auto alpha = [&](std::size_t g) { return g < m.alpha.size() ? m.alpha[g] : 1.0; };
  double joint2 = 0;
  for (std::size_t g = 0; g < orders; ++g) joint2 += alpha(g) * alpha(g) * norm2[g];
  std::vector<double> z(m.intercept);
  for (std::size_t g = 0; g < orders; ++g) {
    const double n2 = (m.flags & 4) ? norm2[g] : joint2;
    const double f = (m.flags & 6) ? (n2 > 0 ? alpha(g) / std::sqrt(n2) : 0.0) : alpha(g);
    for (std::size_t k = 0; k < classes; ++k)
      z[k] += f * (k < m.scale.size() ? m.scale[k] : 1.0) * dot[g * classes + k];
  }
  const double top = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (double& x : z) sum += x = std::exp(x - top);
  for (double& x : z) x /= sum;
  return z;
}

TEST(ModelPredict, EqualsAPlainReferenceImplementation) {
  // Texts: repeats (tf > 1), fields, ASCII, 2- and 4-byte code points, a lone character.
  const std::vector<std::string> texts = {"噪音噪音太大了，晚上噪音扰民噪音",
                                          "小区停水停水三天\n物业不管停水",
                                          "a3区梅溪湖壹号2019年用水难 abc abc",
                                          "é ü 😀😀 x",
                                          "噪",
                                          "",
                                          "\n\n水\n"};
  const std::u32string alphabet = U"噪音太大了晚上扰民小区停水三天物业不管梅溪湖壹号年用难区a3bc😀é";
  std::uint64_t seed = 42;
  auto rnd = [&] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return std::uint32_t(seed >> 33);
  };
  struct config {
    std::size_t classes;
    unsigned bits, nmin, nmax;
    std::uint32_t flags;
  };
  // 7 classes: the 8-byte-row SIMD path; 1-2-grams: the hashing specialised for them.
  for (const config c : {config{7, 20, 1, 2, 5}, config{7, 5, 1, 2, 3}, config{7, 12, 2, 3, 1},
                         config{3, 12, 1, 2, 4}, config{2, 3, 1, 3, 0}, config{9, 16, 1, 1, 5}}) {
    spec m;
    for (std::size_t k = 0; k < c.classes; ++k) {
      m.labels.push_back("c" + std::to_string(k));
      m.intercept.push_back(0.01 * double(k));
      m.scale.push_back(0.02 + 0.01 * double(k));
    }
    m.bits = c.bits;
    m.ngram_min = c.nmin;
    m.ngram_max = c.nmax;
    m.flags = c.flags;
    m.idf_scale = 0.03;
    for (unsigned g = 0; g <= c.nmax - c.nmin; ++g) m.alpha.push_back(0.5 + g);
    // Rows for most n-grams of the alphabet (some with idf 0 or 255, weights up to ±128).
    std::map<std::uint32_t, row> rows;
    for (char32_t a : alphabet)
      for (char32_t b : alphabet)
        for (const std::u32string& g :
             {std::u32string{a}, std::u32string{a, b}, std::u32string{a, b, a}}) {
          if (rnd() % 4 == 0) continue;
          row r{bucket(g, c.bits),
                std::uint8_t(rnd() % 7 == 0   ? 0
                             : rnd() % 9 == 0 ? 255
                                              : rnd()),
                {}};
          for (std::size_t k = 0; k < c.classes; ++k)
            r.w.push_back(std::int8_t(rnd() % 11 == 0 ? -128 : int(rnd() % 255) - 127));
          rows.emplace(r.bucket, r);
        }
    for (const auto& [b, r] : rows) m.rows.push_back(r);
    const auto model = minhu::text_model::parse(to_bytes(m));
    std::vector<std::string> all = texts;
    std::string longer;  // long enough that most rows are seen, many more than once
    for (int i = 0; i < 40; ++i) longer += texts[std::size_t(i) % texts.size()];
    all.push_back(longer);
    for (const auto& t : all) {
      const auto want = reference(m, t);
      const auto got = predict(*model, t);
      for (std::size_t k = 0; k < c.classes; ++k)
        ASSERT_NEAR(got[k], want[k], 1e-12)
            << "classes " << c.classes << " bits " << c.bits << " text \"" << t << "\" class " << k;
    }
  }
}

// ---- in a ruleset --------------------------------------------------------------------------
namespace {

struct model_dir {
  std::filesystem::path dir;
  model_dir() {
    dir = std::filesystem::temp_directory_path() /
          ("minhu_model_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
           "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
  }
  ~model_dir() { std::filesystem::remove_all(dir); }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir / name, std::ios::binary) << bytes;
  }
};

std::string ruleset_json(const std::string& model, double threshold) {
  return R"({"format_version": 1, "id": "m", "version": "1",
    "taxonomy": [{"id": "env", "name": "环境"}, {"id": "urban", "name": "城建"},
                 {"id": "labour", "name": "劳动"}],
    "rules": [{"id": "wages", "category": "labour", "when": {"text": {"any": ["工资"]}}}],
    "model": {"path": ")" +
         model + R"(", "threshold": )" + std::to_string(threshold) + "}}";
}

minhu::classification classify(const std::shared_ptr<const minhu::ruleset>& rs,
                               const std::string& text, const std::string& title = "") {
  minhu::petition p;
  p.id = "p";
  p.title = title;
  p.text = text;
  minhu::classifier_scratch sc;
  minhu::classification c;
  minhu::classify(rs, p, sc, c);
  return c;
}

}  // namespace

TEST(ModelInRuleset, DecidesWhenNoRuleHoldsAboveTheThreshold) {
  model_dir d;
  d.write("m.model", to_bytes(noise_water()));
  const auto rs = minhu::ruleset::load_string(ruleset_json("m.model", 0.6), d.dir.string());
  ASSERT_TRUE(rs->model());
  EXPECT_EQ(rs->model()->category_of, (std::vector<std::uint32_t>{0, 1}));

  auto c = classify(rs, "楼下噪声噪声");  // traditional/width are normalised first
  EXPECT_EQ(c.decided_by, minhu::decided_by::model);
  EXPECT_EQ(c.category_id(), "env");
  EXPECT_GT(c.confidence, 0.6);
  EXPECT_TRUE(c.fired.empty());
  EXPECT_TRUE(c.spans.empty());

  EXPECT_EQ(classify(rs, "自來水停了").category_id(), "urban");

  // A rule holds: the model is not asked.
  c = classify(rs, "噪声 拖欠工资");
  EXPECT_EQ(c.decided_by, minhu::decided_by::rule);
  EXPECT_EQ(c.category_id(), "labour");

  // Below the threshold (nothing known: intercepts only, p = 0.55): triage.
  c = classify(rs, "你好");
  EXPECT_EQ(c.decided_by, minhu::decided_by::triage);
  EXPECT_EQ(c.category, -1);

  // The title counts too (its own field).
  EXPECT_EQ(classify(rs, "", "噪声").category_id(), "env");
}

TEST(ModelInRuleset, ExplainShowsTheModel) {
  model_dir d;
  d.write("m.model", to_bytes(noise_water()));
  const auto rs = minhu::ruleset::load_string(ruleset_json("m.model", 0.6), d.dir.string());
  minhu::petition p;
  p.id = "x";
  p.text = "噪声";
  EXPECT_NE(minhu::explain(rs, p).find("by the learned model"), std::string::npos);
  p.text = "你好";
  EXPECT_NE(minhu::explain(rs, p).find("below the threshold"), std::string::npos);
}

TEST(ModelInRuleset, ProblemsPointAtTheModelPath) {
  model_dir d;
  auto problems = minhu::ruleset::check_string(ruleset_json("missing.model", 0.5), d.dir.string());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/model/path");
  EXPECT_NE(problems[0].message.find("cannot read model file"), std::string::npos);

  d.write("bad.model", "garbage");
  problems = minhu::ruleset::check_string(ruleset_json("bad.model", 0.5), d.dir.string());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("invalid text model"), std::string::npos);

  spec other = noise_water();
  other.labels = {"env", "roads"};
  d.write("other.model", to_bytes(other));
  problems = minhu::ruleset::check_string(ruleset_json("other.model", 0.5), d.dir.string());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/model/path");
  EXPECT_NE(problems[0].message.find("\"roads\" is not a category"), std::string::npos);
}

TEST(ModelInRuleset, BundledTipdmRulesetClassifiesWithItsModel) {
  const auto rs = minhu::ruleset::load_file(MINHU_SOURCE_DIR "/rulesets/tipdm-7class.json");
  ASSERT_TRUE(rs->model());
  EXPECT_EQ(rs->model()->model->labels().size(), 7u);
  const std::map<std::string, std::string> cases = {
      {"公司拖欠农民工工资三个月不发，社保也没有缴纳", "labour"},
      {"小区旁边化工厂排放废气，气味刺鼻，河水被污染", "env"},
      {"学校补课收费，教师违规办辅导班", "edu"},
      {"出租车司机拒载绕路，网约车乱收费", "transport"},
      {"超市销售过期食品，商家虚假宣传", "commerce"},
      {"小区物业乱收费，房屋质量问题，开发商延期交房", "urban"},
      {"医院看病收费不合理，医生态度差，疫苗接种", "health"},
  };
  for (const auto& [text, want] : cases) {
    const auto c = classify(rs, text);
    EXPECT_EQ(c.category_id(), want) << text;
    if (c.decided_by != minhu::decided_by::rule) {
      EXPECT_EQ(c.decided_by, minhu::decided_by::model) << text;
      EXPECT_GE(c.confidence, rs->model()->threshold);
    }
  }
}
