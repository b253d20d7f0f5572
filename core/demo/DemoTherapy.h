#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "therapy/TherapyTypes.h"

#include <QDate>
#include <QStringList>

#include <vector>

namespace claimdesk::core {

class Vault;

// The clock of the demo's sessions. Unpinned it tells the time of `base` (the system clock when null); DemoTherapy
// pins it to the day of each step of its story, so that requests, decisions, sessions, invoices and payments carry
// the dates they would have had (the service dates decisions "today" and refuses sessions before the approval).
class DemoClock final : public Clock {
public:
    explicit DemoClock(const Clock* base = nullptr) : m_base(base) { }
    QDateTime nowUtc() const override;
    // From now on, "now" is 10:00 local time on `day` (never later than the real now).
    void pin(const QDate& day);
    void unpin() { m_pinned = {}; }

private:
    const Clock* m_base;
    QDateTime m_pinned;
};

// What DemoTherapy wrote.
struct DemoTherapyReport {
    int providers = 0;
    int requests = 0;
    int currentYear = 0;  // the fund year of today
};

// The therapy fund of the demo vault (DOMAIN.md §7), written through TherapyService so every rule holds: fictional
// providers (invented names and organisations, sort codes and account numbers that belong to nobody; all but one
// with their bank details verified by call-back), the budgets of the current and the previous fund year, and
// a few dozen requests on the demo cases in every status of the workflow (therapy::allStatuses()), each one taken
// there step by step by the people who would do it: requests drafted and moved on by their fee earner
// (demo-solicitor or demo-paralegal), approved, rejected, paid, written off and reconciled by demo-supervisor.
// Sessions, invoices and payments match the status: nothing beyond the approved sessions, nothing paid above the
// cap or outside a payable status, and a reconciled or closed request's recovery and write-off add up to what was
// paid. The same seed gives the same requests; their dates are laid out between the start of the current fund
// year and today, so that the whole story sits in this year's budget.
//
// Each phase of the story is one bulk transaction of one person's session, so a demo vault of 100,000 cases is
// not slowed down: the requests take well under a second. The three sessions must be unlocked (and their one-time
// passphrases changed) on the same vault, which must hold the demo cases, all with VaultOptions::clock = `clock`;
// the clock is unpinned again when write() returns.
class DemoTherapy {
public:
    // The fictional providers' names; the last one's bank details are not verified.
    static QStringList providerNames();

    static Result<DemoTherapyReport> write(Vault& supervisor, Vault& solicitor, Vault& paralegal, DemoClock& clock,
                                           quint32 seed);
};

}  // namespace claimdesk::core
