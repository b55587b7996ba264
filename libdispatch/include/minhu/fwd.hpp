// Forward declarations and the small vocabulary enums shared by every concept header.
#pragma once

#include <cstdint>
#include <string_view>

namespace minhu {

class ruleset;
class engine;
class org_graph;
class area_index;
class routing_table;
class load_view;
class classification;
struct petition;
struct problem;
struct classifier_scratch;
struct location;
struct assignment;
struct dispatch_result;

enum class urgency : std::uint8_t { normal, urgent, critical };
enum class hit_policy : std::uint8_t { first, priority, collect };
/// The closed loops: small (compound), medium (grid/community/street), big (departments).
enum class loop_tier : std::uint8_t { small, medium, big };
/// Which petition fields a text or regex condition looks at.
enum class field_scope : std::uint8_t { title = 1, text = 2, both = 3 };
enum class time_basis : std::uint8_t { working, calendar };
enum class unit_kind : std::uint8_t {
  property_manager,
  merchant,
  social_org,
  grid,
  community,
  street,
  town,
  department,
  command_center
};
enum class area_kind : std::uint8_t { district, street, town, community, grid, compound };
enum class link_type : std::uint8_t { summons, assists };

std::string_view to_string(urgency u) noexcept;
std::string_view to_string(hit_policy h) noexcept;
std::string_view to_string(loop_tier t) noexcept;
std::string_view to_string(unit_kind k) noexcept;
std::string_view to_string(area_kind k) noexcept;

}  // namespace minhu
