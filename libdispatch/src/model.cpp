// The learned text model: file parsing (cold) and inference (hot, noexcept, allocation-free).
#include "minhu/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "minhu/error.hpp"

namespace minhu {

namespace {

constexpr char magic[8] = {'M', 'I', 'N', 'H', 'U', 'T', 'M', '1'};
constexpr std::uint32_t format_version = 1;
constexpr unsigned max_bits = 24;  // 2^24 buckets: a 64 MB index; more buys nothing here

[[noreturn]] void bad(const std::string& what) {
  throw error(errc::invalid_argument, "invalid text model: " + what);
}

class reader {
 public:
  explicit reader(std::string_view b) : b_(b) {}
  std::uint32_t u32() {
    need(4);
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = v << 8 | std::uint8_t(b_[pos_ + std::size_t(i)]);
    pos_ += 4;
    return v;
  }
  float f32() {
    const std::uint32_t bits = u32();
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  }
  double f64() {
    const std::uint64_t lo = u32();
    const std::uint64_t hi = u32();
    const std::uint64_t bits = hi << 32 | lo;
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  std::string_view bytes(std::size_t n) {
    need(n);
    auto s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::size_t left() const noexcept { return b_.size() - pos_; }

 private:
  void need(std::size_t n) const {
    if (b_.size() - pos_ < n) bad("truncated file");
  }
  std::string_view b_;
  std::size_t pos_ = 0;
};

inline std::size_t utf8_length(unsigned char lead) noexcept {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

std::shared_ptr<const text_model> text_model::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(errc::io, "cannot read model file \"" + path + "\"");
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw error(errc::io, "error while reading \"" + path + "\"");
  return parse(data);
}

std::shared_ptr<const text_model> text_model::parse(std::string_view bytes) {
  reader r(bytes);
  if (r.bytes(sizeof magic) != std::string_view(magic, sizeof magic))
    bad("not a minhu text model (expected the magic \"MINHUTM1\")");
  if (const auto v = r.u32(); v != format_version)
    bad("unknown format version " + std::to_string(v) + " (this minhu reads version 1)");
  std::shared_ptr<text_model> m(new text_model());
  m->bits_ = r.u32();
  m->ngram_min_ = r.u32();
  m->ngram_max_ = r.u32();
  const std::uint32_t flags = r.u32();
  const std::uint32_t classes = r.u32();
  const std::uint32_t rows = r.u32();
  if (m->bits_ < 1 || m->bits_ > max_bits)
    bad("hash bits " + std::to_string(m->bits_) + " outside 1..24");
  if (m->ngram_min_ < 1 || m->ngram_min_ > m->ngram_max_ || m->ngram_max_ > 8)
    bad("n-gram range must satisfy 1 <= min <= max <= 8");
  if (flags & ~3u) bad("unknown flags");
  m->sublinear_ = flags & 1u;
  m->l2_ = flags & 2u;
  if (classes < 2 || classes > 4096) bad("needs 2 to 4096 classes");
  const std::size_t buckets = std::size_t{1} << m->bits_;
  if (rows > buckets) bad("more rows than buckets");
  for (std::uint32_t c = 0; c < classes; ++c) {
    const std::uint32_t n = r.u32();
    std::string label(r.bytes(n));
    if (label.empty()) bad("class " + std::to_string(c) + " has an empty label");
    if (std::find(m->labels_.begin(), m->labels_.end(), label) != m->labels_.end())
      bad("duplicate class label \"" + label + "\"");
    m->labels_.push_back(std::move(label));
  }
  for (std::uint32_t c = 0; c < classes; ++c) {
    const double b = r.f64();
    if (!std::isfinite(b)) bad("non-finite intercept");
    m->intercept_.push_back(b);
  }
  const std::size_t stride = std::size_t(classes) + 1;
  if (r.left() != std::size_t(rows) * (4 + 4 * stride))
    bad("expected " + std::to_string(rows) + " rows of " + std::to_string(4 + 4 * stride) +
        " bytes after the header, found " + std::to_string(r.left()) + " bytes");
  m->row_of_.assign(buckets, 0);
  m->rows_.resize(std::size_t(rows) * stride);
  std::int64_t prev = -1;
  for (std::uint32_t i = 0; i < rows; ++i) {
    const std::uint32_t b = r.u32();
    if (b >= buckets || std::int64_t(b) <= prev)
      bad("row " + std::to_string(i) + ": bucket out of range or not increasing");
    prev = b;
    m->row_of_[b] = i + 1;
    float* row = &m->rows_[std::size_t(i) * stride];
    for (std::size_t k = 0; k < stride; ++k) {
      row[k] = r.f32();
      if (!std::isfinite(row[k])) bad("row " + std::to_string(i) + ": non-finite value");
    }
  }
  m->row_count_ = rows;
  return m;
}

namespace {
// The most distinct buckets a text of `bytes` bytes can have under `m`.
std::size_t max_buckets(std::size_t bytes, unsigned bits, unsigned nmin, unsigned nmax) {
  return std::min(std::size_t{1} << bits, std::size_t(nmax - nmin + 1) * bytes + 1);
}
}  // namespace

void model_scratch::reserve(const text_model& m, std::size_t bytes) {
  const std::size_t most = max_buckets(bytes, m.bits_, m.ngram_min_, m.ngram_max_);
  std::size_t slots = 64;
  while (slots < 2 * most) slots *= 2;  // load factor <= 1/2
  if (table.size() < slots) {
    table.assign(slots, 0);
    touched.clear();
  }
  if (touched.capacity() < most) touched.reserve(most);
  if (found.capacity() < most) found.reserve(most);
}

int text_model::predict(std::string_view s, model_scratch& sc, double* probs) const noexcept {
  const std::size_t classes = labels_.size();
  std::fill(probs, probs + classes, 0.0);
  const std::size_t most = max_buckets(s.size(), bits_, ngram_min_, ngram_max_);
  if (sc.table.size() < 2 * most || sc.touched.capacity() < most || sc.found.capacity() < most)
    return -1;
  // 1. Count the n-grams' buckets (capacity reserved: push_back never reallocates).
  sc.touched.clear();
  sc.found.clear();
  std::uint64_t* table = sc.table.data();
  const std::size_t mask = sc.table.size() - 1;
  auto count = [&](std::uint32_t b) {
    const std::uint64_t key = std::uint64_t(b) + 1;
    for (std::size_t i = b & mask;; i = (i + 1) & mask) {
      if (table[i] == 0) {
        table[i] = key << 32 | 1;
        sc.touched.push_back(std::uint32_t(i));
        __builtin_prefetch(&row_of_[b]);  // needed in step 2; overlap the cache misses
        return;
      }
      if (table[i] >> 32 == key) {
        ++table[i];
        return;
      }
    }
  };
  const std::size_t n = s.size();
  for (std::size_t pos = 0; pos < n;) {
    if (s[pos] == '\n') {
      ++pos;
      continue;
    }
    std::uint64_t h = fnv1a64_offset;
    std::size_t q = pos;
    for (unsigned k = 1; k <= ngram_max_ && q < n && s[q] != '\n'; ++k) {
      const std::size_t len = std::min(utf8_length(std::uint8_t(s[q])), n - q);
      h = fnv1a64(s.substr(q, len), h);
      q += len;
      if (k >= ngram_min_) count(model_bucket(h, bits_));
    }
    pos += std::min(utf8_length(std::uint8_t(s[pos])), n - pos);
  }
  // 2. Look the buckets up; leave the table empty for the next petition.
  const std::size_t stride = classes + 1;
  for (const std::uint32_t i : sc.touched) {
    const std::uint64_t e = table[i];
    table[i] = 0;
    const std::uint32_t r = row_of_[std::size_t(e >> 32) - 1];
    if (r == 0) continue;
    __builtin_prefetch(&rows_[std::size_t(r - 1) * stride]);
    sc.found.push_back(std::uint64_t(r - 1) << 32 | (e & 0xFFFFFFFFu));
  }
  sc.touched.clear();
  // 3. z accumulates in probs; the L2 norm divides the dot product once at the end.
  double norm2 = 0;
  for (const std::uint64_t f : sc.found) {
    const float* row = &rows_[std::size_t(f >> 32) * stride];
    const double c = double(f & 0xFFFFFFFFu);
    const double tf = sublinear_ ? 1.0 + std::log(c) : c;
    const double v = tf * double(row[0]);
    norm2 += v * v;
    for (std::size_t k = 0; k < classes; ++k) probs[k] += v * double(row[k + 1]);
  }
  const double scale = l2_ && norm2 > 0 ? 1.0 / std::sqrt(norm2) : 1.0;
  int best = 0;
  for (std::size_t k = 0; k < classes; ++k) {
    probs[k] = intercept_[k] + probs[k] * scale;
    if (probs[k] > probs[std::size_t(best)]) best = int(k);
  }
  const double top = probs[std::size_t(best)];
  double sum = 0;
  for (std::size_t k = 0; k < classes; ++k) sum += probs[k] = std::exp(probs[k] - top);
  for (std::size_t k = 0; k < classes; ++k) probs[k] /= sum;
  return best;
}

}  // namespace minhu
