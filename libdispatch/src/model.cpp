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
#if defined(__SSE2__)
#include <emmintrin.h>
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

// Slots of the counting table for up to `n` distinct keys: load factor <= 1/4, so that most
// n-grams find their slot at the first probe.
std::size_t slots_for(std::size_t pairs) noexcept {
  std::size_t slots = 64;
  while (slots < 4 * pairs) slots *= 2;
  return slots;
}

// Set bits of x (portable: the baseline x86-64 has no popcnt instruction).
inline std::uint32_t popcount64(std::uint64_t x) noexcept {
  x -= (x >> 1) & 0x5555555555555555ull;
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return std::uint32_t((x * 0x0101010101010101ull) >> 56);
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
  // The rows are kept packed in bucket order behind an index of 2^bits bits (is there a row
  // with an idf?) with the rank of each 64-bucket block: 16 bytes per 64 buckets.
  const std::size_t blocks = (buckets + 63) / 64;
  std::vector<std::string_view> kept;
  std::vector<std::uint32_t> kept_bucket;
  std::int64_t prev = -1;
  for (std::uint32_t i = 0; i < rows; ++i) {
    const std::uint32_t b = r.u32();
    if (b >= buckets || std::int64_t(b) <= prev)
      bad("row " + std::to_string(i) + ": bucket out of range or not increasing");
    prev = b;
    const std::string_view row = r.bytes(stride);
    if (row[0] == 0) continue;  // idf 0: the n-gram adds nothing to any score or norm
    kept.push_back(row);
    kept_bucket.push_back(b);
  }
  const std::size_t index_bytes = blocks * sizeof(index_block);
  m->table_bytes_ = index_bytes + kept.size() * stride;
  m->table_.reset(allocate_table(m->table_bytes_));
  auto* index = reinterpret_cast<index_block*>(m->table_.get());
  std::int8_t* packed = m->table_.get() + index_bytes;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const std::uint32_t b = kept_bucket[k];
    index_block& blk = index[b >> 6];
    if (blk.bits == 0) blk.rank = std::uint32_t(k);
    blk.bits |= std::uint64_t{1} << (b & 63);
    std::memcpy(packed + k * stride, kept[k].data(), stride);
  }
  for (std::size_t i = 1; i < blocks; ++i)  // empty blocks: the rank of the next row
    if (index[i].bits == 0) index[i].rank = index[i - 1].rank + popcount64(index[i - 1].bits);
  m->index_ = index;
  m->rows_ = packed;
  m->row_count_ = rows;
  m->tf_.resize(256);
  for (std::size_t c = 0; c < m->tf_.size(); ++c)
    m->tf_[c] = m->sublinear_ ? (c ? 1.0 + std::log(double(c)) : 0.0) : double(c);
  return m;
}

void model_scratch::reserve(const text_model& m, std::size_t bytes) {
  const std::size_t orders = m.ngram_max_ - m.ngram_min_ + 1;
  const std::size_t per = bytes + 1;  // n-grams of one order: at most one per code point
  if (table.size() < slots_for(per)) table.assign(slots_for(per), 0);
  if (touched.size() < (orders + 4) * per) touched.resize((orders + 4) * per);
  const std::size_t need = orders * (m.labels_.size() + 1);
  if (acc.size() < need) acc.resize(need);
  if (iacc.size() < need) iacc.resize(need);
}

namespace {

// The code point at p (p < end), advancing p past it. The normaliser's output is well-formed;
// anything else is read without overrun (its n-grams are unspecified).
inline char32_t next_code_point(const unsigned char*& p, const unsigned char* end) noexcept {
  const unsigned c0 = *p;
  if (c0 < 0x80) {
    ++p;
    return c0;
  }
  if ((c0 & 0xF0) == 0xE0 && end - p >= 3) {  // most of a Chinese text: three bytes
    const char32_t cp = (c0 & 0x0F) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
    p += 3;
    return cp;
  }
  std::size_t len = c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
  len = std::min<std::size_t>(len, std::size_t(end - p));
  char32_t cp = c0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = cp << 6 | (p[k] & 0x3F);
  p += len;
  return cp;
}

// Step 1 of predict: the bucket of every n-gram of [p, end), order g's into
// buckets[g * per, g * per + n[g]) in text order. Nmin, Nmax: the model's n-gram range if
// known at compile time (0: nmin, nmax at run time). Every store is unconditional and the
// counts advance by comparisons only: no load waits for another.
template <unsigned Nmin, unsigned Nmax>
void hash_ngrams(const unsigned char* p, const unsigned char* const end, unsigned nmin,
                 unsigned nmax, unsigned bits, std::uint32_t* buckets, std::size_t per,
                 std::size_t* n) noexcept {
  if (Nmax) nmin = Nmin, nmax = Nmax;
  std::uint64_t keys[8] = {};  // keys[k - 1]: the k-gram ending at the current code point
  std::size_t count[8] = {};
  unsigned run = 0;  // code points so far in this field, at most nmax
  while (p < end) {
    const char32_t cp = next_code_point(p, end);
    if (cp == '\n') {
      run = 0;
      continue;
    }
    run += run < nmax;
    for (unsigned k = nmax; k >= 2; --k) keys[k - 1] = model_key(keys[k - 2], cp);
    keys[0] = model_key(0, cp);
    for (unsigned k = nmin; k <= nmax; ++k) {
      const unsigned g = k - nmin;
      buckets[g * per + count[g]] = model_bucket(keys[k - 1], bits);
      count[g] += k <= run;
    }
  }
  for (unsigned g = 0; g + nmin <= nmax; ++g) n[g] = count[g];
}

}  // namespace

// Step 4 of predict for the distinct rows of one order: once[0, n_once) the rows seen once
// (most of them: tf 1), more[0, n_more) the others with their counts, in the order they were
// first seen. Adds into acc (C dot products, then the squared norm). The rows seen once add
// idf × weight in exact int32 arithmetic, flushed to double at the end (and before it could
// overflow); the others go through double. S: the stride if known at compile time (0: classes
// + 1 at run time).
template <std::size_t S>
void text_model::accumulate(model_scratch& sc, const std::uint32_t* once, std::size_t n_once,
                            const std::uint32_t* more, const std::uint32_t* counts,
                            std::size_t n_more, double* acc) const noexcept {
  const std::size_t classes = labels_.size();
  const std::size_t stride = S ? S : classes + 1;
  const std::int8_t* const rows = rows_;
  const double* tf = tf_.data();
  const std::size_t tf_n = tf_.size();
  for (std::size_t t = 0; t < n_more; ++t) {
    const std::int8_t* row = rows + std::size_t(more[t]) * stride;
    const std::uint32_t c = counts[t];
    const double f = c < tf_n ? tf[c] : sublinear_ ? 1.0 + std::log(double(c)) : double(c);
    const double v = f * double(std::uint8_t(row[0]));
    acc[classes] += v * v;
    for (std::size_t k = 0; k < classes; ++k) acc[k] += v * double(row[k + 1]);
  }
  constexpr std::size_t chunk = 16384;  // 16384 × 255² < 2^31
#if defined(__SSE2__)
  if constexpr (S == 8) {
    for (std::size_t from = 0; from < n_once; from += chunk) {
      const std::size_t to = std::min(n_once, from + chunk);
      // Lanes of two int32×4 sums: even = (idf, w2, w4, w6) × idf, odd = (w1, w3, w5, w7) ×
      // idf.
      __m128i even = _mm_setzero_si128(), odd = _mm_setzero_si128();
      for (std::size_t t = from; t < to; ++t) {
        const __m128i r = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(rows + once[t] * 8ull));
        const int idf = _mm_cvtsi128_si32(r) & 0xFF;
        // int16 lanes: idf, w1 .. w7 (sign-extended); × (idf, 0) and × (0, idf) pairwise.
        const __m128i w = _mm_insert_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(r, r), 8), idf, 0);
        const __m128i f = _mm_set1_epi32(idf);
        even = _mm_add_epi32(even, _mm_madd_epi16(w, f));
        odd = _mm_add_epi32(odd, _mm_madd_epi16(w, _mm_slli_epi32(f, 16)));
      }
      alignas(16) std::int32_t e[4], o[4];
      _mm_store_si128(reinterpret_cast<__m128i*>(e), even);
      _mm_store_si128(reinterpret_cast<__m128i*>(o), odd);
      acc[0] += double(o[0]);
      acc[1] += double(e[1]);
      acc[2] += double(o[1]);
      acc[3] += double(e[2]);
      acc[4] += double(o[2]);
      acc[5] += double(e[3]);
      acc[6] += double(o[3]);
      acc[7] += double(e[0]);
    }
    return;
  }
#endif
  std::int32_t* const iacc = sc.iacc.data();  // C dot products, then Σ idf²
  for (std::size_t from = 0; from < n_once; from += chunk) {
    const std::size_t to = std::min(n_once, from + chunk);
    std::fill(iacc, iacc + stride, 0);
    for (std::size_t t = from; t < to; ++t) {
      const std::int8_t* row = rows + std::size_t(once[t]) * stride;
      const std::int32_t idf = std::uint8_t(row[0]);
      for (std::size_t k = 0; k < classes; ++k) iacc[k] += idf * std::int32_t(row[k + 1]);
      iacc[classes] += idf * idf;
    }
    for (std::size_t k = 0; k < stride; ++k) acc[k] += double(iacc[k]);
  }
}

template <bool HwPopcount>
inline __attribute__((always_inline)) int text_model::predict_with(std::string_view s,
                                                                   model_scratch& sc,
                                                                   double* probs) const noexcept {
  const std::size_t classes = labels_.size();
  const std::size_t stride = classes + 1;
  const std::size_t orders = ngram_max_ - ngram_min_ + 1;
  std::fill(probs, probs + classes, 0.0);
  if (sc.table.size() < slots_for(s.size() + 1) ||
      sc.touched.size() < (orders + 4) * (s.size() + 1) || sc.acc.size() < orders * stride ||
      sc.iacc.size() < orders * stride)
    return -1;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  // 1. The bucket of every n-gram, per order: order g's in buf[g * per ...] (at most one per
  //    code point, so per byte), then 4 × `per` entries of working space.
  const std::size_t per = s.size() + 1;
  std::uint32_t* const buf = sc.touched.data();  // size >= (orders + 4) * per (checked above)
  std::uint32_t* const work = buf + orders * per;
  std::size_t n_grams[8] = {};
  if (ngram_min_ == 1 && ngram_max_ == 2)
    hash_ngrams<1, 2>(p, p + s.size(), 1, 2, bits_, buf, per, n_grams);
  else
    hash_ngrams<0, 0>(p, p + s.size(), ngram_min_, ngram_max_, bits_, buf, per, n_grams);
  double* acc = sc.acc.data();
  std::fill(acc, acc + orders * stride, 0.0);
  std::uint64_t* const table = sc.table.data();
  const index_block* const index = index_;
  const std::int8_t* const rows = rows_;
  std::uint32_t* const once = work + per;    // rows seen once
  std::uint32_t* const more = once + per;    // rows seen more often
  std::uint32_t* const counts = more + per;  // their counts
  for (std::size_t g = 0; g < orders; ++g) {
    const std::uint32_t* const gb = buf + g * per;
    const std::size_t n = n_grams[g];
    // 2. Count the buckets: an open-addressing table sized for this order's n-grams (a short
    //    text's stays in L1); work[] lists the slots in the order they were first used.
    const std::size_t slot_count = slots_for(n);
    const std::size_t mask = slot_count - 1;
    std::size_t n_new = 0;
    for (std::size_t t = 0; t < n; ++t) {
      const std::uint64_t key = std::uint64_t(gb[t]) + 1;
      std::size_t i = std::size_t(key) & mask;  // a bucket's low bits are hash bits
      std::uint64_t e = table[i];
      // Usually the first slot is empty (0) or ours (other key bits 0): one branch, taken
      // rarely (whether the bucket is new is not predictable; a new bucket's 0 count and an
      // old one's count both become count + 1).
      if (std::min(e, (e >> 32) ^ key) != 0) {
        do {
          i = (i + 1) & mask;
          e = table[i];
        } while (e != 0 && e >> 32 != key);
      }
      table[i] = key << 32 | ((e & 0xFFFFFFFFu) + 1);
      work[n_new] = std::uint32_t(i);
      n_new += e == 0;
    }
    // 3. Per distinct bucket, its row if it has one (the index: a bit per bucket, a rank per
    //    64), into once[] or more[] + counts[] (without a branch: both are written, one
    //    advances); leave the table empty for the next order and petition. Prefetch each row
    //    for step 4.
    std::size_t n_once = 0, n_more = 0;
    for (std::size_t t = 0; t < n_new; ++t) {
      const std::uint64_t e = table[work[t]];
      table[work[t]] = 0;
      const std::uint32_t b = std::uint32_t(e >> 32) - 1;
      const std::uint32_t c = std::uint32_t(e);
      const index_block& blk = index[b >> 6];
      const std::uint64_t upto = blk.bits << (63 - (b & 63));  // bit b on top, those below
      const std::uint32_t present = std::uint32_t(upto >> 63);
      const std::uint32_t ones =
          HwPopcount ? std::uint32_t(__builtin_popcountll(upto)) : popcount64(upto);
      const std::uint32_t r = blk.rank + ones - present;
      __builtin_prefetch(rows + std::size_t(r) * stride);  // no row: the next one's (harmless)
      once[n_once] = r;
      more[n_more] = r;
      counts[n_more] = c;
      n_once += present & (c == 1);
      n_more += present & (c != 1);
    }
    // 4. v = tf × idf into the order's squared norm and dot products.
    if (stride == 8)  // 7 classes: one 8-byte row, SIMD
      accumulate<8>(sc, once, n_once, more, counts, n_more, acc + g * stride);
    else
      accumulate<0>(sc, once, n_once, more, counts, n_more, acc + g * stride);
  }
  // 5. x = α_g v / norm (idf's scale cancels out of a normalised x); z = b + scale × (x·W).
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

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__)) && !defined(__POPCNT__)
#define MINHU_MODEL_POPCNT_DISPATCH 1
// predict_with<true> compiled for CPUs with popcnt (nearly every x86-64 since 2008; the
// baseline does not have it), chosen at run time.
__attribute__((target("popcnt"))) int text_model::predict_popcnt(std::string_view s,
                                                                 model_scratch& sc,
                                                                 double* probs) const noexcept {
  return predict_with<true>(s, sc, probs);
}
#endif

int text_model::predict(std::string_view s, model_scratch& sc, double* probs) const noexcept {
#if defined(MINHU_MODEL_POPCNT_DISPATCH)
  static const bool has_popcnt = (__builtin_cpu_init(), __builtin_cpu_supports("popcnt"));
  if (has_popcnt) return predict_popcnt(s, sc, probs);
  return predict_with<false>(s, sc, probs);
#elif defined(__POPCNT__)
  return predict_with<true>(s, sc, probs);
#else
  return predict_with<false>(s, sc, probs);
#endif
}

}  // namespace minhu
