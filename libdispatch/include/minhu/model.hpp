// The learned text model: a linear classifier over hashed character n-grams of the normalised
// text, used when no rule decides. Trained in Python (`python -m minhu.tune train`), run here.
//
//   auto m = minhu::text_model::load_file("rulesets/tipdm-7class.model");  // throws minhu::error
//   minhu::model_scratch scratch;                 // per thread, reused: no per-petition churn
//   scratch.reserve(*m, text.size());             // the only call that may allocate
//   std::vector<double> probs(m->labels().size());
//   int best = m->predict(minhu::normalize(text), scratch, probs.data());   // noexcept
//   // m->labels()[best] is a category id; probs[best] its probability
//
// Features (the contract with bindings/python/src/minhu/model.py; the parity test holds both
// to 1e-5): the normalised title and text joined by '\n'; in each field, every n-gram of
// n ∈ [ngram_min, ngram_max] code points, of order g = n - ngram_min; its key folds the code
// points (model_key), its bucket is model_bucket(key, bits); per (order, bucket) the count →
// tf (1 + ln count when sublinear) × the bucket's idf (buckets whose idf is 0 are ignored) =
// v; x = α_g v / ‖v_g‖ per order (per_order_norm) or α_g v / ‖v‖ over all (l2) or α_g v;
// z = intercept + x·W (W shared by the orders, per bucket) → softmax. Weights are int8 with a
// scale per class, idf u8 with one scale. In memory, the rows of 1 + C bytes are packed behind
// a bitmap of the buckets that have one, with a rank per 64 buckets (16 bytes per 64 buckets:
// 1.5 MB for the TipDM model instead of 8 MB of dense rows): two cache line reads per distinct
// n-gram (index block, row), from a sixth of the dense table's footprint. The file format is
// documented in docs/ruleset-format.md ("model").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minhu {

inline constexpr std::uint64_t model_key_prime = 0x9E3779B97F4A7C15ull;
inline constexpr std::uint64_t model_mix = 0xD6E8FEB86659FD93ull;

/// The key of the n-gram (c_1 .. c_n) is model_key(model_key(... model_key(0, c_1) ...), c_n):
/// a polynomial over the code points, so the n-grams ending at one position extend those
/// ending at the previous one.
constexpr std::uint64_t model_key(std::uint64_t prev, char32_t cp) noexcept {
  return (prev + std::uint64_t(cp) + 1) * model_key_prime;
}

/// The feature bucket of a key among 2^bits (1 <= bits <= 24): the top bits of a multiply of
/// the xor-shifted key.
constexpr std::uint32_t model_bucket(std::uint64_t key, unsigned bits) noexcept {
  return std::uint32_t(((key ^ (key >> 29)) * model_mix) >> (64 - bits));
}

class text_model;

/// Per-thread working memory of text_model::predict: a small open-addressing table counting
/// the petition's buckets of one n-gram order at a time (cache-resident, unlike a 2^bits
/// array), cleared after each use.
struct model_scratch {
  std::vector<std::uint64_t> table;    ///< (bucket + 1) << 32 | count; 0 = empty
  std::vector<std::uint32_t> touched;  ///< per order its n-grams' buckets, then 4 work lists
  std::vector<double> acc;             ///< per order: C dot products, then the squared norm
  std::vector<std::int32_t> iacc;      ///< the same in integers, for tf = 1 (generic path)
  /// Sizes the buffers for `m` and texts of up to `bytes` bytes. May allocate; predict never.
  void reserve(const text_model& m, std::size_t bytes);
};

/// A trained linear model. Immutable once loaded; share it by std::shared_ptr<const ...>.
class text_model {
 public:
  /// Reads a model file. Throws minhu::error (errc::io when unreadable, errc::invalid_argument
  /// when it is not a valid model).
  static std::shared_ptr<const text_model> load_file(const std::string& path);
  /// Parses the bytes of a model file. Throws minhu::error(errc::invalid_argument).
  static std::shared_ptr<const text_model> parse(std::string_view bytes);

  // A model is megabytes of weights: share it, don't copy it.
  text_model(const text_model&) = delete;
  text_model& operator=(const text_model&) = delete;

  /// Class labels (category ids), in score order.
  const std::vector<std::string>& labels() const noexcept { return labels_; }
  unsigned bits() const noexcept { return bits_; }
  unsigned ngram_min() const noexcept { return ngram_min_; }
  unsigned ngram_max() const noexcept { return ngram_max_; }
  bool sublinear_tf() const noexcept { return sublinear_; }
  bool l2_normalize() const noexcept { return l2_; }
  bool per_order_norm() const noexcept { return per_order_; }
  /// α per n-gram order (ngram_max - ngram_min + 1 values).
  const std::vector<double>& order_weights() const noexcept { return alpha_; }
  /// Buckets that carry an idf (the rows of the file).
  std::size_t rows() const noexcept { return row_count_; }
  /// Bytes of the in-memory weight table: the bucket index (16 bytes per 64 buckets), then
  /// 1 + classes bytes per row with a non-zero idf.
  std::size_t table_bytes() const noexcept { return table_bytes_; }

  /// Class probabilities of `normalized` (normalised fields joined by '\n') into
  /// probs[0, labels().size()); returns the most probable class (ties: the lower index).
  /// `scratch` must have been reserve()d for this model and at least this many bytes;
  /// otherwise every probability is 0 and -1 is returned.
  int predict(std::string_view normalized, model_scratch& scratch, double* probs) const noexcept;

 private:
  text_model() = default;
  friend struct model_scratch;
  template <bool HwPopcount>
  int predict_with(std::string_view s, model_scratch& sc, double* probs) const noexcept;
  int predict_popcnt(std::string_view s, model_scratch& sc, double* probs) const noexcept;
  template <std::size_t S>
  void accumulate(model_scratch& sc, const std::uint32_t* once, std::size_t n_once,
                  const std::uint32_t* more, const std::uint32_t* counts, std::size_t n_more,
                  double* acc) const noexcept;

  std::vector<std::string> labels_;
  unsigned bits_ = 0, ngram_min_ = 1, ngram_max_ = 2;
  bool sublinear_ = true, l2_ = true, per_order_ = false;
  std::size_t row_count_ = 0;
  std::vector<double> intercept_;
  std::vector<double> scale_;  ///< per class: weight = int8 × scale
  double idf_scale_ = 1;       ///< idf = u8 × idf_scale
  std::vector<double> alpha_;  ///< per order
  std::vector<double> tf_;     ///< tf of counts 0..tf_.size()-1
  struct free_table {
    void operator()(std::int8_t* p) const noexcept;
  };
  /// Per 64 buckets: which have a row (bit b & 63), and the rank of the block's first row.
  struct index_block {
    std::uint64_t bits;
    std::uint32_t rank, unused;
  };
  /// index_ (2^bits / 64 blocks), then the rows (u8 idf, then int8 weight per class) of the
  /// buckets whose idf is not 0, in bucket order. Huge-page backed where the OS allows.
  std::unique_ptr<std::int8_t[], free_table> table_;
  std::size_t table_bytes_ = 0;
  const index_block* index_ = nullptr;
  const std::int8_t* rows_ = nullptr;
};

}  // namespace minhu
