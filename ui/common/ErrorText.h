#pragma once

#include <QString>

namespace claimdesk::core {
struct Error;
}

namespace claimdesk::ui {

// What the person should read for a core error: core's sentence (which says what to do), or a
// translated fallback for the code when core gave none.
QString describe(const core::Error& error);

}  // namespace claimdesk::ui
