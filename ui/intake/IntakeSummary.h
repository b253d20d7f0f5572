#pragma once

#include "ui/intake/ConflictHints.h"
#include "ui/intake/IntakePage.h"

#include <vector>

namespace claimdesk::ui {

// Words for people for the intake's stored identifiers.
QString abuseTypeText(const QString& id);  // "sexual" -> "Sexual abuse"; anything else is shown as typed
QString regionText(core::Region region);
QString limbText(core::ClaimLimb limb);
QString suicidalThoughtsText(core::SuicidalThoughts value);

// The review page's readable summary of everything entered (HTML for a QTextBrowser): safety and contact
// rules first, then the client, what happened, police and claims, safeguarding, consent, the conflict
// matches to be aware of, and the notes that will be added. The account itself is not repeated, only
// whether it was given. Dates are UK style ("27 Nov 2026").
QString intakeSummaryHtml(const IntakeResult& result, const std::vector<NameCheck>& checks);

}  // namespace claimdesk::ui
