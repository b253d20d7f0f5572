#include "RetentionCommands.h"

#include "CliExit.h"

#include "cases/CaseService.h"
#include "common/NewFile.h"
#include "deadlines/DateRules.h"
#include "reports/OutputAudit.h"
#include "retention/RetentionService.h"
#include "store/Vault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>

namespace claimdesk::cli {

namespace {

constexpr QLatin1String kProgram("claimdesk-cli");

int fail(QTextStream& err, const core::Error& error)
{
    err << kProgram << ": " << error.message << Qt::endl;
    return toInt(exitStatusFor(error.code));
}

QJsonValue dateJson(const QDate& date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue();
}

QJsonValue timeJson(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString ukDate(const QDate& date)
{
    return date.isValid() ? core::deadlines::ukShortDate(date) : QStringLiteral("-");
}

QString statusText(const core::RetentionRow& row, const QDate& asOf)
{
    if (row.decision.isManual()) {
        return QStringLiteral("manual review (%1)").arg(row.decision.manualReasons.join(QStringLiteral(", ")));
    }
    if (row.decision.basis == core::ReviewBasis::NotClosed) {
        return QStringLiteral("not closed");
    }
    if (row.due) {
        return QStringLiteral("due");
    }
    return QStringLiteral("due in %1 days").arg(asOf.daysTo(row.decision.reviewOn));
}

// Left-aligned columns two spaces apart; the first row is the header.
QString formatTable(const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QStringList& row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) {
                widths.append(0);
            }
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    QString text;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        }
        while (line.endsWith(QLatin1Char(' '))) {
            line.chop(1);
        }
        text += line + QLatin1Char('\n');
    }
    return text;
}

}  // namespace

QString retentionWithinProblem(const QString& text)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    if (!digits.match(text).hasMatch() || text.toInt() > kRetentionMaxWithinDays) {
        return QStringLiteral("--within takes a number of days from 0 to %1, not \"%2\".")
            .arg(kRetentionMaxWithinDays)
            .arg(text);
    }
    return {};
}

QJsonObject retentionRowJson(const core::RetentionRow& row)
{
    return QJsonObject {
        {QStringLiteral("reference"), row.reference},
        {QStringLiteral("closedOn"), dateJson(row.closedOn)},
        {QStringLiteral("reviewOn"), dateJson(row.decision.reviewOn)},
        {QStringLiteral("basis"), core::reviewBasisId(row.decision.basis)},
        {QStringLiteral("due"), row.due},
        {QStringLiteral("manualReasons"), QJsonArray::fromStringList(row.decision.manualReasons)},
        {QStringLiteral("listFrom"), dateJson(row.decision.listFrom)},
        {QStringLiteral("onHold"), row.onHold},
        {QStringLiteral("holdReason"), row.onHold && !row.restricted ? QJsonValue(row.holdReason) : QJsonValue()},
        {QStringLiteral("holdBy"), row.onHold ? QJsonValue(row.holdBy) : QJsonValue()},
        {QStringLiteral("holdAt"), timeJson(row.holdAtUtc)},
        {QStringLiteral("erasureRequested"), row.erasureRequested},
        {QStringLiteral("requestedBy"), row.erasureRequested ? QJsonValue(row.requestedBy) : QJsonValue()},
        {QStringLiteral("requestedAt"), timeJson(row.requestedAtUtc)},
        {QStringLiteral("approvableFrom"), timeJson(row.approvableFromUtc)},
        {QStringLiteral("restricted"), row.restricted}};
}

int runRetentionReport(core::Vault& vault, int withinDays, bool json, QTextStream& out, QTextStream& err)
{
    core::CaseService cases(vault);
    core::RetentionService retention(vault, cases);
    const QDate asOf = vault.now().toLocalTime().date();
    auto rows = retention.due(asOf, withinDays);
    if (!rows) {
        return fail(err, rows.error());
    }
    core::reports::OutputRecord record;
    record.action = QStringLiteral("report.output");
    record.entity = QStringLiteral("report");
    record.entityId = QStringLiteral("retention");
    record.profile = QStringLiteral("within %1 days").arg(withinDays);
    record.format = json ? QStringLiteral("json") : QStringLiteral("text");
    record.rows = static_cast<int>(rows->size());
    if (auto recorded = core::reports::recordOutput(vault, record); !recorded) {
        return fail(err, recorded.error());
    }
    if (json) {
        QJsonArray array;
        for (const core::RetentionRow& r : *rows) {
            array.append(retentionRowJson(r));
        }
        out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        out.flush();
        return toInt(ExitStatus::Success);
    }
    const core::RetentionPolicy policy = retention.policy();
    out << QStringLiteral("Retention review as of %1, due by %2 (closure + %3 years, or 18th birthday + %4 years if "
                          "later).\n")
               .arg(ukDate(asOf), ukDate(asOf.addDays(withinDays)))
               .arg(policy.yearsAfterClosure)
               .arg(policy.yearsAfterEighteenth);
    if (rows->empty()) {
        out << QStringLiteral("Nothing is due for review.") << Qt::endl;
        return toInt(ExitStatus::Success);
    }
    QList<QStringList> table {{QStringLiteral("REFERENCE"), QStringLiteral("CLOSED"), QStringLiteral("REVIEW"),
                               QStringLiteral("STATUS"), QStringLiteral("LEGAL HOLD"), QStringLiteral("ERASURE")}};
    for (const core::RetentionRow& r : *rows) {
        const QString hold = !r.onHold ? QStringLiteral("-")
            : r.restricted             ? QStringLiteral("yes (restricted)")
                                       : QStringLiteral("yes: %1 (%2)").arg(r.holdReason, r.holdBy);
        const QString erasure = !r.erasureRequested
            ? QStringLiteral("-")
            : QStringLiteral("asked by %1, approvable from %2")
                  .arg(r.requestedBy, core::reports::ukDateTime(r.approvableFromUtc));
        table.append(
            {r.reference, ukDate(r.closedOn), ukDate(r.decision.reviewOn), statusText(r, asOf), hold, erasure});
    }
    out << formatTable(table);
    out.flush();
    return toInt(ExitStatus::Success);
}

int runRetentionAction(core::Vault& vault, RetentionAction action, const QString& reference, const QString& reason,
                       QTextStream& out, QTextStream& err)
{
    core::CaseService cases(vault);
    core::RetentionService retention(vault, cases);
    const QString ref = reference.trimmed().toUpper();
    switch (action) {
    case RetentionAction::Hold:
        if (auto done = retention.placeHold(ref, reason); !done) {
            return fail(err, done.error());
        }
        out << QStringLiteral("%1 is on legal hold: it cannot be erased until a supervisor lifts the hold.").arg(ref)
            << Qt::endl;
        break;
    case RetentionAction::Release:
        if (auto done = retention.releaseHold(ref, reason); !done) {
            return fail(err, done.error());
        }
        out << QStringLiteral("Lifted the legal hold on %1.").arg(ref) << Qt::endl;
        break;
    case RetentionAction::Request: {
        if (auto done = retention.requestErasure(ref, reason); !done) {
            return fail(err, done.error());
        }
        const QDateTime from = vault.now().addSecs(core::kErasureWaitSeconds);
        out << QStringLiteral(
                   "Asked for %1 to be erased. Another supervisor can approve it from %2: %3 erasure approve "
                   "VAULT --user USER --case %1")
                   .arg(ref, core::reports::ukDateTime(from), kProgram)
            << Qt::endl;
        break;
    }
    case RetentionAction::Approve: {
        auto receipt = retention.approveErasure(ref);
        if (!receipt) {
            return fail(err, receipt.error());
        }
        if (!receipt->compacted) {
            return fail(err, core::makeError(core::ErrorCode::VaultBusy, receipt->compactProblem));
        }
        out << QStringLiteral("Erased %1 (%2 rows deleted with secure delete; the vault file was rewritten). A "
                              "tombstone with the reference, the dates and who asked and approved remains for conflict "
                              "checks.")
                   .arg(receipt->reference)
                   .arg(receipt->rowsDeleted)
            << Qt::endl;
        break;
    }
    }
    return toInt(ExitStatus::Success);
}

int runErasureRegister(core::Vault& vault, const QString& outPath, QTextStream& out, QTextStream& err)
{
    core::CaseService cases(vault);
    core::RetentionService retention(vault, cases);
    auto document = retention.erasureRegister();
    if (!document) {
        return fail(err, document.error());
    }
    if (auto written = core::writeNewFile(outPath, *document); !written) {
        return fail(err, written.error());
    }
    const auto count = QJsonDocument::fromJson(*document).object().value(QStringLiteral("erased")).toArray().size();
    const QString howMany = count == 1 ? QStringLiteral("1 erased case") : QStringLiteral("%1 erased cases").arg(count);
    out << QStringLiteral("Wrote the erasure register (%1, references and dates only) to %2. After "
                          "restoring a backup made before any of these erasures, run: %3 erasure reapply RESTORED "
                          "--user USER --input %2")
               .arg(howMany, outPath, kProgram)
        << Qt::endl;
    return toInt(ExitStatus::Success);
}

int runErasureReapply(core::Vault& vault, const QString& registerPath, QTextStream& out, QTextStream& err)
{
    QFile file(registerPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(err, core::makeError(core::ErrorCode::IoError, QStringLiteral("%1 could not be read: %2")
                                                                       .arg(registerPath, file.errorString())));
    }
    core::CaseService cases(vault);
    core::RetentionService retention(vault, cases);
    auto outcomes = retention.reapplyErasures(file.readAll());
    if (!outcomes) {
        return fail(err, outcomes.error());
    }
    int erased = 0;
    for (const core::ReappliedErasure& o : *outcomes) {
        switch (o.outcome) {
        case core::ReappliedErasure::Outcome::Erased:
            ++erased;
            out << QStringLiteral("%1: erased again here (it came back with the backup).").arg(o.reference) << Qt::endl;
            break;
        case core::ReappliedErasure::Outcome::AlreadyErased:
            out << QStringLiteral("%1: already erased in this vault.").arg(o.reference) << Qt::endl;
            break;
        case core::ReappliedErasure::Outcome::NotHere:
            out << QStringLiteral("%1: not in this vault.").arg(o.reference) << Qt::endl;
            break;
        }
    }
    if (erased == 0) {
        out << QStringLiteral("Nothing to erase here.") << Qt::endl;
    } else {
        out << (erased == 1 ? QStringLiteral("1 case erased") : QStringLiteral("%1 cases erased").arg(erased))
            << QStringLiteral("; the vault file was rewritten.") << Qt::endl;
    }
    return toInt(ExitStatus::Success);
}

}  // namespace claimdesk::cli
