#include "therapy/TherapyService.h"

#include "cases/CaseImport.h"
#include "cases/CaseService.h"
#include "deadlines/DateRules.h"
#include "deadlines/DeadlineService.h"
#include "store/SqlText.h"
#include "store/Sqlite.h"
#include "store/Vault.h"
#include "users/User.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <map>

namespace claimdesk::core::therapy {

namespace {

using sql::dateFrom;
using sql::dateText;
using sql::isoUtc;
using sql::notNull;
using sql::utcFrom;

constexpr qint64 kDefaultAuthorityLimitPence = 300000;  // £3,000 until an admin sets a supervisor's own limit
const QString kYearStartKey = QStringLiteral("therapy.fundYearStartMonth");
const QString kAuthorityKey = QStringLiteral("therapy.authorityLimit.");  // + username

Error denied(const QString& message)
{
    return makeError(ErrorCode::PermissionDenied, message);
}

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

// Invoice numbers compare without case, spaces or separators: "INV-104", "inv 104" and "INV104" are one.
QString invoiceKey(const QString& number)
{
    QString key;
    for (QChar c : number) {
        if (c.isLetterOrNumber()) {
            key += c.toUpper();
        }
    }
    return key;
}

QString digitsOnly(const QString& text)
{
    QString out;
    for (QChar c : text) {
        if (c.isDigit()) {
            out += c;
        }
    }
    return out;
}

RiskLevel riskFrom(const SafeguardingScreen& s)
{
    if (s.seriousRisk()) {
        return RiskLevel::SeriousRisk;
    }
    if (!s.anyAnswered()) {
        return RiskLevel::NotScreened;
    }
    const bool noted = s.suicidalThoughts == SuicidalThoughts::Passive || s.plan.value_or(false)
        || s.accessToMeans.value_or(false) || s.pastAttempts.value_or(false)
        || s.livesNearAbuser == AbuserProximity::Near || s.abuserHasAccessToChildren.value_or(false)
        || s.clientChildrenAtRisk.value_or(false);
    return noted ? RiskLevel::RiskNoted : RiskLevel::NoneDisclosed;
}

constexpr const char* kRequestColumns =
    "r.id, r.case_id, c.reference, r.fund_year, r.requester, r.requested_on, r.funding, r.recommendation, "
    "r.diagnosis, r.risk, r.provider_id, COALESCE(p.name, ''), r.modality, r.modality_other, r.session_minutes, "
    "r.delivery, r.frequency, r.sessions_requested, r.sessions_approved, r.cost_per_session_pence, r.vat, "
    "r.fees_pence, r.review_after_sessions, r.review_on, r.recoverability_agreed, r.reports_shareable, r.status, "
    "r.approver, r.decided_on, r.conditions, r.budget_override_reason, r.rejection_reason, r.extension_sessions, "
    "r.extension_reason, r.rehab_received_on, r.claimed_in_schedule, r.recovered_pence, r.written_off_pence, "
    "r.write_off_reason, r.version, r.updated_at, r.updated_by, r.submitted_by, r.figures_edited_by, "
    "r.extension_requested_by, "
    "(SELECT COUNT(*) FROM therapy_sessions s WHERE s.request_id = r.id AND s.charged), "
    "(SELECT COALESCE(SUM(i.amount_pence), 0) FROM therapy_invoices i WHERE i.request_id = r.id), "
    "(SELECT COALESCE(SUM(y.amount_pence), 0) FROM therapy_payments y WHERE y.request_id = r.id) "
    "FROM therapy_requests r JOIN cases c ON c.id = r.case_id LEFT JOIN therapy_providers p ON p.id = r.provider_id ";

TherapyRequest requestFrom(const sql::Statement& s)
{
    TherapyRequest r;
    int i = 0;
    r.id = s.int64(i++);
    r.caseId = s.int64(i++);
    r.caseReference = s.text(i++);
    r.fundYear = static_cast<int>(s.int64(i++));
    r.requester = s.text(i++);
    r.requestedOn = dateFrom(s.text(i++));
    r.funding = fundingRouteFromId(s.text(i++)).value_or(FundingRoute::FirmFund);
    r.recommendation = s.text(i++);
    r.diagnosis = s.text(i++);
    r.risk = riskLevelFromId(s.text(i++)).value_or(RiskLevel::NotScreened);
    r.providerId = s.int64(i++);
    r.providerName = s.text(i++);
    r.modality = modalityFromId(s.text(i++)).value_or(Modality::Other);
    r.modalityOther = s.text(i++);
    r.sessionMinutes = static_cast<int>(s.int64(i++));
    r.delivery = deliveryFromId(s.text(i++)).value_or(Delivery::InPerson);
    r.frequency = s.text(i++);
    r.sessionsRequested = static_cast<int>(s.int64(i++));
    r.sessionsApproved = static_cast<int>(s.int64(i++));
    r.costPerSessionPence = s.int64(i++);
    r.vat = s.int64(i++) != 0;
    r.feesPence = s.int64(i++);
    r.reviewAfterSessions = static_cast<int>(s.int64(i++));
    r.reviewOn = dateFrom(s.text(i++));
    r.recoverabilityAgreed = s.int64(i++) != 0;
    r.reportsShareable = s.int64(i++) != 0;
    r.status = statusFromId(s.text(i++)).value_or(RequestStatus::Draft);
    r.approver = s.text(i++);
    r.decidedOn = dateFrom(s.text(i++));
    r.conditions = s.text(i++);
    r.budgetOverrideReason = s.text(i++);
    r.rejectionReason = s.text(i++);
    r.extensionSessions = static_cast<int>(s.int64(i++));
    r.extensionReason = s.text(i++);
    r.rehabProposalReceivedOn = dateFrom(s.text(i++));
    r.claimedInSchedule = s.int64(i++) != 0;
    r.recoveredPence = s.int64(i++);
    r.writtenOffPence = s.int64(i++);
    r.writeOffReason = s.text(i++);
    r.version = static_cast<int>(s.int64(i++));
    r.updatedAtUtc = utcFrom(s.text(i++));
    r.updatedBy = s.text(i++);
    r.submittedBy = s.text(i++);
    r.figuresEditedBy = s.text(i++);
    r.extensionRequestedBy = s.text(i++);
    r.sessionsUsed = static_cast<int>(s.int64(i++));
    r.invoicedPence = s.int64(i++);
    r.paidPence = s.int64(i++);
    return r;
}

QString fingerprint(const QString& text)
{
    if (text.trimmed().isEmpty()) {
        return {};
    }
    return QStringLiteral("changed text (%1 characters, #%2)")
        .arg(text.size())
        .arg(QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(8)));
}

// The request's fields as JSON for audit entries (old → new).
QJsonObject requestJson(const TherapyRequest& r)
{
    return {
        {QStringLiteral("status"), statusId(r.status)},
        {QStringLiteral("funding"), fundingRouteId(r.funding)},
        {QStringLiteral("providerId"), r.providerId},
        {QStringLiteral("modality"), modalityId(r.modality)},
        {QStringLiteral("modalityOther"), fingerprint(r.modalityOther)},
        {QStringLiteral("sessionMinutes"), r.sessionMinutes},
        {QStringLiteral("delivery"), deliveryId(r.delivery)},
        {QStringLiteral("frequency"), r.frequency},
        {QStringLiteral("sessionsRequested"), r.sessionsRequested},
        {QStringLiteral("sessionsApproved"), r.sessionsApproved},
        {QStringLiteral("costPerSessionPence"), r.costPerSessionPence},
        {QStringLiteral("vat"), r.vat},
        {QStringLiteral("feesPence"), r.feesPence},
        {QStringLiteral("capPence"), r.capPence()},
        {QStringLiteral("reviewAfterSessions"), r.reviewAfterSessions},
        {QStringLiteral("reviewOn"), dateText(r.reviewOn)},
        {QStringLiteral("recoverabilityAgreed"), r.recoverabilityAgreed},
        {QStringLiteral("reportsShareable"), r.reportsShareable},
        // Clinical free text never goes into the audit log (any supervisor or admin reads it): a fingerprint
        // shows that it changed.
        {QStringLiteral("recommendation"), fingerprint(r.recommendation)},
        {QStringLiteral("diagnosis"), fingerprint(r.diagnosis)},
        {QStringLiteral("risk"), riskLevelId(r.risk)},
        {QStringLiteral("claimedInSchedule"), r.claimedInSchedule},
        {QStringLiteral("recoveredPence"), r.recoveredPence},
        {QStringLiteral("writtenOffPence"), r.writtenOffPence},
    };
}

QJsonObject changesBetween(const QJsonObject& before, const QJsonObject& after)
{
    QJsonObject changes;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value()) {
            changes.insert(it.key(), QJsonObject{{QStringLiteral("old"), before.value(it.key())},
                                                 {QStringLiteral("new"), it.value()}});
        }
    }
    return changes;
}

QString problemsText(const QStringList& problems)
{
    return problems.join(QStringLiteral("; "));
}

// Details a fee earner fills in; checked on create and edit, and again (with the quote) before approval.
QStringList detailProblems(const TherapyRequest& r, bool forApproval)
{
    QStringList problems;
    if (r.modality == Modality::Other && r.modalityOther.trimmed().isEmpty()) {
        problems << QStringLiteral("say which kind of therapy (modality \"other\")");
    }
    if (r.sessionMinutes < 0 || r.sessionMinutes > 480) {
        problems << QStringLiteral("a session lasts between 1 and 480 minutes");
    }
    if (r.sessionsRequested < 0 || r.sessionsRequested > 500) {
        problems << QStringLiteral("the number of sessions requested must be between 1 and 500");
    }
    if (r.costPerSessionPence < 0 || r.costPerSessionPence > 10000000) {
        problems << QStringLiteral("the cost per session must be between £0 and £100,000");
    }
    if (r.feesPence < 0 || r.feesPence > 100000000) {
        problems << QStringLiteral("the assessment and report fees must be between £0 and £1,000,000");
    }
    if (r.reviewAfterSessions < 0) {
        problems << QStringLiteral("the review point cannot be negative");
    }
    if (forApproval) {
        if (r.providerId == 0) {
            problems << QStringLiteral("choose the provider");
        }
        if (r.sessionsRequested <= 0) {
            problems << QStringLiteral("say how many sessions are requested");
        }
        if (r.costPerSessionPence <= 0) {
            problems << QStringLiteral("enter the quoted cost per session");
        }
        if (r.sessionMinutes <= 0) {
            problems << QStringLiteral("enter the session length");
        }
    }
    return problems;
}


}  // namespace

TherapyService::TherapyService(Vault& vault, CaseService& cases, deadlines::DeadlineService& deadlines)
    : m_vault(vault), m_cases(cases), m_deadlines(deadlines)
{
}

// --- Schema -------------------------------------------------------------------------------------------------

Result<void> TherapyService::createSchema(sql::Connection& db)
{
    return db.exec(R"sql(
        CREATE TABLE therapy_providers (
            id                  INTEGER PRIMARY KEY,
            name                TEXT NOT NULL,
            organisation        TEXT NOT NULL DEFAULT '',
            professional_body   TEXT NOT NULL DEFAULT '',
            registration_number TEXT NOT NULL DEFAULT '',
            contact             TEXT NOT NULL DEFAULT '',
            payment_terms_days  INTEGER NOT NULL DEFAULT 30,
            bank_account_name   TEXT NOT NULL DEFAULT '',
            bank_sort_code      TEXT NOT NULL DEFAULT '',
            bank_account_number TEXT NOT NULL DEFAULT '',
            bank_entered_by     TEXT NOT NULL DEFAULT '',
            bank_verified_by    TEXT NOT NULL DEFAULT '',
            bank_verified_at    TEXT NOT NULL DEFAULT '',
            active              INTEGER NOT NULL DEFAULT 1,
            version             INTEGER NOT NULL DEFAULT 1,
            updated_by          TEXT NOT NULL,
            updated_at          TEXT NOT NULL
        );
        CREATE TABLE therapy_budgets (
            fund_year       INTEGER PRIMARY KEY,
            allocated_pence INTEGER NOT NULL,
            note            TEXT NOT NULL DEFAULT '',
            set_by          TEXT NOT NULL,
            set_at          TEXT NOT NULL
        );
        CREATE TABLE therapy_requests (
            id                     INTEGER PRIMARY KEY,
            case_id                INTEGER NOT NULL REFERENCES cases (id),
            fund_year              INTEGER NOT NULL,
            requester              TEXT NOT NULL,
            submitted_by           TEXT NOT NULL DEFAULT '',
            figures_edited_by      TEXT NOT NULL DEFAULT '',
            requested_on           TEXT NOT NULL,
            funding                TEXT NOT NULL,
            recommendation         TEXT NOT NULL DEFAULT '',
            diagnosis              TEXT NOT NULL DEFAULT '',
            risk                   TEXT NOT NULL,
            provider_id            INTEGER NOT NULL DEFAULT 0,
            modality               TEXT NOT NULL,
            modality_other         TEXT NOT NULL DEFAULT '',
            session_minutes        INTEGER NOT NULL DEFAULT 50,
            delivery               TEXT NOT NULL,
            frequency              TEXT NOT NULL DEFAULT '',
            sessions_requested     INTEGER NOT NULL DEFAULT 0,
            sessions_approved      INTEGER NOT NULL DEFAULT 0,
            cost_per_session_pence INTEGER NOT NULL DEFAULT 0,
            vat                    INTEGER NOT NULL DEFAULT 0,
            fees_pence             INTEGER NOT NULL DEFAULT 0,
            review_after_sessions  INTEGER NOT NULL DEFAULT 0,
            review_on              TEXT NOT NULL DEFAULT '',
            recoverability_agreed  INTEGER NOT NULL DEFAULT 0,
            reports_shareable      INTEGER NOT NULL DEFAULT 0,
            status                 TEXT NOT NULL,
            approver               TEXT NOT NULL DEFAULT '',
            decided_on             TEXT NOT NULL DEFAULT '',
            conditions             TEXT NOT NULL DEFAULT '',
            budget_override_reason TEXT NOT NULL DEFAULT '',
            rejection_reason       TEXT NOT NULL DEFAULT '',
            extension_sessions     INTEGER NOT NULL DEFAULT 0,
            extension_reason       TEXT NOT NULL DEFAULT '',
            extension_requested_by TEXT NOT NULL DEFAULT '',
            rehab_received_on      TEXT NOT NULL DEFAULT '',
            claimed_in_schedule    INTEGER NOT NULL DEFAULT 0,
            recovered_pence        INTEGER NOT NULL DEFAULT 0,
            written_off_pence      INTEGER NOT NULL DEFAULT 0,
            write_off_reason       TEXT NOT NULL DEFAULT '',
            version                INTEGER NOT NULL DEFAULT 1,
            updated_by             TEXT NOT NULL,
            updated_at             TEXT NOT NULL
        );
        CREATE INDEX therapy_requests_by_case ON therapy_requests (case_id);
        CREATE INDEX therapy_requests_by_year ON therapy_requests (fund_year, status);
        CREATE TABLE therapy_decisions (
            id                     INTEGER PRIMARY KEY,
            request_id             INTEGER NOT NULL REFERENCES therapy_requests (id),
            from_status            TEXT NOT NULL,
            to_status              TEXT NOT NULL,
            decided_by             TEXT NOT NULL,
            decided_at             TEXT NOT NULL,
            sessions_approved      INTEGER NOT NULL,
            cap_pence              INTEGER NOT NULL,
            authority_limit_pence  INTEGER NOT NULL,
            budget_override_reason TEXT NOT NULL DEFAULT '',
            note                   TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX therapy_decisions_by_request ON therapy_decisions (request_id);
        CREATE TABLE therapy_sessions (
            id              INTEGER PRIMARY KEY,
            request_id      INTEGER NOT NULL REFERENCES therapy_requests (id),
            held_on         TEXT NOT NULL,
            outcome         TEXT NOT NULL,
            charged         INTEGER NOT NULL,
            beyond_approved INTEGER NOT NULL DEFAULT 0,
            note            TEXT NOT NULL DEFAULT '',
            recorded_by     TEXT NOT NULL,
            recorded_at     TEXT NOT NULL
        );
        CREATE INDEX therapy_sessions_by_request ON therapy_sessions (request_id, held_on);
        CREATE TABLE therapy_invoices (
            id                 INTEGER PRIMARY KEY,
            request_id         INTEGER NOT NULL REFERENCES therapy_requests (id),
            provider_id        INTEGER NOT NULL,
            number             TEXT NOT NULL,
            number_key         TEXT NOT NULL,
            invoice_date       TEXT NOT NULL,
            received_on        TEXT NOT NULL,
            period_from        TEXT NOT NULL DEFAULT '',
            period_to          TEXT NOT NULL DEFAULT '',
            sessions_covered   INTEGER NOT NULL DEFAULT 0,
            amount_pence       INTEGER NOT NULL,
            checked            INTEGER NOT NULL DEFAULT 0,
            disputed           INTEGER NOT NULL DEFAULT 0,
            dispute_reason     TEXT NOT NULL DEFAULT '',
            recorded_by        TEXT NOT NULL,
            recorded_at        TEXT NOT NULL,
            UNIQUE (provider_id, number_key)
        );
        CREATE INDEX therapy_invoices_by_request ON therapy_invoices (request_id);
        CREATE TABLE therapy_payments (
            id           INTEGER PRIMARY KEY,
            invoice_id   INTEGER NOT NULL REFERENCES therapy_invoices (id),
            request_id   INTEGER NOT NULL REFERENCES therapy_requests (id),
            paid_on      TEXT NOT NULL,
            amount_pence INTEGER NOT NULL,
            method       TEXT NOT NULL DEFAULT '',
            reference    TEXT NOT NULL DEFAULT '',
            paid_from    TEXT NOT NULL DEFAULT '',
            paid_by      TEXT NOT NULL,
            recorded_at  TEXT NOT NULL
        );
        CREATE INDEX therapy_payments_by_request ON therapy_payments (request_id);
        CREATE INDEX therapy_payments_by_invoice ON therapy_payments (invoice_id);
    )sql");
}

// --- Helpers --------------------------------------------------------------------------------------------------

QDate TherapyService::today() const
{
    return m_vault.now().toLocalTime().date();
}

Error TherapyService::refuse(const QString& attempted, const QString& entityId, const QString& message)
{
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (tx && m_vault.audit(QStringLiteral("permission.denied"), QStringLiteral("therapy"), entityId,
                            {{QStringLiteral("attempted"), attempted},
                             {QStringLiteral("role"), roleName(m_vault.currentUser().role)}})) {
        (void)tx->commit();
    }
    return denied(message);
}

Result<CaseRecord> TherapyService::requireCase(qint64 caseId)
{
    return m_cases.load(caseId);  // role, restriction (audited) and existence
}

Result<TherapyRequest> TherapyService::fetch(qint64 requestId)
{
    const QByteArray sqlText = QByteArray("SELECT ") + kRequestColumns + "WHERE r.id = ?1";
    auto stmt = m_vault.connection().prepare(sqlText.constData());
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, requestId);
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That therapy request no longer exists."));
    }
    return requestFrom(*stmt);
}

Result<TherapyRequest> TherapyService::requireRequest(qint64 requestId)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    auto request = fetch(requestId);
    if (!request) {
        return request.error();
    }
    if (auto c = requireCase(request->caseId); !c) {
        return c.error();
    }
    return request;
}

Result<TherapyRequest> TherapyService::lockFor(qint64 requestId, int expectedVersion)
{
    auto current = fetch(requestId);
    if (!current) {
        return current.error();
    }
    if (current->version != expectedVersion) {
        const QDateTime at = current->updatedAtUtc.toLocalTime();
        return makeError(ErrorCode::ConflictingEdit,
                         QStringLiteral("%1 changed this therapy request at %2 on %3 (it is now %4). Nothing was "
                                        "saved: look at their change, then try again if it is still needed.")
                             .arg(current->updatedBy, at.toString(QStringLiteral("HH:mm")),
                                  deadlines::ukShortDate(at.date()),
                                  statusLabel(current->status).toLower()));
    }
    return current;
}

Result<void> TherapyService::store(const TherapyRequest& before, TherapyRequest after, const QString& action,
                                   QJsonObject detail)
{
    sql::Connection& db = m_vault.connection();
    auto update = db.prepare(
        "UPDATE therapy_requests SET fund_year = ?2, funding = ?3, recommendation = ?4, diagnosis = ?5, risk = ?6, "
        "provider_id = ?7, modality = ?8, modality_other = ?9, session_minutes = ?10, delivery = ?11, frequency = ?12, "
        "sessions_requested = ?13, sessions_approved = ?14, cost_per_session_pence = ?15, vat = ?16, fees_pence = ?17, "
        "review_after_sessions = ?18, review_on = ?19, recoverability_agreed = ?20, reports_shareable = ?21, "
        "status = ?22, approver = ?23, decided_on = ?24, conditions = ?25, budget_override_reason = ?26, "
        "rejection_reason = ?27, extension_sessions = ?28, extension_reason = ?29, rehab_received_on = ?30, "
        "claimed_in_schedule = ?31, recovered_pence = ?32, written_off_pence = ?33, write_off_reason = ?34, "
        "submitted_by = ?38, figures_edited_by = ?39, extension_requested_by = ?40, "
        "version = version + 1, updated_by = ?35, updated_at = ?36 WHERE id = ?1 AND version = ?37");
    if (!update) {
        return update.error();
    }
    update->bind(1, after.id)
        .bind(2, after.fundYear)
        .bind(3, fundingRouteId(after.funding))
        .bind(4, notNull(after.recommendation))
        .bind(5, notNull(after.diagnosis))
        .bind(6, riskLevelId(after.risk))
        .bind(7, after.providerId)
        .bind(8, modalityId(after.modality))
        .bind(9, notNull(after.modalityOther))
        .bind(10, after.sessionMinutes)
        .bind(11, deliveryId(after.delivery))
        .bind(12, notNull(after.frequency))
        .bind(13, after.sessionsRequested)
        .bind(14, after.sessionsApproved)
        .bind(15, after.costPerSessionPence)
        .bind(16, after.vat)
        .bind(17, after.feesPence)
        .bind(18, after.reviewAfterSessions)
        .bind(19, notNull(dateText(after.reviewOn)))
        .bind(20, after.recoverabilityAgreed)
        .bind(21, after.reportsShareable)
        .bind(22, statusId(after.status))
        .bind(23, notNull(after.approver))
        .bind(24, notNull(dateText(after.decidedOn)))
        .bind(25, notNull(after.conditions))
        .bind(26, notNull(after.budgetOverrideReason))
        .bind(27, notNull(after.rejectionReason))
        .bind(28, after.extensionSessions)
        .bind(29, notNull(after.extensionReason))
        .bind(30, notNull(dateText(after.rehabProposalReceivedOn)))
        .bind(31, after.claimedInSchedule)
        .bind(32, after.recoveredPence)
        .bind(33, after.writtenOffPence)
        .bind(34, notNull(after.writeOffReason))
        .bind(35, m_vault.currentUser().username)
        .bind(36, isoUtc(m_vault.now()))
        .bind(37, before.version)
        .bind(38, notNull(after.submittedBy))
        .bind(39, notNull(after.figuresEditedBy))
        .bind(40, notNull(after.extensionRequestedBy));
    if (auto ran = update->run(); !ran) {
        return ran.error();
    }
    if (db.changes() != 1) {
        return makeError(ErrorCode::ConflictingEdit,
                         QStringLiteral("Someone else changed this therapy request meanwhile. Nothing was saved: "
                                        "reload it and try again."));
    }
    const QJsonObject changes = changesBetween(requestJson(before), requestJson(after));
    detail.insert(QStringLiteral("requestId"), after.id);
    if (!changes.isEmpty()) {
        detail.insert(QStringLiteral("changes"), changes);
    }
    return m_vault.audit(action, QStringLiteral("case"), after.caseReference, detail);
}

Result<void> TherapyService::addDecision(const TherapyRequest& before, const TherapyRequest& after,
                                         qint64 authorityLimit, const QString& note)
{
    auto insert = m_vault.connection().prepare(
        "INSERT INTO therapy_decisions (request_id, from_status, to_status, decided_by, decided_at, sessions_approved, "
        "cap_pence, authority_limit_pence, budget_override_reason, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, after.id)
        .bind(2, statusId(before.status))
        .bind(3, statusId(after.status))
        .bind(4, m_vault.currentUser().username)
        .bind(5, isoUtc(m_vault.now()))
        .bind(6, after.sessionsApproved)
        .bind(7, after.capPence())
        .bind(8, authorityLimit)
        .bind(9, notNull(before.budgetOverrideReason == after.budgetOverrideReason ? QString()
                                                                                  : after.budgetOverrideReason))
        .bind(10, notNull(note));
    return insert->run();
}

Result<qint64> TherapyService::limitOf(const QString& username)
{
    auto value = m_vault.setting(kAuthorityKey + username);
    if (!value) {
        return value.error();
    }
    if (value->isEmpty()) {
        return kDefaultAuthorityLimitPence;
    }
    bool ok = false;
    const qint64 pence = value->toLongLong(&ok);
    return ok ? pence : 0;
}

// --- Providers ----------------------------------------------------------------------------------------------

namespace {
constexpr const char* kProviderColumns =
    "id, name, organisation, professional_body, registration_number, contact, payment_terms_days, bank_account_name, "
    "bank_sort_code, bank_account_number, bank_entered_by, bank_verified_by, bank_verified_at, active, version "
    "FROM therapy_providers ";

Provider providerFrom(const sql::Statement& s)
{
    Provider p;
    p.id = s.int64(0);
    p.name = s.text(1);
    p.organisation = s.text(2);
    p.professionalBody = s.text(3);
    p.registrationNumber = s.text(4);
    p.contact = s.text(5);
    p.paymentTermsDays = static_cast<int>(s.int64(6));
    p.bankAccountName = s.text(7);
    p.bankSortCode = s.text(8);
    p.bankAccountNumber = s.text(9);
    p.bankEnteredBy = s.text(10);
    p.bankVerifiedBy = s.text(11);
    if (!s.text(12).isEmpty()) {
        p.bankVerifiedAtUtc = utcFrom(s.text(12));
    }
    p.active = s.int64(13) != 0;
    p.version = static_cast<int>(s.int64(14));
    return p;
}

QJsonObject providerJson(const Provider& p)
{
    // Bank details are audited as "changed", never their digits in full.
    const QString last = p.bankAccountNumber.right(2);
    return {
        {QStringLiteral("name"), p.name},
        {QStringLiteral("organisation"), p.organisation},
        {QStringLiteral("professionalBody"), p.professionalBody},
        {QStringLiteral("registrationNumber"), p.registrationNumber},
        {QStringLiteral("contact"), p.contact},
        {QStringLiteral("paymentTermsDays"), p.paymentTermsDays},
        {QStringLiteral("bankAccount"), p.hasBankDetails() ? QStringLiteral("ending %1").arg(last) : QString()},
        {QStringLiteral("bankVerifiedBy"), p.bankVerifiedBy},
        {QStringLiteral("active"), p.active},
    };
}
}  // namespace

Result<Provider> TherapyService::fetchProvider(qint64 id)
{
    const QByteArray sqlText = QByteArray("SELECT ") + kProviderColumns + "WHERE id = ?1";
    auto stmt = m_vault.connection().prepare(sqlText.constData());
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That provider no longer exists."));
    }
    return providerFrom(*stmt);
}

Result<std::vector<Provider>> TherapyService::providers(bool includeInactive)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.canSeeCaseContent() && m_vault.currentUser().role != Role::Accounts) {
        return refuse(QStringLiteral("list the therapy providers"), QString(),
                      QStringLiteral("Therapy providers are for fee earners, supervisors and accounts."));
    }
    const QByteArray sqlText = QByteArray("SELECT ") + kProviderColumns
        + (includeInactive ? "ORDER BY name COLLATE NOCASE, id" : "WHERE active ORDER BY name COLLATE NOCASE, id");
    auto stmt = m_vault.connection().prepare(sqlText.constData());
    if (!stmt) {
        return stmt.error();
    }
    std::vector<Provider> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        out.push_back(providerFrom(*stmt));
    }
    return out;
}

Result<Provider> TherapyService::provider(qint64 id)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.canSeeCaseContent() && m_vault.currentUser().role != Role::Accounts) {
        return refuse(QStringLiteral("read a therapy provider"), QString::number(id),
                      QStringLiteral("Therapy providers are for fee earners, supervisors and accounts."));
    }
    return fetchProvider(id);
}

Result<Provider> TherapyService::saveProvider(const Provider& input)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.canSeeCaseContent()) {
        return refuse(QStringLiteral("save a therapy provider"), input.name,
                      QStringLiteral("Therapy providers are kept by fee earners and supervisors."));
    }
    Provider p = input;
    p.name = p.name.trimmed();
    p.bankAccountName = p.bankAccountName.trimmed();
    QStringList problems;
    if (p.name.isEmpty()) {
        problems << QStringLiteral("enter the provider's name");
    }
    if (p.paymentTermsDays < 0 || p.paymentTermsDays > 365) {
        problems << QStringLiteral("payment terms are between 0 and 365 days");
    }
    const QString sort = digitsOnly(p.bankSortCode);
    const QString account = digitsOnly(p.bankAccountNumber);
    if (!p.bankSortCode.trimmed().isEmpty() || !p.bankAccountNumber.trimmed().isEmpty()) {
        if (sort.size() != 6) {
            problems << QStringLiteral("a sort code has 6 digits (12-34-56)");
        }
        if (account.size() != 8) {
            problems << QStringLiteral("a UK account number has 8 digits");
        }
    }
    if (!problems.isEmpty()) {
        return invalid(QStringLiteral("The provider was not saved: %1.").arg(problemsText(problems)));
    }
    if (!sort.isEmpty()) {
        p.bankSortCode = QStringLiteral("%1-%2-%3").arg(sort.left(2), sort.mid(2, 2), sort.mid(4, 2));
        p.bankAccountNumber = account;
    } else {
        p.bankSortCode.clear();
        p.bankAccountNumber.clear();
    }
    const QString me = m_vault.currentUser().username;
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    Provider before;
    if (p.id != 0) {
        auto current = fetchProvider(p.id);
        if (!current) {
            return current.error();
        }
        before = *current;
        if (before.version != p.version) {
            return makeError(ErrorCode::ConflictingEdit,
                             QStringLiteral("Someone else changed this provider after you opened it. Nothing was saved: "
                                            "reopen it and make your change again."));
        }
    }
    const bool bankChanged = p.id == 0 ? p.hasBankDetails()
                                       : (before.bankSortCode != p.bankSortCode
                                          || before.bankAccountNumber != p.bankAccountNumber
                                          || before.bankAccountName != p.bankAccountName.trimmed());
    if (p.id == 0) {
        p.bankVerifiedBy.clear();  // never taken from the caller
        p.bankVerifiedAtUtc = {};
        p.bankEnteredBy.clear();
    }
    if (bankChanged) {
        // New or changed bank details must be confirmed again by calling the provider back (payment fraud), by
        // someone who changed none of them since the last confirmation.
        QStringList changedBy = before.bankVerified() || p.id == 0
            ? QStringList {}
            : before.bankEnteredBy.split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (p.hasBankDetails() && !changedBy.contains(me)) {
            changedBy << me;
        }
        p.bankEnteredBy = p.hasBankDetails() ? changedBy.join(QLatin1Char(',')) : QString();
        p.bankVerifiedBy.clear();
        p.bankVerifiedAtUtc = {};
    } else if (p.id != 0) {
        p.bankEnteredBy = before.bankEnteredBy;
        p.bankVerifiedBy = before.bankVerifiedBy;
        p.bankVerifiedAtUtc = before.bankVerifiedAtUtc;
    }
    auto write = p.id == 0
        ? db.prepare("INSERT INTO therapy_providers (name, organisation, professional_body, registration_number, contact, "
                     "payment_terms_days, bank_account_name, bank_sort_code, bank_account_number, bank_entered_by, "
                     "bank_verified_by, bank_verified_at, active, updated_by, updated_at, version) "
                     "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1)")
        : db.prepare("UPDATE therapy_providers SET name = ?2, organisation = ?3, professional_body = ?4, "
                     "registration_number = ?5, contact = ?6, payment_terms_days = ?7, bank_account_name = ?8, "
                     "bank_sort_code = ?9, bank_account_number = ?10, bank_entered_by = ?11, bank_verified_by = ?12, "
                     "bank_verified_at = ?13, active = ?14, updated_by = ?15, updated_at = ?16, version = version + 1 "
                     "WHERE id = ?1");
    if (!write) {
        return write.error();
    }
    if (p.id != 0) {
        write->bind(1, p.id);
    }
    write->bind(2, p.name)
        .bind(3, notNull(p.organisation.trimmed()))
        .bind(4, notNull(p.professionalBody.trimmed()))
        .bind(5, notNull(p.registrationNumber.trimmed()))
        .bind(6, notNull(p.contact.trimmed()))
        .bind(7, p.paymentTermsDays)
        .bind(8, notNull(p.bankAccountName.trimmed()))
        .bind(9, notNull(p.bankSortCode))
        .bind(10, notNull(p.bankAccountNumber))
        .bind(11, notNull(p.bankEnteredBy))
        .bind(12, notNull(p.bankVerifiedBy))
        .bind(13, notNull(p.bankVerifiedAtUtc.isValid() ? isoUtc(p.bankVerifiedAtUtc) : QString()))
        .bind(14, p.active)
        .bind(15, me)
        .bind(16, isoUtc(m_vault.now()));
    if (auto ran = write->run(); !ran) {
        return ran.error();
    }
    const qint64 id = p.id == 0 ? db.lastInsertRowId() : p.id;
    QJsonObject detail{{QStringLiteral("providerId"), id}};
    const QJsonObject changes = changesBetween(p.id == 0 ? QJsonObject{} : providerJson(before), providerJson(p));
    if (!changes.isEmpty()) {
        detail.insert(QStringLiteral("changes"), changes);
    }
    if (bankChanged) {
        detail.insert(QStringLiteral("bankDetailsChanged"), true);
    }
    if (auto logged = m_vault.audit(p.id == 0 ? QStringLiteral("therapy.provider.add")
                                              : QStringLiteral("therapy.provider.update"),
                                    QStringLiteral("therapy-provider"), QString::number(id), detail);
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetchProvider(id);
}

Result<Provider> TherapyService::verifyProviderBank(qint64 providerId, int expectedVersion)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    const QString me = m_vault.currentUser().username;
    if (!m_cases.isSupervisor()) {
        return refuse(QStringLiteral("verify a provider's bank details"), QString::number(providerId),
                      QStringLiteral("Only a supervisor can confirm a provider's bank details."));
    }
    if (auto seen = fetchProvider(providerId); !seen) {
        return seen.error();
    } else if (seen->version == expectedVersion
               && seen->bankEnteredBy.split(QLatin1Char(','), Qt::SkipEmptyParts).contains(me)) {
        return refuse(QStringLiteral("verify bank details they entered"), QString::number(providerId),
                      QStringLiteral("You entered or changed these bank details, so another supervisor must confirm "
                                     "them by calling the provider back on a number from an independent source."));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto current = fetchProvider(providerId);
    if (!current) {
        return current.error();
    }
    if (current->version != expectedVersion) {
        return makeError(ErrorCode::ConflictingEdit,
                         QStringLiteral("The provider's details changed after you opened them. Nothing was saved: "
                                        "reopen them and check the bank details again before confirming."));
    }
    if (!current->hasBankDetails()) {
        return invalid(QStringLiteral("%1 has no bank details to verify yet.").arg(current->name));
    }
    if (current->bankVerified()) {
        return invalid(QStringLiteral("%1's bank details were already confirmed by %2.")
                           .arg(current->name, current->bankVerifiedBy));
    }
    if (current->bankEnteredBy.split(QLatin1Char(','), Qt::SkipEmptyParts).contains(me)) {  // audited above
        return denied(QStringLiteral("You entered or changed these bank details, so another supervisor must confirm "
                                     "them by calling the provider back on a number from an independent source."));
    }
    auto update = db.prepare("UPDATE therapy_providers SET bank_verified_by = ?2, bank_verified_at = ?3, "
                             "version = version + 1, updated_by = ?2, updated_at = ?3 WHERE id = ?1");
    if (!update) {
        return update.error();
    }
    if (auto ran = update->bind(1, providerId).bind(2, me).bind(3, isoUtc(m_vault.now())).run(); !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("therapy.provider.bank-verified"), QStringLiteral("therapy-provider"),
                                    QString::number(providerId),
                                    {{QStringLiteral("bankAccount"),
                                      QStringLiteral("ending %1").arg(current->bankAccountNumber.right(2))},
                                     {QStringLiteral("enteredBy"), current->bankEnteredBy}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetchProvider(providerId);
}

// --- Requests -----------------------------------------------------------------------------------------------

Result<std::vector<TherapyRequest>> TherapyService::requests(qint64 caseId)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (auto c = requireCase(caseId); !c) {
        return c.error();
    }
    const QByteArray sqlText = QByteArray("SELECT ") + kRequestColumns + "WHERE r.case_id = ?1 ORDER BY r.id";
    auto stmt = m_vault.connection().prepare(sqlText.constData());
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, caseId);
    std::vector<TherapyRequest> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        out.push_back(requestFrom(*stmt));
    }
    return out;
}

Result<TherapyRequest> TherapyService::request(qint64 requestId)
{
    return requireRequest(requestId);
}

Result<TherapyRequest> TherapyService::createRequest(const TherapyRequest& draft)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    auto record = requireCase(draft.caseId);
    if (!record) {
        return record.error();
    }
    if (const QStringList problems = detailProblems(draft, false); !problems.isEmpty()) {
        return invalid(QStringLiteral("The request was not saved: %1.").arg(problemsText(problems)));
    }
    if (draft.providerId != 0) {
        if (auto p = fetchProvider(draft.providerId); !p) {
            return p.error();
        }
    }
    const QDate requestedOn = draft.requestedOn.isValid() ? draft.requestedOn : today();
    if (requestedOn > today()) {
        return invalid(QStringLiteral("The request was not saved: the date requested (%1) is in the future.")
                           .arg(deadlines::ukShortDate(requestedOn)));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto insert = db.prepare("INSERT INTO therapy_requests (case_id, fund_year, requester, requested_on, funding, risk, "
                             "modality, delivery, status, updated_by, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?3, ?10)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, draft.caseId)
        .bind(2, fundYearOf(requestedOn, yearStartMonth()))
        .bind(3, m_vault.currentUser().username)
        .bind(4, dateText(requestedOn))
        .bind(5, fundingRouteId(draft.funding))
        .bind(6, riskLevelId(riskFrom(record->safeguarding)))
        .bind(7, modalityId(draft.modality))
        .bind(8, deliveryId(draft.delivery))
        .bind(9, statusId(RequestStatus::Draft))
        .bind(10, isoUtc(m_vault.now()));
    if (auto ran = insert->run(); !ran) {
        return ran.error();
    }
    const qint64 id = db.lastInsertRowId();
    auto blank = fetch(id);
    if (!blank) {
        return blank.error();
    }
    // The fee earner's fields through the one UPDATE, so the audit entry lists every field given. Decisions,
    // money and the Rehabilitation Code proposal are never taken from the caller: they have their own calls.
    TherapyRequest after = *blank;
    after.funding = draft.funding;
    after.recommendation = draft.recommendation;
    after.diagnosis = draft.diagnosis;
    after.providerId = draft.providerId;
    after.modality = draft.modality;
    after.modalityOther = draft.modalityOther;
    after.sessionMinutes = draft.sessionMinutes;
    after.delivery = draft.delivery;
    after.frequency = draft.frequency;
    after.sessionsRequested = draft.sessionsRequested;
    after.costPerSessionPence = draft.costPerSessionPence;
    after.vat = draft.vat;
    after.feesPence = draft.feesPence;
    after.reviewAfterSessions = draft.reviewAfterSessions;
    after.reviewOn = draft.reviewOn;
    after.recoverabilityAgreed = draft.recoverabilityAgreed;
    after.reportsShareable = draft.reportsShareable;
    if (auto stored = store(*blank, after, QStringLiteral("therapy.request.create")); !stored) {
        return stored.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(id);
}

Result<TherapyRequest> TherapyService::updateRequest(const TherapyRequest& edited)
{
    auto before = requireRequest(edited.id);
    if (!before) {
        return before.error();
    }
    if (!isEditable(before->status)) {
        return invalid(QStringLiteral("A request that is %1 cannot be edited: its approved figures change only by a "
                                      "supervisor's decision (ask for an extension instead).")
                           .arg(statusLabel(before->status).toLower()));
    }
    if (const QStringList problems = detailProblems(edited, false); !problems.isEmpty()) {
        return invalid(QStringLiteral("The request was not saved: %1.").arg(problemsText(problems)));
    }
    if (edited.providerId != 0 && edited.providerId != before->providerId) {
        if (auto p = fetchProvider(edited.providerId); !p) {
            return p.error();
        }
    }
    auto record = requireCase(before->caseId);
    if (!record) {
        return record.error();
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(edited.id, edited.version);
    if (!current) {
        return current.error();
    }
    TherapyRequest after = *current;
    after.funding = edited.funding;
    after.recommendation = edited.recommendation;
    after.diagnosis = edited.diagnosis;
    after.providerId = edited.providerId;
    after.modality = edited.modality;
    after.modalityOther = edited.modalityOther;
    after.sessionMinutes = edited.sessionMinutes;
    after.delivery = edited.delivery;
    after.frequency = edited.frequency;
    after.sessionsRequested = edited.sessionsRequested;
    after.costPerSessionPence = edited.costPerSessionPence;
    after.vat = edited.vat;
    after.feesPence = edited.feesPence;
    after.reviewAfterSessions = edited.reviewAfterSessions;
    after.reviewOn = edited.reviewOn;
    after.recoverabilityAgreed = edited.recoverabilityAgreed;
    after.reportsShareable = edited.reportsShareable;
    after.risk = riskFrom(record->safeguarding);
    if (after.sessionsRequested != current->sessionsRequested || after.costPerSessionPence != current->costPerSessionPence
        || after.feesPence != current->feesPence || after.vat != current->vat || after.providerId != current->providerId) {
        after.figuresEditedBy = m_vault.currentUser().username;  // they may not approve it (four eyes)
    }
    if (auto stored = store(*current, after, QStringLiteral("therapy.request.update")); !stored) {
        return stored.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(edited.id);
}

Result<TherapyRequest> TherapyService::transition(qint64 requestId, RequestStatus to, int expectedVersion,
                                                  const QString& note)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    auto record = requireCase(seen->caseId);
    if (!record) {
        return record.error();
    }
    if (needsSupervisor(seen->status, to) && isAllowed(seen->status, to) && !m_cases.isSupervisor()) {
        return refuse(QStringLiteral("sign off therapy money"), QString::number(requestId),
                      QStringLiteral("Only a supervisor can reconcile or close a funded request: it signs off the "
                                     "money paid and recovered."));
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    const RequestStatus from = current->status;
    if (isDecision(from, to)) {
        return invalid(QStringLiteral("%1 is a supervisor's decision: use Approve, Reject or the extension decision, "
                                      "which check the approver's authority and the budget.")
                           .arg(statusLabel(to)));
    }
    if (to == RequestStatus::ExtensionRequested) {
        return invalid(QStringLiteral("Ask for an extension with the number of extra sessions and the reason."));
    }
    if (!isAllowed(from, to)) {
        return invalid(transitionRefusal(from, to));
    }
    if (needsSupervisor(from, to) && !m_cases.isSupervisor()) {
        return denied(QStringLiteral("Only a supervisor can reconcile or close a funded request: it signs off the "
                                     "money paid and recovered."));  // audited before the transaction, above
    }
    QStringList problems;
    switch (to) {
    case RequestStatus::Submitted:
        problems = detailProblems(*current, false);
        if (current->recommendation.trimmed().isEmpty() && current->diagnosis.trimmed().isEmpty()) {
            problems << QStringLiteral("give the clinical basis (who recommended the therapy, or the diagnosis)");
        }
        if (current->sessionsRequested <= 0) {
            problems << QStringLiteral("say how many sessions are requested");
        }
        break;
    case RequestStatus::QuoteObtained:
        if (current->providerId == 0) {
            problems << QStringLiteral("choose the provider who quoted");
        }
        if (current->costPerSessionPence <= 0) {
            problems << QStringLiteral("enter the quoted cost per session");
        }
        break;
    case RequestStatus::AwaitingApproval:
        problems = detailProblems(*current, true);
        break;
    case RequestStatus::ProviderInstructed: {
        auto p = fetchProvider(current->providerId);
        if (!p) {
            return p.error();
        }
        if (!p->active) {
            problems << QStringLiteral("%1 is no longer an active provider").arg(p->name);
        }
        break;
    }
    case RequestStatus::Reconciled: {
        auto open = m_vault.connection().prepare(
            "SELECT COUNT(*) FROM therapy_invoices i WHERE i.request_id = ?1 AND NOT i.disputed AND i.amount_pence > "
            "(SELECT COALESCE(SUM(y.amount_pence), 0) FROM therapy_payments y WHERE y.invoice_id = i.id)");
        if (!open) {
            return open.error();
        }
        open->bind(1, requestId);
        if (auto row = open->step(); !row) {
            return row.error();
        }
        if (open->int64(0) > 0) {
            problems << QStringLiteral("%1 invoice(s) are still unpaid: pay them or mark them disputed first")
                            .arg(open->int64(0));
        }
        break;
    }
    case RequestStatus::Closed:
        if (from == RequestStatus::Reconciled
            && current->recoveredPence + current->writtenOffPence != current->paidPence) {
            problems << QStringLiteral("%1 was paid but only %2 is accounted for: record the amount recovered at "
                                       "settlement, or write the rest off with a reason")
                            .arg(gbp(current->paidPence), gbp(current->recoveredPence + current->writtenOffPence));
        }
        break;
    default:
        break;
    }
    if (!problems.isEmpty()) {
        return invalid(QStringLiteral("The request cannot be marked %1 yet: %2.")
                           .arg(statusLabel(to).toLower(), problemsText(problems)));
    }
    TherapyRequest after = *current;
    after.status = to;
    after.risk = riskFrom(record->safeguarding);
    if (to == RequestStatus::AwaitingApproval) {
        after.submittedBy = m_vault.currentUser().username;
    }
    if (to == RequestStatus::InTherapy && from == RequestStatus::ReviewDue) {
        after.reviewOn = {};  // the review was held
    }
    QJsonObject detail{{QStringLiteral("from"), statusId(from)}, {QStringLiteral("to"), statusId(to)}};
    if (!note.trimmed().isEmpty()) {
        detail.insert(QStringLiteral("note"), note.trimmed());
    }
    if (auto stored = store(*current, after, QStringLiteral("therapy.request.status"), detail); !stored) {
        return stored.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

Result<TherapyRequest> TherapyService::approve(qint64 requestId, const ApprovalInput& input, int expectedVersion)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    const QString me = m_vault.currentUser().username;
    const QString entity = QString::number(requestId);
    if (!m_cases.isSupervisor()) {
        return refuse(QStringLiteral("approve a therapy request"), entity,
                      QStringLiteral("Only a supervisor can approve therapy funding."));
    }
    if (seen->requester == me || seen->submittedBy == me || seen->figuresEditedBy == me) {
        return refuse(QStringLiteral("approve a therapy request they asked for, sent or priced"), entity,
                      seen->requester == me
                          ? QStringLiteral("You asked for this therapy, so another supervisor must approve it (four eyes).")
                          : QStringLiteral("You sent this request for approval or changed its figures, so another "
                                           "supervisor must approve it (four eyes)."));
    }
    // The authority check before the write transaction, so its refusal stays in the audit log (a refusal written
    // inside the transaction would roll back with it). A change meanwhile fails the version check below.
    if (seen->version == expectedVersion && input.sessions > 0 && input.sessions <= seen->sessionsRequested) {
        TherapyRequest priced = *seen;
        priced.sessionsApproved = input.sessions;
        auto limit = limitOf(me);
        if (!limit) {
            return limit.error();
        }
        if (priced.capPence() > *limit) {
            return refuse(QStringLiteral("approve therapy over their authority limit"), entity,
                          QStringLiteral("The approved total, %1, is over your approval limit of %2. Ask a supervisor "
                                         "with a higher limit, or approve fewer sessions.")
                              .arg(gbp(priced.capPence()), gbp(*limit)));
        }
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    if (current->status != RequestStatus::AwaitingApproval) {
        return invalid(transitionRefusal(current->status, RequestStatus::Approved));
    }
    if (input.sessions <= 0 || input.sessions > current->sessionsRequested) {
        return invalid(QStringLiteral("Approve between 1 and %1 sessions (the number requested).")
                           .arg(current->sessionsRequested));
    }
    if (input.reviewOn.isValid() && input.reviewOn < today()) {
        return invalid(QStringLiteral("The review date %1 has already passed.").arg(deadlines::ukShortDate(input.reviewOn)));
    }
    TherapyRequest after = *current;
    after.sessionsApproved = input.sessions;
    const qint64 cap = after.capPence();
    auto limit = limitOf(me);
    if (!limit) {
        return limit.error();
    }
    if (cap > *limit) {  // checked (and audited) above; here only if the limit changed meanwhile
        return denied(QStringLiteral("The approved total, %1, is over your approval limit of %2. Ask a supervisor "
                                     "with a higher limit, or approve fewer sessions.")
                          .arg(gbp(cap), gbp(*limit)));
    }
    const int year = fundYearOf(today(), yearStartMonth());
    auto budget = computeBudget(year);
    if (!budget) {
        return budget.error();
    }
    const QString reason = input.budgetOverrideReason.trimmed();
    if (cap > budget->remainingPence && reason.isEmpty()) {
        return invalid(QStringLiteral("Approving %1 would exceed what is left of the %2 therapy fund (%3) by %4. "
                                      "Give your reason to approve it over budget, or approve fewer sessions.")
                           .arg(gbp(cap), fundYearLabel(year, yearStartMonth()), gbp(budget->remainingPence),
                                gbp(cap - budget->remainingPence)));
    }
    after.status = RequestStatus::Approved;
    after.fundYear = year;
    after.approver = me;
    after.decidedOn = today();
    after.conditions = input.conditions.trimmed();
    if (input.reviewOn.isValid()) {
        after.reviewOn = input.reviewOn;
    }
    if (input.reviewAfterSessions > 0) {
        after.reviewAfterSessions = input.reviewAfterSessions;
    }
    after.budgetOverrideReason = cap > budget->remainingPence ? reason : QString();
    QJsonObject detail{{QStringLiteral("capPence"), cap}, {QStringLiteral("authorityLimitPence"), *limit},
                       {QStringLiteral("fundYear"), year}};
    if (!after.budgetOverrideReason.isEmpty()) {
        detail.insert(QStringLiteral("budgetOverride"), after.budgetOverrideReason);
        detail.insert(QStringLiteral("remainingBeforePence"), budget->remainingPence);
    }
    if (auto stored = store(*current, after, QStringLiteral("therapy.request.approve"), detail); !stored) {
        return stored.error();
    }
    if (auto decided = addDecision(*current, after, *limit, after.conditions); !decided) {
        return decided.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

Result<TherapyRequest> TherapyService::reject(qint64 requestId, const QString& reason, int expectedVersion)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    if (!m_cases.isSupervisor()) {
        return refuse(QStringLiteral("reject a therapy request"), QString::number(requestId),
                      QStringLiteral("Only a supervisor can reject a therapy request."));
    }
    if (seen->requester == m_vault.currentUser().username) {
        return refuse(QStringLiteral("reject their own therapy request"), QString::number(requestId),
                      QStringLiteral("You asked for this therapy, so another supervisor decides on it (four eyes). To "
                                     "take it back, withdraw it instead."));
    }
    if (reason.trimmed().isEmpty()) {
        return invalid(QStringLiteral("Say why the request is rejected: the fee earner and the client need to know."));
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    if (current->status != RequestStatus::AwaitingApproval) {
        return invalid(transitionRefusal(current->status, RequestStatus::Rejected));
    }
    auto limit = limitOf(m_vault.currentUser().username);
    if (!limit) {
        return limit.error();
    }
    TherapyRequest after = *current;
    after.status = RequestStatus::Rejected;
    after.approver = m_vault.currentUser().username;
    after.decidedOn = today();
    after.rejectionReason = reason.trimmed();
    if (auto stored = store(*current, after, QStringLiteral("therapy.request.reject"),
                            {{QStringLiteral("reason"), after.rejectionReason}});
        !stored) {
        return stored.error();
    }
    if (auto decided = addDecision(*current, after, *limit, after.rejectionReason); !decided) {
        return decided.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

Result<TherapyRequest> TherapyService::requestExtension(qint64 requestId, int sessions, const QString& reason,
                                                        int expectedVersion)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    auto record = requireCase(seen->caseId);
    if (!record) {
        return record.error();
    }
    if (sessions <= 0 || sessions > 500) {
        return invalid(QStringLiteral("Ask for between 1 and 500 extra sessions."));
    }
    if (reason.trimmed().isEmpty()) {
        return invalid(QStringLiteral("Give the reason for more sessions (for example the therapist's progress report)."));
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    if (!isAllowed(current->status, RequestStatus::ExtensionRequested)) {
        return invalid(transitionRefusal(current->status, RequestStatus::ExtensionRequested));
    }
    TherapyRequest after = *current;
    after.status = RequestStatus::ExtensionRequested;
    after.extensionSessions = sessions;
    after.extensionReason = reason.trimmed();
    after.extensionRequestedBy = m_vault.currentUser().username;
    after.risk = riskFrom(record->safeguarding);
    if (auto stored = store(*current, after, QStringLiteral("therapy.request.extension"),
                            {{QStringLiteral("sessions"), sessions}, {QStringLiteral("reason"), after.extensionReason}});
        !stored) {
        return stored.error();
    }
    Task task;
    task.title = QStringLiteral("Decide the therapy extension (%1 more sessions)").arg(sessions);
    task.due = today().addDays(7);
    task.assignee = record->supervisor;
    if (auto added = m_cases.addTask(current->caseId, task); !added) {
        return added.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

Result<TherapyRequest> TherapyService::approveExtension(qint64 requestId, const ApprovalInput& input,
                                                        int expectedVersion)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    const QString me = m_vault.currentUser().username;
    const QString entity = QString::number(requestId);
    if (!m_cases.isSupervisor()) {
        return refuse(QStringLiteral("approve a therapy extension"), entity,
                      QStringLiteral("Only a supervisor can approve more sessions."));
    }
    if (seen->requester == me || seen->extensionRequestedBy == me) {
        return refuse(QStringLiteral("approve an extension they asked for"), entity,
                      QStringLiteral("You asked for this therapy or for the extension, so another supervisor must "
                                     "approve it (four eyes)."));
    }
    if (seen->version == expectedVersion && seen->status == RequestStatus::ExtensionRequested && input.sessions > 0
        && input.sessions <= seen->extensionSessions) {
        TherapyRequest priced = *seen;
        priced.sessionsApproved = seen->sessionsApproved + input.sessions;
        auto limit = limitOf(me);
        if (!limit) {
            return limit.error();
        }
        if (priced.capPence() > *limit) {
            return refuse(QStringLiteral("approve therapy over their authority limit"), entity,
                          QStringLiteral("With the extension the approved total would be %1, over your approval limit "
                                         "of %2. Ask a supervisor with a higher limit.")
                              .arg(gbp(priced.capPence()), gbp(*limit)));
        }
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    if (current->status != RequestStatus::ExtensionRequested) {
        return invalid(transitionRefusal(current->status, RequestStatus::ApprovedExtension));
    }
    if (input.sessions <= 0 || input.sessions > current->extensionSessions) {
        return invalid(QStringLiteral("Approve between 1 and %1 extra sessions (the number asked for).")
                           .arg(current->extensionSessions));
    }
    TherapyRequest after = *current;
    after.sessionsApproved = current->sessionsApproved + input.sessions;
    after.sessionsRequested = std::max(current->sessionsRequested, after.sessionsApproved);
    const qint64 cap = after.capPence();
    const qint64 extra = cap - current->capPence();
    auto limit = limitOf(me);
    if (!limit) {
        return limit.error();
    }
    if (cap > *limit) {  // checked (and audited) above; here only if the limit changed meanwhile
        return denied(QStringLiteral("With the extension the approved total would be %1, over your approval limit of "
                                     "%2. Ask a supervisor with a higher limit.")
                          .arg(gbp(cap), gbp(*limit)));
    }
    auto budget = computeBudget(current->fundYear);
    if (!budget) {
        return budget.error();
    }
    const QString reason = input.budgetOverrideReason.trimmed();
    if (extra > budget->remainingPence && reason.isEmpty()) {
        return invalid(QStringLiteral("The extension (%1) would exceed what is left of the %2 therapy fund (%3) by %4. "
                                      "Give your reason to approve it over budget, or approve fewer sessions.")
                           .arg(gbp(extra), fundYearLabel(current->fundYear, yearStartMonth()),
                                gbp(budget->remainingPence), gbp(extra - budget->remainingPence)));
    }
    after.status = RequestStatus::ApprovedExtension;  // the funding's approver stays; this one is in the decisions
    after.decidedOn = today();
    after.conditions = input.conditions.trimmed().isEmpty() ? current->conditions : input.conditions.trimmed();
    if (input.reviewOn.isValid()) {
        after.reviewOn = input.reviewOn;
    }
    if (input.reviewAfterSessions > 0) {
        after.reviewAfterSessions = input.reviewAfterSessions;
    }
    after.budgetOverrideReason = extra > budget->remainingPence ? reason : current->budgetOverrideReason;
    after.extensionSessions = 0;
    QJsonObject detail{{QStringLiteral("extraSessions"), input.sessions}, {QStringLiteral("capPence"), cap},
                       {QStringLiteral("authorityLimitPence"), *limit}};
    if (extra > budget->remainingPence) {
        detail.insert(QStringLiteral("budgetOverride"), reason);
        detail.insert(QStringLiteral("remainingBeforePence"), budget->remainingPence);
    }
    if (auto stored = store(*current, after, QStringLiteral("therapy.extension.approve"), detail); !stored) {
        return stored.error();
    }
    if (auto decided = addDecision(*current, after, *limit, input.conditions.trimmed()); !decided) {
        return decided.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

Result<TherapyRequest> TherapyService::refuseExtension(qint64 requestId, const QString& reason, int expectedVersion)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    if (!m_cases.isSupervisor()) {
        return refuse(QStringLiteral("refuse a therapy extension"), QString::number(requestId),
                      QStringLiteral("Only a supervisor can decide an extension."));
    }
    if (seen->requester == m_vault.currentUser().username || seen->extensionRequestedBy == m_vault.currentUser().username) {
        return refuse(QStringLiteral("decide an extension they asked for"), QString::number(requestId),
                      QStringLiteral("You asked for this therapy, so another supervisor decides the extension (four "
                                     "eyes)."));
    }
    if (reason.trimmed().isEmpty()) {
        return invalid(QStringLiteral("Say why the extension is refused: the fee earner and the therapist need to know."));
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    if (current->status != RequestStatus::ExtensionRequested) {
        return invalid(transitionRefusal(current->status, RequestStatus::Ending));
    }
    auto limit = limitOf(m_vault.currentUser().username);
    if (!limit) {
        return limit.error();
    }
    TherapyRequest after = *current;
    after.status = RequestStatus::Ending;
    after.extensionSessions = 0;
    after.decidedOn = today();
    if (auto stored = store(*current, after, QStringLiteral("therapy.extension.refuse"),
                            {{QStringLiteral("reason"), reason.trimmed()}});
        !stored) {
        return stored.error();
    }
    if (auto decided = addDecision(*current, after, *limit, reason.trimmed()); !decided) {
        return decided.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

Result<std::vector<Decision>> TherapyService::decisions(qint64 requestId)
{
    if (auto r = requireRequest(requestId); !r) {
        return r.error();
    }
    auto stmt = m_vault.connection().prepare(
        "SELECT id, from_status, to_status, decided_by, decided_at, sessions_approved, cap_pence, "
        "authority_limit_pence, budget_override_reason, note FROM therapy_decisions WHERE request_id = ?1 ORDER BY id");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, requestId);
    std::vector<Decision> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        Decision d;
        d.id = stmt->int64(0);
        d.from = statusFromId(stmt->text(1)).value_or(RequestStatus::AwaitingApproval);
        d.to = statusFromId(stmt->text(2)).value_or(RequestStatus::Approved);
        d.by = stmt->text(3);
        d.atUtc = utcFrom(stmt->text(4));
        d.sessionsApproved = static_cast<int>(stmt->int64(5));
        d.capPence = stmt->int64(6);
        d.authorityLimitPence = stmt->int64(7);
        d.budgetOverrideReason = stmt->text(8);
        d.note = stmt->text(9);
        out.push_back(d);
    }
    return out;
}

Result<TherapyRequest> TherapyService::recordRehabProposal(qint64 requestId, const QDate& receivedOn,
                                                           int expectedVersion)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    if (seen->funding != FundingRoute::RehabilitationCode) {
        return invalid(QStringLiteral("This request is funded by the %1, not under the Rehabilitation Code: change its "
                                      "funding route first.")
                           .arg(fundingRouteLabel(seen->funding).toLower()));
    }
    if (!receivedOn.isValid()) {
        return invalid(QStringLiteral("Enter the date the compensator received the proposal."));
    }
    if (receivedOn > today()) {
        return invalid(QStringLiteral("%1 is in the future: record the proposal once the compensator has received it.")
                           .arg(deadlines::ukShortDate(receivedOn)));
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    if (current->rehabProposalReceivedOn.isValid()) {
        return invalid(QStringLiteral("The proposal was already recorded as received on %1. To correct it, remove that "
                                      "event on the case's Deadlines tab first.")
                           .arg(deadlines::ukShortDate(current->rehabProposalReceivedOn)));
    }
    TherapyRequest after = *current;
    after.rehabProposalReceivedOn = receivedOn;
    if (auto stored = store(*current, after, QStringLiteral("therapy.rehab-proposal"),
                            {{QStringLiteral("receivedOn"), dateText(receivedOn)}});
        !stored) {
        return stored.error();
    }
    deadlines::Event event;
    event.type = deadlines::EventType::RehabilitationProposalReceived;
    event.date = receivedOn;
    event.party = deadlines::ActingParty::Opponent;  // the compensator replies
    if (auto added = m_deadlines.addEvent(current->caseId, event,
                                          QStringLiteral("Therapy request %1: Rehabilitation Code proposal").arg(requestId));
        !added) {
        return added.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

// --- Sessions -----------------------------------------------------------------------------------------------

Result<std::vector<TherapySession>> TherapyService::sessions(qint64 requestId)
{
    if (auto r = requireRequest(requestId); !r) {
        return r.error();
    }
    auto stmt = m_vault.connection().prepare(
        "SELECT id, request_id, held_on, outcome, charged, beyond_approved, note, recorded_by, recorded_at "
        "FROM therapy_sessions WHERE request_id = ?1 ORDER BY held_on, id");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, requestId);
    std::vector<TherapySession> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        TherapySession s;
        s.id = stmt->int64(0);
        s.requestId = stmt->int64(1);
        s.heldOn = dateFrom(stmt->text(2));
        s.outcome = sessionOutcomeFromId(stmt->text(3)).value_or(SessionOutcome::Attended);
        s.charged = stmt->int64(4) != 0;
        s.beyondApproved = stmt->int64(5) != 0;
        s.note = stmt->text(6);
        s.recordedBy = stmt->text(7);
        s.recordedAtUtc = utcFrom(stmt->text(8));
        out.push_back(s);
    }
    return out;
}

Result<TherapySession> TherapyService::logSession(qint64 requestId, const TherapySession& input)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    if (!input.heldOn.isValid()) {
        return invalid(QStringLiteral("Enter the date of the session."));
    }
    if (input.heldOn > today()) {
        return invalid(QStringLiteral("%1 is in the future: log a session once it has taken place.").arg(deadlines::ukShortDate(input.heldOn)));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto current = fetch(requestId);  // sessions do not conflict with each other: no version check
    if (!current) {
        return current.error();
    }
    if (!acceptsSessions(current->status)) {
        return invalid(QStringLiteral("Sessions can be logged once the provider is instructed and until therapy ends "
                                      "(the request is %1).")
                           .arg(statusLabel(current->status).toLower()));
    }
    // Sessions count from the first approval (a later extension decision does not move it: monthly invoices
    // mean sessions are often logged weeks after they were held).
    auto approvedAt = db.prepare("SELECT MIN(decided_at) FROM therapy_decisions WHERE request_id = ?1 AND to_status = ?2");
    if (!approvedAt) {
        return approvedAt.error();
    }
    approvedAt->bind(1, requestId).bind(2, statusId(RequestStatus::Approved));
    if (auto row = approvedAt->step(); !row) {
        return row.error();
    }
    const QDate approvedOn = approvedAt->isNull(0) ? QDate() : utcFrom(approvedAt->text(0)).toLocalTime().date();
    approvedAt->reset();
    if (approvedOn.isValid() && input.heldOn < approvedOn) {
        return invalid(QStringLiteral("The session on %1 is before the funding was approved (%2): the fund does not "
                                      "pay for it. Record it in a note instead.")
                           .arg(deadlines::ukShortDate(input.heldOn), deadlines::ukShortDate(approvedOn)));
    }
    const int usedAfter = current->sessionsUsed + (input.charged ? 1 : 0);
    const bool beyond = input.charged && usedAfter > current->sessionsApproved;
    auto insert = db.prepare("INSERT INTO therapy_sessions (request_id, held_on, outcome, charged, beyond_approved, note, "
                             "recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, requestId)
        .bind(2, dateText(input.heldOn))
        .bind(3, sessionOutcomeId(input.outcome))
        .bind(4, input.charged)
        .bind(5, beyond)
        .bind(6, notNull(input.note.trimmed()))
        .bind(7, m_vault.currentUser().username)
        .bind(8, isoUtc(m_vault.now()));
    if (auto ran = insert->run(); !ran) {
        return ran.error();
    }
    const qint64 sessionId = db.lastInsertRowId();

    // What the session changes: therapy has started; the review point is reached; or, past the approved count,
    // an extension request goes to the supervisor instead of a silent overrun.
    TherapyRequest after = *current;
    if (after.status == RequestStatus::ProviderInstructed || after.status == RequestStatus::ApprovedExtension) {
        after.status = RequestStatus::InTherapy;
    }
    if (beyond && isAllowed(after.status, RequestStatus::ExtensionRequested)) {
        after.status = RequestStatus::ExtensionRequested;
        after.extensionSessions = std::max(after.extensionSessions, usedAfter - after.sessionsApproved);
        after.extensionRequestedBy.clear();  // raised by the session log, not by a person
        after.extensionReason = QStringLiteral("A session on %1 went beyond the %2 approved.")
                                    .arg(deadlines::ukShortDate(input.heldOn))
                                    .arg(after.sessionsApproved);
    } else if (beyond && after.status == RequestStatus::ExtensionRequested) {
        after.extensionSessions = std::max(after.extensionSessions, usedAfter - after.sessionsApproved);
    } else if (after.status == RequestStatus::InTherapy && after.reviewAfterSessions > 0
               && usedAfter >= after.reviewAfterSessions && current->sessionsUsed < after.reviewAfterSessions) {
        after.status = RequestStatus::ReviewDue;
    }
    QJsonObject detail{{QStringLiteral("sessionId"), sessionId},
                       {QStringLiteral("heldOn"), dateText(input.heldOn)},
                       {QStringLiteral("outcome"), sessionOutcomeId(input.outcome)},
                       {QStringLiteral("charged"), input.charged},
                       {QStringLiteral("sessionsUsed"), usedAfter},
                       {QStringLiteral("sessionsApproved"), current->sessionsApproved}};
    if (beyond) {
        detail.insert(QStringLiteral("beyondApproved"), true);
    }
    if (auto stored = store(*current, after, QStringLiteral("therapy.session.log"), detail); !stored) {
        return stored.error();
    }
    const bool raisedExtension = current->status != RequestStatus::ExtensionRequested
        && after.status == RequestStatus::ExtensionRequested;
    // Past the approved count where no extension can be asked for (therapy is ending after a refusal): the
    // session is kept and flagged, and the supervisor is told, since the fund will not pay for it.
    const bool overrunWhileEnding = beyond && after.status == RequestStatus::Ending;
    if (beyond && (raisedExtension || overrunWhileEnding)) {
        auto record = requireCase(current->caseId);
        if (!record) {
            return record.error();
        }
        Task task;
        task.title = overrunWhileEnding
            ? QStringLiteral("A therapy session was held beyond the approved sessions while therapy is ending: "
                             "the fund will not pay for it — speak to the provider")
            : QStringLiteral("Therapy went beyond the approved sessions: decide the extension");
        task.due = today().addDays(2);
        task.assignee = record->supervisor;
        task.urgent = true;
        if (auto added = m_cases.addTask(current->caseId, task); !added) {
            return added.error();
        }
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    auto all = sessions(requestId);
    if (!all) {
        return all.error();
    }
    for (const TherapySession& s : *all) {
        if (s.id == sessionId) {
            return s;
        }
    }
    return makeError(ErrorCode::Internal, QStringLiteral("The session was saved but could not be read back."));
}

// --- Invoices and payments ----------------------------------------------------------------------------------

namespace {
constexpr const char* kInvoiceColumns =
    "i.id, i.request_id, i.provider_id, i.number, i.invoice_date, i.received_on, i.period_from, i.period_to, "
    "i.sessions_covered, i.amount_pence, i.checked, i.disputed, i.dispute_reason, i.recorded_by, i.recorded_at, "
    "(SELECT COALESCE(SUM(y.amount_pence), 0) FROM therapy_payments y WHERE y.invoice_id = i.id), "
    "COALESCE(p.payment_terms_days, 30), c.reference, COALESCE(p.name, ''), r.status "
    "FROM therapy_invoices i JOIN therapy_requests r ON r.id = i.request_id JOIN cases c ON c.id = r.case_id "
    "LEFT JOIN therapy_providers p ON p.id = i.provider_id ";

Invoice invoiceFrom(const sql::Statement& s)
{
    Invoice v;
    v.id = s.int64(0);
    v.requestId = s.int64(1);
    v.providerId = s.int64(2);
    v.number = s.text(3);
    v.invoiceDate = dateFrom(s.text(4));
    v.receivedOn = dateFrom(s.text(5));
    v.periodFrom = dateFrom(s.text(6));
    v.periodTo = dateFrom(s.text(7));
    v.sessionsCovered = static_cast<int>(s.int64(8));
    v.amountPence = s.int64(9);
    v.checkedAgainstSessions = s.int64(10) != 0;
    v.disputed = s.int64(11) != 0;
    v.disputeReason = s.text(12);
    v.recordedBy = s.text(13);
    v.recordedAtUtc = utcFrom(s.text(14));
    v.paidPence = s.int64(15);
    v.dueOn = v.receivedOn.addDays(s.int64(16));
    v.caseReference = s.text(17);
    v.providerName = s.text(18);
    v.requestStatus = statusFromId(s.text(19)).value_or(RequestStatus::Draft);
    return v;
}

Result<std::vector<Invoice>> invoicesWhere(sql::Connection& db, const char* where, qint64 id)
{
    const QByteArray sqlText = QByteArray("SELECT ") + kInvoiceColumns + where;
    auto stmt = db.prepare(sqlText.constData());
    if (!stmt) {
        return stmt.error();
    }
    if (id != 0) {
        stmt->bind(1, id);
    }
    std::vector<Invoice> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        out.push_back(invoiceFrom(*stmt));
    }
    return out;
}
}  // namespace

Result<std::vector<Invoice>> TherapyService::invoices(qint64 requestId)
{
    if (auto r = requireRequest(requestId); !r) {
        return r.error();
    }
    return invoicesWhere(m_vault.connection(), "WHERE i.request_id = ?1 ORDER BY i.invoice_date, i.id", requestId);
}

Result<Invoice> TherapyService::addInvoice(qint64 requestId, const Invoice& input)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    const QDate received = input.receivedOn.isValid() ? input.receivedOn : today();
    QStringList problems;
    if (invoiceKey(input.number).isEmpty()) {
        problems << QStringLiteral("enter the provider's invoice number");
    }
    if (!input.invoiceDate.isValid()) {
        problems << QStringLiteral("enter the invoice date");
    } else if (input.invoiceDate > today()) {
        problems << QStringLiteral("the invoice date %1 is in the future").arg(deadlines::ukShortDate(input.invoiceDate));
    }
    if (received > today()) {
        problems << QStringLiteral("the date received %1 is in the future").arg(deadlines::ukShortDate(received));
    }
    if (input.invoiceDate.isValid() && received < input.invoiceDate) {
        problems << QStringLiteral("it cannot be received before it is dated");
    }
    if (input.periodFrom.isValid() && input.periodTo.isValid() && input.periodTo < input.periodFrom) {
        problems << QStringLiteral("the period ends before it starts");
    }
    if (input.amountPence <= 0 || input.amountPence > 100000000) {
        problems << QStringLiteral("the amount invoiced must be between 1p and £1,000,000");
    }
    if (input.sessionsCovered < 0) {
        problems << QStringLiteral("the number of sessions covered cannot be negative");
    }
    if (!problems.isEmpty()) {
        return invalid(QStringLiteral("The invoice was not recorded: %1.").arg(problemsText(problems)));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto current = fetch(requestId);
    if (!current) {
        return current.error();
    }
    if (!isPayable(current->status) && !acceptsSessions(current->status)) {
        return invalid(QStringLiteral("Invoices are recorded once the provider is instructed and until the request is "
                                      "reconciled (it is %1).")
                           .arg(statusLabel(current->status).toLower()));
    }
    auto dup = db.prepare("SELECT i.number, i.invoice_date, c.reference FROM therapy_invoices i "
                          "JOIN therapy_requests r ON r.id = i.request_id JOIN cases c ON c.id = r.case_id "
                          "WHERE i.provider_id = ?1 AND i.number_key = ?2");
    if (!dup) {
        return dup.error();
    }
    dup->bind(1, current->providerId).bind(2, invoiceKey(input.number));
    auto found = dup->step();
    if (!found) {
        return found.error();
    }
    if (*found) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("Invoice %1 from %2 is already recorded (dated %3, on %4). The same invoice is "
                                        "never paid twice: check with the provider whether this is a copy.")
                             .arg(dup->text(0), current->providerName, deadlines::ukShortDate(dateFrom(dup->text(1))), dup->text(2)));
    }
    dup->reset();
    auto insert = db.prepare("INSERT INTO therapy_invoices (request_id, provider_id, number, number_key, invoice_date, "
                             "received_on, period_from, period_to, sessions_covered, amount_pence, checked, disputed, "
                             "dispute_reason, recorded_by, recorded_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, requestId)
        .bind(2, current->providerId)
        .bind(3, input.number.trimmed())
        .bind(4, invoiceKey(input.number))
        .bind(5, dateText(input.invoiceDate))
        .bind(6, dateText(received))
        .bind(7, notNull(dateText(input.periodFrom)))
        .bind(8, notNull(dateText(input.periodTo)))
        .bind(9, input.sessionsCovered)
        .bind(10, input.amountPence)
        .bind(11, input.checkedAgainstSessions)
        .bind(12, input.disputed)
        .bind(13, notNull(input.disputeReason.trimmed()))
        .bind(14, m_vault.currentUser().username)
        .bind(15, isoUtc(m_vault.now()));
    if (auto ran = insert->run(); !ran) {
        return ran.error();
    }
    const qint64 invoiceId = db.lastInsertRowId();
    QJsonObject detail{{QStringLiteral("requestId"), requestId}, {QStringLiteral("invoiceId"), invoiceId},
                       {QStringLiteral("number"), input.number.trimmed()},
                       {QStringLiteral("amountPence"), input.amountPence},
                       {QStringLiteral("sessionsCovered"), input.sessionsCovered}};
    if (current->invoicedPence + input.amountPence > current->capPence()) {
        detail.insert(QStringLiteral("overCap"), true);  // recorded as received; payments stay within the cap
    }
    if (auto logged = m_vault.audit(QStringLiteral("therapy.invoice.add"), QStringLiteral("case"),
                                    current->caseReference, detail);
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    auto list = invoicesWhere(db, "WHERE i.id = ?1", invoiceId);
    if (!list || list->empty()) {
        return list ? makeError(ErrorCode::Internal, QStringLiteral("The invoice was saved but could not be read back."))
                    : list.error();
    }
    return list->front();
}

Result<Invoice> TherapyService::setInvoiceDisputed(qint64 invoiceId, bool disputed, const QString& reason)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    sql::Connection& db = m_vault.connection();
    auto found = invoicesWhere(db, "WHERE i.id = ?1", invoiceId);
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That invoice no longer exists."));
    }
    const Invoice before = found->front();
    if (auto r = requireRequest(before.requestId); !r) {
        return r.error();
    }
    if (disputed && reason.trimmed().isEmpty()) {
        return invalid(QStringLiteral("Say what is disputed (for example sessions that were not held)."));
    }
    if (before.requestStatus == RequestStatus::Reconciled || before.requestStatus == RequestStatus::Closed) {
        return invalid(QStringLiteral("The request is %1: its invoices were signed off.")
                           .arg(statusLabel(before.requestStatus).toLower()));
    }
    if (disputed && before.outstandingPence() <= 0) {
        return invalid(QStringLiteral("Invoice %1 is paid in full: there is nothing left to hold back.").arg(before.number));
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    // The request's version moves too (screens showing it are then stale); the dispute's own entry is the audit.
    auto bump = db.prepare("UPDATE therapy_requests SET version = version + 1, updated_by = ?2, updated_at = ?3 "
                           "WHERE id = ?1");
    if (!bump) {
        return bump.error();
    }
    if (auto ran = bump->bind(1, before.requestId).bind(2, m_vault.currentUser().username).bind(3, isoUtc(m_vault.now())).run();
        !ran) {
        return ran.error();
    }
    auto update = db.prepare("UPDATE therapy_invoices SET disputed = ?2, dispute_reason = ?3 WHERE id = ?1");
    if (!update) {
        return update.error();
    }
    if (auto ran = update->bind(1, invoiceId).bind(2, disputed).bind(3, notNull(reason.trimmed())).run(); !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(disputed ? QStringLiteral("therapy.invoice.dispute")
                                             : QStringLiteral("therapy.invoice.undispute"),
                                    QStringLiteral("case"), before.caseReference,
                                    {{QStringLiteral("invoiceId"), invoiceId},
                                     {QStringLiteral("number"), before.number},
                                     {QStringLiteral("reason"), reason.trimmed()}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    auto after = invoicesWhere(db, "WHERE i.id = ?1", invoiceId);
    if (!after || after->empty()) {
        return after ? makeError(ErrorCode::NotFound, QStringLiteral("That invoice no longer exists.")) : after.error();
    }
    return after->front();
}

namespace {
Result<std::vector<Payment>> paymentsOf(sql::Connection& db, qint64 requestId);
}  // namespace

Result<std::vector<Payment>> TherapyService::payments(qint64 requestId)
{
    if (auto r = requireRequest(requestId); !r) {
        return r.error();
    }
    return paymentsOf(m_vault.connection(), requestId);
}

namespace {
// A request's payments as stored (no permission check: payments() and pay() check first).
Result<std::vector<Payment>> paymentsOf(sql::Connection& db, qint64 requestId)
{
    auto stmt = db.prepare(
        "SELECT id, invoice_id, request_id, paid_on, amount_pence, method, reference, paid_from, paid_by, recorded_at "
        "FROM therapy_payments WHERE request_id = ?1 ORDER BY paid_on, id");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, requestId);
    std::vector<Payment> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        Payment p;
        p.id = stmt->int64(0);
        p.invoiceId = stmt->int64(1);
        p.requestId = stmt->int64(2);
        p.paidOn = dateFrom(stmt->text(3));
        p.amountPence = stmt->int64(4);
        p.method = stmt->text(5);
        p.reference = stmt->text(6);
        p.paidFrom = stmt->text(7);
        p.paidBy = stmt->text(8);
        p.recordedAtUtc = utcFrom(stmt->text(9));
        out.push_back(p);
    }
    return out;
}
}  // namespace

Result<Payment> TherapyService::pay(qint64 invoiceId, const Payment& input)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    sql::Connection& db = m_vault.connection();
    auto found = invoicesWhere(db, "WHERE i.id = ?1", invoiceId);
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That invoice no longer exists."));
    }
    // Payments are made by accounts or a supervisor (DOMAIN §7; issue 7). A supervisor must be able to open the case;
    // accounts never open case files, so for them only the case's restriction counts (requirePayer).
    if (!m_cases.isSupervisor() && m_vault.currentUser().role != Role::Accounts) {
        return refuse(QStringLiteral("pay a therapy invoice"), QString::number(invoiceId),
                      QStringLiteral("Only accounts or a supervisor can pay therapy invoices."));
    }
    if (auto r = requirePayer(found->front().requestId); !r) {
        return r.error();
    }
    const QDate paidOn = input.paidOn.isValid() ? input.paidOn : today();
    if (paidOn > today()) {
        return invalid(QStringLiteral("The payment date %1 is in the future: record a payment once it is made.")
                           .arg(deadlines::ukShortDate(paidOn)));
    }
    if (input.amountPence <= 0 || input.amountPence > 100000000) {
        return invalid(QStringLiteral("The amount paid must be between 1p and £1,000,000."));
    }
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    // Everything below is read again inside the write lock, so two people paying at once cannot both pass.
    auto invoice = invoicesWhere(db, "WHERE i.id = ?1", invoiceId);
    if (!invoice || invoice->empty()) {
        return invoice ? makeError(ErrorCode::NotFound, QStringLiteral("That invoice no longer exists.")) : invoice.error();
    }
    const Invoice inv = invoice->front();
    auto current = fetch(inv.requestId);
    if (!current) {
        return current.error();
    }
    if (!isPayable(current->status)) {
        return invalid(QStringLiteral("Nothing can be paid while the request is %1: payments are made only once the "
                                      "provider is instructed, and until the request is completed.")
                           .arg(statusLabel(current->status).toLower()));
    }
    auto provider = fetchProvider(inv.providerId);
    if (!provider) {
        return provider.error();
    }
    if (!provider->hasBankDetails() || !provider->bankVerified()) {
        return invalid(QStringLiteral("%1's bank details have not been confirmed by calling the provider back. Confirm "
                                      "them (another supervisor than the one who entered them) before paying.")
                           .arg(provider->name));
    }
    if (inv.disputed) {
        return invalid(QStringLiteral("Invoice %1 is disputed (%2): resolve the dispute before paying it.")
                           .arg(inv.number, inv.disputeReason));
    }
    if (paidOn < inv.invoiceDate) {
        return invalid(QStringLiteral("The payment date %1 is before the invoice's date (%2).")
                           .arg(deadlines::ukShortDate(paidOn), deadlines::ukShortDate(inv.invoiceDate)));
    }
    if (input.amountPence > inv.outstandingPence()) {
        return invalid(QStringLiteral("Invoice %1 has %2 left to pay; %3 is more than that.")
                           .arg(inv.number, gbp(inv.outstandingPence()), gbp(input.amountPence)));
    }
    // With VAT the cap rounds VAT once on the total, while providers round it on each invoice: up to 1p per
    // invoice over the cap is rounding, not an overpayment (recorded in the audit entry).
    auto invoiceCount = db.prepare("SELECT COUNT(*) FROM therapy_invoices WHERE request_id = ?1");
    if (!invoiceCount) {
        return invoiceCount.error();
    }
    invoiceCount->bind(1, inv.requestId);
    if (auto row = invoiceCount->step(); !row) {
        return row.error();
    }
    const qint64 roundingAllowance = current->vat ? invoiceCount->int64(0) : 0;
    invoiceCount->reset();
    if (current->paidPence + input.amountPence > current->capPence() + roundingAllowance) {
        return invalid(QStringLiteral("Paying %1 would take the total paid to %2, over the approved cap of %3. Ask for "
                                      "an extension, or pay at most %4.")
                           .arg(gbp(input.amountPence), gbp(current->paidPence + input.amountPence),
                                gbp(current->capPence()), gbp(std::max<qint64>(current->capPence() - current->paidPence, 0))));
    }
    auto insert = db.prepare("INSERT INTO therapy_payments (invoice_id, request_id, paid_on, amount_pence, method, "
                             "reference, paid_from, paid_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, invoiceId)
        .bind(2, inv.requestId)
        .bind(3, dateText(paidOn))
        .bind(4, input.amountPence)
        .bind(5, notNull(input.method.trimmed()))
        .bind(6, notNull(input.reference.trimmed()))
        .bind(7, notNull(input.paidFrom.trimmed()))
        .bind(8, m_vault.currentUser().username)
        .bind(9, isoUtc(m_vault.now()));
    if (auto ran = insert->run(); !ran) {
        return ran.error();
    }
    const qint64 paymentId = db.lastInsertRowId();
    // The request's version moves too: a screen showing the old "paid" figure is then stale.
    TherapyRequest after = *current;
    if (auto stored = store(*current, after, QStringLiteral("therapy.payment"),
                            {{QStringLiteral("paymentId"), paymentId},
                             {QStringLiteral("invoiceId"), invoiceId},
                             {QStringLiteral("number"), inv.number},
                             {QStringLiteral("amountPence"), input.amountPence},
                             {QStringLiteral("paidOn"), dateText(paidOn)},
                             {QStringLiteral("vatRoundingPence"),
                              std::max<qint64>(current->paidPence + input.amountPence - current->capPence(), 0)},
                             {QStringLiteral("bankAccount"),
                              QStringLiteral("ending %1").arg(provider->bankAccountNumber.right(2))}});
        !stored) {
        return stored.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    auto list = paymentsOf(db, inv.requestId);  // checked above (requirePayer): accounts may not read the request
    if (!list) {
        return list.error();
    }
    for (const Payment& p : *list) {
        if (p.id == paymentId) {
            return p;
        }
    }
    return makeError(ErrorCode::Internal, QStringLiteral("The payment was saved but could not be read back."));
}

// --- Recovery -----------------------------------------------------------------------------------------------

Result<TherapyRequest> TherapyService::recordRecovery(qint64 requestId, bool claimedInSchedule, qint64 recoveredPence,
                                                      int expectedVersion)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    if (recoveredPence < 0 || recoveredPence > 100000000000LL) {
        return invalid(QStringLiteral("The amount recovered must be between £0 and £1,000,000,000."));
    }
    if (seen->status == RequestStatus::Closed) {
        return invalid(QStringLiteral("The request is closed: its recovery was signed off when it was closed."));
    }
    if (seen->status == RequestStatus::Reconciled && !m_cases.isSupervisor()) {
        return refuse(QStringLiteral("change the recovery of a reconciled request"), QString::number(requestId),
                      QStringLiteral("The request is reconciled: only a supervisor can change what was recovered."));
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    if (recoveredPence + current->writtenOffPence > current->paidPence) {
        return invalid(QStringLiteral("%1 recovered plus %2 written off is more than the %3 paid. Check the figures.")
                           .arg(gbp(recoveredPence), gbp(current->writtenOffPence), gbp(current->paidPence)));
    }
    TherapyRequest after = *current;
    after.claimedInSchedule = claimedInSchedule;
    after.recoveredPence = recoveredPence;
    if (auto stored = store(*current, after, QStringLiteral("therapy.recovery")); !stored) {
        return stored.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

Result<TherapyRequest> TherapyService::writeOff(qint64 requestId, qint64 amountPence, const QString& reason,
                                                int expectedVersion)
{
    auto seen = requireRequest(requestId);
    if (!seen) {
        return seen.error();
    }
    if (!m_cases.isSupervisor()) {
        return refuse(QStringLiteral("write off therapy costs"), QString::number(requestId),
                      QStringLiteral("Only a supervisor can write off therapy costs."));
    }
    if (amountPence <= 0) {
        return invalid(QStringLiteral("Enter the amount to write off."));
    }
    if (reason.trimmed().isEmpty()) {
        return invalid(QStringLiteral("Say why the amount is written off."));
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    auto current = lockFor(requestId, expectedVersion);
    if (!current) {
        return current.error();
    }
    const qint64 open = current->paidPence - current->recoveredPence - current->writtenOffPence;
    if (amountPence > open) {
        return invalid(QStringLiteral("Only %1 of what was paid is not yet recovered or written off.").arg(gbp(open)));
    }
    TherapyRequest after = *current;
    after.writtenOffPence = current->writtenOffPence + amountPence;
    after.writeOffReason = current->writeOffReason.isEmpty()
        ? reason.trimmed()
        : current->writeOffReason + QStringLiteral("; ") + reason.trimmed();
    if (auto stored = store(*current, after, QStringLiteral("therapy.write-off"),
                            {{QStringLiteral("amountPence"), amountPence}, {QStringLiteral("reason"), reason.trimmed()}});
        !stored) {
        return stored.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return fetch(requestId);
}

// --- The fund -----------------------------------------------------------------------------------------------

int TherapyService::yearStartMonth()
{
    auto value = m_vault.setting(kYearStartKey);
    if (!value || value->isEmpty()) {
        return 4;
    }
    const int month = value->toInt();
    return month >= 1 && month <= 12 ? month : 4;
}

Result<void> TherapyService::setYearStartMonth(int month)
{
    if (auto admin = m_vault.requireAdmin(QStringLiteral("set the therapy fund's year start")); !admin) {
        return admin;
    }
    if (month < 1 || month > 12) {
        return invalid(QStringLiteral("A month is between 1 (January) and 12 (December)."));
    }
    return m_vault.setSetting(kYearStartKey, QString::number(month));
}

int TherapyService::currentFundYear()
{
    return fundYearOf(today(), yearStartMonth());
}

Result<FundBudget> TherapyService::allocation(int year)
{
    const int startMonth = yearStartMonth();
    FundBudget b;
    b.year = year;
    b.startsOn = fundYearStart(year, startMonth);
    b.endsOn = fundYearEnd(year, startMonth);
    auto alloc = m_vault.connection().prepare("SELECT allocated_pence, set_by, set_at FROM therapy_budgets WHERE fund_year = ?1");
    if (!alloc) {
        return alloc.error();
    }
    alloc->bind(1, year);
    auto row = alloc->step();
    if (!row) {
        return row.error();
    }
    if (*row) {
        b.allocatedPence = alloc->int64(0);
        b.setBy = alloc->text(1);
        b.setAtUtc = utcFrom(alloc->text(2));
    }
    alloc->reset();
    b.remainingPence = b.allocatedPence;
    return b;
}

Result<FundBudget> TherapyService::computeBudget(int year)
{
    auto framed = allocation(year);
    if (!framed) {
        return framed.error();
    }
    FundBudget b = *framed;
    sql::Connection& db = m_vault.connection();
    auto reqs = db.prepare(
        "SELECT r.status, r.sessions_approved, r.cost_per_session_pence, r.fees_pence, r.vat, "
        "(SELECT COALESCE(SUM(y.amount_pence), 0) FROM therapy_payments y WHERE y.request_id = r.id) "
        "FROM therapy_requests r WHERE r.fund_year = ?1");
    if (!reqs) {
        return reqs.error();
    }
    reqs->bind(1, year);
    while (true) {
        auto next = reqs->step();
        if (!next) {
            return next.error();
        }
        if (!*next) {
            break;
        }
        TherapyRequest r;
        r.status = statusFromId(reqs->text(0)).value_or(RequestStatus::Draft);
        r.sessionsApproved = static_cast<int>(reqs->int64(1));
        r.costPerSessionPence = reqs->int64(2);
        r.feesPence = reqs->int64(3);
        r.vat = reqs->int64(4) != 0;
        r.paidPence = reqs->int64(5);
        b.committedPence += r.committedPence();
        b.paidPence += r.paidPence;
    }
    b.remainingPence = b.allocatedPence - b.committedPence - b.paidPence;
    return b;
}

Result<FundBudget> TherapyService::budget(int year)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.canSeeCaseContent()) {
        return refuse(QStringLiteral("read the therapy fund's budget"), QString::number(year),
                      QStringLiteral("The therapy fund is for fee earners and supervisors."));
    }
    if (year < 1990 || year > 2200) {
        return invalid(QStringLiteral("%1 is not a fund year ClaimDesk knows.").arg(year));
    }
    return computeBudget(year);
}

Result<FundBudget> TherapyService::setAllocation(int year, qint64 allocatedPence, const QString& note)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.isSupervisor()) {
        return refuse(QStringLiteral("set the therapy fund's allocation"), QString::number(year),
                      QStringLiteral("Only a supervisor can set the therapy fund's allocation."));
    }
    if (year < 1990 || year > 2200) {
        return invalid(QStringLiteral("%1 is not a fund year ClaimDesk knows.").arg(year));
    }
    if (allocatedPence < 0 || allocatedPence > 100000000000LL) {
        return invalid(QStringLiteral("The allocation must be between £0 and £1,000,000,000."));
    }
    sql::Connection& db = m_vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto before = computeBudget(year);
    if (!before) {
        return before.error();
    }
    auto write = db.prepare("INSERT OR REPLACE INTO therapy_budgets (fund_year, allocated_pence, note, set_by, set_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!write) {
        return write.error();
    }
    write->bind(1, year)
        .bind(2, allocatedPence)
        .bind(3, notNull(note.trimmed()))
        .bind(4, m_vault.currentUser().username)
        .bind(5, isoUtc(m_vault.now()));
    if (auto ran = write->run(); !ran) {
        return ran.error();
    }
    if (auto logged = m_vault.audit(QStringLiteral("therapy.budget.set"), QStringLiteral("therapy-fund"),
                                    QString::number(year),
                                    {{QStringLiteral("oldAllocatedPence"), before->allocatedPence},
                                     {QStringLiteral("newAllocatedPence"), allocatedPence},
                                     {QStringLiteral("note"), note.trimmed()}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return computeBudget(year);
}

namespace {
// Whether the signed-in user may open the case: the same rule as CaseService (restricted cases are open only to
// their fee earner, supervisor and the users they name).
constexpr const char* kMayOpen =
    "(c.restricted = 0 OR c.fee_earner = ?9 OR c.supervisor = ?9 OR "
    "EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.username = ?9))";
const QString kRestricted = QStringLiteral("(restricted)");
}  // namespace

Result<FundReport> TherapyService::report(int year)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.isSupervisor()) {
        return refuse(QStringLiteral("read the therapy fund report"), QString::number(year),
                      QStringLiteral("The therapy fund report is for supervisors."));
    }
    if (year < 1990 || year > 2200) {
        return invalid(QStringLiteral("%1 is not a fund year ClaimDesk knows.").arg(year));
    }
    // The budget is summed from the same rows the report lists (one read: the two always agree).
    auto framed = allocation(year);
    if (!framed) {
        return framed.error();
    }
    FundReport report;
    report.budget = *framed;
    // kRequestColumns ends in the FROM clause: put the visibility column before it.
    QByteArray columns(kRequestColumns);
    const int from = columns.indexOf("FROM therapy_requests");
    QByteArray query = "SELECT " + columns.left(from).trimmed() + ", " + kMayOpen + " " + columns.mid(from)
        + "WHERE r.fund_year = ?1 ORDER BY c.reference, r.id";
    auto stmt = m_vault.connection().prepare(query.constData());
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, year).bind(9, m_vault.currentUser().username);
    report.totals.caseReference = QStringLiteral("Total");
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        const TherapyRequest r = requestFrom(*stmt);
        const bool visible = stmt->int64(stmt->columnCount() - 1) != 0;
        ReportRow line;
        line.requestId = r.id;
        line.caseReference = r.caseReference;
        line.provider = visible ? r.providerName : kRestricted;
        line.status = r.status;
        line.approvedSessions = r.sessionsApproved;
        // A request rejected, or closed with nothing invoiced (withdrawn), released its cap: 0, so the column's
        // total is what the fund still stands behind or has spent.
        const bool released = r.status == RequestStatus::Rejected
            || (r.status == RequestStatus::Closed && r.invoicedPence == 0 && r.paidPence == 0);
        line.capPence = released ? 0 : r.capPence();
        line.invoicedPence = r.invoicedPence;
        line.paidPence = r.paidPence;
        line.recoveredPence = r.recoveredPence;
        line.writtenOffPence = r.writtenOffPence;
        report.totals.approvedSessions += line.approvedSessions;
        report.totals.capPence += line.capPence;
        report.totals.invoicedPence += line.invoicedPence;
        report.totals.paidPence += line.paidPence;
        report.totals.recoveredPence += line.recoveredPence;
        report.totals.writtenOffPence += line.writtenOffPence;
        report.budget.committedPence += r.committedPence();
        report.budget.paidPence += r.paidPence;
        report.requests.push_back(line);
    }
    report.budget.remainingPence = report.budget.allocatedPence - report.budget.committedPence - report.budget.paidPence;
    return report;
}

Result<FundQueues> TherapyService::queues()
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    // Accounts get the payment side only: the invoices awaiting payment (the request queues are left empty).
    const bool paymentsOnly = m_vault.currentUser().role == Role::Accounts;
    if (!m_cases.isSupervisor() && !paymentsOnly) {
        return refuse(QStringLiteral("read the therapy fund queues"), QString(),
                      QStringLiteral("The therapy fund's queues are for supervisors, and its invoices awaiting payment "
                                     "for accounts."));
    }
    FundQueues q;
    QByteArray columns(kRequestColumns);
    const int from = columns.indexOf("FROM therapy_requests");
    const QByteArray query = "SELECT " + columns.left(from).trimmed() + ", " + kMayOpen + " " + columns.mid(from)
        + "WHERE r.status IN ('awaiting-approval', 'extension-requested', 'review-due', 'in-therapy', "
          "'provider-instructed', 'approved-extension') ORDER BY r.updated_at, r.id";
    auto stmt = m_vault.connection().prepare(query.constData());
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(9, m_vault.currentUser().username);
    const QDate now = today();
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        TherapyRequest r = requestFrom(*stmt);
        if (stmt->int64(stmt->columnCount() - 1) == 0) {
            // A restricted case the user may not open: the reference, status and money only (ethical wall).
            TherapyRequest hidden;
            hidden.id = r.id;
            hidden.caseId = r.caseId;
            hidden.caseReference = r.caseReference;
            hidden.fundYear = r.fundYear;
            hidden.status = r.status;
            hidden.sessionsApproved = r.sessionsApproved;
            hidden.sessionsRequested = r.sessionsRequested;
            hidden.costPerSessionPence = r.costPerSessionPence;
            hidden.feesPence = r.feesPence;
            hidden.vat = r.vat;
            hidden.extensionSessions = r.extensionSessions;
            hidden.version = r.version;
            hidden.sessionsUsed = r.sessionsUsed;
            hidden.invoicedPence = r.invoicedPence;
            hidden.paidPence = r.paidPence;
            hidden.providerName = kRestricted;
            hidden.hidden = true;
            r = std::move(hidden);
        }
        if (r.status == RequestStatus::AwaitingApproval || r.status == RequestStatus::ExtensionRequested) {
            q.awaitingApproval.push_back(r);
        } else if (r.status == RequestStatus::ReviewDue || (r.reviewOn.isValid() && r.reviewOn < now)) {
            q.reviewsDue.push_back(r);
        }
    }
    auto invoices = invoicesWhere(
        m_vault.connection(),
        "WHERE NOT i.disputed AND i.amount_pence > "
        "(SELECT COALESCE(SUM(y.amount_pence), 0) FROM therapy_payments y WHERE y.invoice_id = i.id) "
        "ORDER BY i.received_on, i.id",
        0);
    if (!invoices) {
        return invoices.error();
    }
    q.awaitingPayment = std::move(*invoices);
    if (!q.awaitingPayment.empty()) {
        // Invoices of restricted cases the user may not open: reference only, like the report.
        const QByteArray hiddenSql =
            QByteArray("SELECT r.id FROM therapy_requests r JOIN cases c ON c.id = r.case_id WHERE NOT ") + kMayOpen;
        auto hidden = m_vault.connection().prepare(hiddenSql.constData());
        if (!hidden) {
            return hidden.error();
        }
        hidden->bind(9, m_vault.currentUser().username);
        QSet<qint64> masked;
        while (true) {
            auto row = hidden->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            masked.insert(hidden->int64(0));
        }
        for (Invoice& v : q.awaitingPayment) {
            if (masked.contains(v.requestId)) {
                v.providerName = kRestricted;
            }
        }
    }
    std::stable_sort(q.awaitingPayment.begin(), q.awaitingPayment.end(),
                     [](const Invoice& a, const Invoice& b) { return a.dueOn < b.dueOn; });
    if (paymentsOnly) {
        q.awaitingApproval.clear();
        q.reviewsDue.clear();
    }
    return q;
}

Result<void> TherapyService::requirePayer(qint64 requestId)
{
    if (m_vault.currentUser().role != Role::Accounts) {
        if (auto request = requireRequest(requestId); !request) {  // the case may be opened (audited)
            return request.error();
        }
        return {};
    }
    // Accounts: the invoice's case is not opened; a restricted case's invoices are theirs to pay only if they are
    // named on it (the same rule as the queue, which shows those invoices as "(restricted)").
    const QByteArray sqlText = QByteArray("SELECT c.reference, ") + kMayOpen
        + " FROM therapy_requests r JOIN cases c ON c.id = r.case_id WHERE r.id = ?1";
    auto stmt = m_vault.connection().prepare(sqlText.constData());
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, requestId).bind(9, m_vault.currentUser().username);
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("That therapy request no longer exists."));
    }
    const QString reference = stmt->text(0);
    const bool mayOpen = stmt->int64(1) != 0;
    stmt->reset();
    if (!mayOpen) {
        return refuse(QStringLiteral("pay an invoice of a restricted case"), QString::number(requestId),
                      QStringLiteral("%1 is a restricted case: its invoices are paid by its supervisor, or by accounts "
                                     "once named on the case.")
                          .arg(reference));
    }
    return {};
}

Result<CaseStatement> TherapyService::statement(qint64 caseId)
{
    auto all = requests(caseId);
    if (!all) {
        return all.error();
    }
    auto record = requireCase(caseId);
    if (!record) {
        return record.error();
    }
    CaseStatement s;
    s.caseReference = record->reference;
    s.requests = *all;
    for (const TherapyRequest& r : *all) {
        s.recoveredPence += r.recoveredPence;
        s.writtenOffPence += r.writtenOffPence;
        auto invs = invoicesWhere(m_vault.connection(), "WHERE i.request_id = ?1 ORDER BY i.invoice_date, i.id", r.id);
        if (!invs) {
            return invs.error();
        }
        std::map<qint64, QString> numbers;
        for (const Invoice& v : *invs) {
            numbers[v.id] = v.number;
            StatementLine line;
            line.date = v.invoiceDate;
            QString period;
            if (v.periodFrom.isValid() && v.periodTo.isValid()) {
                period = QStringLiteral(", %1 to %2").arg(deadlines::ukShortDate(v.periodFrom), deadlines::ukShortDate(v.periodTo));
            }
            const QString sessionsText = v.sessionsCovered == 1 ? QStringLiteral("1 session")
                                                                : QStringLiteral("%1 sessions").arg(v.sessionsCovered);
            line.description = QStringLiteral("%1 invoice %2 (%3, %4%5)%6")
                                   .arg(v.providerName, v.number, modalityLabel(r.modality), sessionsText, period,
                                        v.disputed ? QStringLiteral(" — disputed") : QString());
            line.invoicedPence = v.amountPence;
            s.invoicedPence += v.amountPence;
            s.lines.push_back(line);
        }
        auto pays = payments(r.id);
        if (!pays) {
            return pays.error();
        }
        for (const Payment& p : *pays) {
            StatementLine line;
            line.date = p.paidOn;
            line.description = QStringLiteral("Paid to %1 against invoice %2%3")
                                   .arg(r.providerName, numbers[p.invoiceId],
                                        p.method.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(p.method));
            line.paidPence = p.amountPence;
            s.paidPence += p.amountPence;
            s.lines.push_back(line);
        }
    }
    std::stable_sort(s.lines.begin(), s.lines.end(),
                     [](const StatementLine& a, const StatementLine& b) { return a.date < b.date; });
    s.outstandingPence = s.paidPence - s.recoveredPence - s.writtenOffPence;
    return s;
}

Result<void> TherapyService::recordExport(Document document, const QString& subject, const QString& format,
                                          const QString& destination, int rows)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready;
    }
    QString entity;
    QString action;
    if (document == Document::FundReport) {
        if (!m_cases.isSupervisor()) {
            return refuse(QStringLiteral("export the therapy fund report"), subject,
                          QStringLiteral("The therapy fund report is for supervisors."));
        }
        entity = QStringLiteral("therapy-fund");
        action = QStringLiteral("therapy.report.export");
    } else {
        auto found = m_vault.connection().prepare("SELECT id FROM cases WHERE reference = ?1");
        if (!found) {
            return found.error();
        }
        found->bind(1, subject);
        auto row = found->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return makeError(ErrorCode::NotFound, QStringLiteral("There is no case %1.").arg(subject));
        }
        const qint64 caseId = found->int64(0);
        found->reset();
        if (auto c = requireCase(caseId); !c) {
            return c.error();
        }
        entity = QStringLiteral("case");
        action = QStringLiteral("therapy.statement.export");
    }
    QJsonObject summary {{QStringLiteral("format"), format}};
    if (!destination.isEmpty()) {
        summary.insert(QStringLiteral("file"), destination);
    }
    if (rows >= 0) {
        summary.insert(QStringLiteral("rows"), rows);
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    if (auto logged = m_vault.audit(action, entity, subject, summary); !logged) {
        return logged;
    }
    return tx->commit();
}

Result<qint64> TherapyService::authorityLimit(const QString& username)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    return limitOf(username.trimmed().toLower());
}

Result<void> TherapyService::setAuthorityLimit(const QString& username, qint64 pence)
{
    if (auto admin = m_vault.requireAdmin(QStringLiteral("set a therapy approval limit")); !admin) {
        return admin;
    }
    if (pence < 0 || pence > 100000000000LL) {
        return invalid(QStringLiteral("An approval limit is between £0 and £1,000,000,000."));
    }
    const QString user = username.trimmed().toLower();
    auto users = m_vault.users();
    if (!users) {
        return users.error();
    }
    const bool known = std::any_of(users->begin(), users->end(), [&](const User& u) { return u.username == user; });
    if (!known) {
        return makeError(ErrorCode::NotFound, QStringLiteral("There is no user called %1.").arg(user));
    }
    auto before = limitOf(user);
    if (!before) {
        return before.error();
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    if (auto set = m_vault.setSetting(kAuthorityKey + user, QString::number(pence)); !set) {
        return set;
    }
    if (auto logged = m_vault.audit(QStringLiteral("therapy.authority.set"), QStringLiteral("user"), user,
                                    {{QStringLiteral("oldPence"), *before}, {QStringLiteral("newPence"), pence}});
        !logged) {
        return logged.error();
    }
    return tx->commit();
}

QString fundReportCsv(const FundReport& report)
{
    const auto cells = [](const ReportRow& r, const QString& status) {
        return QStringList {r.caseReference,
                            r.provider,
                            status,
                            QString::number(r.approvedSessions),
                            QString::number(r.capPence),
                            QString::number(r.invoicedPence),
                            QString::number(r.paidPence),
                            QString::number(r.recoveredPence),
                            QString::number(r.writtenOffPence)};
    };
    QString text = Csv::formatSafeRecord({QStringLiteral("caseReference"), QStringLiteral("provider"),
                                          QStringLiteral("status"), QStringLiteral("approvedSessions"),
                                          QStringLiteral("cap"), QStringLiteral("invoiced"), QStringLiteral("paid"),
                                          QStringLiteral("recovered"), QStringLiteral("writtenOff")});
    for (const ReportRow& r : report.requests) {
        text += Csv::formatSafeRecord(cells(r, statusId(r.status)));
    }
    ReportRow totals = report.totals;
    totals.caseReference = QStringLiteral("Total");
    totals.provider.clear();
    text += Csv::formatSafeRecord(cells(totals, QString()));
    return text;
}

}  // namespace claimdesk::core::therapy
