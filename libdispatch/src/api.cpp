// The binding facade: conversions between minhu's types and plain values.
#include "minhu/api.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "minhu/journal.hpp"
#include "minhu/jsonl.hpp"
#include "minhu/limits.hpp"
#include "minhu/model.hpp"
#include "minhu/text.hpp"
#include "minhu/tracker.hpp"

namespace minhu::api {

namespace {

[[noreturn]] void rethrow_as_failure() {
  try {
    throw;
  } catch (const ruleset_error& e) {
    std::vector<problem> ps;
    for (const auto& p : e.problems()) ps.push_back({p.pointer, p.message});
    throw failure(std::string(code_name(e.code())), e.message(), std::move(ps));
  } catch (const petition_error& e) {
    throw failure(std::string(code_name(e.code())), e.message(),
                  {{e.field().empty() ? std::string() : "/" + e.field(), e.message()}});
  } catch (const minhu::error& e) {
    throw failure(std::string(code_name(e.code())), e.message());
  } catch (const failure&) {
    throw;
  } catch (const std::exception& e) {
    throw failure("internal", e.what());
  }
}

// Into `p`, reusing its strings' buffers: a batch converts every petition into the same one.
void to_core(const petition& in, minhu::petition& p) {
  p.id.assign(in.id);
  p.title.assign(in.title);
  p.text.assign(in.text);
  p.channel.assign(in.channel);
  p.received_at = in.received_at;
  p.area.assign(in.area);
  p.address.assign(in.address);
  p.lat.reset();
  p.lon.reset();
  if (in.has_point) {
    p.lat = in.lat;
    p.lon = in.lon;
  }
  p.category.assign(in.category);
  p.attributes.clear();
  p.attributes.reserve(in.attributes.size());
  for (const auto& a : in.attributes) {
    if (a.kind == "number")
      p.attributes.push_back({a.name, value(a.number)});
    else if (a.kind == "bool")
      p.attributes.push_back({a.name, value(a.number != 0)});
    else if (a.kind == "null")
      p.attributes.push_back({a.name, value()});
    else if (a.kind == "string")
      p.attributes.push_back({a.name, value(a.text)});
    else
      throw failure("invalid_argument", "attribute \"" + a.name + "\": unknown kind \"" + a.kind +
                                            "\" (string, number, bool or null)");
  }
}

minhu::petition to_core(const petition& in) {
  minhu::petition p;
  to_core(in, p);
  return p;
}

struct flag_name {
  std::uint32_t bit;
  const char* name;
};
const flag_name flag_names[] = {{flag_invalid_utf8, "invalid_utf8"},
                                {flag_spans_truncated, "spans_truncated"},
                                {flag_internal_error, "internal_error"},
                                {flag_text_truncated, "text_truncated"}};

const char* const tier_names[] = {"small", "medium", "big"};

void fill_classification(const minhu::petition& p, const classification& c, decision& d) {
  d.id = p.id;
  d.decided_by = std::string(to_string(c.decided_by));
  d.urgency = std::string(to_string(c.urgency));
  d.confidence = c.confidence;
  const auto& rs = c.rules();
  if (c.category >= 0 && rs) {
    d.category = std::string(c.category_id());
    d.category_name = std::string(c.category_name());
    d.category_path = rs->category_path(std::uint32_t(c.category));
  }
  d.rules.reserve(c.fired.size());
  for (std::size_t i = 0; i < c.fired.size(); ++i) d.rules.emplace_back(c.rule_id(i));
  d.tags.reserve(c.tags.size());
  for (std::size_t i = 0; i < c.tags.size(); ++i) d.tags.emplace_back(c.tag(i));
  d.spans.reserve(c.spans.size());
  for (const auto& s : c.spans) {
    span o;
    const std::string& src = s.field == field_scope::title ? p.title : p.text;
    o.field = s.field == field_scope::title ? "title" : "text";
    o.begin = s.begin;
    o.end = s.end;
    if (s.end <= src.size()) o.text = src.substr(s.begin, s.end - s.begin);
    if (s.pattern >= 0 && rs)
      o.keyword = std::string(rs->index().automaton.pattern(std::uint32_t(s.pattern)));
    if (s.regex >= 0 && rs) o.regex = rs->index().regexes[std::size_t(s.regex)].pattern;
    if (rs) o.rule = rs->rules()[s.rule].id;
    d.spans.push_back(std::move(o));
  }
  for (const auto& f : flag_names)
    if (c.flags & f.bit) d.flags.emplace_back(f.name);
}

// Calls fn with every non-blank line of `text`, without its leading spaces.
template <class Fn>
void for_each_line(std::string_view text, Fn fn) {
  while (!text.empty()) {
    const auto nl = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, nl);
    const auto first = line.find_first_not_of(' ');
    if (first != std::string_view::npos) fn(line.substr(first));
    text.remove_prefix(std::min(nl + 1, text.size()));
  }
}

decision to_decision(const minhu::petition& p, const dispatch_result& r, bool dispatched) {
  decision d;
  fill_classification(p, r.classification, d);
  const auto& rs = r.classification.rules();
  if (!dispatched || !rs) return d;
  if (r.location.area >= 0) {
    const auto& a = rs->areas()[std::size_t(r.location.area)];
    d.area = a.id;
    d.area_name = a.name;
  }
  d.location_method = std::string(to_string(r.location.method));
  for (auto c : r.location.candidates) d.area_candidates.push_back(rs->areas()[c].id);
  const auto& org = rs->organisation();
  if (r.assignment.lead >= 0) {
    d.lead = org[std::uint32_t(r.assignment.lead)].id;
    d.lead_name = org[std::uint32_t(r.assignment.lead)].name;
  }
  if (r.assignment.tier >= 0 && r.assignment.tier < 3) d.tier = tier_names[r.assignment.tier];
  for (auto u : r.assignment.assisting) d.assisting.push_back({org[u].id, org[u].name});
  for_each_line(describe(*rs, r), [&](std::string_view l) { d.explanation.emplace_back(l); });
  return d;
}

// Writes decisions in the layout of decision_pack, every distinct string once. The strings it
// is given must outlive it (they are the keys of its index): the ruleset's, the petitions',
// the decisions', and literals.
class pack_writer {
 public:
  // `dedupe`: store each distinct string once (else every string where it occurs: cheaper
  // for a single decision, whose strings rarely repeat).
  explicit pack_writer(decision_pack& out, bool dedupe = true) : out_(out), dedupe_(dedupe) {}

  // From a core result: what to_decision would make of it, without making it.
  void add(const petition& p, const dispatch_result& r, bool dispatched) {
    if (seen_.empty()) seen_.resize(std::size_t(1) << seen_bits);
    const classification& c = r.classification;
    const auto& rs = c.rules();
    fresh(p.id);
    str(to_string(c.decided_by));
    const bool has_category = c.category >= 0 && rs;
    opt(has_category ? c.category_id() : std::string_view());
    opt(has_category ? c.category_name() : std::string_view());
    path_.clear();
    if (has_category)
      for (std::int32_t i = c.category; i >= 0; i = rs->categories()[i].parent) path_.push_back(i);
    count(path_.size());
    for (auto i = path_.rbegin(); i != path_.rend(); ++i)
      str(rs->categories()[*i].id);  // root first
    str(to_string(c.urgency));
    num(c.confidence);
    count(c.fired.size());
    for (std::size_t i = 0; i < c.fired.size(); ++i) str(c.rule_id(i));
    count(c.tags.size());
    for (std::size_t i = 0; i < c.tags.size(); ++i) str(c.tag(i));
    count(c.spans.size());
    for (const auto& s : c.spans) {
      const std::string& src = s.field == field_scope::title ? p.title : p.text;
      str(s.field == field_scope::title ? "title" : "text");
      num(double(s.begin));
      num(double(s.end));
      const std::string_view text = s.end <= src.size()
                                        ? std::string_view(src).substr(s.begin, s.end - s.begin)
                                        : std::string_view();
      const std::string_view keyword = s.pattern >= 0 && rs
                                           ? rs->index().automaton.pattern(std::uint32_t(s.pattern))
                                           : std::string_view();
      // Usually the text is the keyword as written: the ruleset's copy is then found by its
      // address, without hashing the petition's bytes.
      str(text == keyword ? keyword : text);
      opt(keyword);
      opt(s.regex >= 0 && rs ? std::string_view(rs->index().regexes[std::size_t(s.regex)].pattern)
                             : std::string_view());
      str(rs ? std::string_view(rs->rules()[s.rule].id) : std::string_view());
    }
    std::size_t flags = 0;
    for (const auto& f : flag_names)
      if (c.flags & f.bit) ++flags;
    count(flags);
    for (const auto& f : flag_names)
      if (c.flags & f.bit) str(f.name);
    if (!dispatched || !rs) {
      num(0);
      return;
    }
    num(1);
    const auto& areas = rs->areas();
    const bool located = r.location.area >= 0;
    opt(located ? std::string_view(areas[std::size_t(r.location.area)].id) : std::string_view());
    opt(located ? std::string_view(areas[std::size_t(r.location.area)].name) : std::string_view());
    str(to_string(r.location.method));
    count(r.location.candidates.size());
    for (auto a : r.location.candidates) str(areas[a].id);
    const auto& org = rs->organisation();
    const bool led = r.assignment.lead >= 0;
    opt(led ? std::string_view(org[std::uint32_t(r.assignment.lead)].id) : std::string_view());
    opt(led ? std::string_view(org[std::uint32_t(r.assignment.lead)].name) : std::string_view());
    opt(r.assignment.tier >= 0 && r.assignment.tier < 3 ? tier_names[r.assignment.tier] : "");
    count(r.assignment.assisting.size());
    for (auto u : r.assignment.assisting) {
      str(org[u].id);
      str(org[u].name);
    }
    const std::size_t lines_at = out_.fields.size();
    count(0);
    std::size_t lines = 0;
    for_each_line(describe(*rs, r), [&](std::string_view l) {
      fresh(l);
      ++lines;
    });
    out_.fields[lines_at] = double(lines);
  }

  void add(const decision& d) {
    fresh(d.id);
    str(d.decided_by);
    opt(d.category);
    opt(d.category_name);
    list(d.category_path);
    str(d.urgency);
    num(d.confidence);
    list(d.rules);
    list(d.tags);
    count(d.spans.size());
    for (const auto& s : d.spans) {
      str(s.field);
      num(double(s.begin));
      num(double(s.end));
      str(s.text);
      opt(s.keyword);
      opt(s.regex);
      str(s.rule);
    }
    list(d.flags);
    // The facade names a location method after dispatch, never after classify.
    if (d.location_method.empty()) {
      num(0);
      return;
    }
    num(1);
    opt(d.area);
    opt(d.area_name);
    str(d.location_method);
    list(d.area_candidates);
    opt(d.lead);
    opt(d.lead_name);
    opt(d.tier);
    count(d.assisting.size());
    for (const auto& u : d.assisting) {
      str(u.id);
      str(u.name);
    }
    count(d.explanation.size());
    for (const auto& l : d.explanation) fresh(l);
  }

 private:
  void num(double x) { out_.fields.push_back(x); }
  void count(std::size_t n) { num(double(n)); }
  void str(std::string_view s) {
    // From core results most strings are the ruleset's, met again and again at the same
    // address: a small cache by address answers them without hashing their bytes. (Decisions'
    // strings each have their own address; packing those, the cache is never made.)
    if (seen_.empty()) {
      if (dedupe_)
        num(double(slot_of(s)));
      else
        fresh(s);
      return;
    }
    const auto h = (reinterpret_cast<std::uintptr_t>(s.data()) >> 3) * 0x9E3779B97F4A7C15u;
    seen& e = seen_[h >> (64 - seen_bits)];
    if (e.data != s.data() || e.size != s.size()) e = {s.data(), s.size(), slot_of(s)};
    num(double(e.slot));
  }
  std::uint32_t slot_of(std::string_view s) {
    const auto [it, added] = index_.try_emplace(s, std::uint32_t(out_.strings.size()));
    if (added) out_.strings.emplace_back(s);
    return it->second;
  }
  void opt(std::string_view s) {
    if (s.empty())
      num(-1);
    else
      str(s);
  }
  // A string unlikely to repeat (an id, an explanation line): not worth an index entry.
  void fresh(std::string_view s) {
    num(double(out_.strings.size()));
    out_.strings.emplace_back(s);
  }
  void list(const std::vector<std::string>& v) {
    count(v.size());
    for (const auto& s : v) str(s);
  }

  struct seen {
    const char* data = nullptr;
    std::size_t size = std::size_t(-1);  // matches no string, not even an empty one
    std::uint32_t slot = 0;
  };
  static constexpr int seen_bits = 10;

  decision_pack& out_;
  bool dedupe_;
  std::unordered_map<std::string_view, std::uint32_t> index_;
  std::vector<seen> seen_;          // made by the first add() of a core result
  std::vector<std::int32_t> path_;  // a category and its ancestors
};

void check_batch(std::size_t n) {
  if (n > limits::batch)
    throw failure("invalid_argument", "a batch of " + std::to_string(n) +
                                          " petitions; the limit is " +
                                          std::to_string(limits::batch) + " (split it)");
}

std::uint32_t unit_index(const minhu::engine& e, const std::string& id) {
  const auto u = e.snapshot()->organisation().find(id);
  if (u < 0) throw failure("invalid_argument", "unknown unit \"" + id + "\"");
  return std::uint32_t(u);
}

// The ruleset and the loads sized for it, read without a reload in between.
std::pair<std::shared_ptr<const ruleset>, std::shared_ptr<load_view>> snapshot_with_loads(
    const minhu::engine& e) {
  for (;;) {
    const auto gen = e.generation();
    auto rs = e.snapshot();
    auto loads = e.loads();
    if (e.generation() == gen) return {std::move(rs), std::move(loads)};
  }
}

// Runs fn(begin, end, scratch) over blocks of [0, n) on `threads` threads (the caller's among
// them), each with its own classifier scratch; rethrows the first exception.
template <class Fn>
void parallel_blocks(std::size_t n, unsigned threads, Fn fn) {
  constexpr std::size_t block = 64;
  const std::size_t blocks = (n + block - 1) / block;
  std::size_t t = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  t = std::min(t, blocks);
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex mu;
  auto work = [&] {
    classifier_scratch scratch;
    try {
      for (std::size_t b; (b = next.fetch_add(1)) < blocks;)
        fn(b * block, std::min(n, (b + 1) * block), scratch);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      if (!error) error = std::current_exception();
      next.store(blocks);
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < t; ++i) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace

std::vector<decision> dispatcher::classify_batch(const std::vector<petition>& ps,
                                                 unsigned threads) const {
  check_batch(ps.size());
  const auto rs = engine_->snapshot();
  std::vector<decision> ds(ps.size());
  parallel_blocks(ps.size(), threads,
                  [&](std::size_t b, std::size_t e, classifier_scratch& scratch) {
                    dispatch_result r;
                    minhu::petition p;
                    for (std::size_t i = b; i < e; ++i) {
                      to_core(ps[i], p);
                      minhu::classify(rs, p, scratch, r.classification);
                      ds[i] = to_decision(p, r, false);
                    }
                  });
  return ds;
}

std::vector<decision> dispatcher::dispatch_batch(const std::vector<petition>& ps,
                                                 unsigned threads) const {
  check_batch(ps.size());
  const auto snap = snapshot_with_loads(*engine_);
  const auto& rs = snap.first;
  const auto& loads = snap.second;
  std::vector<decision> ds(ps.size());
  const dispatch_options opts;
  parallel_blocks(ps.size(), threads,
                  [&](std::size_t b, std::size_t e, classifier_scratch& scratch) {
                    dispatch_result r;
                    minhu::petition p;
                    for (std::size_t i = b; i < e; ++i) {
                      to_core(ps[i], p);
                      minhu::dispatch(rs, p, opts, *loads, scratch, r);
                      ds[i] = to_decision(p, r, true);
                    }
                  });
  return ds;
}

decision_pack decision_pack::of(const std::vector<decision>& ds) {
  decision_pack out;
  out.fields.reserve(ds.size() * 32);  // a classification takes about 20, a dispatch 40
  if (ds.size() == 1) out.strings.reserve(24);
  pack_writer w(out, ds.size() > 1);
  for (const auto& d : ds) w.add(d);
  out.size = std::int64_t(ds.size());
  return out;
}

namespace {

// classify (dispatched false) or dispatch every petition of `ps` and pack the results: on the
// calling thread as they come, or with more threads into results packed afterwards in order.
decision_pack packed(const minhu::engine& engine, const std::vector<petition>& ps, unsigned threads,
                     bool dispatched, const std::vector<std::string>& exclude) {
  check_batch(ps.size());
  const auto snap = snapshot_with_loads(engine);
  const auto& rs = snap.first;
  const auto& loads = snap.second;
  dispatch_options opts;
  opts.exclude = exclude;
  auto run = [&](const minhu::petition& p, classifier_scratch& scratch, dispatch_result& r) {
    if (dispatched)
      minhu::dispatch(rs, p, opts, *loads, scratch, r);
    else
      minhu::classify(rs, p, scratch, r.classification);
  };
  decision_pack out;
  // A classification takes 20-30 fields (26 on average with 1.5 evidence spans), a dispatch
  // 40-50; each petition adds its id to the strings. Reserved, the blocks are not
  // copied again and again as they grow.
  out.fields.reserve(ps.size() * (dispatched ? 48 : 32));
  out.strings.reserve(ps.size() + 256);
  pack_writer w(out);
  if (threads == 1 || ps.size() <= 64) {
    classifier_scratch scratch;
    dispatch_result r;
    minhu::petition p;
    for (const auto& in : ps) {
      to_core(in, p);
      run(p, scratch, r);
      w.add(in, r, dispatched);
    }
  } else {
    std::vector<dispatch_result> rs_out(ps.size());
    parallel_blocks(ps.size(), threads,
                    [&](std::size_t b, std::size_t e, classifier_scratch& scratch) {
                      minhu::petition p;
                      for (std::size_t i = b; i < e; ++i) {
                        to_core(ps[i], p);
                        run(p, scratch, rs_out[i]);
                      }
                    });
    for (std::size_t i = 0; i < ps.size(); ++i) w.add(ps[i], rs_out[i], dispatched);
  }
  out.size = std::int64_t(ps.size());
  return out;
}

}  // namespace

decision_pack dispatcher::classify_packed(const std::vector<petition>& ps, unsigned threads) const {
  return packed(*engine_, ps, threads, false, {});
}

decision_pack dispatcher::dispatch_packed(const std::vector<petition>& ps, unsigned threads,
                                          const std::vector<std::string>& exclude) const {
  return packed(*engine_, ps, threads, true, exclude);
}

std::vector<class_score> dispatcher::model_scores(const petition& in) const {
  const auto rs = engine_->snapshot();
  const auto& mr = rs->model();
  if (!mr || !mr->model) return {};
  const minhu::petition p = to_core(in);
  // The same text the classifier gives the model: normalised title '\n' normalised text.
  normalized_text n;
  n.track_offsets = false;
  minhu::normalize(p.title, n);
  normalize_append(p.text, n);
  thread_local model_scratch scratch;
  scratch.reserve(*mr->model, n.text.size());
  std::vector<double> probs(mr->model->labels().size());
  mr->model->predict(n.text, scratch, probs.data());
  std::vector<class_score> out;
  for (std::size_t k = 0; k < probs.size(); ++k)
    out.push_back({rs->categories()[mr->category_of[k]].id, probs[k]});
  return out;
}

std::string dispatcher::normalize(const std::string& text) { return minhu::normalize(text); }

dispatcher dispatcher::load(const std::string& path) {
  try {
    return dispatcher(std::make_shared<minhu::engine>(path));
  } catch (...) {
    rethrow_as_failure();
  }
}

dispatcher dispatcher::from_json(const std::string& json, const std::string& base_dir) {
  try {
    return dispatcher(std::make_shared<minhu::engine>(ruleset::load_string(json, base_dir)));
  } catch (...) {
    rethrow_as_failure();
  }
}

decision dispatcher::classify(const petition& in) const {
  const minhu::petition p = to_core(in);
  dispatch_result r;
  engine_->classify(p, r.classification);
  return to_decision(p, r, false);
}

decision dispatcher::dispatch(const petition& in, const std::vector<std::string>& exclude) const {
  const minhu::petition p = to_core(in);
  dispatch_options opts;
  opts.exclude = exclude;
  dispatch_result r;
  engine_->dispatch(p, opts, r);
  return to_decision(p, r, true);
}

// On the calling thread, streaming: one petition and one result reused, nothing kept per
// petition but its decision.
std::vector<decision> dispatcher::classify_batch(const std::vector<petition>& ps) const {
  return classify_batch(ps, 1);
}

std::vector<decision> dispatcher::dispatch_batch(const std::vector<petition>& ps) const {
  return dispatch_batch(ps, 1);
}

std::string dispatcher::explain(const petition& p, bool show_pii) const {
  return engine_->explain(to_core(p), show_pii ? pii_policy::show : pii_policy::mask);
}

void dispatcher::reload() {
  try {
    engine_->reload();
  } catch (...) {
    rethrow_as_failure();
  }
}

void dispatcher::reload_from(const std::string& path) {
  try {
    engine_->reload(path);
  } catch (...) {
    rethrow_as_failure();
  }
}

void dispatcher::set_load(const std::string& unit_id, std::int64_t load) {
  engine_->loads()->set(unit_index(*engine_, unit_id), load);
}

void dispatcher::add_load(const std::string& unit_id, std::int64_t delta) {
  engine_->loads()->add(unit_index(*engine_, unit_id), delta);
}

std::int64_t dispatcher::load_of(const std::string& unit_id) const {
  return engine_->loads()->get(unit_index(*engine_, unit_id));
}

ruleset_info dispatcher::info() const {
  const auto rs = engine_->snapshot();
  ruleset_info i;
  i.id = rs->id();
  i.version = rs->version();
  i.name = rs->name();
  i.categories = std::int64_t(rs->categories().size());
  i.rules = std::int64_t(rs->rules().size());
  i.keywords = std::int64_t(rs->keyword_count());
  i.units = std::int64_t(rs->organisation().size());
  i.areas = std::int64_t(rs->areas().size());
  i.generation = std::int64_t(engine_->generation());
  if (const auto& mr = rs->model(); mr && mr->model) {
    i.model_path = mr->path;
    i.model_threshold = mr->threshold;
    for (auto c : mr->category_of) i.model_classes.push_back(rs->categories()[c].id);
  }
  return i;
}

petition dispatcher::parse_petition(const std::string& json) {
  try {
    const minhu::petition p = minhu::parse_petition(json);
    petition o;
    o.id = p.id;
    o.title = p.title;
    o.text = p.text;
    o.channel = p.channel;
    o.received_at = p.received_at;
    o.area = p.area;
    o.address = p.address;
    if (p.lat && p.lon) {
      o.has_point = true;
      o.lat = *p.lat;
      o.lon = *p.lon;
    }
    o.category = p.category;
    for (const auto& a : p.attributes) {
      attribute x;
      x.name = a.name;
      switch (a.val.type) {
        case value::kind::null:
          x.kind = "null";
          break;
        case value::kind::boolean:
          x.kind = "bool", x.number = a.val.b ? 1 : 0;
          break;
        case value::kind::number:
          x.kind = "number", x.number = a.val.n;
          break;
        case value::kind::string:
          x.kind = "string", x.text = a.val.s;
          break;
      }
      o.attributes.push_back(std::move(x));
    }
    return o;
  } catch (...) {
    rethrow_as_failure();
  }
}

// ---- case_tracker ------------------------------------------------------------------------------

struct case_tracker::impl {
  std::shared_ptr<minhu::engine> engine;
  std::shared_ptr<const ruleset> rs;  // the tracker's ruleset: fixed for its lifetime
  std::unique_ptr<sqlite_journal> journal;
  std::shared_ptr<load_view> own_loads;  // the tracker's open cases, in its unit numbering
  std::unique_ptr<minhu::tracker> t;
  mutable std::mutex mu;

  // An id a filter names must exist: a misspelt scope must not report an empty subtree.
  void known(const metrics_filter& f) const {
    if (!f.scope_unit.empty()) known_unit(f.scope_unit);
    if (!f.unit.empty()) known_unit(f.unit);
    if (!f.street.empty() && rs->find_area(f.street) < 0)
      throw failure("invalid_argument", "unknown area \"" + f.street + "\"");
    if (!f.category.empty() && rs->find_category(f.category) < 0)
      throw failure("invalid_argument", "unknown category \"" + f.category + "\"");
  }

  std::vector<case_event> events(const std::vector<event>& es) const {
    std::vector<case_event> out;
    out.reserve(es.size());
    for (const auto& e : es)
      out.push_back({e.seq, e.at, std::string(to_string(e.kind)), e.case_id, e.unit, e.category,
                     e.area, e.value, e.detail});
    return out;
  }

  const case_record& existing(const std::string& id) const {
    const case_record* c = t->find(id);
    if (!c) throw failure("unknown_case", "unknown case \"" + id + "\"");
    return *c;
  }
  void known_unit(const std::string& id) const {
    if (rs->organisation().find(id) < 0)
      throw failure("invalid_argument", "unknown unit \"" + id + "\"");
  }
  // Runs a tracker command on an existing case; a refused transition throws, changing nothing.
  template <class Fn>
  std::vector<case_event> command(const std::string& id, Fn fn) {
    std::lock_guard<std::mutex> lock(mu);
    existing(id);
    return run(fn);
  }
  template <class Fn>
  std::vector<case_event> run(Fn fn) {
    status s;
    try {
      s = fn(*t);
    } catch (...) {
      rethrow_as_failure();
    }
    if (!s) throw failure("invalid_state", s.message());
    return events(t->last_events());
  }

  case_info info(const case_record& c) const {
    const auto& org = rs->organisation();
    case_info i;
    i.id = c.id;
    if (c.category >= 0) i.category = rs->categories()[std::size_t(c.category)].id;
    i.urgency = std::string(to_string(c.urgency));
    if (c.area >= 0) i.area = rs->areas()[std::size_t(c.area)].id;
    if (c.lead >= 0) {
      i.lead = org[std::uint32_t(c.lead)].id;
      i.lead_name = org[std::uint32_t(c.lead)].name;
    }
    for (auto u : c.assisting) i.assisting.push_back(org[u].id);
    i.returned_by = c.returned_by;
    i.state = std::string(to_string(c.state));
    i.colour = std::string(to_string(c.colour));
    i.open = c.open();
    i.paused = c.paused;
    i.supervised = c.supervised;
    if (c.supervisor >= 0) i.supervisor = org[std::uint32_t(c.supervisor)].id;
    i.escalation_level = c.escalation_level;
    i.rating = c.rating;
    i.reopened = c.reopened;
    i.merged_into = c.merged_into;
    i.duplicates = c.duplicates;
    i.received_at = c.received_at;
    i.assigned_at = c.assigned_at;
    i.acknowledged_at = c.acknowledged_at;
    i.started_at = c.started_at;
    i.replied_at = c.replied_at;
    i.rated_at = c.rated_at;
    i.closed_at = c.closed_at;
    i.acknowledge_due = c.due.acknowledge_due;
    i.respond_due = c.due.respond_due;
    i.resolve_due = c.due.resolve_due;
    static const char* clocks[] = {"acknowledge", "respond", "resolve"};
    for (int k = 0; k < 3; ++k)
      if (c.breached[k]) i.breached.push_back(clocks[k]);
    return i;
  }
};

namespace {

minhu::urgency parse_urgency(const std::string& s) {
  if (s.empty() || s == "normal") return minhu::urgency::normal;
  if (s == "urgent") return minhu::urgency::urgent;
  if (s == "critical") return minhu::urgency::critical;
  throw failure("invalid_argument",
                "unknown urgency \"" + s + "\" (expected normal, urgent or critical)");
}

minhu::metrics_filter to_core(const metrics_filter& f) {
  return {f.scope_unit, f.unit, f.street, f.category, f.from, f.to};
}

}  // namespace

case_tracker::case_tracker(const dispatcher& d, const std::string& journal_path,
                           const std::string& durability_name)
    : impl_(std::make_unique<impl>()) {
  impl& m = self();
  m.engine = d.engine_;
  durability level = durability::full;
  if (durability_name == "normal")
    level = durability::normal;
  else if (durability_name != "full")
    throw failure("invalid_argument", "unknown durability \"" + durability_name +
                                          "\" (expected \"full\" or \"normal\")");
  try {
    m.rs = m.engine->snapshot();
    if (!journal_path.empty()) m.journal = std::make_unique<sqlite_journal>(journal_path, level);
    // The tracker keeps its own unit numbering (loads for re-routing returned cases) and
    // reports each change by id to the engine, which keeps it across reloads.
    m.own_loads = std::make_shared<load_view>(m.rs->organisation().size());
    m.t = std::make_unique<minhu::tracker>(m.rs, m.own_loads, m.journal.get());
    std::weak_ptr<minhu::engine> weak = m.engine;
    m.t->on_load_change([weak](const std::string& unit, std::int64_t delta) {
      if (auto e = weak.lock()) e->add_load(unit, delta);
    });
    if (m.journal && m.journal->last_seq() > 0) m.t->recover();
  } catch (...) {
    rethrow_as_failure();
  }
}

case_tracker::impl& case_tracker::self() const {
  if (!impl_) throw failure("invalid_argument", "this case_tracker was moved from");
  return *impl_;
}

case_tracker::~case_tracker() = default;
case_tracker::case_tracker(case_tracker&&) noexcept = default;
case_tracker& case_tracker::operator=(case_tracker&&) noexcept = default;

std::vector<case_event> case_tracker::open(const std::string& case_id, const decision& d,
                                           std::int64_t now) {
  impl& m = self();
  if (d.lead.empty())
    throw failure("invalid_argument",
                  "decision for \"" + case_id +
                      "\" has no lead unit: open cases from dispatch(), not classify()");
  if (case_id.empty()) throw failure("invalid_argument", "a case needs an id");
  std::string assisting;
  for (const auto& u : d.assisting) assisting += (assisting.empty() ? "" : ",") + u.id;
  const minhu::urgency u = parse_urgency(d.urgency);
  std::lock_guard<std::mutex> lock(m.mu);
  if (m.t->find(case_id))
    throw failure("invalid_state", "case \"" + case_id + "\" is already open");
  status s;
  try {
    s = m.t->open(case_id, d.category, u, d.lead, assisting, d.area, now);
  } catch (...) {
    rethrow_as_failure();
  }
  if (!s) throw failure("invalid_argument", s.message());
  return m.events(m.t->last_events());
}

decision case_tracker::submit(const petition& p, std::int64_t now) {
  impl& m = self();
  decision d;
  if (m.engine->snapshot() == m.rs) {
    d = dispatcher(m.engine).dispatch(p);
  } else {
    // The dispatcher has reloaded since this tracker was made: route with the tracker's
    // ruleset (and its open cases as loads), so the case opens with units it knows.
    const minhu::petition cp = to_core(p);
    dispatch_result r;
    minhu::dispatch(m.rs, cp, {}, *m.own_loads, detail::thread_scratch(), r);
    d = to_decision(cp, r, true);
  }
  open(p.id, d, now);
  return d;
}

std::vector<case_event> case_tracker::acknowledge(const std::string& id, std::int64_t now) {
  return self().command(id, [&](minhu::tracker& t) { return t.acknowledge(id, now); });
}
std::vector<case_event> case_tracker::start(const std::string& id, std::int64_t now) {
  return self().command(id, [&](minhu::tracker& t) { return t.start(id, now); });
}
std::vector<case_event> case_tracker::reply(const std::string& id, std::int64_t now) {
  return self().command(id, [&](minhu::tracker& t) { return t.reply(id, now); });
}
std::vector<case_event> case_tracker::rate(const std::string& id, int stars, std::int64_t now) {
  if (stars < 1 || stars > 5)
    throw failure("invalid_argument", "a rating is 1 to 5 stars, not " + std::to_string(stars));
  return self().command(id, [&](minhu::tracker& t) { return t.rate(id, stars, now); });
}
std::vector<case_event> case_tracker::close(const std::string& id, std::int64_t now) {
  return self().command(id, [&](minhu::tracker& t) { return t.close(id, now); });
}
std::vector<case_event> case_tracker::return_case(const std::string& id, const std::string& unit,
                                                  std::int64_t now) {
  self().known_unit(unit);
  return self().command(id, [&](minhu::tracker& t) { return t.return_case(id, unit, now); });
}
std::vector<case_event> case_tracker::reassign(const std::string& id, const std::string& unit,
                                               std::int64_t now) {
  self().known_unit(unit);
  return self().command(id, [&](minhu::tracker& t) { return t.reassign(id, unit, now); });
}
std::vector<case_event> case_tracker::escalate(const std::string& id, std::int64_t now,
                                               const std::string& unit) {
  if (!unit.empty()) self().known_unit(unit);
  return self().command(id, [&](minhu::tracker& t) { return t.escalate(id, now, unit); });
}
std::vector<case_event> case_tracker::supervise(const std::string& id, std::int64_t now) {
  return self().command(id, [&](minhu::tracker& t) { return t.supervise(id, now); });
}
std::vector<case_event> case_tracker::pause(const std::string& id, std::int64_t now) {
  return self().command(id, [&](minhu::tracker& t) { return t.pause(id, now); });
}
std::vector<case_event> case_tracker::resume(const std::string& id, std::int64_t now) {
  return self().command(id, [&](minhu::tracker& t) { return t.resume(id, now); });
}
std::vector<case_event> case_tracker::merge(const std::string& duplicate,
                                            const std::string& primary, std::int64_t now) {
  impl& m = self();
  std::lock_guard<std::mutex> lock(m.mu);
  m.existing(duplicate);
  m.existing(primary);
  return m.run([&](minhu::tracker& t) { return t.merge(duplicate, primary, now); });
}

std::vector<case_event> case_tracker::advance(std::int64_t now) {
  impl& m = self();
  std::lock_guard<std::mutex> lock(m.mu);
  try {
    return m.events(m.t->advance(now));
  } catch (...) {
    rethrow_as_failure();
  }
}

bool case_tracker::contains(const std::string& id) const {
  impl& m = self();
  std::lock_guard<std::mutex> lock(m.mu);
  return m.t->find(id) != nullptr;
}

case_info case_tracker::get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(self().mu);
  return self().info(self().existing(id));
}

std::vector<case_info> case_tracker::cases(const metrics_filter& f) const {
  self().known(f);
  std::lock_guard<std::mutex> lock(self().mu);
  std::vector<case_info> out;
  for (const case_record* c : self().t->select(to_core(f))) out.push_back(self().info(*c));
  return out;
}

metrics case_tracker::measure(const metrics_filter& f) const {
  self().known(f);
  std::lock_guard<std::mutex> lock(self().mu);
  const minhu::metrics c = self().t->measure(to_core(f));
  metrics m;
  m.volume = c.volume;
  m.resolved = c.resolved;
  m.resolved_on_time = c.resolved_on_time;
  m.acknowledged = c.acknowledged;
  m.acknowledged_on_time = c.acknowledged_on_time;
  m.rated = c.rated;
  m.satisfied = c.satisfied;
  m.closed = c.closed;
  m.open = c.open;
  m.blue = c.blue;
  m.yellow = c.yellow;
  m.red = c.red;
  m.completion_rate = c.completion_rate();
  m.timeliness_rate = c.timeliness_rate();
  m.satisfaction_rate = c.satisfaction_rate();
  m.response_rate = c.response_rate();
  return m;
}

std::int64_t case_tracker::size() const {
  std::lock_guard<std::mutex> lock(self().mu);
  return std::int64_t(self().t->cases().size());
}
std::int64_t case_tracker::now() const {
  std::lock_guard<std::mutex> lock(self().mu);
  return self().t->now();
}
std::int64_t case_tracker::timers() const {
  std::lock_guard<std::mutex> lock(self().mu);
  return std::int64_t(self().t->timers());
}
std::int64_t case_tracker::last_seq() const {
  std::lock_guard<std::mutex> lock(self().mu);
  return self().t->last_seq();
}

}  // namespace minhu::api
