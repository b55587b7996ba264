// A hierarchical timing wheel: 11 levels of 64 slots over millisecond time (level L slots are
// 64^L ms wide). Schedule and cancel are O(1); advance finds the next non-empty slot through
// one 64-bit occupancy word per level and cascades each timer at most 11 times, so jumping days
// ahead costs nothing for empty stretches.
//
// Digits are taken from an order-preserving unsigned key of the time (the sign bit flipped), so
// 11 levels × 6 bits cover every int64 instant: a due time centuries away (a "9999999d" SLA
// budget) or before 1970 is placed like any other.
//
// Invariant: a timer stored at level L shares every base-64 digit above L with `now_` and has
// a larger digit L; lower levels therefore always hold earlier timers than higher ones.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace minhu::detail {

class timer_wheel {
 public:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  explicit timer_wheel(std::int64_t now = 0) : now_(now) {
    for (auto& level : heads_)
      for (auto& h : level) h = none;
  }

  std::int64_t now() const noexcept { return now_; }
  std::size_t size() const noexcept { return size_; }
  std::size_t memory_bytes() const noexcept { return nodes_.capacity() * sizeof(node); }

  /// Schedules `payload` at `due` (a due time not after now() fires at the next advance).
  /// Returns a handle for cancel().
  std::uint32_t schedule(std::int64_t due, std::uint32_t payload) {
    std::uint32_t h;
    if (free_ != none) {
      h = free_;
      free_ = nodes_[h].next;
    } else {
      h = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    node& n = nodes_[h];
    n.due = due;
    n.payload = payload;
    place(h);
    ++size_;
    return h;
  }

  /// Cancels a scheduled timer (the handle must be live).
  void cancel(std::uint32_t h) noexcept {
    unlink(h);
    nodes_[h].level = dead;
    nodes_[h].next = free_;
    free_ = h;
    --size_;
  }

  /// Moves time to `target`, calling fire(due, payload) for every timer with due <= target in
  /// order of due time (equal times: in scheduling order). fire may schedule or cancel.
  /// A target before now() moves nothing and fires only what is due by the target.
  template <class F>
  void advance(std::int64_t target, F&& fire) {
    for (;;) {
      // Scheduled at or before now_: fire first — but only what is due by `target` (a timer
      // scheduled behind a now_ that ran ahead of the caller's later, earlier target waits).
      std::uint32_t e = expired_head_;
      while (e != none && nodes_[e].due > target) e = nodes_[e].next;
      if (e != none) {
        unlink(e);
        release_and_fire(e, fire);
        continue;
      }
      int level = -1;
      for (int l = 0; l < levels; ++l)
        if (occupied_[l]) {
          level = l;
          break;
        }
      if (level < 0) break;
      const int slot = __builtin_ctzll(occupied_[level]);
      const int shift = 6 * level;
      const std::uint64_t high = shift + 6 >= 64 ? 0 : (key(now_) >> (shift + 6)) << (shift + 6);
      const std::int64_t start = time_of(high | (std::uint64_t(slot) << shift));
      if (start > target) break;
      now_ = std::max(now_, start);
      // Take the slot's list and re-place each timer relative to the new now_.
      std::uint32_t h = heads_[level][slot];
      heads_[level][slot] = none;
      occupied_[level] &= ~(std::uint64_t{1} << slot);
      while (h != none) {
        const std::uint32_t next = nodes_[h].next;
        if (nodes_[h].due <= now_)
          append_expired(h);
        else
          place(h);
        h = next;
      }
    }
    if (target > now_) now_ = target;
  }

 private:
  static constexpr int levels = 11;  // 6 bits each: all 64 bits of a key
  static constexpr std::uint64_t sign = std::uint64_t{1} << 63;
  // Keys order like the times they encode.
  static std::uint64_t key(std::int64_t t) noexcept { return std::uint64_t(t) ^ sign; }
  static std::int64_t time_of(std::uint64_t k) noexcept { return std::int64_t(k ^ sign); }
  static constexpr std::uint8_t expired = 254, dead = 255;
  struct node {
    std::int64_t due = 0;
    std::uint32_t payload = 0;
    std::uint32_t next = none, prev = none;
    std::uint8_t level = dead, slot = 0;
  };

  void place(std::uint32_t h) {
    node& n = nodes_[h];
    if (n.due <= now_) {
      append_expired(h);
      return;
    }
    const std::uint64_t diff = key(n.due) ^ key(now_);
    const int level = (63 - __builtin_clzll(diff)) / 6;
    const int slot = int((key(n.due) >> (6 * level)) & 63);
    n.level = std::uint8_t(level);
    n.slot = std::uint8_t(slot);
    n.prev = none;
    n.next = heads_[level][slot];
    if (n.next != none) nodes_[n.next].prev = h;
    heads_[level][slot] = h;
    occupied_[level] |= std::uint64_t{1} << slot;
  }

  void append_expired(std::uint32_t h) {
    node& n = nodes_[h];
    n.level = expired;
    n.next = none;
    n.prev = expired_tail_;
    if (expired_tail_ != none)
      nodes_[expired_tail_].next = h;
    else
      expired_head_ = h;
    expired_tail_ = h;
  }

  void unlink(std::uint32_t h) noexcept {
    node& n = nodes_[h];
    if (n.level == expired) {
      if (n.prev != none)
        nodes_[n.prev].next = n.next;
      else
        expired_head_ = n.next;
      if (n.next != none)
        nodes_[n.next].prev = n.prev;
      else
        expired_tail_ = n.prev;
      return;
    }
    if (n.level >= levels) return;
    if (n.prev != none)
      nodes_[n.prev].next = n.next;
    else
      heads_[n.level][n.slot] = n.next;
    if (n.next != none) nodes_[n.next].prev = n.prev;
    if (heads_[n.level][n.slot] == none) occupied_[n.level] &= ~(std::uint64_t{1} << n.slot);
  }

  template <class F>
  void release_and_fire(std::uint32_t h, F& fire) {
    const std::int64_t due = nodes_[h].due;
    const std::uint32_t payload = nodes_[h].payload;
    nodes_[h].level = dead;
    nodes_[h].next = free_;
    free_ = h;
    --size_;
    fire(due, payload);
  }

  std::int64_t now_;
  std::vector<node> nodes_;
  std::uint32_t free_ = none;
  std::uint32_t heads_[levels][64] = {};
  std::uint64_t occupied_[levels] = {};
  std::uint32_t expired_head_ = none, expired_tail_ = none;
  std::size_t size_ = 0;
};

}  // namespace minhu::detail
