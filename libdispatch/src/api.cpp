// The binding facade: conversions between minhu's types and plain values.
#include "minhu/api.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "minhu/jsonl.hpp"
#include "minhu/model.hpp"
#include "minhu/text.hpp"

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

minhu::petition to_core(const petition& in) {
  minhu::petition p;
  p.id = in.id;
  p.title = in.title;
  p.text = in.text;
  p.channel = in.channel;
  p.received_at = in.received_at;
  p.area = in.area;
  p.address = in.address;
  if (in.has_point) {
    p.lat = in.lat;
    p.lon = in.lon;
  }
  p.category = in.category;
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
  return p;
}

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
  for (std::size_t i = 0; i < c.fired.size(); ++i) d.rules.emplace_back(c.rule_id(i));
  for (std::size_t i = 0; i < c.tags.size(); ++i) d.tags.emplace_back(c.tag(i));
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
  if (c.flags & flag_invalid_utf8) d.flags.emplace_back("invalid_utf8");
  if (c.flags & flag_spans_truncated) d.flags.emplace_back("spans_truncated");
  if (c.flags & flag_internal_error) d.flags.emplace_back("internal_error");
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
  static const char* tiers[] = {"small", "medium", "big"};
  if (r.assignment.tier >= 0 && r.assignment.tier < 3) d.tier = tiers[r.assignment.tier];
  for (auto u : r.assignment.assisting) d.assisting.push_back({org[u].id, org[u].name});
  const std::string text = describe(*rs, r);
  std::size_t start = 0;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    const std::string line = text.substr(start, nl - start);
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos) d.explanation.push_back(line.substr(first));
    start = nl + 1;
  }
  return d;
}

std::uint32_t unit_index(const minhu::engine& e, const std::string& id) {
  const auto u = e.snapshot()->organisation().find(id);
  if (u < 0) throw failure("invalid_argument", "unknown unit \"" + id + "\"");
  return std::uint32_t(u);
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
  const auto rs = engine_->snapshot();
  std::vector<decision> ds(ps.size());
  parallel_blocks(ps.size(), threads,
                  [&](std::size_t b, std::size_t e, classifier_scratch& scratch) {
                    dispatch_result r;
                    for (std::size_t i = b; i < e; ++i) {
                      const minhu::petition p = to_core(ps[i]);
                      minhu::classify(rs, p, scratch, r.classification);
                      ds[i] = to_decision(p, r, false);
                    }
                  });
  return ds;
}

std::vector<decision> dispatcher::dispatch_batch(const std::vector<petition>& ps,
                                                 unsigned threads) const {
  // The ruleset and the loads sized for it, read without a reload in between.
  std::shared_ptr<const ruleset> rs;
  std::shared_ptr<load_view> loads;
  for (;;) {
    const auto gen = engine_->generation();
    rs = engine_->snapshot();
    loads = engine_->loads();
    if (engine_->generation() == gen) break;
  }
  std::vector<decision> ds(ps.size());
  const dispatch_options opts;
  parallel_blocks(ps.size(), threads,
                  [&](std::size_t b, std::size_t e, classifier_scratch& scratch) {
                    dispatch_result r;
                    for (std::size_t i = b; i < e; ++i) {
                      const minhu::petition p = to_core(ps[i]);
                      minhu::dispatch(rs, p, opts, *loads, scratch, r);
                      ds[i] = to_decision(p, r, true);
                    }
                  });
  return ds;
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

std::vector<decision> dispatcher::classify_batch(const std::vector<petition>& ps) const {
  std::vector<minhu::petition> core;
  core.reserve(ps.size());
  for (const auto& p : ps) core.push_back(to_core(p));
  std::vector<classification> out;
  engine_->classify_batch(core, out);
  std::vector<decision> ds;
  ds.reserve(ps.size());
  dispatch_result r;
  for (std::size_t i = 0; i < core.size(); ++i) {
    r.classification = std::move(out[i]);
    ds.push_back(to_decision(core[i], r, false));
  }
  return ds;
}

std::vector<decision> dispatcher::dispatch_batch(const std::vector<petition>& ps) const {
  std::vector<minhu::petition> core;
  core.reserve(ps.size());
  for (const auto& p : ps) core.push_back(to_core(p));
  std::vector<dispatch_result> out;
  engine_->dispatch_batch(core, out);
  std::vector<decision> ds;
  ds.reserve(ps.size());
  for (std::size_t i = 0; i < core.size(); ++i) ds.push_back(to_decision(core[i], out[i], true));
  return ds;
}

std::string dispatcher::explain(const petition& p) const { return engine_->explain(to_core(p)); }

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

}  // namespace minhu::api
