// Helpers shared by the tests that run the `minhu` binary: file I/O, shell quoting, lines.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace minhu_test {

/// How a command ended and what it printed.
struct result {
  int status = -1;
  std::string out, err;
};

/// `s` as one single-quoted shell word.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  ASSERT_TRUE(out.good()) << path;
}

/// Runs `program ARGS` through the shell (each word quoted) with stdin from `stdin_path`
/// (/dev/null when empty), its stdout and stderr captured in files of the directory `dir`.
/// A signal shows as status 128 + its number, as in the shell.
inline result run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::string& dir, const std::string& stdin_path = "") {
  std::string cmd = quote(program);
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " >" + quote(dir + "/stdout") + " 2>" + quote(dir + "/stderr");
  cmd += " <" + quote(stdin_path.empty() ? "/dev/null" : stdin_path);
  result r;
  const int st = std::system(cmd.c_str());
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  r.out = read(dir + "/stdout");
  r.err = read(dir + "/stderr");
  return r;
}

inline std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

inline bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace minhu_test
