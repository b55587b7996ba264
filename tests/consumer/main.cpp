// Loads a ruleset given on the command line and classifies one traditional-character
// petition; exits 0 only if the installed headers, table and library all work together.
#include <minhu/engine.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer RULESET\n";
    return 2;
  }
  try {
    minhu::engine engine(argv[1]);
    minhu::petition p;
    p.id = "consumer-1";
    p.text = "工地夜間施工，噪音太大";
    const minhu::classification c = engine.classify(p);
    std::cout << p.id << " " << minhu::to_string(c.decided_by) << " " << c.category_id() << "\n";
    return c.category_id() == "env.pollution.noise" ? 0 : 1;
  } catch (const minhu::error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
