#include "retention/RetentionRules.h"

#include "conflicts/NameMatcher.h"
#include "deadlines/DateRules.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace claimdesk::core {

namespace {

using deadlines::ukShortDate;

// R1: N years after a closure on 29 February. The corresponding-date rule (DateRules, DOMAIN P5) gives 28 February
// in a common year; for retention the later reading keeps the file one day longer.
QDate laterAnniversary(const QDate& day, int years)
{
    const QDate corresponding = deadlines::addCalendarYears(day, years);
    if (day.month() == 2 && day.day() == 29 && corresponding.month() == 2 && corresponding.day() == 28) {
        return QDate(corresponding.year(), 3, 1);
    }
    return corresponding;
}

const QString kR1 = QStringLiteral(
    "R1 (UNVERIFIED): closed on 29 February, so the anniversary in a common year is taken as 1 March (the later "
    "reading keeps the file longer).");
const QString kR2 = QStringLiteral(
    "R2 (UNVERIFIED): born on 29 February, so the 18th birthday in a common year is taken as 1 March (the later "
    "reading; DOMAIN U2).");
const QString kR3 = QStringLiteral(
    "R3 (UNVERIFIED): no date of birth, so whether the client was a minor cannot be known: a person reviews it.");
const QString kR4 = QStringLiteral(
    "R4 (UNVERIFIED): the case has a CICA claim and whether it is still running is not recorded: a person reviews it.");

}  // namespace

QString RetentionPolicy::problem() const
{
    for (int years : {yearsAfterClosure, yearsAfterEighteenth}) {
        if (years < kMinimumYears || years > kMaximumYears) {
            return QStringLiteral("A retention period is %1 to %2 years (DOMAIN §8: at least 6 years after the work "
                                  "ends, the limitation period for claims against the firm).")
                .arg(kMinimumYears)
                .arg(kMaximumYears);
        }
    }
    return {};
}

QString reviewBasisId(ReviewBasis basis)
{
    switch (basis) {
    case ReviewBasis::NotClosed: return QStringLiteral("not-closed");
    case ReviewBasis::Closure: return QStringLiteral("closure");
    case ReviewBasis::Majority: return QStringLiteral("majority");
    case ReviewBasis::Manual: return QStringLiteral("manual");
    }
    return {};
}

QString reviewBasisLabel(ReviewBasis basis)
{
    switch (basis) {
    case ReviewBasis::NotClosed: return QStringLiteral("Not closed");
    case ReviewBasis::Closure: return QStringLiteral("After closure");
    case ReviewBasis::Majority: return QStringLiteral("After 18th birthday");
    case ReviewBasis::Manual: return QStringLiteral("Manual review");
    }
    return {};
}

RetentionDecision destroyReviewDate(const RetentionFacts& facts, const RetentionPolicy& policy)
{
    RetentionDecision d;
    if (!facts.closed) {
        d.basis = ReviewBasis::NotClosed;
        d.explanation << QStringLiteral("The case is not closed: a destroy-review date is set when it closes "
                                        "(DOMAIN §6.1 stage 11, §8).");
        return d;
    }
    int step = 0;
    auto explain
        = [&d, &step](const QString& text) { d.explanation << QStringLiteral("%1. %2").arg(++step).arg(text); };

    if (facts.closedOn.isValid()) {
        d.closureDate = laterAnniversary(facts.closedOn, policy.yearsAfterClosure);
        explain(QStringLiteral("Closed on %1; %2 years after closure: %3 (DOMAIN §8, closed_on + %2y).")
                    .arg(ukShortDate(facts.closedOn))
                    .arg(policy.yearsAfterClosure)
                    .arg(ukShortDate(d.closureDate)));
        if (facts.closedOn.month() == 2 && facts.closedOn.day() == 29 && d.closureDate.month() == 3) {
            d.unverified << kR1;
            explain(kR1);
        }
    } else {
        d.manualReasons << QStringLiteral("the case is closed but has no closing date: record it");
        explain(QStringLiteral("The case is closed but has no closing date, so no date after closure can be worked "
                               "out."));
    }

    if (facts.dateOfBirth.isValid()) {
        const QDate eighteenth = deadlines::dayOfAttaining(facts.dateOfBirth, 18, deadlines::LeapBirthday::Mar1);
        d.majorityDate = laterAnniversary(eighteenth, policy.yearsAfterEighteenth);
        explain(QStringLiteral("18th birthday %1; %2 years after it: %3 (DOMAIN §8, client_18th_birthday + %2y).")
                    .arg(ukShortDate(eighteenth))
                    .arg(policy.yearsAfterEighteenth)
                    .arg(ukShortDate(d.majorityDate)));
        if (facts.dateOfBirth.month() == 2 && facts.dateOfBirth.day() == 29 && eighteenth.month() == 3) {
            d.unverified << kR2;
            explain(kR2);
        }
    } else {
        d.manualReasons << QStringLiteral("no date of birth");
        d.unverified << kR3;
        explain(kR3);
    }

    if (facts.capacityConcern) {
        d.manualReasons << QStringLiteral("capacity concern");
        explain(QStringLiteral("The client has a capacity concern: a manual review, no automatic date (DOMAIN §8)."));
    }
    if (facts.cica) {
        d.manualReasons << QStringLiteral("CICA claim");
        d.unverified << kR4;
        explain(kR4);
    }

    if (d.closureDate.isValid() && d.majorityDate.isValid()) {
        d.listFrom = std::max(d.closureDate, d.majorityDate);
    } else {
        d.listFrom = d.closureDate.isValid() ? d.closureDate : d.majorityDate;
    }
    if (!facts.closedOn.isValid()) {
        d.listFrom = QDate();  // listed at once, so someone records the closing date
    }

    if (!d.manualReasons.isEmpty()) {
        d.basis = ReviewBasis::Manual;
        explain(QStringLiteral("Manual review (%1): no automatic destroy-review date.")
                    .arg(d.manualReasons.join(QStringLiteral(", "))));
        return d;
    }
    d.reviewOn = d.listFrom;
    d.basis = d.majorityDate > d.closureDate ? ReviewBasis::Majority : ReviewBasis::Closure;
    explain(QStringLiteral("Destroy-review date: the later of the two, %1 (DOMAIN §8: max(closed_on + %2y, "
                           "18th birthday + %3y)).")
                .arg(ukShortDate(d.reviewOn))
                .arg(policy.yearsAfterClosure)
                .arg(policy.yearsAfterEighteenth));
    return d;
}

// --- Who may do what -----------------------------------------------------------------------------------------

namespace {
QString notSupervisor(Role role, const QString& what)
{
    return role == Role::Supervisor
        ? QString()
        : QStringLiteral("Only a supervisor can %1. You are signed in as %2.").arg(what, roleName(role));
}

QString restrictedText(const RetentionRow& row)
{
    return QStringLiteral("%1 is a restricted case you may not open. Ask its supervisor.").arg(row.reference);
}
}  // namespace

QString placeHoldRefusal(const RetentionRow& row, Role role)
{
    if (QString no = notSupervisor(role, QStringLiteral("put a case on legal hold")); !no.isEmpty()) {
        return no;
    }
    if (row.restricted) {
        return restrictedText(row);
    }
    if (row.onHold) {
        return QStringLiteral("%1 is already on legal hold.").arg(row.reference);
    }
    return {};
}

QString releaseHoldRefusal(const RetentionRow& row, Role role)
{
    if (QString no = notSupervisor(role, QStringLiteral("lift a legal hold")); !no.isEmpty()) {
        return no;
    }
    if (row.restricted) {
        return restrictedText(row);
    }
    if (!row.onHold) {
        return QStringLiteral("%1 is not on legal hold.").arg(row.reference);
    }
    return {};
}

QString requestRefusal(const RetentionRow& row, Role role)
{
    if (QString no = notSupervisor(role, QStringLiteral("ask for a case to be erased")); !no.isEmpty()) {
        return no;
    }
    if (row.restricted) {
        return restrictedText(row);
    }
    if (row.decision.basis == ReviewBasis::NotClosed || !row.closedOn.isValid()) {
        return QStringLiteral("%1 is not closed (with a closing date): only a closed case can be erased.")
            .arg(row.reference);
    }
    if (row.onHold) {
        return QStringLiteral("%1 is on legal hold: lift the hold before asking for erasure.").arg(row.reference);
    }
    if (row.erasureRequested) {
        return QStringLiteral("Erasure of %1 was already asked for by %2.").arg(row.reference, row.requestedBy);
    }
    return {};
}

QString approvalRefusal(const RetentionRow& row, const QString& username, Role role, const QDateTime& nowUtc)
{
    if (QString no = notSupervisor(role, QStringLiteral("approve an erasure")); !no.isEmpty()) {
        return no;
    }
    if (row.restricted) {
        return restrictedText(row);
    }
    if (!row.erasureRequested) {
        return QStringLiteral("No one has asked for %1 to be erased.").arg(row.reference);
    }
    if (row.requestedBy == username) {
        return QStringLiteral("You asked for %1 to be erased: another supervisor must approve it.").arg(row.reference);
    }
    if (row.decision.basis == ReviewBasis::NotClosed || !row.closedOn.isValid()) {
        return QStringLiteral("%1 is not closed (with a closing date) any more: it cannot be erased.")
            .arg(row.reference);
    }
    if (row.onHold) {
        return QStringLiteral("%1 is on legal hold: it cannot be erased while the hold lasts.").arg(row.reference);
    }
    if (nowUtc < row.approvableFromUtc) {
        return QStringLiteral("An erasure waits 24 hours after it is asked for: %1 can be approved from %2.")
            .arg(row.reference, reports::ukDateTime(row.approvableFromUtc));
    }
    return {};
}

// --- Names -------------------------------------------------------------------------------------------------------

bool reasonNamesClient(const QString& reason, const QString& fullName, const QString& preferredName,
                       const QStringList& formerNames)
{
    // "Doe's request": the possessive goes first (the name matcher would read "does").
    static const QRegularExpression possessive(QStringLiteral("['’`´]s\\b"));
    QString plain = reason;
    plain.replace(possessive, QString());
    const QString text
        = QLatin1Char(' ') + NameMatcher::analyse(plain).tokens.join(QLatin1Char(' ')) + QLatin1Char(' ');
    QStringList names {fullName, preferredName};
    names << formerNames;
    for (const QString& name : names) {
        const QStringList tokens = NameMatcher::analyse(name).tokens;
        if (tokens.isEmpty()) {
            continue;
        }
        if (text.contains(QLatin1Char(' ') + tokens.join(QLatin1Char(' ')) + QLatin1Char(' '))) {
            return true;
        }
    }
    const QStringList full = NameMatcher::analyse(fullName).tokens;
    if (full.size() >= 2 && full.last().size() >= 3
        && text.contains(QLatin1Char(' ') + full.last() + QLatin1Char(' '))) {
        return true;  // the surname on its own
    }
    return false;
}

QStringList tombstoneNameForms(const QString& name)
{
    QStringList tokens = NameMatcher::analyse(name).tokens;
    if (tokens.isEmpty()) {
        return {};
    }
    QStringList firstLast {tokens.first(), tokens.last()};
    std::sort(tokens.begin(), tokens.end());
    QStringList forms {QStringLiteral("full:") + tokens.join(QLatin1Char(' '))};
    if (NameMatcher::analyse(name).tokens.size() >= 2) {
        std::sort(firstLast.begin(), firstLast.end());
        forms << QStringLiteral("fl:") + firstLast.join(QLatin1Char(' '));
    }
    return forms;
}

// --- The report ------------------------------------------------------------------------------------------------

namespace {
QString statusText(const RetentionRow& row, const QDate& asOf)
{
    if (row.decision.isManual()) {
        return QStringLiteral("Manual review: %1").arg(row.decision.manualReasons.join(QStringLiteral(", ")));
    }
    if (row.decision.basis == ReviewBasis::NotClosed) {
        return QStringLiteral("Not closed");
    }
    if (row.due) {
        return QStringLiteral("Due");
    }
    const qint64 days = asOf.daysTo(row.decision.reviewOn);
    return days == 1 ? QStringLiteral("Due in 1 day") : QStringLiteral("Due in %1 days").arg(days);
}

QString holdText(const RetentionRow& row)
{
    if (!row.onHold) {
        return QStringLiteral("No");
    }
    if (row.restricted) {
        return QStringLiteral("Yes (restricted)");
    }
    return QStringLiteral("Yes: %1 (%2, %3)").arg(row.holdReason, row.holdBy, reports::ukDateTime(row.holdAtUtc));
}

QString requestText(const RetentionRow& row)
{
    if (!row.erasureRequested) {
        return {};
    }
    return QStringLiteral("Asked by %1 on %2; approvable from %3")
        .arg(row.requestedBy, reports::ukDateTime(row.requestedAtUtc), reports::ukDateTime(row.approvableFromUtc));
}
}  // namespace

reports::Document retentionDocument(const std::vector<RetentionRow>& rows, const RetentionReportHeader& header)
{
    using reports::Block;
    reports::Document d;
    d.firmName = header.firmName;
    d.marking = QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED");
    d.title = QStringLiteral("Retention review");
    const QDate until = header.asOf.addDays(header.withinDays);
    d.subtitle = QStringLiteral("Due by %1 · as of %2").arg(ukShortDate(until), ukShortDate(header.asOf));
    d.profileName = QStringLiteral("Retention review");
    d.printedBy = header.printedBy;
    d.printedAtUtc = header.printedAtUtc;

    d.blocks.push_back(Block::paragraph(
        QStringLiteral("Closed cases whose destroy-review date is on or before %1 (%2 days from %3), cases for a "
                       "manual review, and every case with an erasure request. Destroy-review date: the later of "
                       "closure + %4 years and the client's 18th birthday + %5 years (DOMAIN §8). A legal hold "
                       "blocks erasure. Cases are named by reference only.")
            .arg(ukShortDate(until))
            .arg(header.withinDays)
            .arg(ukShortDate(header.asOf))
            .arg(header.policy.yearsAfterClosure)
            .arg(header.policy.yearsAfterEighteenth)));

    std::vector<QStringList> printed;
    std::vector<QStringList> file;
    int due = 0;
    int held = 0;
    for (const RetentionRow& r : rows) {
        due += r.due ? 1 : 0;
        held += r.onHold ? 1 : 0;
        printed.push_back({r.reference, ukShortDate(r.closedOn),
                           r.decision.reviewOn.isValid() ? ukShortDate(r.decision.reviewOn) : QStringLiteral("—"),
                           reviewBasisLabel(r.decision.basis), statusText(r, header.asOf), holdText(r),
                           requestText(r)});
        file.push_back({r.reference, r.closedOn.toString(Qt::ISODate), r.decision.reviewOn.toString(Qt::ISODate),
                        reviewBasisId(r.decision.basis), r.due ? QStringLiteral("yes") : QStringLiteral("no"),
                        r.decision.manualReasons.join(QStringLiteral("; ")),
                        r.onHold ? QStringLiteral("yes") : QStringLiteral("no"),
                        r.restricted ? QString() : r.holdReason, r.requestedBy,
                        r.requestedAtUtc.isValid() ? r.requestedAtUtc.toUTC().toString(Qt::ISODate) : QString()});
    }
    d.blocks.push_back(Block::fieldList({{QStringLiteral("Cases listed"), QString::number(rows.size())},
                                         {QStringLiteral("Due now"), QString::number(due)},
                                         {QStringLiteral("On legal hold"), QString::number(held)}}));
    Block table = Block::table({{QStringLiteral("Case"), 1.2},
                                {QStringLiteral("Closed"), 1.0},
                                {QStringLiteral("Review date"), 1.0},
                                {QStringLiteral("Basis"), 1.1},
                                {QStringLiteral("Status"), 1.4},
                                {QStringLiteral("Legal hold"), 1.8},
                                {QStringLiteral("Erasure request"), 1.8}},
                               std::move(printed), QStringLiteral("Nothing is due for review in this period."),
                               QStringLiteral("retention"));
    table.csvColumns = {QStringLiteral("reference"),
                        QStringLiteral("closed_on"),
                        QStringLiteral("review_on"),
                        QStringLiteral("basis"),
                        QStringLiteral("due"),
                        QStringLiteral("manual_reasons"),
                        QStringLiteral("legal_hold"),
                        QStringLiteral("hold_reason"),
                        QStringLiteral("erasure_requested_by"),
                        QStringLiteral("erasure_requested_at")};
    table.csvRows = std::move(file);
    d.blocks.push_back(std::move(table));
    return d;
}

}  // namespace claimdesk::core
