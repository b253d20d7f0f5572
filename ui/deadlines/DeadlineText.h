#pragma once

#include "deadlines/DeadlineService.h"
#include "deadlines/EngineTypes.h"

#include <QColor>
#include <QDate>
#include <QString>

namespace claimdesk::ui {

class VaultSession;

// The session's deadline service if the deadline screens may use it now: nullptr while the vault is locked or
// a background task (the case list loading) holds the vault's connection. Ask again for every action.
core::deadlines::DeadlineService* availableDeadlines(const VaultSession& session);

// How the deadline screens name the engine's vocabulary, in words a fee earner reads without the rule book.
QString regimeText(const QString& regime);  // EW_S28_MINOR -> "Child at the time — LA 1980 s.28"
QString eventTypeName(core::deadlines::EventType type);  // "Letter of claim posted"
QString serviceMethodName(core::deadlines::ServiceMethod method);  // "First-class post"
QString partyName(core::deadlines::ActingParty party);  // "Us", "Other side"
QString limitationStateName(core::deadlines::LimitationState state);  // "Verified", "Unverified", "Missing"

// A limitation flag as a badge: a short label, a tooltip that explains it, and the badge's colours.
struct FlagBadge {
    QString label;
    QString tooltip;
    QColor background;
    QColor foreground;
};
FlagBadge flagBadge(const QString& flag);

// Urgency colours, fixed so they read the same in light and dark themes: overdue in red, within `amberDays` in
// amber, otherwise invalid (the palette's text colour).
QColor urgencyColour(const QDate& due, const QDate& today, int amberDays = 14);
QColor overdueRed();
QColor soonAmber();

}  // namespace claimdesk::ui
