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
// n ∈ [ngram_min, ngram_max] code points; bucket = xor-fold of FNV-1a 64 of its UTF-8 bytes
// to `bits` bits; per bucket count → tf (1 + ln count when sublinear) × idf of the model's row
// (buckets without a row are ignored) → L2 normalisation → z = intercept + x·W → softmax.
// The file format is documented in docs/ruleset-format.md ("model").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minhu {

inline constexpr std::uint64_t fnv1a64_offset = 0xCBF29CE484222325ull;
inline constexpr std::uint64_t fnv1a64_prime = 0x100000001B3ull;

/// FNV-1a, 64 bit: continue hashing `s` from state `h`.
constexpr std::uint64_t fnv1a64(std::string_view s, std::uint64_t h = fnv1a64_offset) noexcept {
  for (unsigned char c : s) {
    h ^= c;
    h *= fnv1a64_prime;
  }
  return h;
}

/// The feature bucket of hash `h` among 2^bits: FNV's xor-fold (the low bits alone of an FNV
/// hash mix poorly).
constexpr std::uint32_t model_bucket(std::uint64_t h, unsigned bits) noexcept {
  return std::uint32_t((h ^ (h >> bits)) & ((std::uint64_t{1} << bits) - 1));
}

class text_model;

/// Per-thread working memory of text_model::predict: a small open-addressing table counting
/// the petition's buckets (cache-resident, unlike a 2^bits array), cleared after each use.
struct model_scratch {
  std::vector<std::uint64_t> table;    ///< (bucket + 1) << 32 | count; 0 = empty slot
  std::vector<std::uint32_t> touched;  ///< occupied slots
  std::vector<std::uint64_t> found;    ///< (row << 32 | count) of buckets the model knows
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
  /// Buckets that carry weights.
  std::size_t rows() const noexcept { return row_count_; }

  /// Class probabilities of `normalized` (normalised fields joined by '\n') into
  /// probs[0, labels().size()); returns the most probable class (ties: the lower index).
  /// `scratch` must have been reserve()d for this model and at least this many bytes;
  /// otherwise every probability is 0 and -1 is returned.
  int predict(std::string_view normalized, model_scratch& scratch, double* probs) const noexcept;

 private:
  text_model() = default;
  friend struct model_scratch;

  std::vector<std::string> labels_;
  unsigned bits_ = 0, ngram_min_ = 1, ngram_max_ = 3;
  bool sublinear_ = true, l2_ = true;
  std::size_t row_count_ = 0;
  std::vector<double> intercept_;
  std::vector<std::uint32_t> row_of_;  ///< per bucket: row + 1, 0 = no row
  std::vector<float> rows_;            ///< per row: idf, then one weight per class
};

}  // namespace minhu
