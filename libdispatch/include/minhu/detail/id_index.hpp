// Ids → dense indices, for the lookups by id of a compiled ruleset (areas, categories, rules).
//
//   minhu::detail::id_index ix;
//   ix.insert("street-a", 0);    // true; a second insert of "street-a" keeps 0 and says false
//   ix.find("street-a");         // 0; -1 for an id not present
//
// An open-addressing table (linear probing, load at most one half) of 16-byte slots holding
// the id's hash, its index and where its bytes lie in one buffer of all ids. A lookup reads one
// slot and then the id's bytes: two cache lines where a node-based map reads its bucket, its
// node and the key's string (dispatch looks up the petition's area this way, right after the
// keyword scan has evicted the table from cache). Lookups are noexcept and allocation-free.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace minhu::detail {

class id_index {
 public:
  /// Maps `id` to `index` unless `id` is present (the first index stays); true if added.
  bool insert(std::string_view id, std::int32_t index) {
    const std::uint64_t h = hash(id);
    if (lookup(id, h) >= 0) return false;
    add(id, h, index);
    return true;
  }

  /// The index of `id`; an `id` not present is mapped to `index` first. One hash, one probe.
  std::int32_t find_or_insert(std::string_view id, std::int32_t index) {
    const std::uint64_t h = hash(id);
    const std::int32_t found = lookup(id, h);
    if (found >= 0) return found;
    add(id, h, index);
    return index;
  }

  /// The index of `id`, or -1.
  std::int32_t find(std::string_view id) const noexcept {
    return slots_.empty() ? -1 : lookup(id, hash(id));
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

 private:
  struct slot {
    std::uint32_t hash = 0;
    std::int32_t index = -1;  // -1: empty
    std::uint32_t offset = 0, length = 0;
  };

  static std::uint64_t hash(std::string_view id) noexcept {
    return std::hash<std::string_view>{}(id);
  }

  std::int32_t lookup(std::string_view id, std::uint64_t h) const noexcept {
    if (slots_.empty()) return -1;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::size_t(std::uint32_t(h)) & mask;; i = (i + 1) & mask) {
      const slot& s = slots_[i];
      if (s.index < 0) return -1;
      if (s.hash == std::uint32_t(h) && s.length == id.size() &&
          std::string_view(chars_.data() + s.offset, s.length) == id)
        return s.index;
    }
  }

  void add(std::string_view id, std::uint64_t h, std::int32_t index) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    place({std::uint32_t(h), index, std::uint32_t(chars_.size()), std::uint32_t(id.size())});
    chars_.append(id);
    ++size_;
  }

  void place(const slot& s) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = std::size_t(s.hash) & mask;
    while (slots_[i].index >= 0) i = (i + 1) & mask;
    slots_[i] = s;
  }

  void grow() {
    std::vector<slot> old(slots_.empty() ? 16 : 2 * slots_.size());
    old.swap(slots_);
    for (const slot& s : old)
      if (s.index >= 0) place(s);
  }

  std::vector<slot> slots_;
  std::string chars_;
  std::size_t size_ = 0;
};

}  // namespace minhu::detail
