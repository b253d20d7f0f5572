#pragma once

#include "reports/ReportDocument.h"
#include "users/User.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

// Record retention (DOMAIN.md §8) as pure rules: the destroy-review date of a closed case, who may hold, request or
// approve an erasure and why not, the keys a tombstone keeps for conflict checks, and the retention report as a
// document. Nothing here reads the clock or the vault; RetentionService feeds it.
namespace claimdesk::core {

// The firm's retention periods (vault settings retention.yearsAfterClosure and retention.yearsAfterEighteenth).
// DOMAIN §8, "Engine defaults (configurable, solicitor to approve)": destroy_review_on = max(closed_on + 7y,
// client_18th_birthday + 7y). Common practice is "at least 6 years after the work ends" (limitation for claims
// against the firm), so nothing shorter is accepted; a firm that follows the 15-year negligence longstop (LA 1980
// s.14B) for higher-risk matters sets 15.
struct RetentionPolicy {
    static constexpr int kDefaultYearsAfterClosure = 7;
    static constexpr int kDefaultYearsAfterEighteenth = 7;
    static constexpr int kMinimumYears = 6;
    static constexpr int kMaximumYears = 30;
    int yearsAfterClosure = kDefaultYearsAfterClosure;
    int yearsAfterEighteenth = kDefaultYearsAfterEighteenth;

    // Empty when acceptable, else the sentence for people.
    QString problem() const;
};

// What the rule needs to know about a case.
struct RetentionFacts {
    bool closed = false;  // the case's stage is Closed
    QDate closedOn;  // cases.closed_on (may be missing on a closed case)
    QDate dateOfBirth;  // the client's (invalid: unknown)
    bool capacityConcern = false;
    bool cica = false;  // the case has a CICA limb
};

enum class ReviewBasis {
    NotClosed,  // no date: the case is open
    Closure,  // closed_on + N years
    Majority,  // 18th birthday + M years (later than the closure date)
    Manual,  // DOMAIN §8 "manual_review (no auto-date)": a person decides
};
QString reviewBasisId(ReviewBasis basis);  // "not-closed", "closure", "majority", "manual"
QString reviewBasisLabel(ReviewBasis basis);  // "Not closed", "Closure + 7 years" is built by the report

struct RetentionDecision {
    ReviewBasis basis = ReviewBasis::NotClosed;
    QDate reviewOn;  // the destroy-review date; invalid for NotClosed and Manual
    QDate closureDate;  // closed_on + N years (invalid without a closing date)
    QDate majorityDate;  // 18th birthday + M years (invalid without a date of birth)
    // The later of the two dates the rule could compute, also for a manual review: when the case comes up in the
    // retention report for a person to decide. Invalid when neither can be computed (listed at once).
    QDate listFrom;
    QStringList manualReasons;  // why no date is set automatically
    QStringList explanation;  // the steps, in words, with DOMAIN's reference
    QStringList unverified;  // the UNVERIFIED choices (R1–R4) that affected this result

    bool isManual() const { return basis == ReviewBasis::Manual; }
};

// DOMAIN.md §8: destroy_review_on = max(closed_on + N years, 18th birthday + M years); capacity concerns and ongoing
// CICA claims are a manual review (no automatic date). Where DOMAIN is silent the later date (keep longer) is taken:
// - R1 (UNVERIFIED) a closure on 29 February: N years later is 1 March in a common year, not 28 February.
// - R2 (UNVERIFIED) a client born on 29 February attains 18 on 1 March in a common year (the later reading of
//   DOMAIN U2; the limitation rules take the earlier one, because there the earlier date is the safe one).
// - R3 (UNVERIFIED) no date of birth: whether the 18th-birthday rule gives a later date cannot be known, so a
//   person reviews the case.
// - R4 (UNVERIFIED) DOMAIN's "ongoing CICA/periodical payments": the vault does not record whether a CICA claim is
//   still running, so any CICA limb makes the case a manual review.
// "Court-controlled funds" (DOMAIN §8) are a child's or a protected party's damages: the 18th-birthday rule and the
// capacity concern cover them.
RetentionDecision destroyReviewDate(const RetentionFacts& facts, const RetentionPolicy& policy);

// One case in the retention report, and what the retention window shows.
struct RetentionRow {
    qint64 caseId = 0;
    QString reference;
    bool restricted = false;  // a restricted case the user may not open: the hold's reason is not shown
    QDate closedOn;
    RetentionDecision decision;
    bool due = false;  // decision.listFrom (the review date) is on or before asOf

    bool onHold = false;
    QString holdReason;
    QString holdBy;
    QDateTime holdAtUtc;

    bool erasureRequested = false;
    QString requestedBy;
    QDateTime requestedAtUtc;
    QString requestReason;
    QDateTime approvableFromUtc;  // requestedAtUtc + 24 hours
};

// The two-person rule's wait between the request and the approval (issue 7: "approved by another after 24 hours").
constexpr qint64 kErasureWaitSeconds = 24 * 60 * 60;
// Reasons (hold, lift, request, withdraw) are at least this long and must not name the client: they stay in the
// audit log after the case is erased.
constexpr int kRetentionMinReason = 10;

// Why the signed-in person may not do this now; empty when they may. RetentionService checks the same again inside
// its transaction; the UI uses these to disable buttons and say why.
QString placeHoldRefusal(const RetentionRow& row, Role role);
QString releaseHoldRefusal(const RetentionRow& row, Role role);
QString requestRefusal(const RetentionRow& row, Role role);
QString approvalRefusal(const RetentionRow& row, const QString& username, Role role, const QDateTime& nowUtc);

// True when `reason` contains one of the client's names (full, preferred or former, as whole words after folding
// accents and case) or their surname on its own.
bool reasonNamesClient(const QString& reason, const QString& fullName, const QString& preferredName,
                       const QStringList& formerNames);

// What a tombstone keeps so that a later conflict check still finds an erased client: not the name, but keyed hashes
// (RetentionService) of these folded forms: every word in order-free form ("full:doe jane"), and first and last word
// ("fl:doe jane"), so "Jane Doe", "DOE, Jane" and "Jane Mary Doe" meet. Empty for an empty name.
QStringList tombstoneNameForms(const QString& name);

// The retention report as a document for print, PDF and CSV (render/ and toCsv()).
struct RetentionReportHeader {
    QDate asOf;
    int withinDays = 0;
    RetentionPolicy policy;
    QString firmName;
    QString printedBy;
    QDateTime printedAtUtc;
};
reports::Document retentionDocument(const std::vector<RetentionRow>& rows, const RetentionReportHeader& header);

}  // namespace claimdesk::core
