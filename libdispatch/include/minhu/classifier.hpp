// Classification: petition → category, by rules found with one scan of the normalised text.
//
//   minhu::classifier_scratch scratch;          // per thread; reused, so no per-petition churn
//   minhu::classification out;
//   minhu::classify(*rs, petition, scratch, out);   // noexcept
//   if (out.decided_by == minhu::decided_by::rule) use(out.category_id());
//
// Pipeline: one automaton scan of each field (title, text, address) as normalize() would make
// it — the normalisation is folded into the automaton's symbol table, so the raw text is read
// once and offsets are raw — finds every keyword, area name and regex literal → only rules indexed
// by a found keyword (plus the few that need no keyword) are evaluated, in priority order →
// RE2 runs only for regex conditions reached whose literal prefilter passed, on the normalised
// text (made then, once) → hit policy.
// No rule holding → the ruleset's learned model (minhu/model.hpp), if it has one, decides when
// its probability reaches the ruleset's threshold; otherwise decided_by::triage, never an
// invented category.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "minhu/location.hpp"
#include "minhu/petition.hpp"
#include "minhu/ruleset.hpp"
#include "minhu/text.hpp"

namespace minhu {

enum class decided_by : std::uint8_t { rule, model, triage };
std::string_view to_string(decided_by d) noexcept;

/// Field bit of the address in the scan buffer (it is scanned for area names only).
inline constexpr std::uint8_t address_field = 4;

/// Flags describing the input or the result (bit set).
enum flag : std::uint32_t {
  flag_invalid_utf8 = 1u << 0,     ///< ill-formed UTF-8 was replaced by U+FFFD
  flag_spans_truncated = 1u << 1,  ///< more evidence spans existed than were kept
  flag_internal_error = 1u << 2,   ///< an unexpected failure (e.g. out of memory) forced triage
  flag_text_truncated = 1u << 3,   ///< a field exceeded limits::text_bytes: its start was used
};

/// Where a piece of evidence was found: a byte range of the ORIGINAL field.
struct match_span {
  std::uint32_t begin = 0, end = 0;       ///< byte offsets into petition.title or petition.text
  field_scope field = field_scope::text;  ///< title or text
  std::int32_t pattern = -1;  ///< keyword id (index into the automaton), -1 for a regex match
  std::int32_t regex = -1;    ///< regex id for a regex match, else -1
  std::uint32_t rule = 0;     ///< index of the fired rule this span supports
};

/// The result of classifying one petition. Indices refer to `rules()` of the ruleset it holds.
class classification {
 public:
  minhu::decided_by decided_by = decided_by::triage;
  std::int32_t category = -1;  ///< index into ruleset categories, -1 for triage
  minhu::urgency urgency = urgency::normal;
  double confidence = 0;
  std::vector<std::uint32_t> fired;  ///< rule indices; the deciding rule first
  std::vector<std::uint32_t> tags;   ///< (rule index << 8 | tag position), see tag()
  std::vector<match_span> spans;     ///< evidence of the fired rules, in text order
  std::uint32_t flags = 0;

  /// The ruleset these indices refer to (kept alive by the result).
  const std::shared_ptr<const ruleset>& rules() const noexcept { return ruleset_; }
  void set_ruleset(const std::shared_ptr<const ruleset>& rs) {
    if (ruleset_ != rs) ruleset_ = rs;
  }

  /// Category id, or "" for triage.
  std::string_view category_id() const noexcept {
    return category < 0 || !ruleset_ ? std::string_view() : ruleset_->categories()[category].id;
  }
  std::string_view category_name() const noexcept {
    return category < 0 || !ruleset_ ? std::string_view() : ruleset_->categories()[category].name;
  }
  /// Id of a fired rule.
  std::string_view rule_id(std::size_t i) const noexcept { return ruleset_->rules()[fired[i]].id; }
  /// Text of an entry of `tags`.
  std::string_view tag(std::size_t i) const noexcept {
    return ruleset_->rules()[tags[i] >> 8].tags[tags[i] & 0xFF];
  }
  void clear() noexcept {
    decided_by = decided_by::triage;
    category = -1;
    urgency = urgency::normal;
    confidence = 0;
    fired.clear();
    tags.clear();
    spans.clear();
    flags = 0;
  }

 private:
  std::shared_ptr<const ruleset> ruleset_;
};

/// Per-thread working memory of the classifier. Reusing one keeps classify allocation-free
/// once its buffers have grown to the working size.
struct classifier_scratch {
  classifier_scratch() { norm.track_offsets = false; }
  /// Title '\n' text '\n' address, normalised: made only when a regex or the model reads it
  /// (the keyword scan reads the raw fields), once per classification (`norm_epoch`).
  normalized_text norm;
  std::uint32_t norm_epoch = 0;               ///< epoch `norm` was made in
  std::size_t title_len = 0;                  ///< normalised title occupies norm.text[0, title_len)
  std::size_t text_begin = 0, text_end = 0;   ///< then the text; the address follows it
  std::vector<std::uint32_t> gazetteer_hits;  ///< patterns naming areas (each once)
  minhu::location location;                   ///< resolved once per petition, when first needed
  std::uint32_t location_epoch = 0;           ///< epoch `location` was resolved in
  struct hit {
    std::uint32_t pattern, begin, end;  ///< [begin, end): bytes of the raw field
    field_scope field;                  ///< title or text
  };
  std::vector<hit> hits;  ///< keyword occurrences in title and text (capped)
  /// Per pattern: (epoch << 8) | the field_scope bits it was seen in during that epoch (plus
  /// `credited`). One word, so a hit touches one cache line here.
  std::vector<std::uint32_t> seen;
  static constexpr std::uint32_t credited = 0x80;  ///< in `seen`: already given as evidence
  /// The bits of `seen[p]` for this classification (field_scope bits, `credited`); 0 when p
  /// was not found in it. The scan's own loop tests the packed word directly.
  std::uint32_t seen_now(std::uint32_t p) const noexcept {
    return (seen[p] >> 8) == epoch ? seen[p] & 0xFF : 0;
  }
  std::vector<int> atoms;                  ///< regex atoms seen
  std::vector<int> potentials;             ///< regexes passing the prefilter
  std::vector<std::uint32_t> regex_stamp;  ///< per regex: epoch evaluated
  std::vector<std::uint8_t> regex_result;  ///< per regex: 1 matched; 2 prefilter evaluated
  std::vector<std::uint32_t> regex_pos;    ///< per regex: match begin/end in `norm` (2 each)
  std::vector<std::uint64_t> candidates;   ///< bitset over rule ranks
  std::vector<std::uint32_t> holding;      ///< rules that hold (priority / collect)
  std::vector<double> scores;              ///< per category (collect)
  std::vector<std::uint32_t> score_touched;
  std::uint32_t epoch = 0;  ///< per classification, below 2^24 (it shares `seen` with 8 bits)
  bool prefilter_done = false;
  const ruleset* sized_for = nullptr;
  model_scratch model;              ///< the learned model's buckets
  std::vector<double> model_probs;  ///< per model class
};

/// Classifies `p` with `rs` into `out` (cleared first). Never throws: on an internal failure
/// the result is triage with flag_internal_error.
void classify(const std::shared_ptr<const ruleset>& rs, const petition& p,
              classifier_scratch& scratch, classification& out) noexcept;

/// Maximum evidence spans kept per result (the rest is counted by flag_spans_truncated).
inline constexpr std::size_t max_spans = 256;
/// Maximum keyword occurrences remembered per petition for evidence (matching itself is
/// complete whatever this cap).
inline constexpr std::size_t max_hits = 4096;

/// One step of a human-readable trace (see explain()).
struct trace_line {
  int depth = 0;
  bool holds = false;
  std::string text;
};

/// How one rule fared on one petition.
struct rule_trace {
  std::uint32_t rule = 0;
  bool candidate = false;  ///< a keyword it needs was found (or it needs none)
  bool holds = false;
  std::vector<trace_line> lines;  ///< its condition tree, one line per node
};

/// Evaluates EVERY rule (not only candidates), in evaluation order — the cold path behind
/// `minhu explain` and the tuning tools.
std::vector<rule_trace> trace_rules(const std::shared_ptr<const ruleset>& rs, const petition& p);

}  // namespace minhu
