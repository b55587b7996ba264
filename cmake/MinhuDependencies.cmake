# Finds minhu's link dependencies. Shared by the build and by the installed package config, so
# consumers resolve exactly what we built against. A parent project's targets win.
include(CMakeFindDependencyMacro)

find_package(Threads REQUIRED)

# Boost.Graph and Boost.Geometry are header-only; they are used inside the library only.
if(NOT TARGET Boost::headers)
  find_dependency(Boost 1.74)
endif()

# The embedded journal (sqlite_journal); FindSQLite3 ships with CMake.
if(NOT TARGET SQLite::SQLite3)
  find_dependency(SQLite3)
endif()

if(NOT TARGET nlohmann_json::nlohmann_json)
  find_dependency(nlohmann_json 3.10)
endif()

# The ruleset loader's fast JSON parser (nlohmann-json stays the reference and the source of
# syntax error messages); Debian 12 ships 3.0.1.
if(NOT TARGET simdjson::simdjson)
  find_dependency(simdjson 3.0)
endif()

# Debian's RE2 ships only a pkg-config file; newer RE2 releases ship a CMake package.
if(NOT TARGET re2::re2)
  find_package(re2 CONFIG QUIET)
  if(NOT re2_FOUND)
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(MINHU_RE2 REQUIRED IMPORTED_TARGET GLOBAL re2)
    add_library(re2::re2 INTERFACE IMPORTED GLOBAL)
    target_link_libraries(re2::re2 INTERFACE PkgConfig::MINHU_RE2)
  endif()
endif()
