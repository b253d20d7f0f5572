#include "TherapyCommands.h"

#include "CliExit.h"

#include "cases/CaseImport.h"
#include "deadlines/DateRules.h"
#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "store/Sqlite.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTextStream>

#include <algorithm>

namespace claimdesk::cli {

namespace {

using core::ErrorCode;
using core::makeError;
namespace therapy = core::therapy;

constexpr QLatin1String kProgram("claimdesk-cli");

int fail(QTextStream& err, const core::Error& error)
{
    err << kProgram << ": " << error.message << Qt::endl;
    return toInt(exitStatusFor(error.code));
}

QString formatName(TherapyReportFormat format)
{
    switch (format) {
    case TherapyReportFormat::Text: return QStringLiteral("text");
    case TherapyReportFormat::Json: return QStringLiteral("json");
    case TherapyReportFormat::Csv: return QStringLiteral("csv");
    }
    return {};
}

QJsonObject rowJson(const therapy::ReportRow& r)
{
    return QJsonObject {{QStringLiteral("caseReference"), r.caseReference},
                        {QStringLiteral("provider"), r.provider},
                        {QStringLiteral("status"), therapy::statusId(r.status)},
                        {QStringLiteral("approvedSessions"), r.approvedSessions},
                        {QStringLiteral("cap"), r.capPence},
                        {QStringLiteral("invoiced"), r.invoicedPence},
                        {QStringLiteral("paid"), r.paidPence},
                        {QStringLiteral("recovered"), r.recoveredPence},
                        {QStringLiteral("writtenOff"), r.writtenOffPence}};
}


// Columns two spaces apart; text left-aligned, numbers (the columns in `rightAligned`) right-aligned.
QString alignedTable(const QList<QStringList>& rows, const QList<int>& rightAligned)
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
            const bool right = rightAligned.contains(static_cast<int>(i));
            line += right ? row[i].rightJustified(widths[i]) : row[i].leftJustified(widths[i]);
            if (i + 1 < row.size()) {
                line += QStringLiteral("  ");
            }
        }
        while (line.endsWith(QLatin1Char(' '))) {
            line.chop(1);
        }
        text += line + QLatin1Char('\n');
    }
    return text;
}

}  // namespace

QString therapyYearProblem(const QString& text)
{
    const bool fourDigits = text.size() == 4
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit() && c.unicode() < 128; });
    const int year = fourDigits ? text.toInt() : 0;
    if (!fourDigits || year < 1990 || year > 2200) {
        return QStringLiteral("--year takes the four-digit year the fund year starts in, such as 2026 for 2026/27 "
                              "('%1' is not one).")
            .arg(text);
    }
    return {};
}

QJsonObject therapyReportJson(const therapy::FundReport& report, int startMonth)
{
    const therapy::FundBudget& b = report.budget;
    QJsonArray requests;
    for (const therapy::ReportRow& r : report.requests) {
        requests.append(rowJson(r));
    }
    const therapy::ReportRow& t = report.totals;
    const QJsonObject totals {{QStringLiteral("requests"), static_cast<qint64>(report.requests.size())},
                              {QStringLiteral("approvedSessions"), t.approvedSessions},
                              {QStringLiteral("cap"), t.capPence},
                              {QStringLiteral("invoiced"), t.invoicedPence},
                              {QStringLiteral("paid"), t.paidPence},
                              {QStringLiteral("recovered"), t.recoveredPence},
                              {QStringLiteral("writtenOff"), t.writtenOffPence},
                              {QStringLiteral("committed"), b.committedPence}};
    return QJsonObject {{QStringLiteral("year"), b.year},
                        {QStringLiteral("yearLabel"), therapy::fundYearLabel(b.year, startMonth)},
                        {QStringLiteral("startsOn"), b.startsOn.toString(Qt::ISODate)},
                        {QStringLiteral("endsOn"), b.endsOn.toString(Qt::ISODate)},
                        {QStringLiteral("budget"),
                         QJsonObject {{QStringLiteral("allocated"), b.allocatedPence},
                                      {QStringLiteral("committed"), b.committedPence},
                                      {QStringLiteral("paid"), b.paidPence},
                                      {QStringLiteral("remaining"), b.remainingPence}}},
                        {QStringLiteral("requests"), requests},
                        {QStringLiteral("totals"), totals}};
}


QString therapyReportText(const therapy::FundReport& report, int startMonth)
{
    const therapy::FundBudget& b = report.budget;
    QString text = QStringLiteral("Therapy fund %1 (%2 to %3)\n\n")
                       .arg(therapy::fundYearLabel(b.year, startMonth), core::deadlines::ukShortDate(b.startsOn), core::deadlines::ukShortDate(b.endsOn));
    text += alignedTable({{QStringLiteral("Allocated:"), therapy::gbp(b.allocatedPence)},
                          {QStringLiteral("Committed:"), therapy::gbp(b.committedPence)},
                          {QStringLiteral("Paid:"), therapy::gbp(b.paidPence)},
                          {QStringLiteral("Remaining:"), therapy::gbp(b.remainingPence)}},
                         {1});
    text += QLatin1Char('\n');
    if (report.requests.empty()) {
        text += QStringLiteral("No therapy requests in this fund year.\n");
        return text;
    }
    QList<QStringList> rows {{QStringLiteral("CASE"), QStringLiteral("PROVIDER"), QStringLiteral("STATUS"),
                              QStringLiteral("SESSIONS"), QStringLiteral("CAP"), QStringLiteral("INVOICED"),
                              QStringLiteral("PAID"), QStringLiteral("RECOVERED"), QStringLiteral("WRITTEN OFF")}};
    const auto money = [](const therapy::ReportRow& r, const QString& status) {
        return QStringList {r.caseReference,
                            r.provider,
                            status,
                            QString::number(r.approvedSessions),
                            therapy::gbp(r.capPence),
                            therapy::gbp(r.invoicedPence),
                            therapy::gbp(r.paidPence),
                            therapy::gbp(r.recoveredPence),
                            therapy::gbp(r.writtenOffPence)};
    };
    for (const therapy::ReportRow& r : report.requests) {
        rows.append(money(r, therapy::statusLabel(r.status)));
    }
    therapy::ReportRow totals = report.totals;
    totals.provider.clear();
    rows.append(money(totals, QStringLiteral("%1 request(s)").arg(report.requests.size())));
    rows.last()[0] = QStringLiteral("TOTAL");
    text += alignedTable(rows, {3, 4, 5, 6, 7, 8});
    return text;
}

int runTherapyReport(core::Vault& vault, const TherapyReportRequest& request, QTextStream& out, QTextStream& err)
{
    core::CaseService cases(vault);
    core::deadlines::DeadlineService deadlines(vault, cases);
    therapy::TherapyService fund(vault, cases, deadlines);
    auto report = fund.report(request.year);
    if (!report) {
        return fail(err, report.error());
    }
    const int startMonth = report->budget.startsOn.isValid() ? report->budget.startsOn.month() : fund.yearStartMonth();

    // Every report that leaves the vault is in the audit log, written before it is shown (or in the same
    // transaction as the file), so nothing is printed or kept that was not recorded.
    auto tx = core::sql::Transaction::begin(vault.connection());
    if (!tx) {
        return fail(err, tx.error());
    }
    if (auto logged = fund.recordExport(
            core::therapy::TherapyService::Document::FundReport, QString::number(request.year),
            formatName(request.format),
            request.format == TherapyReportFormat::Csv ? QFileInfo(request.csvPath).absoluteFilePath() : QString(),
            static_cast<int>(report->requests.size()));
        !logged) {
        return fail(err, logged.error());
    }

    if (request.format != TherapyReportFormat::Csv) {
        if (auto committed = tx->commit(); !committed) {
            return fail(err, committed.error());
        }
        if (request.format == TherapyReportFormat::Json) {
            out << QString::fromUtf8(
                QJsonDocument(therapyReportJson(*report, startMonth)).toJson(QJsonDocument::Indented));
        } else {
            out << therapyReportText(*report, startMonth);
        }
        out.flush();
        return toInt(ExitStatus::Success);
    }

    const QString& path = request.csvPath;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (QFileInfo::exists(path)) {
            return fail(err,
                        makeError(ErrorCode::AlreadyExists,
                                  QStringLiteral("%1 already exists. Choose a new file name: an export never "
                                                 "overwrites a file.")
                                      .arg(path)));
        }
        return fail(
            err,
            makeError(ErrorCode::IoError, QStringLiteral("%1 could not be created: %2").arg(path, file.errorString())));
    }
    const QByteArray bytes = core::Csv::utf8WithBom(therapy::fundReportCsv(*report));
    const bool written = file.write(bytes) == bytes.size() && file.flush();
    file.close();
    if (!written || file.error() != QFileDevice::NoError) {
        file.remove();
        return fail(err,
                    makeError(ErrorCode::IoError,
                              QStringLiteral("Writing %1 failed (is the disk full?); the partial file was "
                                             "removed.")
                                  .arg(path)));
    }
    if (auto committed = tx->commit(); !committed) {
        file.remove();
        return fail(err, committed.error());
    }
    out << QStringLiteral("Wrote the therapy fund report for %1 to %2: %3 request(s) and a totals row, money in "
                          "pence.")
               .arg(therapy::fundYearLabel(request.year, startMonth), path)
               .arg(report->requests.size())
        << Qt::endl;
    return toInt(ExitStatus::Success);
}

}  // namespace claimdesk::cli
