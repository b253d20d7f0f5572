#include "AuditCommands.h"

#include "CliExit.h"

#include "audit/AuditService.h"
#include "store/Vault.h"

#include <QDate>
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

QString lineOf(const QStringList& cells)
{
    // Fixed widths (never cut: a long value just pushes the rest along), so pages line up without buffering.
    static const int widths[] = {8, 21, 17, 32, 18, 16};
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        line += i < static_cast<qsizetype>(std::size(widths))
            ? cells.at(i).leftJustified(widths[i] - 1) + QLatin1Char(' ')
            : cells.at(i);
    }
    while (line.endsWith(QLatin1Char(' '))) {
        line.chop(1);
    }
    return line;
}

}  // namespace

QString auditDateProblem(const QString& option, const QString& text)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!shape.match(text).hasMatch() || !QDate::fromString(text, Qt::ISODate).isValid()) {
        return QStringLiteral("--%1 takes a date written YYYY-MM-DD (a day in this computer's time zone), not '%2'.")
            .arg(option, text);
    }
    return {};
}

QString chainStatus(const core::AuditChainReport& report)
{
    return report.intact ? QStringLiteral("hash chain intact")
                         : QStringLiteral("hash chain broken at entry %1").arg(report.firstBrokenId);
}

QJsonObject auditEntryJson(const core::AuditEntry& e)
{
    QJsonObject o {
        {QStringLiteral("id"), e.id},           {QStringLiteral("at"), e.atUtc.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("user"), e.username},   {QStringLiteral("action"), e.action},
        {QStringLiteral("entity"), e.entity},   {QStringLiteral("entityId"), e.entityId},
        {QStringLiteral("summary"), e.summary}, {QStringLiteral("hash"), e.hash}};
    if (const QString state = core::AuditService::detailsState(e); !state.isEmpty()) {
        o.insert(QStringLiteral("details"), state);
    }
    return o;
}

QString auditHeaderLine()
{
    return lineOf({QStringLiteral("ENTRY"), QStringLiteral("TIME (LOCAL)"), QStringLiteral("USER"),
                   QStringLiteral("ACTION"), QStringLiteral("ENTITY"), QStringLiteral("ID"),
                   QStringLiteral("SUMMARY")});
}

QString auditEntryLine(const core::AuditEntry& e)
{
    return lineOf({QStringLiteral("#%1").arg(e.id),
                   e.atUtc.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm:ss")), e.username, e.action,
                   e.entity, e.entityId.isEmpty() ? QStringLiteral("-") : e.entityId,
                   core::AuditService::detailsLine(e, 100)});
}

int runAuditList(core::Vault& vault, const AuditListRequest& request, QTextStream& out, QTextStream& err)
{
    core::AuditService audit(vault);
    qint64 beforeId = 0;
    int printed = 0;
    bool more = false;
    bool first = true;
    while (printed < request.limit) {
        const int pageSize = std::min(request.limit - printed, core::AuditLog::kMaxPageSize);
        auto page = audit.query(request.filter, beforeId, pageSize);
        if (!page) {
            if (!first) {
                out.flush();
            }
            return fail(err, page.error());
        }
        if (first) {
            out << (request.json ? QStringLiteral("[") : auditHeaderLine());
        }
        for (const core::AuditEntry& e : page->entries) {
            if (request.json) {
                out << (printed == 0 ? "\n  " : ",\n  ")
                    << QString::fromUtf8(QJsonDocument(auditEntryJson(e)).toJson(QJsonDocument::Compact));
            } else {
                out << '\n' << auditEntryLine(e);
            }
            ++printed;
        }
        first = false;
        more = page->more;
        if (!page->more || page->entries.empty()) {
            break;
        }
        beforeId = page->entries.back().id;
    }
    out << (request.json ? (printed == 0 ? "]\n" : "\n]\n") : "\n");
    out.flush();
    if (more) {
        err << QStringLiteral("Showed the newest %1 matching entries; older ones match too (use --limit N or --until).")
                   .arg(printed)
            << Qt::endl;
    }
    return toInt(ExitStatus::Success);
}

int runAuditVerify(core::Vault& vault, const QString& vaultPath, QTextStream& out, QTextStream& err)
{
    core::AuditService audit(vault);
    auto report = audit.verifyChain();
    if (!report) {
        return fail(err, report.error());
    }
    out << QStringLiteral("Audit log of %1: %2 entries checked, %3.")
               .arg(vaultPath)
               .arg(report->entries)
               .arg(chainStatus(*report))
        << '\n';
    if (!report->intact) {
        out << QStringLiteral("First broken link: entry %1: %2").arg(report->firstBrokenId).arg(report->problem)
            << '\n';
    }
    out.flush();
    if (!report->intact) {
        return fail(err,
                    core::makeError(core::ErrorCode::Corrupted,
                                    QStringLiteral("The audit log was changed after it was written (see above). "
                                                   "Stop using this vault, keep it as evidence, and restore your "
                                                   "latest backup.")));
    }
    return toInt(ExitStatus::Success);
}

}  // namespace claimdesk::cli
