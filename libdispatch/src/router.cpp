// Routing: table compilation (cold) and the per-petition lookup + least-loaded pick (hot).
#include "minhu/router.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

#include "minhu/engine.hpp"
#include "minhu/ruleset.hpp"

namespace minhu {

routing_table routing_table::build(const ruleset& rs) {
  routing_table t;
  const auto& org = rs.organisation();
  const auto& units = org.units();
  const auto& areas = rs.areas();
  const std::size_t nc = rs.categories().size(), na = areas.size();
  if (units.empty() || na == 0 || nc == 0) return t;
  t.areas_ = na;

  // Which categories each unit serves (bitset; one categories_matching per distinct pattern),
  // and which units claim each area.
  const std::size_t words = (nc + 63) / 64;
  std::vector<std::uint64_t> serves(units.size() * words, 0);
  auto serves_c = [&](std::uint32_t u, std::uint32_t c) {
    return (serves[u * words + (c >> 6)] >> (c & 63)) & 1;
  };
  {
    std::unordered_map<std::string, std::vector<std::uint64_t>> matching;
    for (std::uint32_t u = 0; u < units.size(); ++u)
      for (const auto& pat : rs.units()[u].serves) {
        auto it = matching.find(pat);
        if (it == matching.end()) it = matching.emplace(pat, rs.categories_matching(pat)).first;
        for (std::size_t w = 0; w < words; ++w) serves[u * words + w] |= it->second[w];
      }
  }

  // Tie-break order of the units: tier, rank of the kind in the tier, id. One sort of all
  // units; the lists below are sorted by position in it.
  std::vector<std::uint32_t> by_order(units.size()), rank(units.size());
  for (std::uint32_t u = 0; u < units.size(); ++u) by_order[u] = u;
  std::sort(by_order.begin(), by_order.end(), [&](std::uint32_t x, std::uint32_t y) {
    if (units[x].tier != units[y].tier) return units[x].tier < units[y].tier;
    if (units[x].kind_rank != units[y].kind_rank) return units[x].kind_rank < units[y].kind_rank;
    return units[x].id < units[y].id;
  });
  for (std::uint32_t k = 0; k < units.size(); ++k) rank[by_order[k]] = k;
  auto before = [&](std::uint32_t x, std::uint32_t y) { return rank[x] < rank[y]; };
  std::vector<std::vector<std::uint32_t>> claimers(na);
  for (std::uint32_t u = 0; u < units.size(); ++u)
    if (units[u].tier >= 0)
      for (auto a : units[u].areas) claimers[a].push_back(u);

  // Areas parents first (by depth), so that each area extends its parent's jurisdiction.
  std::vector<std::uint32_t> depth(na, 0), by_depth(na);
  for (std::uint32_t a = 0; a < na; ++a) {
    std::uint32_t d = 0;
    for (std::int32_t x = areas[a].parent; x >= 0 && d <= na; x = areas[std::size_t(x)].parent) ++d;
    depth[a] = d;
    by_depth[a] = a;
  }
  std::stable_sort(by_depth.begin(), by_depth.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return depth[x] < depth[y]; });

  // Distinct candidate lists, interned by content: `pool` holds them one after the other
  // (list k is pool[begin[k], begin[k + 1]), with its tier counts in counts[3k..3k+2]); an
  // open-addressing table of list numbers finds equal ones without building a key.
  std::vector<std::uint32_t> pool, begin{0}, counts;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> slots(1024, UINT32_MAX);
  auto hash_of = [](const std::uint32_t* p, std::size_t n) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (std::size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    return h;
  };
  std::vector<std::uint32_t> list;
  auto intern = [&](const std::uint32_t cnt[3]) -> std::uint32_t {
    const std::uint64_t h = hash_of(list.data(), list.size());
    std::size_t mask = slots.size() - 1;
    for (std::size_t i = std::size_t(h) & mask;; i = (i + 1) & mask) {
      const std::uint32_t k = slots[i];
      if (k == UINT32_MAX) break;
      if (hashes[k] == h && begin[k + 1] - begin[k] == list.size() &&
          std::equal(list.begin(), list.end(), pool.begin() + begin[k]))
        return k;
    }
    const auto k = std::uint32_t(hashes.size());
    hashes.push_back(h);
    pool.insert(pool.end(), list.begin(), list.end());
    begin.push_back(std::uint32_t(pool.size()));
    counts.insert(counts.end(), cnt, cnt + 3);
    if (2 * hashes.size() > slots.size()) {  // keep the load at most one half
      slots.assign(slots.size() * 2, UINT32_MAX);
      mask = slots.size() - 1;
      for (std::uint32_t j = 0; j < hashes.size(); ++j) {
        std::size_t i = std::size_t(hashes[j]) & mask;
        while (slots[i] != UINT32_MAX) i = (i + 1) & mask;
        slots[i] = j;
      }
    } else {
      std::size_t i = std::size_t(h) & mask;
      while (slots[i] != UINT32_MAX) i = (i + 1) & mask;
      slots[i] = k;
    }
    return k;
  };

  // Units with jurisdiction over each area (it or an ancestor), in tie-break order. The
  // candidates of (category, area) are those of its parent unless a unit the area adds to its
  // parent's jurisdiction serves the category: only those cells are computed. While they are,
  // the cells of an area lie together (area * categories + category), so that an area reads
  // its parent's row and writes its own, both contiguous; the table's own layout (category
  // major, below) would put every cell of such a row on a cache line of its own.
  std::vector<std::uint32_t> cell(na * nc);  // interned list number
  std::vector<std::vector<std::uint32_t>> juris(na);
  std::vector<std::uint32_t> own, extra;
  std::vector<std::uint64_t> own_serves(words);
  struct memo_entry {
    std::uint32_t area = UINT32_MAX;  // whose entry it is
    std::uint32_t parent_list = 0;
    std::uint64_t which = 0;  // bit q: own[q] serves the category
    std::uint32_t list = 0;
  };
  std::vector<memo_entry> memo(256);  // direct-mapped by (parent's list, which)
  for (const std::uint32_t a : by_depth) {
    const std::int32_t parent = areas[a].parent;
    auto& cl = claimers[a];
    std::sort(cl.begin(), cl.end(), before);
    cl.erase(std::unique(cl.begin(), cl.end()), cl.end());
    const std::vector<std::uint32_t> none;
    const auto& up = parent >= 0 ? juris[std::size_t(parent)] : none;
    own.clear();
    std::set_difference(cl.begin(), cl.end(), up.begin(), up.end(), std::back_inserter(own),
                        before);
    auto& j = juris[a];
    j.reserve(up.size() + own.size());
    std::merge(up.begin(), up.end(), own.begin(), own.end(), std::back_inserter(j), before);
    std::fill(own_serves.begin(), own_serves.end(), 0);
    for (auto u : own)
      for (std::size_t w = 0; w < words; ++w) own_serves[w] |= serves[u * words + w];
    // Below the top, the parent's row, then the categories an added unit serves.
    if (parent >= 0)
      std::copy_n(cell.begin() + std::ptrdiff_t(std::size_t(parent) * nc), nc,
                  cell.begin() + std::ptrdiff_t(std::size_t(a) * nc));
    for (std::uint32_t c = 0; c < nc; ++c) {
      if (parent >= 0) {
        const std::uint64_t rest = own_serves[c >> 6] >> (c & 63);
        if (rest == 0) {  // none in this word from c on
          c |= 63;
          continue;
        }
        c += std::uint32_t(__builtin_ctzll(rest));
      }
      list.clear();
      std::uint32_t cnt[3] = {0, 0, 0};
      if (parent < 0) {
        for (auto u : j)
          if (serves_c(u, c)) {
            list.push_back(u);
            ++cnt[std::size_t(units[u].tier)];
          }
      } else {
        // The parent's candidates, and those of the added units that serve the category. Many
        // categories of an area share both (a unit serving `*` adds itself to each): the
        // area's memo maps (parent's list, which added units) to the list already interned.
        const std::uint32_t k = cell[std::size_t(parent) * nc + c];
        extra.clear();
        std::uint64_t which = 0;
        for (std::size_t q = 0; q < own.size(); ++q)
          if (serves_c(own[q], c)) {
            extra.push_back(own[q]);
            which |= std::uint64_t{1} << (q & 63);
          }
        const bool memoise = own.size() <= 64;  // `which` has a bit per added unit
        memo_entry& e =
            memo[std::size_t((k * 0x9E3779B1u) ^ std::uint32_t(which * 0x85EBCA77u)) >> 24];
        if (memoise && e.area == a && e.parent_list == k && e.which == which) {
          cell[std::size_t(a) * nc + c] = e.list;
          continue;
        }
        std::merge(pool.begin() + begin[k], pool.begin() + begin[k + 1], extra.begin(), extra.end(),
                   std::back_inserter(list), before);
        for (std::size_t q = 0; q < 3; ++q) cnt[q] = counts[3 * std::size_t(k) + q];
        for (auto u : extra) ++cnt[std::size_t(units[u].tier)];
        const std::uint32_t l = intern(cnt);
        cell[std::size_t(a) * nc + c] = l;
        if (memoise) e = {a, k, which, l};
        continue;
      }
      cell[std::size_t(a) * nc + c] = intern(cnt);
    }
  }

  // The table: category major (category * areas + area), which keeps the cells of the few
  // categories most petitions have close together; transposed 64 areas at a time so that both
  // sides stay in cache. Lists are numbered and laid out in order of first use in it.
  t.cells_.resize(nc * na);
  for (std::size_t a0 = 0; a0 < na; a0 += 64) {
    const std::size_t a1 = std::min(na, a0 + 64);
    for (std::size_t c = 0; c < nc; ++c)
      for (std::size_t a = a0; a < a1; ++a) t.cells_[c * na + a] = cell[a * nc + c];
  }
  cell = {};
  std::vector<std::uint32_t> entry(hashes.size(), UINT32_MAX);
  t.lists_.reserve(4 * hashes.size() + pool.size());
  for (std::uint32_t& x : t.cells_) {
    const std::uint32_t k = x;
    if (entry[k] == UINT32_MAX) {
      entry[k] = std::uint32_t(t.lists_.size());
      const std::uint32_t* cnt = &counts[3 * std::size_t(k)];
      t.lists_.push_back(0);
      t.lists_.push_back(cnt[0]);
      t.lists_.push_back(cnt[0] + cnt[1]);
      t.lists_.push_back(cnt[0] + cnt[1] + cnt[2]);
      t.lists_.insert(t.lists_.end(), pool.begin() + begin[k], pool.begin() + begin[k + 1]);
    }
    x = entry[k];
  }
  t.list_count_ = hashes.size();
  t.capacity_.resize(units.size());
  for (std::size_t u = 0; u < units.size(); ++u)
    t.capacity_[u] = std::uint32_t(std::max<std::int32_t>(1, units[u].capacity));
  return t;
}

namespace {

bool excluded(const ruleset& rs, const dispatch_options& opts, std::uint32_t u) noexcept {
  if (opts.exclude.empty()) return false;
  const auto& id = rs.organisation()[u].id;
  for (const auto& e : opts.exclude)
    if (e == id) return true;
  return false;
}

// Distinct units of the organisation that returned the case (unknown ids and repeats don't
// count).
std::uint32_t returns(const ruleset& rs, const dispatch_options& opts) noexcept {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < opts.exclude.size(); ++i) {
    if (rs.organisation().find(opts.exclude[i]) < 0) continue;
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j) seen = opts.exclude[j] == opts.exclude[i];
    n += !seen;
  }
  return n;
}

void add_assisting(const ruleset& rs, std::uint32_t lead, std::int32_t category,
                   const dispatch_options& opts, assignment& out) {
  const auto& org = rs.organisation();
  for (std::uint32_t li : org.links_from(lead)) {
    const unit_link& l = org.links()[li];
    if (category >= 0 && !l.covers(std::uint32_t(category))) continue;
    if (category < 0 && !l.categories.empty()) continue;
    // Summons are the street's whistle (吹哨报到); other units only bring their assists.
    const auto kind = org[lead].kind;
    if (l.type == link_type::summons && kind != unit_kind::street && kind != unit_kind::town)
      continue;
    if (l.to == lead || excluded(rs, opts, l.to)) continue;
    if (std::find(out.assisting.begin(), out.assisting.end(), l.to) != out.assisting.end())
      continue;
    out.assisting.push_back(l.to);
  }
}

}  // namespace

void route(const ruleset& rs, const classification& c, const location& loc,
           const dispatch_options& opts, const load_view& loads, assignment& out) noexcept {
  out.clear();
  try {
    const std::int32_t ccc = rs.command_center();
    if (ccc < 0) {
      out.steps.push_back({route_step::what::no_organisation, -1, -1, 0, 0});
      return;
    }
    auto settle = [&](route_step::what why, std::int32_t unit) {
      out.lead = unit;
      out.tier = rs.organisation()[std::uint32_t(unit)].tier;
      out.steps.push_back({why, out.tier, unit, 0, 0});
    };
    if (c.decided_by == decided_by::triage || c.category < 0) {
      settle(route_step::what::triage, rs.triage_unit() >= 0 ? rs.triage_unit() : ccc);
      return;
    }
    if (rs.routing().max_returns > 0 &&
        returns(rs, opts) >= std::uint32_t(rs.routing().max_returns)) {
      settle(route_step::what::returned_too_often, ccc);
      out.steps.back().excluded = returns(rs, opts);
      return;
    }
    const routing_table& table = rs.table();
    const std::int32_t area = loc.area >= 0 ? loc.area : rs.area_tree().top();
    const auto min_tier = std::int8_t(rs.categories()[std::size_t(c.category)].tier);
    if (!table.empty() && area >= 0) {
      const candidate_tiers tiers = table.tiers(std::uint32_t(c.category), std::uint32_t(area));
      for (std::int8_t t = 0; t < 3 && out.lead < 0; ++t) {
        const std::uint32_t *b = tiers.begin(std::uint32_t(t)), *e = tiers.end(std::uint32_t(t));
        const auto n = std::uint32_t(e - b);
        if (t < min_tier) {
          out.steps.push_back({route_step::what::below_category_tier, t, -1, n, 0});
          continue;
        }
        if (n == 0) {
          out.steps.push_back({route_step::what::no_candidate, t, -1, 0, 0});
          continue;
        }
        std::int32_t best = -1;
        std::int64_t best_load = 0, best_cap = 1;
        std::uint32_t skipped = 0;
        for (const std::uint32_t* it = b; it != e; ++it) {
          if (excluded(rs, opts, *it)) {
            ++skipped;
            continue;
          }
          const std::int64_t load = std::max<std::int64_t>(0, loads.get(*it));
          const std::int64_t cap = table.capacity(*it);
          // load/cap < best_load/best_cap, compared exactly; list order breaks ties.
          if (best < 0 || load * best_cap < best_load * cap) {
            best = std::int32_t(*it);
            best_load = load;
            best_cap = cap;
          }
        }
        if (best < 0) {
          out.steps.push_back({route_step::what::all_excluded, t, -1, n, skipped});
          continue;
        }
        out.lead = best;
        out.tier = t;
        out.steps.push_back({route_step::what::chosen, t, best, n, skipped});
      }
    }
    if (out.lead < 0) settle(route_step::what::fallback, ccc);
    add_assisting(rs, std::uint32_t(out.lead), c.category, opts, out);
  } catch (...) {
    // Allocation failure while recording steps: still never leave without an owner.
    if (rs.command_center() >= 0) out.lead = rs.command_center();
  }
}

void dispatch(const std::shared_ptr<const ruleset>& rs, const petition& p,
              const dispatch_options& opts, const load_view& loads, classifier_scratch& scratch,
              dispatch_result& out) noexcept {
  classify(rs, p, scratch, out.classification);
  if (!rs) {
    out.location.clear();
    out.assignment.clear();
    return;
  }
  if (scratch.location_epoch == scratch.epoch && scratch.sized_for == rs.get()) {
    out.location = scratch.location;  // already resolved for an `area` condition
  } else {
    resolve_location(*rs, p, scratch, out.location);
  }
  route(*rs, out.classification, out.location, opts, loads, out.assignment);
}

std::string describe(const ruleset& rs, const location& loc) {
  if (loc.area < 0) return "no area (the ruleset has none)";
  const auto& a = rs.areas()[std::size_t(loc.area)];
  std::string s = a.id + " " + a.name + " (" + std::string(to_string(loc.method));
  if (loc.hint >= 0) s += ", settled by " + rs.areas()[std::size_t(loc.hint)].name;
  if (!loc.candidates.empty()) {
    s += ": ";
    for (std::size_t k = 0; k < loc.candidates.size(); ++k) {
      const auto& c = rs.areas()[loc.candidates[k]];
      s += (k ? " / " : "") + c.id;
    }
  }
  if (loc.explicit_id_unknown) s += "; the given area id is unknown";
  return s + ")";
}

std::string describe(const ruleset& rs, const dispatch_result& r) {
  static const char* tier_names[] = {"small loop", "medium loop", "big loop"};
  const auto& org = rs.organisation();
  auto unit_txt = [&](std::int32_t u) {
    return u < 0 ? std::string("-") : org[std::uint32_t(u)].id + " " + org[std::uint32_t(u)].name;
  };
  auto tier_txt = [&](std::int8_t t) {
    return t >= 0 && t < 3 ? std::string(tier_names[t]) : std::string("no tier");
  };
  std::string s = "location: " + describe(rs, r.location) + "\n";
  for (const auto& st : r.assignment.steps) {
    s += "  " + tier_txt(st.tier) + ": ";
    switch (st.kind) {
      case route_step::what::below_category_tier:
        s += "skipped, the category is not handled below the " +
             std::string(to_string(rs.categories()[std::size_t(r.classification.category)].tier)) +
             " loop (" + std::to_string(st.candidates) + " units here)";
        break;
      case route_step::what::no_candidate:
        s += "no unit serves this category here";
        break;
      case route_step::what::all_excluded:
        s += "all " + std::to_string(st.candidates) + " candidates returned the case";
        break;
      case route_step::what::chosen:
        s += unit_txt(st.unit) + " leads: least loaded of " + std::to_string(st.candidates) +
             " candidates";
        if (st.excluded) s += " (" + std::to_string(st.excluded) + " excluded: returned)";
        break;
      case route_step::what::triage:
        s += unit_txt(st.unit) + " takes it for manual triage (人工转派)";
        break;
      case route_step::what::returned_too_often:
        s += "returned by " + std::to_string(st.excluded) + " units (max_returns " +
             std::to_string(rs.routing().max_returns) + "): the command centre decides (" +
             unit_txt(st.unit) + ")";
        break;
      case route_step::what::fallback:
        s += "no candidate in any loop: the command centre owns it (" + unit_txt(st.unit) + ")";
        break;
      case route_step::what::no_organisation:
        s += "the ruleset has no command centre: nobody to assign";
        break;
    }
    s += "\n";
  }
  if (!r.assignment.assisting.empty()) {
    s += "  assisting (协办):";
    for (auto u : r.assignment.assisting) s += " " + unit_txt(std::int32_t(u)) + ";";
    s += "\n";
  }
  return s;
}

}  // namespace minhu
