// The Java side of bindings/swig/minhu.i: the exception macros, camelCase renames, the UTF-8
// string typemaps and (at the end) packed_call, which carries classify/dispatch and their
// batches across JNI in one array each way. No logic of its own — the facade itself is
// declared in minhu/api.hpp.
//
// The generated classes live in org.minhu.internal and are not public API: the hand-written
// classes of org.minhu (Engine, Petition, Decision, ...) wrap them.

%module MinhuNative

// The JNI class loads libminhu_java.so from the JAR the first time any generated class is used.
%pragma(java) jniclasscode=%{
  static {
    NativeLoader.load();
  }
%}

// ---- errors ------------------------------------------------------------------------------------
// minhu::api::failure becomes org.minhu.MinhuException (code, message, JSON pointer, problems),
// built in Java by org.minhu.internal.NativeErrors from UTF-8 byte arrays, so messages that
// quote petition text or ruleset names keep their characters (JNI's NewStringUTF would not).
// The error path favours simplicity: Java's own UTF-8 decoder does the work.
%{
#include <jni.h>

#include "minhu/api.hpp"
#include "minhu/detail/utf8.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace {

jbyteArray minhu_java_bytes(JNIEnv* env, const std::string& s) {
  jbyteArray a = env->NewByteArray(jsize(s.size()));
  if (a && !s.empty())
    env->SetByteArrayRegion(a, 0, jsize(s.size()), reinterpret_cast<const jbyte*>(s.data()));
  return a;
}

// Throws org.minhu.MinhuException(code, message, pointers[i], messages[i]). If even building
// the exception fails (out of memory), the pending Java error is left to propagate instead.
void minhu_java_throw(JNIEnv* env, const std::string& code, const std::string& message,
                      const std::vector<minhu::api::problem>& problems) {
  if (env->ExceptionCheck()) return;
  jclass errors = env->FindClass("org/minhu/internal/NativeErrors");
  if (!errors) return;
  jmethodID make = env->GetStaticMethodID(errors, "failure", "([B[B[[B[[B)Ljava/lang/Throwable;");
  if (!make) return;
  jclass bytes = env->FindClass("[B");
  if (!bytes) return;
  const jsize n = jsize(problems.size());
  jobjectArray pointers = env->NewObjectArray(n, bytes, nullptr);
  jobjectArray messages = env->NewObjectArray(n, bytes, nullptr);
  if (!pointers || !messages) return;
  for (jsize i = 0; i < n; ++i) {
    jbyteArray p = minhu_java_bytes(env, problems[std::size_t(i)].pointer);
    jbyteArray m = minhu_java_bytes(env, problems[std::size_t(i)].message);
    if (!p || !m) return;
    env->SetObjectArrayElement(pointers, i, p);
    env->SetObjectArrayElement(messages, i, m);
    env->DeleteLocalRef(p);
    env->DeleteLocalRef(m);
  }
  jbyteArray c = minhu_java_bytes(env, code);
  jbyteArray w = minhu_java_bytes(env, message);
  if (!c || !w) return;
  jobject ex = env->CallStaticObjectMethod(errors, make, c, w, pointers, messages);
  if (ex && !env->ExceptionCheck()) env->Throw(static_cast<jthrowable>(ex));
}

}  // namespace
%}

%define MINHU_SWIG_FAILURE(e)
  minhu_java_throw(jenv, e.code(), e.what(), e.problems());
  return $null;
%enddef

%define MINHU_SWIG_INTERNAL(e)
  minhu_java_throw(jenv, "internal", e.what(), std::vector<minhu::api::problem>());
  return $null;
%enddef

// ---- strings as real UTF-8 -----------------------------------------------------------------
// SWIG's std::string maps use GetStringUTFChars/NewStringUTF, i.e. JNI's *modified* UTF-8:
// characters outside the BMP (𠮷, most CJK Extension B names) would reach the core as CESU-8
// surrogate pairs and come back broken. These typemaps convert between UTF-16 (the jstring's
// own chars, GetStringCritical/NewString) and standard UTF-8 here, in one JNI call per string —
// cheaper than shipping byte[] and decoding in Java. Unpaired surrogates and malformed UTF-8
// become U+FFFD.
%include <std_string.i>  // first, so that its typemaps are the ones replaced below

%{
namespace {

// UTF-16 units c[0, n) as UTF-8 into `out` (replacing its content); false if an unpaired
// surrogate became U+FFFD (the UTF-8 then no longer spells the same Java string).
bool minhu_java_assign_utf8(const jchar* c, std::size_t n, std::string& out) {
  static_assert(sizeof(jchar) == sizeof(std::uint16_t), "jchar is a UTF-16 code unit");
  return minhu::detail::utf16_to_utf8(reinterpret_cast<const std::uint16_t*>(c), n, out);
}

void minhu_java_utf8(JNIEnv* env, jstring s, std::string& out) {
  out.clear();
  const jsize n = env->GetStringLength(s);
  if (n == 0) return;
  out.resize(std::size_t(n) * 3);  // allocated before the critical section, not inside it
  const jchar* c = env->GetStringCritical(s, nullptr);  // no JNI calls until released
  if (!c) return;                                       // OutOfMemoryError pending
  minhu_java_assign_utf8(c, std::size_t(n), out);
  env->ReleaseStringCritical(s, c);
}

// The UTF-8 bytes b[0, size) as UTF-16 units written to out (room for `size` units: never more
// are needed); returns how many. Malformed bytes become U+FFFD, one per byte.
std::size_t minhu_java_to_utf16(const char* data, std::size_t size, jchar* out) {
  const std::string_view s(data, size);
  std::size_t n = 0;
  for (std::size_t i = 0, len = 1; i < size; i += len) {
    const char32_t cp = minhu::detail::decode_utf8(s, i, len);
    if (cp >= 0x10000) {
      out[n++] = jchar(0xD800 + ((cp - 0x10000) >> 10));
      out[n++] = jchar(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out[n++] = jchar(cp);
    }
  }
  return n;
}

jstring minhu_java_string(JNIEnv* env, const std::string& s) {
  jchar small[256];
  std::vector<jchar> big;
  jchar* out = small;
  if (s.size() > sizeof small / sizeof small[0]) {  // UTF-16 units <= UTF-8 bytes
    big.resize(s.size());
    out = big.data();
  }
  return env->NewString(out, jsize(minhu_java_to_utf16(s.data(), s.size(), out)));
}

}  // namespace
%}

%define MINHU_UTF8_STRING_TYPEMAPS(TYPE)
%typemap(jni) TYPE "jstring"
%typemap(jtype) TYPE "String"
%typemap(jstype) TYPE "String"
%typemap(javain) TYPE "$javainput"
%typemap(javaout) TYPE { return $jnicall; }
%enddef

MINHU_UTF8_STRING_TYPEMAPS(std::string)
MINHU_UTF8_STRING_TYPEMAPS(const std::string &)

%typemap(in) std::string %{
  if (!$input) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "null string");
    return $null;
  }
  minhu_java_utf8(jenv, $input, $1);
  if (jenv->ExceptionCheck()) return $null;
%}
%typemap(in) const std::string & ($*1_ltype temp) %{
  if (!$input) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "null string");
    return $null;
  }
  minhu_java_utf8(jenv, $input, temp);
  if (jenv->ExceptionCheck()) return $null;
  $1 = &temp;
%}
%typemap(out) std::string %{ $result = minhu_java_string(jenv, $1); %}
%typemap(out) const std::string & %{ $result = minhu_java_string(jenv, *$1); %}
%typemap(typecheck) std::string, const std::string & = char *;

// ---- memory ----------------------------------------------------------------------------------
// The value proxies are short-lived and always delete()d explicitly by org.minhu's wrappers;
// a finalize() on each (SWIG's default) registers every one with the JVM's finalizer queue,
// which made a dispatch several times slower than the engine itself. Only the two long-lived
// handles keep their finalizer, as a safety net for an Engine or CaseTracker that is never
// closed (the tracker's then also closes its SQLite journal).
%typemap(javafinalize) SWIGTYPE ""
%typemap(javafinalize) minhu::api::dispatcher, minhu::api::case_tracker %{
  @SuppressWarnings("deprecation")
  protected void finalize() {
    delete();
  }
%}

// ---- names -------------------------------------------------------------------------------------
// Classes get an Api prefix (ApiDispatcher, ApiPetition, ...), mirroring minhu::api:: and
// keeping them apart from the public org.minhu classes they back; members become camelCase.
%rename("Api%(camelcase)s", %$isclass) "";
%rename("%(lowercamelcase)s", %$isfunction) "";
%rename("%(lowercamelcase)s", %$isvariable) "";

// Batches cross through packed_call, which reads the facade's decision_pack in C++: the pack
// and the calls that make it need no Java proxies.
%ignore minhu::api::decision_pack;
%ignore minhu::api::dispatcher::classify_packed;
%ignore minhu::api::dispatcher::dispatch_packed;

%include "minhu.i"

// ---- packed calls: a constant number of JNI crossings per classify/dispatch -----------------
// Engine's classify, dispatch and their batches do not walk proxies field by field (one JNI
// call and one string conversion per field, per span, per list element). org.minhu.Packed
// writes the petitions into one char[] and packed_call returns the decisions in one char[],
// which Packed reads back. Both arrays hold UTF-16 code units, so strings cross with the same
// conversions as the typemaps above (minhu_java_assign_utf8 / minhu_java_to_utf16: an unpaired
// surrogate becomes U+FFFD, malformed UTF-8 one U+FFFD per byte) and Java copies them with
// String.getChars / new String(char[], ...). Numbers are little-endian groups of 16-bit units:
// u32 = 2 units, i64 and f64 (raw IEEE bits) = 4. A string is u32 length + its units.
//
// The decisions come from the facade's classify / dispatch for one petition (they use the
// engine's per-thread working memory), and from classify_packed / dispatch_packed (one
// thread, like classify_batch) for a batch: a decision_pack made straight from the core's
// results, without a std::string per field, which packed_call re-reads into the layout below.
//
// In (op 0 classify, 1 dispatch, 2 classify_batch, 3 dispatch_batch):
//   u32 exclude count, the exclude strings (dispatch only; 0 otherwise)
//   u32 petitions, each: id title text channel (strings) received_at (i64) area address
//   (strings) has_point (1 unit) lat lon (f64) category (string) u32 attributes, each: name
//   (string), kind (1 unit: 0 string, 1 number, 2 bool, 3 null), string text | f64 number |
//   f64 1/0 | nothing
// Out:
//   u32 strings, each a string: the distinct strings of every reference below, once per call
//   (0 is ""); u32 lists, each u32 length + that many string references (0 is the empty list);
//   u32 decisions, each:
//     id: u32 0xFFFFFFFF (the petition's own id string) or a string
//     decided_by category category_name (refs) category_path (list) urgency (ref) confidence
//     (f64) rules tags (lists) u32 spans, each: field (ref) begin end (i64, UTF-8 offsets)
//     char_begin char_end (u32, UTF-16 indices: org.minhu.internal.Utf8.charIndex) text
//     keyword regex rule (refs); flags (list) area area_name location_method (refs)
//     area_candidates (list) lead lead_name tier (refs) u32 assisting, each: id name (refs);
//     explanation (list)
// Java checks nothing in the output: it is trusted like the proxies were.
%{
#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>

namespace {

[[noreturn]] void minhu_java_malformed() {
  throw minhu::api::failure("internal", "minhu: malformed packed petitions");
}

struct minhu_java_reader {
  const jchar* p;
  const jchar* end;

  void need(std::size_t n) const {
    if (std::size_t(end - p) < n) minhu_java_malformed();
  }
  std::uint32_t u32() {
    need(2);
    const std::uint32_t v = std::uint32_t(p[0]) | std::uint32_t(p[1]) << 16;
    p += 2;
    return v;
  }
  std::uint64_t u64() {
    need(4);
    const std::uint64_t v = std::uint64_t(p[0]) | std::uint64_t(p[1]) << 16 |
                            std::uint64_t(p[2]) << 32 | std::uint64_t(p[3]) << 48;
    p += 4;
    return v;
  }
  double f64() {
    const std::uint64_t bits = u64();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  // A string into `out`; false if an unpaired surrogate became U+FFFD.
  bool str(std::string& out) {
    const std::uint32_t n = u32();
    need(n);
    const bool exact = minhu_java_assign_utf8(p, n, out);
    p += n;
    return exact;
  }
};

// org.minhu.internal.Utf8.charIndex of a Java string, computed on its UTF-8 form as converted
// above: a character below U+0080 is 1 byte and 1 unit, below U+0800 2 bytes and 1 unit, a
// surrogate pair 4 bytes and 2 units, any other unit (an unpaired surrogate too, as U+FFFD)
// 3 bytes and 1 unit — the steps Utf8.charIndex takes. Resumable: a cursor left at a byte
// count no larger than the next offset walks on from there, which ends where a walk from 0
// would.
struct minhu_java_char_cursor {
  const std::string& s;
  std::int64_t bytes = 0;
  std::size_t units = 0;

  std::size_t index(std::int64_t offset) {
    if (bytes > offset) bytes = 0, units = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    const auto n = std::int64_t(s.size());
    while (bytes < n && bytes < offset) {
      const unsigned char c = b[bytes];
      const std::int64_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (bytes + len > offset) break;
      bytes += len;
      units += len == 4 ? 2 : 1;
    }
    return units;
  }
};

// The output: a growable array of UTF-16 units (not zero-filled when it grows).
class minhu_java_writer {
 public:
  void reserve(std::size_t n) {
    if (size_ + n <= capacity_) return;
    capacity_ = std::max(capacity_ * 2, size_ + n);
    std::unique_ptr<jchar[]> bigger(new jchar[capacity_]);
    if (size_) std::memcpy(bigger.get(), buf_.get(), size_ * sizeof(jchar));
    buf_ = std::move(bigger);
  }
  void u32(std::uint32_t v) {
    reserve(2);
    buf_[size_++] = jchar(v);
    buf_[size_++] = jchar(v >> 16);
  }
  void u64(std::uint64_t v) {
    reserve(4);
    for (int k = 0; k < 4; ++k) buf_[size_++] = jchar(v >> (16 * k));
  }
  void f64(double d) {
    std::uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    u64(bits);
  }
  void str(std::string_view s) {
    reserve(2 + s.size());  // UTF-16 units <= UTF-8 bytes
    const std::size_t n = minhu_java_to_utf16(s.data(), s.size(), buf_.get() + size_ + 2);
    buf_[size_] = jchar(n);
    buf_[size_ + 1] = jchar(n >> 16);
    size_ += 2 + n;
  }
  const jchar* data() const { return buf_.get(); }
  std::size_t size() const { return size_; }

 private:
  std::unique_ptr<jchar[]> buf_;
  std::size_t size_ = 0, capacity_ = 0;
};

// Distinct strings, numbered in order of first use (0 is ""). The views must outlive it.
class minhu_java_strings {
 public:
  minhu_java_strings() : slots_(64, 0) {
    items_.reserve(32);
    items_.push_back({std::string_view(), 0});
  }
  std::uint32_t operator()(std::string_view s) {
    if (s.empty()) return 0;
    const std::size_t h = std::hash<std::string_view>()(s);
    for (std::size_t k = h & (slots_.size() - 1);; k = (k + 1) & (slots_.size() - 1)) {
      const std::uint32_t e = slots_[k];
      if (e == 0) {
        const auto id = std::uint32_t(items_.size());
        items_.push_back({s, h});
        slots_[k] = id;
        if (items_.size() * 2 > slots_.size()) grow();
        return id;
      }
      if (items_[e].hash == h && items_[e].s == s) return e;
    }
  }
  std::string_view view(std::uint32_t id) const { return items_[id].s; }
  void write(minhu_java_writer& w) const {
    w.u32(std::uint32_t(items_.size()));
    for (const auto& i : items_) w.str(i.s);
  }

 private:
  struct item {
    std::string_view s;
    std::size_t hash;
  };
  void grow() {
    slots_.assign(slots_.size() * 2, 0);
    for (std::uint32_t e = 1; e < items_.size(); ++e) {
      std::size_t k = items_[e].hash & (slots_.size() - 1);
      while (slots_[k]) k = (k + 1) & (slots_.size() - 1);
      slots_[k] = e;
    }
  }
  std::vector<std::uint32_t> slots_;  // item numbers, 0 = free
  std::vector<item> items_;
};

// Distinct lists of strings (as string numbers), numbered in order of first use (0 is []).
class minhu_java_lists {
 public:
  explicit minhu_java_lists(minhu_java_strings& strings)
      : strings_(strings), slots_(64, 0) {
    items_.reserve(16);
    items_.push_back({0, 0, 0});
    arena_.reserve(64);
  }
  std::uint32_t operator()(const std::vector<std::string>& v) {
    key_.clear();
    for (const auto& s : v) key_.push_back(strings_(s));
    return intern();
  }
  // The list of string numbers in key(), filled by the caller.
  std::vector<std::uint32_t>& key() { return key_; }
  std::uint32_t intern() {
    const std::size_t n = key_.size();
    if (n == 0) return 0;
    std::size_t h = n;
    for (const std::uint32_t id : key_) h = (h ^ id) * 0x100000001B3ull;
    for (std::size_t k = h & (slots_.size() - 1);; k = (k + 1) & (slots_.size() - 1)) {
      const std::uint32_t e = slots_[k];
      if (e == 0) {
        const auto id = std::uint32_t(items_.size());
        items_.push_back({arena_.size(), n, h});
        arena_.insert(arena_.end(), key_.begin(), key_.end());
        slots_[k] = id;
        if (items_.size() * 2 > slots_.size()) grow();
        return id;
      }
      const item& i = items_[e];
      if (i.hash == h && i.size == n &&
          std::equal(key_.begin(), key_.end(), arena_.begin() + std::ptrdiff_t(i.at)))
        return e;
    }
  }
  void write(minhu_java_writer& w) const {
    w.u32(std::uint32_t(items_.size()));
    for (const auto& i : items_) {
      w.u32(std::uint32_t(i.size));
      for (std::size_t k = 0; k < i.size; ++k) w.u32(arena_[i.at + k]);
    }
  }

 private:
  struct item {
    std::size_t at, size, hash;
  };
  void grow() {
    slots_.assign(slots_.size() * 2, 0);
    for (std::uint32_t e = 1; e < items_.size(); ++e) {
      std::size_t k = items_[e].hash & (slots_.size() - 1);
      while (slots_[k]) k = (k + 1) & (slots_.size() - 1);
      slots_[k] = e;
    }
  }
  minhu_java_strings& strings_;
  std::vector<std::uint32_t> slots_;
  std::vector<item> items_;
  std::vector<std::uint32_t> arena_;
  std::vector<std::uint32_t> key_;
};

// The output of one decision of the facade (single calls), as described above.
void minhu_java_write(const minhu::api::decision& x, const minhu::api::petition& p, bool id_exact,
                      minhu_java_strings& strings, minhu_java_lists& lists,
                      minhu_java_writer& w) {
  if (id_exact && x.id == p.id)
    w.u32(0xFFFFFFFFu);
  else
    w.str(x.id);
  w.u32(strings(x.decided_by));
  w.u32(strings(x.category));
  w.u32(strings(x.category_name));
  w.u32(lists(x.category_path));
  w.u32(strings(x.urgency));
  w.f64(x.confidence);
  w.u32(lists(x.rules));
  w.u32(lists(x.tags));
  w.u32(std::uint32_t(x.spans.size()));
  minhu_java_char_cursor title{p.title};
  minhu_java_char_cursor text{p.text};
  for (const auto& s : x.spans) {
    minhu_java_char_cursor& c = s.field == "title" ? title : text;
    w.u32(strings(s.field));
    w.u64(std::uint64_t(s.begin));
    w.u64(std::uint64_t(s.end));
    w.u32(std::uint32_t(c.index(s.begin)));
    w.u32(std::uint32_t(c.index(s.end)));
    w.u32(strings(s.text));
    w.u32(strings(s.keyword));
    w.u32(strings(s.regex));
    w.u32(strings(s.rule));
  }
  w.u32(lists(x.flags));
  w.u32(strings(x.area));
  w.u32(strings(x.area_name));
  w.u32(strings(x.location_method));
  w.u32(lists(x.area_candidates));
  w.u32(strings(x.lead));
  w.u32(strings(x.lead_name));
  w.u32(strings(x.tier));
  w.u32(std::uint32_t(x.assisting.size()));
  for (const auto& u : x.assisting) {
    w.u32(strings(u.id));
    w.u32(strings(u.name));
  }
  w.u32(lists(x.explanation));
}

// The output of the decisions of a decision_pack (batches: the facade packs them straight
// from the core's results), read in the layout minhu/api.hpp documents for it. Its strings
// are renumbered on first use and equal ones merged (explanation lines and ids come unmerged).
class minhu_java_pack_reader {
 public:
  minhu_java_pack_reader(const minhu::api::decision_pack& pack, minhu_java_strings& strings,
                         minhu_java_lists& lists)
      : pack_(pack), strings_(strings), lists_(lists), memo_(pack.strings.size(), 0) {}

  void write(const std::vector<minhu::api::petition>& ps, const std::vector<char>& id_exact,
             minhu_java_writer& w) {
    if (pack_.size != std::int64_t(ps.size())) minhu_java_pack_malformed();
    for (std::size_t i = 0; i < ps.size(); ++i) {
      const minhu::api::petition& p = ps[i];
      const std::string& id = text(index());
      if (id_exact[i] && id == p.id)
        w.u32(0xFFFFFFFFu);
      else
        w.str(id);
      w.u32(ref());   // decided_by
      w.u32(ref());   // category
      w.u32(ref());   // category_name
      w.u32(list());  // category_path
      w.u32(ref());   // urgency
      w.f64(num());   // confidence
      w.u32(list());  // rules
      w.u32(list());  // tags
      const std::size_t spans = count();
      w.u32(std::uint32_t(spans));
      minhu_java_char_cursor title{p.title};
      minhu_java_char_cursor text{p.text};
      for (std::size_t k = 0; k < spans; ++k) {
        const std::uint32_t field = ref();
        const auto begin = std::int64_t(num());
        const auto end = std::int64_t(num());
        minhu_java_char_cursor& c = strings_.view(field) == "title" ? title : text;
        w.u32(field);
        w.u64(std::uint64_t(begin));
        w.u64(std::uint64_t(end));
        w.u32(std::uint32_t(c.index(begin)));
        w.u32(std::uint32_t(c.index(end)));
        w.u32(ref());  // text
        w.u32(ref());  // keyword
        w.u32(ref());  // regex
        w.u32(ref());  // rule
      }
      w.u32(list());  // flags
      if (num() == 0) {  // classified only: no location, no assignment
        for (int k = 0; k < 9; ++k) w.u32(0);  // area .. explanation: all "" or empty
        continue;
      }
      w.u32(ref());   // area
      w.u32(ref());   // area_name
      w.u32(ref());   // location_method
      w.u32(list());  // area_candidates
      w.u32(ref());   // lead
      w.u32(ref());   // lead_name
      w.u32(ref());   // tier
      const std::size_t assisting = count();
      w.u32(std::uint32_t(assisting));
      for (std::size_t k = 0; k < 2 * assisting; ++k) w.u32(ref());  // id name
      w.u32(list());  // explanation
    }
    if (at_ != pack_.fields.size()) minhu_java_pack_malformed();
  }

 private:
  [[noreturn]] static void minhu_java_pack_malformed() {
    throw minhu::api::failure("internal", "minhu: malformed decision_pack");
  }
  double num() {
    if (at_ >= pack_.fields.size()) minhu_java_pack_malformed();
    return pack_.fields[at_++];
  }
  std::size_t count() {
    const double n = num();
    if (!(n >= 0 && n <= double(pack_.fields.size()))) minhu_java_pack_malformed();
    return std::size_t(n);
  }
  std::int64_t index() {
    const double k = num();
    if (!(k >= -1 && k < double(pack_.strings.size()))) minhu_java_pack_malformed();
    return std::int64_t(k);
  }
  const std::string& text(std::int64_t k) {
    static const std::string none;
    return k < 0 ? none : pack_.strings[std::size_t(k)];
  }
  // A string (or -1: none, "") as its number in the output.
  std::uint32_t ref() { return renumber(index()); }
  std::uint32_t renumber(std::int64_t k) {
    if (k < 0) return 0;
    std::uint32_t& m = memo_[std::size_t(k)];
    if (!m) m = strings_(pack_.strings[std::size_t(k)]) + 1;
    return m - 1;
  }
  std::uint32_t list() {
    const std::size_t n = count();
    auto& key = lists_.key();
    key.clear();
    for (std::size_t k = 0; k < n; ++k) key.push_back(ref());
    return lists_.intern();
  }

  const minhu::api::decision_pack& pack_;
  minhu_java_strings& strings_;
  minhu_java_lists& lists_;
  std::vector<std::uint32_t> memo_;  // pack string → output number + 1, 0 = not yet
  std::size_t at_ = 0;
};

}  // namespace
%}

%typemap(in, numinputs=0) JNIEnv* minhu_env %{ $1 = jenv; %}

%inline %{
/// Not public API: org.minhu.Engine's classify/dispatch (op 0/1) and their batches (2/3), the
/// petitions and decisions packed as described in minhu_java.i.
jcharArray packed_call(JNIEnv* minhu_env, const minhu::api::dispatcher& d, jcharArray packed,
                       int op) {
  JNIEnv* const env = minhu_env;
  if (!packed || op < 0 || op > 3) minhu_java_malformed();
  const std::size_t size = std::size_t(env->GetArrayLength(packed));
  std::vector<std::string> exclude;
  std::vector<minhu::api::petition> ps;
  std::vector<char> id_exact;  // the UTF-8 id spells the Java one
  {
    // A copy, not a critical section: decoding a large batch must not hold off the JVM's
    // garbage collector for other threads.
    std::vector<jchar> copy(size);
    if (size) env->GetCharArrayRegion(packed, 0, jsize(size), copy.data());
    if (env->ExceptionCheck()) return nullptr;
    const jchar* const in = copy.data();
    minhu_java_reader r{in, in + size};
    const std::uint32_t excluded = r.u32();
    if (excluded > size) minhu_java_malformed();  // each takes 2 units or more
    exclude.resize(excluded);
    for (auto& s : exclude) r.str(s);
    const std::uint32_t count = r.u32();
    if (count > size) minhu_java_malformed();  // a petition takes more than 1 unit
    ps.resize(count);
    id_exact.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      minhu::api::petition& p = ps[i];
      id_exact[i] = r.str(p.id);
      r.str(p.title);
      r.str(p.text);
      r.str(p.channel);
      p.received_at = std::int64_t(r.u64());
      r.str(p.area);
      r.str(p.address);
      r.need(1);
      p.has_point = *r.p++ != 0;
      p.lat = r.f64();
      p.lon = r.f64();
      r.str(p.category);
      const std::uint32_t attributes = r.u32();
      if (attributes > size) minhu_java_malformed();  // each takes 2 units or more
      p.attributes.resize(attributes);
      for (auto& a : p.attributes) {
        r.str(a.name);
        r.need(1);
        const jchar kind = *r.p++;
        static const char* const kinds[] = {"string", "number", "bool", "null"};
        if (kind > 3) minhu_java_malformed();
        a.kind = kinds[kind];
        if (kind == 0)
          r.str(a.text);
        else if (kind != 3)
          a.number = r.f64();
      }
    }
    if (r.p != r.end || ((op == 0 || op == 1) && count != 1)) minhu_java_malformed();
  }

  minhu_java_strings strings;
  minhu_java_lists lists(strings);
  minhu_java_writer w;
  w.reserve(64 * ps.size() + 2);
  w.u32(std::uint32_t(ps.size()));
  // Single calls through classify/dispatch (the engine's per-thread working memory), batches
  // packed by the facade straight from the core's results, on this thread like classify_batch.
  minhu::api::decision_pack pack;
  std::vector<minhu::api::decision> one;
  switch (op) {
    case 0:
      one.push_back(d.classify(ps[0]));
      break;
    case 1:
      one.push_back(d.dispatch(ps[0], exclude));
      break;
    case 2:
      pack = d.classify_packed(ps, 1);
      break;
    default:
      pack = d.dispatch_packed(ps, 1);
      break;
  }
  if (op <= 1)
    minhu_java_write(one[0], ps[0], id_exact[0] != 0, strings, lists, w);
  else
    minhu_java_pack_reader(pack, strings, lists).write(ps, id_exact, w);
  minhu_java_writer head;
  strings.write(head);
  lists.write(head);

  const std::size_t total = head.size() + w.size();
  if (total > std::size_t(0x7FFFFFF0))
    throw minhu::api::failure("invalid_argument",
                              "minhu: too many decisions for one call (split it)");
  jcharArray out = env->NewCharArray(jsize(total));
  if (!out) return nullptr;  // OutOfMemoryError pending
  env->SetCharArrayRegion(out, 0, jsize(head.size()), head.data());
  env->SetCharArrayRegion(out, jsize(head.size()), jsize(w.size()), w.data());
  return out;
}
%}
