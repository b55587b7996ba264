// The Java side of bindings/swig/minhu.i: the exception macros, camelCase renames and the
// UTF-8 string typemaps. Nothing else — the facade itself is declared in minhu/api.hpp.
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

void minhu_java_utf8(JNIEnv* env, jstring s, std::string& out) {
  out.clear();
  const jsize n = env->GetStringLength(s);
  if (n == 0) return;
  out.reserve(std::size_t(n) * 3);
  const jchar* c = env->GetStringCritical(s, nullptr);  // no JNI calls until released
  if (!c) return;                                       // OutOfMemoryError pending
  for (jsize i = 0; i < n; ++i) {
    std::uint32_t cp = c[i];
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      if (cp <= 0xDBFF && i + 1 < n && c[i + 1] >= 0xDC00 && c[i + 1] <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (c[i + 1] - 0xDC00);
        ++i;
      } else {
        cp = 0xFFFD;
      }
    }
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }
  env->ReleaseStringCritical(s, c);
}

jstring minhu_java_string(JNIEnv* env, const std::string& s) {
  jchar small[256];
  std::vector<jchar> big;
  jchar* out = small;
  if (s.size() > sizeof small / sizeof small[0]) {  // UTF-16 units <= UTF-8 bytes
    big.resize(s.size());
    out = big.data();
  }
  std::size_t n = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t size = s.size();
  for (std::size_t i = 0; i < size;) {
    const unsigned char c = b[i];
    std::uint32_t cp;
    std::size_t len;
    if (c < 0x80) {
      out[n++] = c;
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      cp = c & 0x1F;
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      cp = c & 0x0F;
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      cp = c & 0x07;
      len = 4;
    } else {
      out[n++] = 0xFFFD;
      ++i;
      continue;
    }
    bool ok = i + len <= size;
    for (std::size_t k = 1; ok && k < len; ++k) {
      ok = (b[i + k] & 0xC0) == 0x80;
      cp = (cp << 6) | (b[i + k] & 0x3F);
    }
    // overlong forms, surrogates and values past U+10FFFF are malformed too
    if (ok) ok = !(len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) &&
                 !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
    if (!ok) {
      out[n++] = 0xFFFD;
      ++i;
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out[n++] = jchar(0xD800 + (cp >> 10));
      out[n++] = jchar(0xDC00 + (cp & 0x3FF));
    } else {
      out[n++] = jchar(cp);
    }
    i += len;
  }
  return env->NewString(out, jsize(n));
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

%include "minhu.i"
