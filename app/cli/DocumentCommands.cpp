#include "DocumentCommands.h"

#include "CliExit.h"

#include "cases/CaseService.h"
#include "common/NewFile.h"
#include "deadlines/DeadlineService.h"
#include "reports/CaseDocuments.h"
#include "reports/FirmReports.h"
#include "reports/OutputAudit.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include "render/DocumentPainter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

namespace claimdesk::cli {

namespace {

using core::ErrorCode;
using core::makeError;
namespace reports = core::reports;

constexpr QLatin1String kProgram("claimdesk-cli");

int fail(QTextStream& err, const core::Error& error)
{
    err << kProgram << ": " << error.message << Qt::endl;
    return toInt(exitStatusFor(error.code));
}

// The services one command needs, over the signed-in vault.
struct Services {
    explicit Services(core::Vault& vault)
        : cases(vault), deadlines(vault, cases), therapy(vault, cases, deadlines),
          documents(vault, cases, deadlines, therapy)
    {
    }
    core::CaseService cases;
    core::deadlines::DeadlineService deadlines;
    core::therapy::TherapyService therapy;
    reports::CaseDocuments documents;
};

core::Result<qint64> caseIdOf(core::CaseService& cases, const QString& reference)
{
    auto record = cases.loadByReference(reference.trimmed().toUpper());
    if (!record) {
        return record.error();
    }
    return record->id;
}

QString absolute(const QString& path)
{
    return QFileInfo(path).absoluteFilePath();
}

core::Result<void> refuseExisting(const QString& path)
{
    if (QFileInfo::exists(path)) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 already exists. Choose a new file name: ClaimDesk never overwrites a file.")
                             .arg(path));
    }
    return {};
}

}  // namespace

bool needsGuiApplication(const QString& command)
{
    return command == u"summary" || command == u"report" || command == u"sar";
}

int runSummary(core::Vault& vault, const SummaryCommand& command, QTextStream& out, QTextStream& err)
{
    if (auto free = refuseExisting(command.pdfPath); !free) {
        return fail(err, free.error());
    }
    Services s(vault);
    auto id = caseIdOf(s.cases, command.caseReference);
    if (!id) {
        return fail(err, id.error());
    }
    reports::SummaryRequest request;
    request.caseId = *id;
    request.profile = command.profile;
    request.overrideReason = command.overrideReason;
    request.asOf = vault.now().toLocalTime().date();
    auto document = s.documents.summary(request);
    if (!document) {
        return fail(err, document.error());
    }
    if (auto logged = reports::recordOutput(vault, s.documents.summaryRecord(request, *document, QStringLiteral("pdf"),
                                                                                 absolute(command.pdfPath)));
        !logged) {
        return fail(err, logged.error());
    }
    auto pages = render::writePdf(*document, command.pdfPath);
    if (!pages) {
        return fail(err, pages.error());
    }
    out << QStringLiteral("Wrote %1 (%2, %3 page%4). Recorded in the audit log.")
               .arg(command.pdfPath, reports::profileSpec(command.profile).name)
               .arg(*pages)
               .arg(*pages == 1 ? QString() : QStringLiteral("s"))
        << Qt::endl;
    return toInt(ExitStatus::Success);
}

int runReport(core::Vault& vault, const ReportCommand& command, QTextStream& out, QTextStream& err)
{
    const bool pdf = !command.pdfPath.isEmpty();
    const QString path = pdf ? command.pdfPath : command.csvPath;
    if (auto free = refuseExisting(path); !free) {
        return fail(err, free.error());
    }
    Services s(vault);
    reports::ReportRequest request;
    request.kind = *reports::reportKindFromId(command.kind);
    request.asOf = vault.now().toLocalTime().date();
    request.from = command.from;
    request.to = command.to;
    request.feeEarner = command.feeEarner.trimmed().toLower();
    reports::FirmReports builder(vault, s.cases, s.deadlines, s.therapy);
    auto document = builder.build(request);
    if (!document) {
        return fail(err, document.error());
    }
    const QString format = pdf ? QStringLiteral("pdf") : QStringLiteral("csv");
    if (auto logged = reports::recordOutput(vault, reports::outputRecordFor(request, *document, format, absolute(path)));
        !logged) {
        return fail(err, logged.error());
    }
    if (pdf) {
        auto pages = render::writePdf(*document, path);
        if (!pages) {
            return fail(err, pages.error());
        }
        out << QStringLiteral("Wrote %1 (%2, %3 page%4). Recorded in the audit log.")
                   .arg(path, document->title)
                   .arg(*pages)
                   .arg(*pages == 1 ? QString() : QStringLiteral("s"))
            << Qt::endl;
    } else {
        if (auto written = core::writeNewFile(path, reports::toCsv(*document)); !written) {
            return fail(err, written.error());
        }
        out << QStringLiteral("Wrote %1 (%2, CSV). Recorded in the audit log.").arg(path, document->title) << Qt::endl;
    }
    return toInt(ExitStatus::Success);
}

int runSar(core::Vault& vault, const SarCommand& command, QTextStream& out, QTextStream& err)
{
    Services s(vault);
    auto id = caseIdOf(s.cases, command.caseReference);
    if (!id) {
        return fail(err, id.error());
    }
    auto bundle = s.documents.subjectAccess(*id, vault.now().toLocalTime().date());
    if (!bundle) {
        return fail(err, bundle.error());
    }
    QDir dir(command.outDir);
    if (!dir.exists() && !QDir().mkpath(command.outDir)) {
        return fail(err, makeError(ErrorCode::IoError, QStringLiteral("The folder %1 could not be created. Check the "
                                                                      "path and that you may write there.")
                                                           .arg(command.outDir)));
    }
    const QString base = bundle->reference + QStringLiteral("-subject-access");
    const QString pdfPath = dir.filePath(base + QStringLiteral(".pdf"));
    const QString jsonPath = dir.filePath(base + QStringLiteral(".json"));
    for (const QString& p : {pdfPath, jsonPath}) {
        if (auto free = refuseExisting(p); !free) {
            return fail(err, free.error());
        }
    }
    if (auto logged = reports::recordOutput(vault, s.documents.sarRecord(*bundle, QStringLiteral("pdf+json"),
                                                                         absolute(dir.path())));
        !logged) {
        return fail(err, logged.error());
    }
    auto pages = render::writePdf(bundle->document, pdfPath);
    if (!pages) {
        return fail(err, pages.error());
    }
    if (auto written = core::writeNewFile(jsonPath, QJsonDocument(bundle->json).toJson(QJsonDocument::Indented));
        !written) {
        QFile::remove(pdfPath);
        return fail(err, written.error());
    }
    out << QStringLiteral("Wrote %1 (%2 pages) and %3; %4 withheld item%5 listed with the reason. Recorded in the audit "
                          "log.")
               .arg(pdfPath)
               .arg(*pages)
               .arg(jsonPath)
               .arg(bundle->withheldItems)
               .arg(bundle->withheldItems == 1 ? QString() : QStringLiteral("s"))
        << Qt::endl;
    return toInt(ExitStatus::Success);
}

}  // namespace claimdesk::cli
