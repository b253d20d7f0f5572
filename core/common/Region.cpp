#include "common/Region.h"

namespace claimdesk::core {

QString regionId(Region region)
{
    switch (region) {
    case Region::EnglandWales:
        return QStringLiteral("england-wales");
    case Region::Scotland:
        return QStringLiteral("scotland");
    case Region::NorthernIreland:
        return QStringLiteral("northern-ireland");
    }
    return {};
}

std::optional<Region> regionFromId(const QString& id)
{
    for (Region r : {Region::EnglandWales, Region::Scotland, Region::NorthernIreland}) {
        if (regionId(r) == id) {
            return r;
        }
    }
    return std::nullopt;
}

}  // namespace claimdesk::core
