// The classification hot path. Compiled (not header-only) because it runs RE2.
#include "minhu/classifier.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "minhu/limits.hpp"

namespace minhu {

std::string_view to_string(decided_by d) noexcept {
  switch (d) {
    case decided_by::rule:
      return "rule";
    case decided_by::model:
      return "model";
    case decided_by::triage:
      return "triage";
  }
  return "triage";
}

namespace {

using detail::cond_node;
using detail::node_kind;

std::optional<double> as_number(const value& v) noexcept {
  if (v.type == value::kind::number) return v.n;
  if (v.type == value::kind::string && !v.s.empty()) {
    double d = 0;
    const char* b = v.s.data();
    const char* e = b + v.s.size();
    auto [ptr, ec] = std::from_chars(b, e, d);
    if (ec == std::errc() && ptr == e) return d;
  }
  return std::nullopt;
}

bool loose_equal(const value& a, const value& rule_value) noexcept {
  if (a == rule_value) return true;
  if (rule_value.type == value::kind::number) {
    auto n = as_number(a);
    return n && *n == rule_value.n;
  }
  return false;
}

// A field as classified: its first limits::text_bytes (whole characters).
std::string_view clipped(const std::string& field) noexcept {
  return limits::utf8_prefix(field, limits::text_bytes);
}

// Makes sc.norm, the normalised title '\n' text '\n' address, once per classification: for
// regexes and the model, which read normalised text (the keyword scan does not need it).
void ensure_normalized(const petition& p, classifier_scratch& sc) {
  if (sc.norm_epoch == sc.epoch) return;
  sc.norm_epoch = sc.epoch;
  normalize(clipped(p.title), sc.norm);
  sc.title_len = sc.norm.text.size();
  normalize_append(clipped(p.text), sc.norm);
  sc.text_begin = sc.title_len == 0 ? 0 : std::min(sc.norm.text.size(), sc.title_len + 1);
  sc.text_end = sc.norm.text.size();
  if (!p.address.empty()) {
    // Keep the address a separate field even when the text normalised to nothing.
    if (sc.text_end == 0 && sc.title_len == 0) {
      sc.norm.text.push_back('\n');
      if (sc.norm.track_offsets) {
        sc.norm.src_begin.push_back(0);
        sc.norm.src_end.push_back(0);
      }
    }
    normalize_append(clipped(p.address), sc.norm);
  }
}

// Evaluates condition trees against the state a scan left in the scratch.
class evaluator {
 public:
  evaluator(const ruleset& rs, const petition& p, classifier_scratch& sc)
      : rs_(rs), ix_(rs.index()), p_(p), sc_(sc) {}

  bool eval(std::uint32_t n, std::vector<trace_line>* trace = nullptr, int depth = 0) {
    const cond_node& nd = ix_.nodes[n];
    const std::uint32_t* refs = ix_.refs.data() + nd.begin;
    bool r = false;
    std::size_t line = 0;
    if (trace) {
      line = trace->size();
      trace->push_back({depth, false, describe(nd)});
    }
    switch (nd.kind) {
      case node_kind::all:
        r = true;
        for (std::uint32_t k = 0; k < nd.count; ++k)
          if (!eval(refs[k], trace, depth + 1)) {
            r = false;
            if (!trace) break;
          }
        break;
      case node_kind::any:
        for (std::uint32_t k = 0; k < nd.count; ++k)
          if (eval(refs[k], trace, depth + 1)) {
            r = true;
            if (!trace) break;
          }
        break;
      case node_kind::negate:
        r = !eval(refs[0], trace, depth + 1);
        break;
      case node_kind::text_any:
        for (std::uint32_t k = 0; k < nd.count && !r; ++k) r = seen(refs[k], nd.scope);
        break;
      case node_kind::text_all:
        r = true;
        for (std::uint32_t k = 0; k < nd.count && r; ++k) r = seen(refs[k], nd.scope);
        break;
      case node_kind::text_none:
        r = true;
        for (std::uint32_t k = 0; k < nd.count && r; ++k) r = !seen(refs[k], nd.scope);
        break;
      case node_kind::regex:
        r = regex(nd.arg);
        break;
      case node_kind::field:
        r = field(ix_.fields[nd.arg]);
        break;
      case node_kind::channel:
        for (std::uint32_t k = 0; k < nd.count && !r; ++k) r = p_.channel == ix_.strings[refs[k]];
        break;
      case node_kind::area: {
        const std::int32_t a = petition_area();
        for (std::int32_t x = a; x >= 0 && !r; x = rs_.areas()[x].parent)
          for (std::uint32_t k = 0; k < nd.count && !r; ++k) r = refs[k] == std::uint32_t(x);
        break;
      }
    }
    if (trace) (*trace)[line].holds = r;
    return r;
  }

  bool seen(std::uint32_t pattern, field_scope scope) const noexcept {
    return (sc_.seen_now(pattern) & static_cast<std::uint8_t>(scope)) != 0;
  }

  bool regex(std::uint32_t r) {
    if (sc_.regex_stamp[r] == sc_.epoch && sc_.regex_result[r] != 2)
      return sc_.regex_result[r] == 1;
    if (!sc_.prefilter_done) {
      sc_.prefilter_done = true;
      ix_.filter->AllPotentials(sc_.atoms, &sc_.potentials);
      // Mark the regexes that passed the literal prefilter: result 2 = "must run RE2".
      for (int id : sc_.potentials) {
        sc_.regex_stamp[id] = sc_.epoch;
        sc_.regex_result[id] = 2;
      }
    }
    if (sc_.regex_stamp[r] != sc_.epoch) {
      // Did not pass the prefilter: cannot match.
      sc_.regex_stamp[r] = sc_.epoch;
      sc_.regex_result[r] = 0;
      return false;
    }
    const RE2& re = ix_.filter->GetRE2(int(r));
    const auto scope = ix_.regexes[r].scope;
    ensure_normalized(p_, sc_);
    const std::string_view all = sc_.norm.text;
    const std::size_t tl = sc_.title_len;
    const std::size_t text_begin = sc_.text_begin;
    re2::StringPiece m;
    auto try_slice = [&](std::size_t b, std::size_t e) {
      if (b >= e) return false;
      const re2::StringPiece slice(all.data() + b, e - b);
      if (!re.Match(slice, 0, slice.size(), RE2::UNANCHORED, &m, 1)) return false;
      sc_.regex_pos[2 * r] = std::uint32_t(m.data() - all.data());
      sc_.regex_pos[2 * r + 1] = std::uint32_t(m.data() - all.data() + m.size());
      return true;
    };
    bool hit = false;
    if ((static_cast<int>(scope) & static_cast<int>(field_scope::title)) && tl > 0)
      hit = try_slice(0, tl);
    if (!hit && (static_cast<int>(scope) & static_cast<int>(field_scope::text)))
      hit = try_slice(text_begin, sc_.text_end);
    sc_.regex_result[r] = hit ? 1 : 0;
    return hit;
  }

  bool field(const detail::field_test& ft) const noexcept {
    const value* v = p_.find_attribute(ft.name);
    const bool present = v && v->type != value::kind::null;
    if (ft.exists && present != *ft.exists) return false;
    const bool needs_value = ft.eq || !ft.in.empty() || ft.gte || ft.lte || ft.prefix;
    if (!needs_value) return true;
    if (!present) return false;
    if (ft.eq && !loose_equal(*v, *ft.eq)) return false;
    if (!ft.in.empty() && std::none_of(ft.in.begin(), ft.in.end(),
                                       [&](const value& x) { return loose_equal(*v, x); }))
      return false;
    if (ft.gte || ft.lte) {
      auto n = as_number(*v);
      if (!n) return false;
      if (ft.gte && !(*n >= *ft.gte)) return false;
      if (ft.lte && !(*n <= *ft.lte)) return false;
    }
    if (ft.prefix) {
      if (v->type != value::kind::string) return false;
      if (v->s.compare(0, ft.prefix->size(), *ft.prefix) != 0) return false;
    }
    return true;
  }

  // The petition's location as dispatch resolves it (explicit id, GPS, names in the text):
  // the scan is complete when rules are evaluated, so `area` conditions see it too.
  std::int32_t petition_area() {
    if (sc_.location_epoch != sc_.epoch) {
      resolve_location(rs_, p_, sc_, sc_.location);
      sc_.location_epoch = sc_.epoch;
    }
    return sc_.location.area;
  }

  std::string describe(const cond_node& nd) const {
    const std::uint32_t* refs = ix_.refs.data() + nd.begin;
    auto scope_txt = [&](field_scope s) {
      return s == field_scope::title  ? std::string(" in title")
             : s == field_scope::text ? std::string(" in text")
                                      : std::string();
    };
    auto words = [&]() {
      std::string s;
      for (std::uint32_t k = 0; k < nd.count; ++k) {
        const bool hit = seen(refs[k], nd.scope);
        s += (k ? ", " : "") + std::string(ix_.automaton.pattern(refs[k])) + (hit ? " ✓" : "");
      }
      return s;
    };
    switch (nd.kind) {
      case node_kind::all:
        return "all of";
      case node_kind::any:
        return "any of";
      case node_kind::negate:
        return "not";
      case node_kind::text_any:
        return "text contains any of [" + words() + "]" + scope_txt(nd.scope);
      case node_kind::text_all:
        return "text contains all of [" + words() + "]" + scope_txt(nd.scope);
      case node_kind::text_none:
        return "text contains none of [" + words() + "]" + scope_txt(nd.scope);
      case node_kind::regex:
        return "regex /" + ix_.regexes[nd.arg].pattern + "/" + scope_txt(nd.scope);
      case node_kind::field: {
        const auto& ft = ix_.fields[nd.arg];
        const value* v = p_.find_attribute(ft.name);
        std::string s = "field " + ft.name;
        if (ft.eq) s += " eq " + show(*ft.eq);
        if (!ft.in.empty()) {
          s += " in [";
          for (std::size_t k = 0; k < ft.in.size(); ++k) s += (k ? ", " : "") + show(ft.in[k]);
          s += "]";
        }
        if (ft.gte) s += " >= " + show(value(*ft.gte));
        if (ft.lte) s += " <= " + show(value(*ft.lte));
        if (ft.prefix) s += " prefix \"" + *ft.prefix + "\"";
        if (ft.exists) s += *ft.exists ? " exists" : " absent";
        return s + " (petition: " + (v ? show(*v) : std::string("absent")) + ")";
      }
      case node_kind::channel: {
        std::string s = "channel in [";
        for (std::uint32_t k = 0; k < nd.count; ++k) s += (k ? ", " : "") + ix_.strings[refs[k]];
        return s + "] (petition: " + (p_.channel.empty() ? "none" : p_.channel) + ")";
      }
      case node_kind::area: {
        std::string s = "area within [";
        for (std::uint32_t k = 0; k < nd.count; ++k) s += (k ? ", " : "") + rs_.areas()[refs[k]].id;
        return s + "] (petition: " + (p_.area.empty() ? "none" : p_.area) + ")";
      }
    }
    return "?";
  }

  static std::string show(const value& v) {
    switch (v.type) {
      case value::kind::null:
        return "null";
      case value::kind::boolean:
        return v.b ? "true" : "false";
      case value::kind::number: {
        char buf[32];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v.n);
        return std::string(buf, p);
      }
      case value::kind::string:
        return "\"" + v.s + "\"";
    }
    return "?";
  }

 private:
  const ruleset& rs_;
  const detail::rule_index& ix_;
  const petition& p_;
  classifier_scratch& sc_;
};

// Epochs wrap here: classifier_scratch::seen keeps the epoch above 8 bits of field flags.
constexpr std::uint32_t max_epoch = std::uint32_t{1} << 24;

void prepare(const ruleset& rs, classifier_scratch& sc) {
  const auto& ix = rs.index();
  const std::size_t np = ix.automaton.size();
  const std::size_t nre = ix.regexes.size();
  if (sc.sized_for != &rs || sc.seen.size() != np || sc.regex_stamp.size() != nre ||
      sc.candidates.size() != ix.always.size() || sc.scores.size() != rs.categories().size()) {
    sc.seen.assign(np, 0);
    sc.regex_stamp.assign(nre, 0);
    sc.regex_result.assign(nre, 0);
    sc.regex_pos.assign(2 * nre, 0);
    sc.candidates.assign(ix.always.size(), 0);
    sc.scores.assign(rs.categories().size(), 0.0);
    sc.epoch = 0;
    sc.location_epoch = 0;
    sc.norm_epoch = 0;
    sc.sized_for = &rs;
  }
  if (++sc.epoch == max_epoch) {  // wrapped: forget every stamp
    std::fill(sc.seen.begin(), sc.seen.end(), 0);
    std::fill(sc.regex_stamp.begin(), sc.regex_stamp.end(), 0);
    sc.location_epoch = 0;
    sc.norm_epoch = 0;
    sc.epoch = 1;
  }
  sc.hits.clear();
  sc.atoms.clear();
  sc.gazetteer_hits.clear();
  sc.holding.clear();
  sc.prefilter_done = false;
}

// Scans the raw title, text and address as their normalised forms; marks seen patterns and
// candidate rules, and keeps keyword occurrences in title and text for evidence.
void scan(const ruleset& rs, const petition& p, classifier_scratch& sc, classification& out) {
  const auto& ix = rs.index();
  if (p.title.size() > limits::text_bytes || p.text.size() > limits::text_bytes ||
      p.address.size() > limits::text_bytes)
    out.flags |= flag_text_truncated;
  if (!ix.always.empty())  // (no rules: empty vectors, whose data() may be null)
    std::memcpy(sc.candidates.data(), ix.always.data(), ix.always.size() * sizeof(std::uint64_t));
  std::uint64_t* cand = sc.candidates.data();
  const std::uint32_t stamp = sc.epoch << 8;
  std::uint32_t* seen = sc.seen.data();
  const detail::rule_index::pattern_entry* entries = ix.patterns.data();
  const std::uint32_t* triggers = ix.triggers.data();
  using detail::rule_index;
  auto scan_field = [&](std::string_view text, std::uint8_t bit) {
    if (text.empty()) return;
    const bool well_formed = ix.automaton.scan_as_normalized(
        text, [&](std::uint32_t pat, std::uint32_t tag, std::size_t b, std::size_t e) {
          if ((seen[pat] & ~0xFFu) != stamp) {
            seen[pat] = stamp | bit;
            if (tag & rule_index::tag_simple) {  // the usual case: the tag says it all
              if (const std::uint32_t rank1 = tag & rule_index::tag_rank)
                cand[(rank1 - 1) >> 6] |= std::uint64_t{1} << ((rank1 - 1) & 63);
            } else {
              const rule_index::pattern_entry& pe = entries[pat];
              if (pe.atom >= 0) sc.atoms.push_back(pe.atom);
              if (pe.flags & rule_index::gazetteer_pattern) sc.gazetteer_hits.push_back(pat);
              for (std::uint32_t k = pe.trigger_begin; k < pe.trigger_end; ++k) {
                const std::uint32_t rk = triggers[k];
                cand[rk >> 6] |= std::uint64_t{1} << (rk & 63);
              }
            }
          } else {
            seen[pat] |= bit;
          }
          if ((tag & rule_index::tag_keyword) && bit != address_field) {
            if (sc.hits.size() < max_hits)
              sc.hits.push_back(
                  {pat, std::uint32_t(b), std::uint32_t(e), static_cast<field_scope>(bit)});
            else
              out.flags |= flag_spans_truncated;
          }
        });
    if (!well_formed) out.flags |= flag_invalid_utf8;
  };
  scan_field(clipped(p.title), std::uint8_t(field_scope::title));
  scan_field(clipped(p.text), std::uint8_t(field_scope::text));
  scan_field(clipped(p.address), address_field);
}

// Positive keyword evidence of a rule: patterns of text_any/text_all nodes not under `not`.
void collect_evidence(const detail::rule_index& ix, std::uint32_t n, bool negated,
                      std::vector<std::uint32_t>& pats, std::vector<std::uint32_t>& regexes) {
  const auto& nd = ix.nodes[n];
  const std::uint32_t* refs = ix.refs.data() + nd.begin;
  switch (nd.kind) {
    case node_kind::all:
    case node_kind::any:
      for (std::uint32_t k = 0; k < nd.count; ++k)
        collect_evidence(ix, refs[k], negated, pats, regexes);
      break;
    case node_kind::negate:
      collect_evidence(ix, refs[0], !negated, pats, regexes);
      break;
    case node_kind::text_any:
    case node_kind::text_all:
      if (!negated) pats.insert(pats.end(), refs, refs + nd.count);
      break;
    case node_kind::regex:
      if (!negated) regexes.push_back(nd.arg);
      break;
    default:
      break;
  }
}

void add_evidence(const ruleset& rs, classifier_scratch& sc, classification& out) {
  const auto& ix = rs.index();
  thread_local std::vector<std::uint32_t> pats, regexes;
  // Spans in bytes of the raw field.
  auto to_span = [&](std::uint32_t b, std::uint32_t e, field_scope field, std::uint32_t rule,
                     std::int32_t pat, std::int32_t re) {
    if (out.spans.size() >= max_spans) {
      out.flags |= flag_spans_truncated;
      return;
    }
    match_span s;
    s.begin = b;
    s.end = e;
    s.field = field;
    s.pattern = pat;
    s.regex = re;
    s.rule = rule;
    out.spans.push_back(s);
  };
  // Each pattern is credited to the first fired rule that uses it.
  for (std::uint32_t rule : out.fired) {
    pats.clear();
    regexes.clear();
    collect_evidence(ix, rs.rules()[rule].root, false, pats, regexes);
    for (auto pt : pats) {
      const std::uint32_t bits = sc.seen_now(pt);
      if (bits == 0 || (bits & classifier_scratch::credited)) continue;
      sc.seen[pt] |= classifier_scratch::credited;
      for (const auto& h : sc.hits)
        if (h.pattern == pt) to_span(h.begin, h.end, h.field, rule, std::int32_t(pt), -1);
    }
    for (auto r : regexes)
      if (sc.regex_stamp[r] == sc.epoch && sc.regex_result[r] == 1 &&
          sc.regex_pos[2 * r] < sc.regex_pos[2 * r + 1]) {
        // A regex ran on the normalised text (sc.norm exists): its offset map gives the bytes
        // of the raw field (dense for explain, sparse on the hot path).
        const std::uint32_t b = sc.regex_pos[2 * r];
        const auto [ob, oe] = sc.norm.original_span(b, sc.regex_pos[2 * r + 1]);
        to_span(ob, oe, b < sc.title_len ? field_scope::title : field_scope::text, rule, -1,
                std::int32_t(r));
      }
  }
  if (out.spans.empty()) return;
  std::sort(out.spans.begin(), out.spans.end(), [](const match_span& a, const match_span& b) {
    if (a.field != b.field) return a.field == field_scope::title;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
}

void add_tags(const ruleset& rs, std::uint32_t rule, classification& out) {
  const auto& tags = rs.rules()[rule].tags;
  for (std::size_t t = 0; t < tags.size() && t < 256; ++t) {
    bool dup = false;
    for (std::size_t k = 0; k < out.tags.size() && !dup; ++k) dup = out.tag(k) == tags[t];
    if (!dup) out.tags.push_back(rule << 8 | std::uint32_t(t));
  }
}

// No rule holds: the learned model reads the normalised title and text (not the address) and
// decides when its probability reaches the threshold; below it the petition goes to triage.
void apply_model(const ruleset& rs, const petition& p, classifier_scratch& sc,
                 classification& out) {
  const auto& mr = rs.model();
  if (!mr || !mr->model) return;
  ensure_normalized(p, sc);
  const text_model& m = *mr->model;
  const std::string_view text(sc.norm.text.data(), sc.text_end);
  sc.model.reserve(m, text.size());  // allocates only for a text longer than any before
  sc.model_probs.resize(m.labels().size());
  const int best = m.predict(text, sc.model, sc.model_probs.data());
  if (best < 0 || sc.model_probs[std::size_t(best)] < mr->threshold) return;  // triage
  out.decided_by = decided_by::model;
  out.category = std::int32_t(mr->category_of[std::size_t(best)]);
  out.confidence = sc.model_probs[std::size_t(best)];
}

void classify_impl(const std::shared_ptr<const ruleset>& rsp, const petition& p,
                   classifier_scratch& sc, classification& out) {
  const ruleset& rs = *rsp;
  const auto& ix = rs.index();
  prepare(rs, sc);
  scan(rs, p, sc, out);
  evaluator ev(rs, p, sc);
  const auto& rules = rs.rules();
  const std::uint64_t* cand = sc.candidates.data();
  const std::size_t words = sc.candidates.size();
  const hit_policy policy = rs.policy();
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t bits = cand[w];
    while (bits) {
      const std::uint32_t rk = std::uint32_t(w * 64 + __builtin_ctzll(bits));
      bits &= bits - 1;
      const std::uint32_t r = ix.order[rk];
      if (!ev.eval(rules[r].root)) continue;
      sc.holding.push_back(r);
      if (policy == hit_policy::first) goto decided;
    }
  }
decided:
  if (sc.holding.empty()) {
    apply_model(rs, p, sc, out);
    return;
  }
  out.decided_by = decided_by::rule;
  if (policy != hit_policy::collect) {
    const rule& win = rules[sc.holding.front()];
    out.category = std::int32_t(win.category);
    out.confidence = win.confidence;
    out.urgency = win.urgency;
    for (auto r : sc.holding) {
      out.fired.push_back(r);
      out.urgency = std::max(out.urgency, rules[r].urgency);
      add_tags(rs, r, out);
    }
  } else {
    double total = 0;
    sc.score_touched.clear();
    for (auto r : sc.holding) {
      const auto c = rules[r].category;
      if (sc.scores[c] == 0) sc.score_touched.push_back(c);
      sc.scores[c] += rules[r].weight;
      total += rules[r].weight;
    }
    // Winner: highest total; ties go to the category whose best rule ranks first, which is
    // the order `score_touched` was filled in (holding is in rank order).
    std::uint32_t best = sc.score_touched.front();
    for (auto c : sc.score_touched)
      if (sc.scores[c] > sc.scores[best]) best = c;
    out.category = std::int32_t(best);
    out.confidence = total > 0 ? sc.scores[best] / total : 0;
    for (auto c : sc.score_touched) sc.scores[c] = 0;
    for (auto r : sc.holding)
      if (rules[r].category == best) {
        out.fired.push_back(r);
        out.urgency = std::max(out.urgency, rules[r].urgency);
        add_tags(rs, r, out);
      }
    for (auto r : sc.holding)
      if (rules[r].category != best) out.fired.push_back(r);
  }
  add_evidence(rs, sc, out);
}

}  // namespace

void classify(const std::shared_ptr<const ruleset>& rs, const petition& p,
              classifier_scratch& scratch, classification& out) noexcept {
  out.clear();
  out.set_ruleset(rs);
  if (!rs) {
    out.flags |= flag_internal_error;
    return;
  }
  try {
    classify_impl(rs, p, scratch, out);
  } catch (...) {
    out.clear();
    out.flags |= flag_internal_error;
    scratch.sized_for = nullptr;  // rebuild the scratch next time
  }
}

std::vector<rule_trace> trace_rules(const std::shared_ptr<const ruleset>& rs, const petition& p) {
  classifier_scratch sc;
  classification out;
  prepare(*rs, sc);
  scan(*rs, p, sc, out);
  evaluator ev(*rs, p, sc);
  std::vector<rule_trace> result;
  const auto& ix = rs->index();
  for (std::uint32_t rk = 0; rk < ix.order.size(); ++rk) {
    rule_trace t;
    t.rule = ix.order[rk];
    t.candidate = (sc.candidates[rk >> 6] >> (rk & 63)) & 1;
    t.holds = ev.eval(rs->rules()[t.rule].root, &t.lines);
    result.push_back(std::move(t));
  }
  return result;
}

std::string explain(const std::shared_ptr<const ruleset>& rs, const petition& p) {
  std::string s;
  classifier_scratch sc;
  sc.norm.track_offsets = true;
  classification c;
  classify(rs, p, sc, c);
  ensure_normalized(p, sc);
  s += "petition " + (p.id.empty() ? std::string("(no id)") : p.id) + "\n";
  s += "normalised: " + sc.norm.text + "\n";
  s += "keywords found:";
  {
    std::size_t shown = 0;
    for (const auto& h : sc.hits) {
      if (shown++ == 40) {
        s += " ...";
        break;
      }
      const bool title = h.field == field_scope::title;
      const std::uint32_t ob = h.begin, oe = h.end;
      const std::string& src = title ? p.title : p.text;
      s += std::string(" ") + std::string(rs->index().automaton.pattern(h.pattern)) + "@" +
           (title ? "title:" : "") + std::to_string(ob) + "-" + std::to_string(oe);
      if (src.compare(ob, oe - ob, rs->index().automaton.pattern(h.pattern)) != 0)
        s += "(" + src.substr(ob, oe - ob) + ")";
    }
    if (sc.hits.empty()) s += " none";
  }
  s += "\n";
  if (c.decided_by == decided_by::rule) {
    char conf[32];
    std::snprintf(conf, sizeof conf, "%.2f", c.confidence);
    s += "decision: " + std::string(c.category_id()) + " " + std::string(c.category_name()) +
         " — by rule " + std::string(c.rule_id(0)) + ", confidence " + conf + ", urgency " +
         std::string(to_string(c.urgency)) + "\n";
  } else if (c.decided_by == decided_by::model) {
    char conf[64];
    std::snprintf(conf, sizeof conf, "%.3f (threshold %.3f)", c.confidence, rs->model()->threshold);
    s += "decision: " + std::string(c.category_id()) + " " + std::string(c.category_name()) +
         " — no rule holds; by the learned model, probability " + conf + "\n";
  } else if (const auto& mr = rs->model(); mr && !(c.flags & flag_internal_error) &&
                                           sc.model_probs.size() == mr->category_of.size()) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < sc.model_probs.size(); ++k)
      if (sc.model_probs[k] > sc.model_probs[best]) best = k;
    char conf[64];
    std::snprintf(conf, sizeof conf, "%.3f, below the threshold %.3f", sc.model_probs[best],
                  mr->threshold);
    s += "decision: triage (人工转派) — no rule holds; the learned model's best guess " +
         rs->categories()[mr->category_of[best]].id + " has probability " + conf + "\n";
  } else {
    s += "decision: triage (人工转派) — no rule holds\n";
  }
  auto traces = trace_rules(rs, p);
  std::size_t skipped = 0;
  s += "rules (evaluation order; rules none of whose keywords occur are not listed):\n";
  for (const auto& t : traces) {
    if (!t.candidate && !t.holds) {
      ++skipped;
      continue;
    }
    const rule& r = rs->rules()[t.rule];
    s += std::string(t.holds ? "  ✓ " : "  ✗ ") + r.id + " → " + rs->categories()[r.category].id +
         " (priority " + std::to_string(r.priority) + ")\n";
    for (const auto& l : t.lines)
      s += std::string(6 + 2 * l.depth, ' ') + (l.holds ? "✓ " : "✗ ") + l.text + "\n";
  }
  s += "  (" + std::to_string(skipped) + " rules not triggered by any keyword)\n";
  return s;
}

}  // namespace minhu
