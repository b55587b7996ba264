// Personal data masking (minhu/pii.hpp) and where it applies: explanations, JSON Lines output
// and the CLI, unless explicitly shown.
#include "minhu/pii.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"

namespace {

std::vector<std::string> kinds(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& m : minhu::find_pii(text))
    out.push_back(std::string(minhu::to_string(m.kind)) + ":" +
                  text.substr(m.begin, m.end - m.begin));
  return out;
}

TEST(pii, checksums) {
  EXPECT_TRUE(minhu::resident_id_valid("11010519491231002X"));
  EXPECT_TRUE(minhu::resident_id_valid("11010519491231002x"));
  EXPECT_FALSE(minhu::resident_id_valid("110105194912310021"));  // wrong check character
  EXPECT_FALSE(minhu::resident_id_valid("1101051949123100"));
  EXPECT_TRUE(minhu::luhn_valid("4111111111111111"));
  EXPECT_TRUE(minhu::luhn_valid("6222021234567894"));
  EXPECT_FALSE(minhu::luhn_valid("6222021234567890"));
  EXPECT_FALSE(minhu::luhn_valid("62220212345678a4"));
}

TEST(pii, finds_each_kind) {
  EXPECT_EQ(kinds("电话13812345678，谢谢"), std::vector<std::string>{"mobile:13812345678"});
  EXPECT_EQ(kinds("请拨+86 138 1234 5678或0086-13912345678"),
            (std::vector<std::string>{"mobile:+86 138 1234 5678", "mobile:0086-13912345678"}));
  EXPECT_EQ(kinds("物业电话010-62345678"), std::vector<std::string>{"landline:010-62345678"});
  EXPECT_EQ(kinds("座机0571 8888 6666"), std::vector<std::string>{"landline:0571 8888 6666"});
  EXPECT_EQ(kinds("身份证号11010519491231002X。"),
            std::vector<std::string>{"resident_id:11010519491231002X"});
  EXPECT_EQ(kinds("卡号6222 0212 3456 7894"),
            std::vector<std::string>{"bank_card:6222 0212 3456 7894"});
  EXPECT_EQ(kinds("全角１３８１２３４５６７８"),
            std::vector<std::string>{"mobile:１３８１２３４５６７８"});
}

TEST(pii, leaves_other_numbers_alone) {
  EXPECT_TRUE(kinds("2026年3月2日下午3点，3栋2单元1201室，欠费1280.50元").empty());
  EXPECT_TRUE(kinds("订单号A13812345678B").empty());  // glued to letters
  EXPECT_TRUE(kinds("编号138123456789").empty());     // 12 digits: not a mobile
  EXPECT_TRUE(kinds("110105194912310021").empty());   // bad ID checksum, not Luhn
  EXPECT_TRUE(kinds("12345678").empty());             // no area code
  EXPECT_TRUE(kinds("6222021234567890").empty());     // fails Luhn
  // A date before a phone number: the date stays, the phone number is found.
  EXPECT_EQ(kinds("2026-03-02 13812345678"), std::vector<std::string>{"mobile:13812345678"});
}

TEST(pii, masks_keeping_the_customary_digits) {
  EXPECT_EQ(minhu::mask_pii("电话13812345678，身份证11010519491231002X"),
            "电话138****5678，身份证110105********002X");
  EXPECT_EQ(minhu::mask_pii("+86 138 1234 5678"), "+86 138 **** 5678");
  EXPECT_EQ(minhu::mask_pii("010-62345678"), "010-****5678");
  EXPECT_EQ(minhu::mask_pii("6222 0212 3456 7894"), "6222 02** **** 7894");
  EXPECT_EQ(minhu::mask_pii("１３８１２３４５６７８"), "１３８****５６７８");
  EXPECT_EQ(minhu::mask_pii("没有号码"), "没有号码");
  const std::string bad = "13812345678\xff\xfe";  // invalid UTF-8 is copied, not lost
  EXPECT_EQ(minhu::mask_pii(bad), "138****5678\xff\xfe");
}

TEST(pii, explanations_and_json_lines_mask_unless_shown) {
  minhu::engine e(std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/sla.json");
  minhu::petition p;
  p.id = "p";
  p.text = "楼下噪音，联系13812345678";
  p.area = "comm-a";
  const std::string masked = e.explain(p);
  EXPECT_EQ(masked.find("13812345678"), std::string::npos) << masked;
  EXPECT_NE(masked.find("138****5678"), std::string::npos) << masked;
  EXPECT_NE(e.explain(p, minhu::pii_policy::show).find("13812345678"), std::string::npos);
}

}  // namespace
