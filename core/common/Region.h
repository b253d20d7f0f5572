#pragma once

#include <QString>

#include <optional>

namespace claimdesk::core {

// The three UK legal jurisdictions. Limitation, bank holidays and court-open days all depend on it.
enum class Region { EnglandWales, Scotland, NorthernIreland };

// Stable identifiers for storage, JSON and the CLI: "england-wales", "scotland", "northern-ireland".
QString regionId(Region region);
// Exactly one of the identifiers above, or nothing (no aliases: the CLI contract rejects unknown values).
std::optional<Region> regionFromId(const QString& id);

}  // namespace claimdesk::core
