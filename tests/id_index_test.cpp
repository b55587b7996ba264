// id_index: ids → dense indices, as a compiled ruleset looks up areas, categories and rules.
#include "minhu/detail/id_index.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

namespace {

using minhu::detail::id_index;

TEST(IdIndex, EmptyFindsNothing) {
  const id_index ix;
  EXPECT_TRUE(ix.empty());
  EXPECT_EQ(ix.find("street-a"), -1);
  EXPECT_EQ(ix.find(""), -1);
}

TEST(IdIndex, TheFirstIndexOfAnIdStays) {
  id_index ix;
  EXPECT_TRUE(ix.insert("street-a", 0));
  EXPECT_TRUE(ix.insert("street-b", 1));
  EXPECT_FALSE(ix.insert("street-a", 7));
  EXPECT_EQ(ix.size(), 2u);
  EXPECT_EQ(ix.find("street-a"), 0);
  EXPECT_EQ(ix.find("street-b"), 1);
  EXPECT_EQ(ix.find("street-c"), -1);
  EXPECT_EQ(ix.find("street-"), -1);    // a prefix of an id
  EXPECT_EQ(ix.find("street-aa"), -1);  // an id as a prefix
}

TEST(IdIndex, FindOrInsertReturnsTheIndexThatStays) {
  id_index ix;
  EXPECT_EQ(ix.find_or_insert("小区", 0), 0);
  EXPECT_EQ(ix.find_or_insert("物业", 1), 1);
  EXPECT_EQ(ix.find_or_insert("小区", 2), 0);  // present: its index, nothing added
  EXPECT_EQ(ix.size(), 2u);
  EXPECT_FALSE(ix.insert("物业", 5));
  EXPECT_EQ(ix.find("物业"), 1);
}

TEST(IdIndex, KeysAreBytesNotCStrings) {
  id_index ix;
  const std::string with_nul("a\0b", 3);
  EXPECT_TRUE(ix.insert(with_nul, 3));
  EXPECT_TRUE(ix.insert("a", 4));
  EXPECT_TRUE(ix.insert("", 5));
  EXPECT_EQ(ix.find(with_nul), 3);
  EXPECT_EQ(ix.find("a"), 4);
  EXPECT_EQ(ix.find(""), 5);
  EXPECT_EQ(ix.find(std::string("a\0c", 3)), -1);
}

// Many ids of every length through many growths, added by insert() and find_or_insert() in
// turn and checked against std::map; the ids looked up are copies (the index keeps its own
// bytes).
TEST(IdIndex, AgreesWithAMapThroughGrowth) {
  std::mt19937 rng(12345);
  std::map<std::string, int> want;
  id_index ix;
  for (int i = 0; i < 30000; ++i) {
    std::string id(std::size_t(rng() % 40), 'x');
    for (char& c : id) c = char('a' + rng() % 4);  // small alphabet: many shared prefixes
    const auto [it, fresh] = want.emplace(id, i);
    if (i % 2)  // both ways in: insert() and find_or_insert()
      EXPECT_EQ(ix.insert(id, i), fresh) << id;
    else
      EXPECT_EQ(ix.find_or_insert(id, i), it->second) << id;
  }
  EXPECT_EQ(ix.size(), want.size());
  for (const auto& [id, i] : want) EXPECT_EQ(ix.find(std::string(id)), i) << id;
  for (int k = 0; k < 2000; ++k) {
    std::string id(std::size_t(41 + rng() % 10), 'a');  // longer than any inserted
    EXPECT_EQ(ix.find(id), -1);
  }
}

}  // namespace
