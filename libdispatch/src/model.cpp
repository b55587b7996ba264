// The learned text model: file parsing (cold) and inference (hot, noexcept, allocation-free).
#include "minhu/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "minhu/error.hpp"

namespace minhu {

namespace {

constexpr char magic[8] = {'M', 'I', 'N', 'H', 'U', 'T', 'M', '1'};
constexpr std::uint32_t format_version = 2;
constexpr unsigned max_bits = 24;  // bucket and order share 32 bits in the counting table
constexpr std::size_t max_table_bytes = std::size_t{1} << 30;
constexpr std::uint32_t flag_sublinear = 1, flag_l2 = 2, flag_per_order = 4;

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

// The most distinct (order, bucket) pairs of a text of `cps` code points (or bytes: an upper
// bound), and the counting table's slots for them: load factor <= 1/4, so that most n-grams
// find their slot at the first probe.
std::size_t max_pairs(std::size_t cps, std::size_t orders) noexcept { return orders * cps + 1; }
std::size_t slots_for(std::size_t pairs) noexcept {
  std::size_t slots = 64;
  while (slots < 4 * pairs) slots *= 2;
  return slots;
}

// Code points of well-formed UTF-8 (bytes that are not continuation bytes).
std::size_t code_points(const unsigned char* p, std::size_t n) noexcept {
  std::size_t c = 0;
  for (std::size_t i = 0; i < n; ++i) c += (p[i] & 0xC0) != 0x80;
  return c;
}

// A zeroed table of `bytes`; from 1 MB on, 2 MB-aligned and advised to use transparent huge
// pages (Linux), so that random row reads do not miss the TLB.
std::int8_t* allocate_table(std::size_t bytes) {
  constexpr std::size_t huge = std::size_t{2} << 20;
  const std::size_t align = bytes >= huge / 2 ? huge : 64;
  const std::size_t size = (bytes + align - 1) / align * align;
  void* p = std::aligned_alloc(align, size);
  if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (align == huge) ::madvise(p, size, MADV_HUGEPAGE);  // advice only: failure is harmless
#endif
  std::memset(p, 0, size);
  return static_cast<std::int8_t*>(p);
}

}  // namespace

void text_model::free_table::operator()(std::int8_t* p) const noexcept { std::free(p); }

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
    bad("unknown format version " + std::to_string(v) + " (this minhu reads version " +
        std::to_string(format_version) +
        (v < format_version ? "; retrain the model with `python -m minhu.tune train`)" : ")"));
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
  if (flags & ~(flag_sublinear | flag_l2 | flag_per_order)) bad("unknown flags");
  if ((flags & flag_l2) && (flags & flag_per_order))
    bad("flags: l2 and per-order normalisation exclude each other");
  m->sublinear_ = flags & flag_sublinear;
  m->l2_ = flags & flag_l2;
  m->per_order_ = flags & flag_per_order;
  if (classes < 2 || classes > 4096) bad("needs 2 to 4096 classes");
  const std::size_t buckets = std::size_t{1} << m->bits_;
  const std::size_t stride = std::size_t(classes) + 1;
  if (rows > buckets) bad("more rows than buckets");
  if (buckets > max_table_bytes / stride)
    bad("2^" + std::to_string(m->bits_) + " buckets x " + std::to_string(stride) +
        " bytes exceed the 1 GiB weight table limit");
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
  for (std::uint32_t c = 0; c < classes; ++c) {
    const double s = r.f64();
    if (!std::isfinite(s) || s < 0)
      bad("weight scale of class " + std::to_string(c) + " is not a finite number >= 0");
    m->scale_.push_back(s);
  }
  m->idf_scale_ = r.f64();
  if (!std::isfinite(m->idf_scale_) || m->idf_scale_ <= 0) bad("idf scale must be finite and > 0");
  const unsigned orders = m->ngram_max_ - m->ngram_min_ + 1;
  for (unsigned g = 0; g < orders; ++g) {
    const double a = r.f64();
    if (!std::isfinite(a)) bad("non-finite order weight");
    m->alpha_.push_back(a);
  }
  if (r.left() != std::size_t(rows) * (4 + stride))
    bad("expected " + std::to_string(rows) + " rows of " + std::to_string(4 + stride) +
        " bytes after the header, found " + std::to_string(r.left()) + " bytes");
  m->table_bytes_ = buckets * stride;
  m->table_.reset(allocate_table(m->table_bytes_));
  std::int64_t prev = -1;
  for (std::uint32_t i = 0; i < rows; ++i) {
    const std::uint32_t b = r.u32();
    if (b >= buckets || std::int64_t(b) <= prev)
      bad("row " + std::to_string(i) + ": bucket out of range or not increasing");
    prev = b;
    const std::string_view row = r.bytes(stride);
    std::memcpy(m->table_.get() + std::size_t(b) * stride, row.data(), stride);
  }
  m->row_count_ = rows;
  m->tf_.resize(256);
  for (std::size_t c = 0; c < m->tf_.size(); ++c)
    m->tf_[c] = m->sublinear_ ? (c ? 1.0 + std::log(double(c)) : 0.0) : double(c);
  return m;
}

void model_scratch::reserve(const text_model& m, std::size_t bytes) {
  const std::size_t orders = m.ngram_max_ - m.ngram_min_ + 1;
  const std::size_t most = max_pairs(bytes, orders);
  const std::size_t slots = slots_for(most);
  if (table.size() < slots) table.assign(slots, 0);
  if (touched.size() < most) touched.resize(most);
  const std::size_t need = orders * (m.labels_.size() + 1);
  if (acc.size() < need) acc.resize(need);
  if (iacc.size() < need) iacc.resize(need);
}

// Step 2 of predict for a stride S known at compile time (0: classes + 1 at run time). Pairs
// seen once (most of them: tf 1) add idf × weight in exact int32 arithmetic, flushed to double
// before it could overflow; the others go through double.
template <std::size_t S>
void text_model::accumulate(model_scratch& sc, std::size_t n_touched, double* acc) const noexcept {
  const std::size_t classes = labels_.size();
  const std::size_t stride = S ? S : classes + 1;
  const std::size_t orders = ngram_max_ - ngram_min_ + 1;
  std::uint64_t* const table = sc.table.data();
  const std::uint32_t* const touched = sc.touched.data();
  const std::int8_t* const weights = table_.get();
  std::int32_t* const iacc = sc.iacc.data();  // per order: stride lanes, lane 0 unused
  std::int64_t norm1[8] = {};                 // per order: Σ idf² of the pairs seen once
  const double* tf = tf_.data();
  const std::size_t tf_n = tf_.size();
  constexpr std::size_t flush_every = 32768;  // 32768 × 255 × 127 < 2^31
  auto flush = [&] {
    for (std::size_t g = 0; g < orders; ++g) {
      for (std::size_t k = 0; k < classes; ++k) {
        acc[g * stride + k] += double(iacc[g * stride + k + 1]);
        iacc[g * stride + k + 1] = 0;
      }
      acc[g * stride + classes] += double(norm1[g]);
      norm1[g] = 0;
    }
  };
  std::fill(iacc, iacc + orders * stride, 0);
  for (std::size_t t = 0; t < n_touched; ++t) {
    const std::uint64_t e = table[touched[t]];
    table[touched[t]] = 0;
    const std::uint32_t key = std::uint32_t(e >> 32) - 1;
    const std::size_t g = key >> 24;
    const std::int8_t* row = weights + std::size_t(key & 0xFFFFFFu) * stride;
    const std::int32_t idf = std::uint8_t(row[0]);
    const std::uint32_t c = std::uint32_t(e);
    if (c == 1) {
      std::int32_t* a = iacc + g * stride;
      for (std::size_t j = 1; j < stride; ++j) a[j] += idf * std::int32_t(row[j]);
      norm1[g] += idf * idf;
      if ((t + 1) % flush_every == 0) flush();
    } else {
      const double f = c < tf_n ? tf[c] : sublinear_ ? 1.0 + std::log(double(c)) : double(c);
      const double v = f * double(idf);
      double* a = acc + g * stride;
      a[classes] += v * v;
      for (std::size_t k = 0; k < classes; ++k) a[k] += v * double(row[k + 1]);
    }
  }
  flush();
}

int text_model::predict(std::string_view s, model_scratch& sc, double* probs) const noexcept {
  const std::size_t classes = labels_.size();
  const std::size_t stride = classes + 1;
  const std::size_t orders = ngram_max_ - ngram_min_ + 1;
  std::fill(probs, probs + classes, 0.0);
  const std::size_t most_reserved = max_pairs(s.size(), orders);
  if (sc.table.size() < slots_for(most_reserved) || sc.touched.size() < most_reserved ||
      sc.acc.size() < orders * stride || sc.iacc.size() < orders * stride)
    return -1;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  // 1. Count the (order, bucket) pairs of the n-grams ending at each code point; prefetch the
  //    weight row of each (step 2 reads it: the misses overlap with the hashing). Only as many
  //    slots as this text needs: the table is sized for the longest text, a short one should
  //    stay in L1.
  const std::size_t most = max_pairs(code_points(p, s.size()), orders);
  const std::size_t mask = slots_for(most) - 1;
  std::uint64_t* const table = sc.table.data();
  std::uint32_t* const touched = sc.touched.data();  // size >= most (checked above)
  std::size_t n_touched = 0;
  const std::int8_t* const weights = table_.get();
  const unsigned nmin = ngram_min_, nmax = ngram_max_, bits = bits_;
  auto count = [&](std::uint32_t g, std::uint32_t b) {
    const std::uint64_t key = std::uint64_t(g << 24 | b) + 1;
    __builtin_prefetch(weights + std::size_t(b) * stride);
    std::size_t i = (b + g * 0x9E3779B1u) & mask;
    std::uint64_t e = table[i];
    // Usually the first slot is empty or ours: no branch on which (a new pair's 0 count and
    // an old pair's count both become count + 1).
    while (e != 0 && e >> 32 != key) {
      i = (i + 1) & mask;
      e = table[i];
    }
    table[i] = key << 32 | ((e & 0xFFFFFFFFu) + 1);
    touched[n_touched] = std::uint32_t(i);
    n_touched += e == 0;
  };
  std::uint64_t keys[8];  // keys[n - 1]: the n-gram ending at the current code point
  unsigned run = 0;       // code points so far in this field
  while (p < end) {
    // Decode one code point. The normaliser's output is well-formed; anything else is read
    // without overrun (its n-grams are unspecified).
    char32_t cp = *p;
    std::size_t len = 1;
    if (cp >= 0x80) {
      len = cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
      len = std::min<std::size_t>(len, std::size_t(end - p));
      cp &= len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07;
      for (std::size_t k = 1; k < len; ++k) cp = cp << 6 | (p[k] & 0x3F);
    }
    p += len;
    if (cp == '\n') {
      run = 0;
      continue;
    }
    if (run < nmax) ++run;
    for (unsigned n = run; n >= 2; --n) keys[n - 1] = model_key(keys[n - 2], cp);
    keys[0] = model_key(0, cp);
    for (unsigned n = nmin; n <= run; ++n) count(n - nmin, model_bucket(keys[n - 1], bits));
  }
  // 2. Per pair: v = tf × idf into its order's squared norm and dot products (a bucket
  //    without a row has idf 0: v = 0); leave the table empty for the next petition.
  double* acc = sc.acc.data();
  std::fill(acc, acc + orders * stride, 0.0);
  if (stride == 8)  // 7 classes: a fixed-width loop the compiler turns into SIMD
    accumulate<8>(sc, n_touched, acc);
  else
    accumulate<0>(sc, n_touched, acc);
  // 3. x = α_g v / norm (idf's scale cancels out of a normalised x); z = b + scale × (x·W).
  double joint2 = 0;
  for (std::size_t g = 0; g < orders; ++g)
    joint2 += alpha_[g] * alpha_[g] * acc[g * stride + classes];
  for (std::size_t g = 0; g < orders; ++g) {
    double f = alpha_[g];
    const double n2 = per_order_ ? acc[g * stride + classes] : joint2;
    if (per_order_ || l2_)
      f = n2 > 0 ? f / std::sqrt(n2) : 0.0;
    else
      f *= idf_scale_;
    for (std::size_t k = 0; k < classes; ++k) probs[k] += f * acc[g * stride + k];
  }
  int best = 0;
  for (std::size_t k = 0; k < classes; ++k) {
    probs[k] = intercept_[k] + scale_[k] * probs[k];
    if (probs[k] > probs[std::size_t(best)]) best = int(k);
  }
  const double top = probs[std::size_t(best)];
  double sum = 0;
  for (std::size_t k = 0; k < classes; ++k) sum += probs[k] = std::exp(probs[k] - top);
  for (std::size_t k = 0; k < classes; ++k) probs[k] /= sum;
  return best;
}

}  // namespace minhu
