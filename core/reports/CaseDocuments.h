#pragma once

#include "common/Result.h"
#include "reports/OutputAudit.h"
#include "reports/RedactionProfile.h"
#include "reports/ReportDocument.h"

#include <QDate>
#include <QJsonObject>
#include <QString>

// The documents about one case that leave the vault: the printed case summary in a redaction profile, and the
// subject access bundle for the client. Built as data here (permission checks, redaction, refusals audited);
// render/ paints them, the CSV and JSON writers take them as they are.
namespace claimdesk::core {
class CaseService;
class Vault;
namespace deadlines {
class DeadlineService;
}
namespace therapy {
class TherapyService;
struct CaseStatement;
}
}  // namespace claimdesk::core

namespace claimdesk::core::reports {

struct SummaryRequest {
    qint64 caseId = 0;
    Profile profile = Profile::Internal;
    QDate asOf;              // "today", from the vault clock
    QString overrideReason;  // a supervisor's reason to print a client copy the safe-contact rules refuse
    int latestNotes = 10;    // how many of the latest file notes to print
};

struct SarBundle {
    QString reference;
    Document document;  // the PDF for the client
    QJsonObject json;   // the machine-readable copy (format "claimdesk-subject-access", version 1)
    int withheldItems = 0;
};

class CaseDocuments {
public:
    CaseDocuments(Vault& vault, CaseService& cases, deadlines::DeadlineService& deadlines,
                  therapy::TherapyService& therapy);

    // Whether `request` may be printed: the case may be opened; a client copy for a client whose safe-contact
    // rules forbid post needs a supervisor's override reason. Refusals are audited (permission.denied). The UI
    // asks before it builds anything.
    Result<void> checkSummary(const SummaryRequest& request);
    // The summary, redacted for the profile. Revealing the account or sensitive notes for the Internal profile is
    // audited as a reveal, like on screen.
    Result<Document> summary(const SummaryRequest& request);
    // The audit record for a summary written or shown in `format` ("pdf", "print", "preview").
    OutputRecord summaryRecord(const SummaryRequest& request, const Document& document, const QString& format,
                               const QString& destination) const;

    // The subject access bundle for the case's client: every piece of personal data the vault holds about them
    // (client, cases, incidents, account, safeguarding answers, consent, therapy, conflict checks run on their
    // name, disclosures of their file), with privileged material (file notes, tasks, deadlines, events,
    // limitation sign-offs, safeguarding actions) listed as withheld. Supervisors only.
    Result<SarBundle> subjectAccess(qint64 caseId, const QDate& asOf);
    OutputRecord sarRecord(const SarBundle& bundle, const QString& format, const QString& destination) const;

private:
    Vault& m_vault;
    CaseService& m_cases;
    deadlines::DeadlineService& m_deadlines;
    therapy::TherapyService& m_therapy;
};

// The firm's name for the top of every page (vault setting "firm.name"; empty until an admin sets it).
QString firmName(Vault& vault);
// Admins only (refusals audited); 1 to 120 characters; audited with the old and new name.
Result<void> setFirmName(Vault& vault, const QString& name);
// "PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED"
QString privilegeMarking();

// The statement of therapy costs (TherapyService::statement) as a document: the therapy arranged, the dated invoices
// and payments, the totals; the case by its reference only. The caller fills firmName, printedBy and printedAtUtc.
Document therapyStatementDocument(const therapy::CaseStatement& statement);

}  // namespace claimdesk::core::reports
