// The learned text model: hashing contract, file format, inference, and its place in the
// classifier (no rule holds → model at or above the threshold, else triage).
#include "minhu/model.hpp"

#include <gtest/gtest.h>

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
  float idf;
  std::vector<float> w;
};

struct spec {
  std::vector<std::string> labels;
  unsigned bits = 12, ngram_min = 1, ngram_max = 3;
  std::uint32_t flags = 3;  // sublinear + l2
  std::vector<double> intercept;
  std::vector<row> rows;
};

void put32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(char(v >> (8 * i) & 0xFF));
}
void putf(std::string& s, float f) {
  std::uint32_t v;
  std::memcpy(&v, &f, 4);
  put32(s, v);
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
  put32(s, 1);
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
  for (const auto& r : m.rows) {
    put32(s, r.bucket);
    putf(s, r.idf);
    for (float w : r.w) putf(s, w);
  }
  return s;
}

std::uint32_t bucket(std::string_view ngram, unsigned bits) {
  return minhu::model_bucket(minhu::fnv1a64(ngram), bits);
}

std::vector<double> predict(const minhu::text_model& m, std::string_view text) {
  minhu::model_scratch sc;
  sc.reserve(m, text.size());
  std::vector<double> p(m.labels().size());
  m.predict(text, sc, p.data());
  return p;
}

// Two classes, unigram "噪" votes for env, "水" for urban.
spec noise_water() {
  spec m;
  m.labels = {"env", "urban"};
  m.intercept = {0.1, -0.1};
  m.rows = {{bucket("噪", 12), 2.0f, {3.0f, -1.0f}}, {bucket("水", 12), 1.5f, {-2.0f, 2.5f}}};
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

TEST(ModelHash, FnvTestVectorsAndXorFold) {
  EXPECT_EQ(minhu::fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(minhu::fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(minhu::fnv1a64("foobar"), 0x85944171f73967e8ull);
  // Incremental hashing equals hashing the concatenation (inference extends n-grams so).
  EXPECT_EQ(minhu::fnv1a64("噪声", minhu::fnv1a64("扰民")), minhu::fnv1a64("扰民噪声"));
  const std::uint64_t h = 0x0123456789abcdefull;
  EXPECT_EQ(minhu::model_bucket(h, 20), std::uint32_t((h ^ (h >> 20)) & 0xFFFFF));
  EXPECT_LT(minhu::model_bucket(h, 3), 8u);
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
  nan.rows[1].w[0] = std::nanf("");
  EXPECT_NE(expect_invalid(to_bytes(nan)).find("non-finite"), std::string::npos);
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

TEST(ModelPredict, NgramsDoNotCrossFields) {
  spec s;
  s.labels = {"a", "b"};
  s.intercept = {0, 0};
  s.rows = {{bucket("bc", 12), 1.0f, {1.0f, -1.0f}}};
  const auto m = minhu::text_model::parse(to_bytes(s));
  EXPECT_GT(predict(*m, "abcd")[0], 0.8);
  EXPECT_DOUBLE_EQ(predict(*m, "ab\ncd")[0], 0.5);
  // Multi-byte code points: the trigram of three CJK characters is one n-gram.
  spec t = s;
  t.ngram_min = 3;
  t.rows = {{bucket("油烟大", 12), 1.0f, {-1.0f, 1.0f}}};
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
